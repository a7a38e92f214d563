"""Every tunable of the timelines in one object: how many entries, the date score and the sentence selection.

`TimelineOptions` is the `[timeline]` section of storyline.toml; its `dates` (`storyline.timeline.rank.DateWeights`)
and `select` (`storyline.timeline.select.SelectOptions`) are `[timeline.dates]` and `[timeline.select]`.
Changing any of them makes the stored timelines stale: they are built again with the new values
(`storyline.timeline.service.signature`).

>>> TimelineOptions().entries_for(50)
18
>>> TimelineOptions(min_entries=60)
Traceback (most recent call last):
...
storyline.errors.ConfigError: timeline.min_entries (60) must not exceed timeline.max_entries (50)
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from typing import ClassVar

from ..config import Bounds, check_options
from ..errors import ConfigError
from .rank import DateWeights
from .select import SelectOptions


@dataclass(slots=True, frozen=True)
class TimelineOptions:
    """How a story's timeline is built (the defaults were tuned on the Timeline17 development topics)."""

    # Entries of a timeline when no size is asked for: this many times the square root of the number of
    # articles, rounded, and kept between min_entries and max_entries (5 articles: 6 entries; 400: 50).
    entries_per_sqrt_article: float = 2.5
    min_entries: int = 4
    max_entries: int = 50
    sentences_per_date: int = 2  # sentences shown under each date
    dates: DateWeights = field(default_factory=DateWeights)  # which dates matter (storyline.timeline.rank)
    select: SelectOptions = field(default_factory=SelectOptions)  # which sentences say what happened then

    SECTION: ClassVar[str] = "timeline"
    BOUNDS: ClassVar[dict[str, Bounds]] = {"min_entries": (1, None), "max_entries": (1, None),
                                           "sentences_per_date": (1, None)}

    def __post_init__(self) -> None:
        check_options(self)
        if self.min_entries > self.max_entries:
            raise ConfigError(f"timeline.min_entries ({self.min_entries}) must not exceed timeline.max_entries "
                              f"({self.max_entries})")

    def entries_for(self, n_articles: int) -> int:
        """How many entries a collection of `n_articles` gets."""
        return max(self.min_entries, min(self.max_entries, round(self.entries_per_sqrt_article * math.sqrt(n_articles))))

    def key(self) -> str:
        """A short fingerprint of these values ("" for the defaults, so stored timelines stay current)."""
        if self == DEFAULT_TIMELINE:
            return ""
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:16]


DEFAULT_TIMELINE = TimelineOptions()
