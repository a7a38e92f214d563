"""GET /api/stories and GET /api/stories/{id}: the stories clustering made (mounted when Archive has `stories`)."""

from __future__ import annotations

import logging
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ...store.search_query import MAX_QUERY_CHARS
from ..deps import ReaderDep, StateDep
from ..queries import DATE_SCHEMA, LANG_SCHEMA, BadFilter, check_date, check_lang
from ..response_cache import RESPONSES
from ..schemas import SEARCH_ERRORS, ErrorOut
from ..story_queries import find_stories, story_detail, with_entities

router = APIRouter(prefix="/api", tags=["stories"])
log = logging.getLogger(__name__)
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000


class StorySort(str, Enum):
    """Order of the story list."""

    recent = "recent"
    size = "size"


class StoryEntity(BaseModel):
    name: str
    type: str
    mentions: int


class StorySummary(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    article_ids: list[str]
    event_ids: list[str]
    start: str | None = Field(None, description="Publication date of the story's first dated article.")
    end: str | None = Field(None, description="Publication date of its last dated article.")
    languages: list[str]
    entities: list[StoryEntity] = Field(default_factory=list, description="Its most named entities.")
    n_articles: int


class StoryArticle(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    lang: str | None = None
    published: str | None = None
    event_id: str
    pinned: bool = Field(False, description="Placed here by a user correction.")


class StoryEvent(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    article_ids: list[str]
    start: str | None = None
    end: str | None = None


class StorySource(BaseModel):
    name: str = Field(description="Outlet, else the host of the URL, else the file name.")
    articles: int = Field(description="Articles of the story it carried.")


class TimelineAlternativeOut(BaseModel):
    text: str = Field(description="The sentence as its article wrote it, in its own language.")
    date: str = Field(description="The date it was told under: YYYY-MM-DD (day) or YYYY-MM (month).")
    precision: str = Field(description="day, month or year")
    article_ids: list[str] = Field(description="The articles that say it.")
    sources: list[str] = Field(default_factory=list)
    lang: str | None = None


class TimelineSentenceOut(BaseModel):
    text: str
    article_id: str
    article_ids: list[str] = Field(description="Every article of the story that says it.")
    sources: list[str] = Field(default_factory=list)
    lang: str | None = None
    score: float = 0.0
    alternatives: list[TimelineAlternativeOut] = Field(
        default_factory=list, description="The same event as another language told it (kept here instead of as an "
                                          "entry of its own); usually empty.")


class TimelineEntryOut(BaseModel):
    date: str = Field(description="YYYY-MM-DD (day), YYYY-MM (month) or YYYY (year).")
    precision: str = Field(description="day, month or year")
    estimated: bool = Field(False, description="True when the date was estimated rather than stated in the text.")
    estimate: str | None = Field(None, description="How an estimated date was found: text (the undated article's own "
                                                   "time expressions), neighbours (the dated articles most like it), "
                                                   "mentions (the latest date it names) or unknown.")
    date_unknown: bool = Field(False, description="True when nothing dates the entry's articles: it comes after "
                                                  "every other entry, at the latest known date.")
    score: float = 0.0
    article_ids: list[str] = Field(default_factory=list)
    sentences: list[TimelineSentenceOut]


class StoryDetail(StorySummary):
    articles: list[StoryArticle] = Field(description="In publication order, undated last.")
    events: list[StoryEvent] = Field(description="In order of their first article.")
    sources: list[StorySource] = Field(default_factory=list, description="Largest first.")
    headline: str | None = Field(None, description="The timeline's headline (null without a timeline).")
    summary: list[TimelineSentenceOut] = Field(default_factory=list, description="A short summary, in sentences.")
    timeline: list[TimelineEntryOut] | None = Field(None, description="Dated entries in date order; null when not "
                                                                      "asked for (timeline=false) or not available.")


class StoryPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[StorySummary] = Field(description="Most recently active first, or largest first with sort=size.")


def story_timeline(archive: Any, story_id: str) -> dict[str, Any] | None:
    """The story's timeline as a plain dict, or None when it cannot be built (logged, never an error page)."""
    try:
        found = archive.timeline(story_id)
    except Exception:  # noqa: BLE001 - a story without its timeline is still worth showing
        log.exception("the timeline of story %s could not be built", story_id)
        return None
    return found.to_dict() if found is not None else None


@router.get("/stories", response_model=StoryPage, responses={**SEARCH_ERRORS, 422: {"model": ErrorOut}})
def stories(request: Request, archive: ReaderDep, st: StateDep,
            lang: str | None = Query(None, description="Only stories with an article in this language.",
                                     json_schema_extra=LANG_SCHEMA),
            since: str | None = Query(None, description="Only stories with an article published on or after this date "
                                                        "(YYYY, YYYY-MM or YYYY-MM-DD).", json_schema_extra=DATE_SCHEMA),
            until: str | None = Query(None, description="Only stories with an article published on or before this "
                                                        "date (inclusive).", json_schema_extra=DATE_SCHEMA),
            entity: str | None = Query(None, max_length=200, description="Only stories mentioning this entity."),
            q: str | None = Query(None, max_length=MAX_QUERY_CHARS,
                                  description="Only stories with an article matching this search query (words, "
                                              "\"a phrase\", prefix*, AND, OR, NOT, as for /api/search)."),
            sort: Annotated[StorySort, Query(description="recent: most recently active first; size: largest first.")]
            = StorySort.recent,
            limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Response:
    """Stories with their article and event ids, date range, languages and main entities, one page at a time."""
    try:
        lang, since, until = check_lang(lang), check_date("since", since), check_date("until", until)
    except BadFilter as exc:
        raise HTTPException(422, str(exc)) from exc

    def build() -> Response:
        with st.search.maybe(bool((q and q.strip()) or (entity and entity.strip()))) as budget:
            found = find_stories(archive, lang=lang, since=since, until=until, entity=entity or None, q=q or None,
                                 sort=sort.value, budget=budget)
        page = StoryPage.model_validate({"total": len(found), "limit": limit, "offset": offset,
                                         "items": with_entities(archive, found[offset:offset + limit])})
        return JSONResponse(page.model_dump(mode="json"))

    return RESPONSES.answer(request, archive.store.path, build)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses={404: {"model": ErrorOut}})
def story(request: Request, story_id: str, archive: ReaderDep,
          timeline: bool = Query(True, description="Include the dated timeline, headline and summary.")) -> Response:
    """One story with its events, articles, sources and timeline; a unique id prefix of 4+ characters also works."""
    def build() -> Response:
        found = story_detail(archive, story_id)
        if found is None:
            raise HTTPException(404, f"no story with id {story_id[:80]!r}; GET /api/stories lists the ids")
        built = story_timeline(archive, found["id"]) if timeline else None
        if built is not None:
            found = {**found, "headline": built["headline"], "summary": built["summary"], "timeline": built["entries"]}
        return JSONResponse(StoryDetail(**found).model_dump(mode="json"))

    return RESPONSES.answer(request, archive.store.path, build)
