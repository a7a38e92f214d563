"""One options object for ingest, validated in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError

SUPPORTED_LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
FORMATS = ("auto", "text", "jsonl", "csv", "html", "feed")
FIELD_NAMES = ("text", "title", "published", "url", "id", "source", "lang")


def default_db_path() -> Path:
    """The database used when neither --db nor STORYLINE_DB is given."""
    env = os.environ.get("STORYLINE_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "storyline" / "storyline.db"


@dataclass(slots=True)
class IngestOptions:
    """Everything that steers reading and cleaning; checked on creation.

    >>> IngestOptions(fields={"text": "body"}).fields["text"]
    'body'
    >>> IngestOptions(format="docx")
    Traceback (most recent call last):
    ...
    storyline.errors.ConfigError: unknown format 'docx'; choose one of auto, text, jsonl, csv, html, feed
    """

    format: str = "auto"
    fields: dict[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    max_bytes: int = 8 * 1024 * 1024  # a feed read whole: feedparser needs about 6 times its size
    max_record_bytes: int = 8 * 1024 * 1024  # one JSON line, JSON array element or CSV line: streamed within this
    max_chars: int = 1_000_000
    min_chars: int = 20
    default_timezone: str = "UTC"
    batch_size: int = 500
    near_duplicate_threshold: float = 0.8
    num_perm: int = 128
    shingle_size: int = 3
    workers: int | None = None  # processes for the per-article stages; None: the number of cores (storyline.workers)
    follow_links: bool = False  # read links in folders that point outside the folder given

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ConfigError(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        for key in self.fields:
            if key not in FIELD_NAMES:
                raise ConfigError(f"unknown field {key!r} in --field; known fields: {', '.join(FIELD_NAMES)}")
        bad = [lang for lang in self.languages if lang not in SUPPORTED_LANGUAGES]
        if bad or not self.languages:
            raise ConfigError(
                f"unsupported language(s) {bad or '(none)'}; choose from {', '.join(SUPPORTED_LANGUAGES)}"
            )
        try:
            ZoneInfo(self.default_timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(f"unknown time zone {self.default_timezone!r}; use an IANA name such as Europe/Amsterdam") from exc
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("near_duplicate_threshold must be in (0, 1]")
        for name in ("max_bytes", "max_record_bytes", "batch_size", "num_perm", "shingle_size", "workers"):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1")

    @staticmethod
    def parse_fields(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
        """Turn ``["text=body", "published=dct"]`` into a mapping.

        >>> IngestOptions.parse_fields(["text=body", "published=dct"])
        {'text': 'body', 'published': 'dct'}
        """
        mapping: dict[str, str] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise ConfigError(f"--field expects NAME=COLUMN (for example text=body), got {pair!r}")
            mapping[key.strip()] = value.strip()
        return mapping
