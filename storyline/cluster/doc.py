"""An article as story detection sees it, where it went, and the day numbers and lead text that describe it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from ..text.furniture import generic_title, without_platform

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def day_number(published_start: str | None) -> float | None:
    """Days since 1970-01-01 (UTC) of an ISO timestamp, or None.

    >>> day_number("1970-01-02T12:00:00Z"), day_number(None)
    (1.5, None)
    """
    if not published_start:
        return None
    stamp = datetime.fromisoformat(published_start.replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return (stamp - _EPOCH).total_seconds() / 86400.0


@dataclass(slots=True)
class Doc:
    """An article as story detection sees it."""

    id: str
    title: str
    text: str
    lang: str | None = None
    day: float | None = None
    boilerplate: bool = False
    copy_of: str | None = None
    embedding: np.ndarray | None = None

    @property
    def nameless(self) -> bool:
        """A boilerplate page under a site's or a page's name ("Home", "Home - PNG"): nothing describes it.

        Boilerplate is described by its title alone; when that title names no event, two unrelated pages would
        join on it, so such a page opens a story of its own and its title counts no terms.

        >>> Doc("a", "Home - PNG", "", boilerplate=True).nameless, Doc("b", "Home", "").nameless
        (True, False)
        """
        return self.boilerplate and (generic_title(self.title) or not self.heading)

    @property
    def heading(self) -> str:
        """The title as it describes the article: a boilerplate page's without a social platform's part, which all
        that platform's pages share ("Apple Music on Twitter": "Apple Music").

        >>> Doc("a", "Apple Music on Twitter", "", boilerplate=True).heading, Doc("b", "Trump on Twitter", "").heading
        ('Apple Music', 'Trump on Twitter')
        """
        return without_platform(self.title) if self.boilerplate else self.title


@dataclass(slots=True)
class Placement:
    """Where one article went."""

    article_id: str
    event_id: str
    story_id: str
    score: float | None
    new_story: bool
    new_event: bool


def lead_text(doc: Doc, lead_chars: int = 120) -> str:
    """Title plus the start of the text (the title alone for boilerplate), what the embedding sees.

    >>> lead_text(Doc("x", "Kop", "Kop. Eerste zin van het artikel."), 12)
    'Kop. Eerste zin'
    """
    if doc.boilerplate:
        return doc.heading
    text = doc.text
    if text.startswith(doc.title):
        text = text[len(doc.title):].lstrip(" .:\n")
    lead = text[:lead_chars]
    if len(text) > lead_chars and " " in lead:
        lead = lead.rsplit(" ", 1)[0]
    return f"{doc.title}. {lead}".strip()
