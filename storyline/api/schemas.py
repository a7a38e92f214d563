"""Pydantic response models: what every endpoint returns, as documented in /openapi.json."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    """Every 4xx/5xx answer of the API."""

    detail: str = Field(description="What went wrong and, where possible, how to fix it.")


class HealthOut(BaseModel):
    status: str = Field(description="'ok' when the database can be read.")
    version: str
    database: str = Field(description="File name of the database being served.")
    articles: int
    schema_version: int
    writes_enabled: bool = Field(description="True when a token is configured and POST /api/ingest is open.")
    features: dict[str, bool] = Field(description="What this server offers (stories, timelines, entities, "
                                                    "export); every installation has all of them.")
    pending: dict[str, int] = Field(default_factory=dict, description=(
        "Articles waiting for each later stage: 'analyse' (entities and dates), 'cluster' (a story), 'timelines' "
        "(their story's stored timeline); an interrupted ingest leaves some, the next ingest or cluster finishes them."))


class SourceOut(BaseModel):
    location: str
    record: str | None = None
    url: str | None = None
    outlet: str | None = None
    external_id: str | None = None
    first_seen: str | None = None


class ArticleSummary(BaseModel):
    """An article without its text (list views)."""

    id: str
    title: str
    lang: str | None = None
    lang_confidence: float | None = None
    published: str | None = Field(None, description="At the precision the source gives: 2018, 2018-05, 2018-05-12 or "
                                                      "2018-05-12T10:30:00+02:00; null when unknown.")
    published_precision: str | None = Field(None, description="year, month, day or minute")
    published_note: str | None = Field(None, description="Why the date is unknown, when it is, or where it came from "
                                                         "when not from the source's own date field.")
    copy_of: str | None = Field(None, description="Id of the original when this article is a near-duplicate.")
    copy_similarity: float | None = None
    boilerplate: bool = False
    n_chars: int
    ingested_at: str
    sources: list[str] = Field(default_factory=list, description="URL or file location of every source.")


class EntityMention(BaseModel):
    text: str = Field(description="As written in the text.")
    type: str = Field(description="PER, LOC, ORG or MISC")
    start: int = Field(description="Character offset into `text`.")
    end: int
    normalized: str = Field(description="The name it is listed under (GET /api/entities/{name}).")


class TimeMentionOut(BaseModel):
    text: str
    start: int
    end: int
    value: str | None = Field(None, description="The calendar value (2018-06-12, 2018-06, 2018-W24, ...) when resolved.")
    precision: str | None = None
    modifier: str | None = None
    resolved: bool
    kind: str | None = None
    reason: str | None = Field(None, description="Why it could not be resolved, when it could not.")


class ArticleDetail(ArticleSummary):
    """An article with its text and every stored field."""

    text: str
    text_note: str | None = Field(None, description="How the text's bytes were decoded, when not plainly (stray "
                                                     "bytes that are not UTF-8, another encoding).")
    source_details: list[SourceOut] = Field(default_factory=list)
    copies: list[str] = Field(default_factory=list, description="Ids of the near-duplicate copies of this article.")
    entities: list[EntityMention] = Field(default_factory=list, description="Names found in the text, in text order.")
    time_mentions: list[TimeMentionOut] = Field(default_factory=list, description="Time expressions, in text order.")
    story_id: str | None = Field(None, description="The story it belongs to (GET /api/stories/{id}), if any.")


class ArticlePage(BaseModel):
    total: int = Field(description="Articles matching the filters, over all pages.")
    limit: int
    offset: int
    items: list[ArticleSummary]


class SearchHit(BaseModel):
    id: str
    title: str
    lang: str | None = None
    published: str | None = None
    published_precision: str | None = None
    snippet: str = Field(description="Text around the match; matched words are between « and ». The snippet is "
                                     "plain text: escape it before turning the markers into HTML.")
    score: float = Field(description="Relevance (BM25, title weighted 4x); higher is better.")


class SearchOut(BaseModel):
    query: str
    limit: int
    offset: int
    items: list[SearchHit] = Field(description="Best first.")


class StatsOut(BaseModel):
    articles: int
    near_duplicates: int
    boilerplate: int
    undated: int
    sources: int
    rejected: int
    by_language: dict[str, int]
    by_month: dict[str, int]
    by_source: dict[str, int]
    pending: dict[str, int] = Field(default_factory=dict, description="Articles waiting for each later stage "
                                    "(analyse, cluster, timelines); see /api/health.")


class RejectionOut(BaseModel):
    source: str = Field(description="ORIGIN:N (ORIGIN defaults to 'api'), N being the 1-based position of the record in the batch.")
    reason: str
    code: str


class IngestOut(BaseModel):
    """The ingest report, as `storyline ingest --json` prints it, plus the new ids and the new total."""

    accepted: int
    duplicates: int
    near_duplicates: int
    boilerplate: int
    already_stored: int
    rejected: list[RejectionOut]
    seconds: float
    new_ids: list[str]
    articles: int = Field(description="Articles in the database after this batch.")


# What an endpoint that runs a full-text search may answer besides its result (see storyline.api.search_gate).
SEARCH_ERRORS: dict[int | str, dict] = {
    400: {"model": ErrorOut, "description": "The search query is over a limit or cannot be used; `detail` says why."},
    503: {"model": ErrorOut, "description": "Too many searches at once, or this one ran past its time limit; "
                                            "try again after the `Retry-After` seconds."},
}
