"""Typed records that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Precision(str, Enum):
    """How much of a date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"


@dataclass(slots=True)
class RawRecord:
    """One article as a reader found it, before any cleaning."""

    location: str
    record: str | None = None
    text: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    external_id: str | None = None
    outlet: str | None = None
    lang: str | None = None
    title_in_text: bool = False

    @property
    def origin(self) -> str:
        """Where the record came from, as a person would cite it."""
        return f"{self.location}:{self.record}" if self.record else self.location


@dataclass(slots=True, frozen=True)
class Rejection:
    """An input that was not stored, with the reason why."""

    source: str
    reason: str
    code: str


@dataclass(slots=True, frozen=True)
class PublishedDate:
    """A publication date at the precision the source gives it."""

    value: str | None
    precision: Precision | None
    start_utc: str | None
    note: str | None = None


@dataclass(slots=True)
class Source:
    """One place an article was read from."""

    location: str
    record: str | None = None
    url: str | None = None
    outlet: str | None = None
    external_id: str | None = None


@dataclass(slots=True)
class Article:
    """A cleaned article, ready to be stored."""

    id: str
    title: str
    text: str
    lang: str | None
    lang_confidence: float | None
    published: str | None
    published_precision: Precision | None
    published_start: str | None
    published_note: str | None
    sources: list[Source] = field(default_factory=list)
    signature: bytes | None = None
    copy_of: str | None = None
    copy_similarity: float | None = None

    def to_dict(self) -> dict:
        """Plain JSON-ready form (without the binary signature)."""
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "lang_confidence": self.lang_confidence,
            "published": self.published,
            "published_precision": self.published_precision.value if self.published_precision else None,
            "published_note": self.published_note,
            "copy_of": self.copy_of,
            "copy_similarity": self.copy_similarity,
            "sources": [s.url or s.location for s in self.sources],
            "text": self.text,
        }


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    accepted: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    boilerplate: int = 0
    already_stored: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0
    new_ids: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        """Every input article the run looked at."""
        return self.accepted + self.duplicates + self.already_stored + len(self.rejected)

    def to_dict(self) -> dict:
        """The `--json` form of the report."""
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "boilerplate": self.boilerplate,
            "already_stored": self.already_stored,
            "rejected": [{"source": r.source, "reason": r.reason, "code": r.code} for r in self.rejected],
            "seconds": round(self.seconds, 3),
        }


@dataclass(slots=True)
class Entity:
    """A named entity in a text: PER, LOC, ORG or MISC, with its character span and normalised name."""

    text: str
    type: str
    start: int
    end: int
    normalized: str

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return {"text": self.text, "type": self.type, "start": self.start, "end": self.end,
                "normalized": self.normalized}
