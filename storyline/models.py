"""Typed records that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


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
    text_note: str | None = None  # how the bytes were decoded, when not plainly (stray bytes, another encoding)

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
    text_note: str | None = None  # what was done to the text at ingest beyond cleaning (decoding)
    boilerplate: bool = False  # page furniture (storyline/text/furniture.py): a menu, an index, a site page

    def to_dict(self) -> dict[str, Any]:
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
            "boilerplate": self.boilerplate,
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
    new_stories: int | None = None  # set when the run also assigned stories: stories begun ...
    grown_stories: int | None = None  # ... and existing stories that gained articles

    @property
    def seen(self) -> int:
        """Every input article the run looked at."""
        return self.accepted + self.duplicates + self.already_stored + len(self.rejected)

    def to_dict(self) -> dict[str, Any]:
        """The `--json` form of the report."""
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "boilerplate": self.boilerplate,
            "already_stored": self.already_stored,
            "rejected": [{"source": r.source, "reason": r.reason, "code": r.code} for r in self.rejected],
            "seconds": round(self.seconds, 3),
        } | ({"new_stories": self.new_stories, "grown_stories": self.grown_stories}
             if self.new_stories is not None else {})


@dataclass(slots=True)
class Entity:
    """A named entity in a text: PER, LOC, ORG or MISC, with its character span and normalised name."""

    text: str
    type: str
    start: int
    end: int
    normalized: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"text": self.text, "type": self.type, "start": self.start, "end": self.end,
                "normalized": self.normalized}


@dataclass(slots=True)
class TimeMention:
    """A time expression in a text, normalised against the publication date.

    `value` is TIMEX-like: 2018-06-12, 2018-06, 2018, 2018-W23, 2018-Q2, 2018-SU (summer), 199X (the
    nineties), ranges 2018-06-09/2018-06-12, times T19:30 or 2018-06-12T19:30, durations P2W (kind
    "duration", no point in time) and sets XXXX-WXX-1 (kind "set"). Parts that could not be resolved
    are written with X (XXXX-WXX-6) and `reason` says why. `modifier` is start, mid or end ("eind
    april"), before, after, since or until ("voor 2010"), both joined by a hyphen ("na half mei":
    after-mid), or for a range the modifiers of its two ends joined by a slash ("van 2007 tot het
    einde van 2008": "/end").
    """

    text: str
    start: int
    end: int
    value: str
    precision: str | None  # day, month, year, week or time (None for durations and sets)
    modifier: str | None   # start, mid, end; before, after, since, until
    resolved: bool
    kind: str              # date, time, duration, set
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
                "precision": self.precision, "modifier": self.modifier, "resolved": self.resolved,
                "kind": self.kind, "reason": self.reason}


@dataclass(slots=True)
class TimelineAlternative:
    """The same event as a timeline sentence, told in another language under a coarser or the same date, kept
    beside it instead of as an entry of its own ("Apr 2023": "A Dutch court on Wednesday ordered …" beside
    "5 Apr 2023": "De rechtbank in Haarlem heeft woensdag bepaald …")."""

    text: str
    date: str
    precision: Precision
    article_ids: list[str]
    sources: list[str] = field(default_factory=list)
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"text": self.text, "date": self.date, "precision": self.precision.value,
                "article_ids": list(self.article_ids), "sources": list(self.sources), "lang": self.lang}


@dataclass(slots=True)
class TimelineSentence:
    """A sentence of a timeline entry, with every article (and source) that says it.

    `text` is what the timeline shows; `original` is the sentence as the article has it when the
    two differ (an entry does not repeat its own date: "BP on Tuesday pumped …" shows as "BP pumped …").
    """

    text: str
    article_ids: list[str]
    sources: list[str] = field(default_factory=list)
    lang: str | None = None
    score: float = 0.0
    original: str | None = None
    alternatives: list[TimelineAlternative] = field(default_factory=list)

    @property
    def article_id(self) -> str:
        """The article the sentence was taken from (the first of `article_ids`)."""
        return self.article_ids[0]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"text": self.text, "original": self.original or self.text, "article_id": self.article_id,
                "article_ids": list(self.article_ids), "sources": list(self.sources), "lang": self.lang,
                "score": round(self.score, 4), "alternatives": [a.to_dict() for a in self.alternatives]}


@dataclass(slots=True)
class TimelineEntry:
    """One date of a timeline (day "2018-06-12" or month "2018-06") and what happened then."""

    date: str
    precision: Precision
    sentences: list[TimelineSentence]
    article_ids: list[str] = field(default_factory=list)
    score: float = 0.0
    estimated: bool = False
    # how an estimated date was found (`storyline.timeline.undated`): "text" (the article's own time
    # expressions), "neighbours" (the dated articles most like it), "mentions" (the latest date it names),
    # "unknown" (nothing: `date` is the latest known and the entry goes after everything); None = not estimated,
    # or a timeline stored before estimates had a basis (read as "unknown")
    estimate: str | None = None
    # a plan, not a development: every sentence of the entry announces, before it, an event on its date ("The
    # cap is due to take effect in November 2023" in an article of July); shown "(planned)", never taken for
    # the story's latest development
    planned: bool = False

    @property
    def date_unknown(self) -> bool:
        """An estimated entry that nothing dates: shown after every other entry, "date unknown"."""
        return self.estimated and self.estimate not in ("text", "neighbours", "mentions")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"date": self.date, "precision": self.precision.value, "estimated": self.estimated,
                "estimate": self.estimate if self.estimated else None, "date_unknown": self.date_unknown,
                "planned": self.planned, "score": round(self.score, 4), "article_ids": list(self.article_ids),
                "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(slots=True)
class Timeline:
    """A dated timeline of a collection of articles, with a headline and a short summary."""

    headline: str
    summary: list[TimelineSentence]
    entries: list[TimelineEntry]
    lang: str | None = None
    n_articles: int = 0
    abstract: str | None = None  # a summary written by a configured model server (storyline.timeline.abstractive)

    @property
    def summary_kind(self) -> str:
        """Which summary is shown: "abstractive" when a model server wrote one, else "extractive"."""
        return "abstractive" if self.abstract else "extractive"

    @property
    def summary_text(self) -> str:
        """The summary as one string: the abstractive one when there is one, else the extractive sentences."""
        return self.abstract or " ".join(s.text for s in self.summary)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {"headline": self.headline, "lang": self.lang, "n_articles": self.n_articles,
                "summary": [s.to_dict() for s in self.summary], "entries": [e.to_dict() for e in self.entries],
                "summary_kind": self.summary_kind, "abstract": self.abstract}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Timeline:
        """The timeline `to_dict` wrote (scores come back rounded)."""

        def sentence(s: dict[str, Any]) -> TimelineSentence:
            original = s.get("original")
            alts = [TimelineAlternative(a["text"], a["date"], Precision(a["precision"]), list(a["article_ids"]),
                                        list(a.get("sources") or []), a.get("lang"))
                    for a in s.get("alternatives") or []]
            return TimelineSentence(s["text"], list(s["article_ids"]), list(s.get("sources") or []), s.get("lang"),
                                    float(s.get("score") or 0.0), original if original != s["text"] else None, alts)

        entries = [TimelineEntry(e["date"], Precision(e["precision"]), [sentence(s) for s in e["sentences"]],
                                 list(e.get("article_ids") or []), float(e.get("score") or 0.0),
                                 bool(e.get("estimated")), e.get("estimate"), bool(e.get("planned")))
                   for e in data["entries"]]
        return cls(data["headline"], [sentence(s) for s in data["summary"]], entries, data.get("lang"),
                   int(data.get("n_articles") or 0), data.get("abstract"))


@dataclass(slots=True)
class BackfillReport:
    """What one `storyline backfill` did: the distributed stages, the load into the store and the clustering."""

    engine: str
    address: str | None
    inputs: int
    shards: str
    reused_shards: bool = False  # an earlier run had finished the pipeline: only the load ran again
    pipeline_seconds: float = 0.0
    load_seconds: float = 0.0
    cluster_seconds: float = 0.0
    articles: int = 0  # distinct articles in the shards
    local_analyses: int = 0  # articles the load analysed again (their stored date or language differed)
    ingest: IngestReport = field(default_factory=IngestReport)
    assigned: int = 0
    new_stories: int = 0
    partition: str = "none"  # the time partitions clustered in parallel ("none": one sequential pass)
    partitions: int = 0
    stitched: int = 0  # partition stories the stitching pass joined to a story of an earlier partition

    def to_dict(self) -> dict[str, Any]:
        """The `--json` form of the report."""
        return {"engine": self.engine, "address": self.address, "inputs": self.inputs, "shards": self.shards,
                "reused_shards": self.reused_shards, "pipeline_seconds": round(self.pipeline_seconds, 3),
                "load_seconds": round(self.load_seconds, 3), "cluster_seconds": round(self.cluster_seconds, 3),
                "articles": self.articles, "local_analyses": self.local_analyses, "ingest": self.ingest.to_dict(),
                "assigned": self.assigned, "new_stories": self.new_stories, "partition": self.partition,
                "partitions": self.partitions, "stitched": self.stitched}
