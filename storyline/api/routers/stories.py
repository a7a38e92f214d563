"""GET /api/stories and GET /api/stories/{id}: the stories clustering made (mounted when Archive has `stories`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from ..deps import ReaderDep
from ..queries import BadFilter, check_date, check_lang
from ..schemas import ErrorOut

router = APIRouter(prefix="/api", tags=["stories"])
MAX_LIMIT = 200


class StorySummary(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    article_ids: list[str]
    event_ids: list[str]
    start: str | None = Field(None, description="Publication date of the story's first dated article.")
    end: str | None = Field(None, description="Publication date of its last dated article.")
    languages: list[str]
    entities: list[Any] = Field(default_factory=list)
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


class StoryDetail(StorySummary):
    articles: list[StoryArticle] = Field(description="In publication order, undated last.")
    events: list[StoryEvent] = Field(description="In order of their first article.")


class StoryPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[StorySummary] = Field(description="Most recently active first.")


@router.get("/stories", response_model=StoryPage, responses={422: {"model": ErrorOut}})
def stories(archive: ReaderDep,
            lang: str | None = Query(None, description="Only stories with an article in this language."),
            since: str | None = Query(None, description="Only stories with an article published on or after this date."),
            until: str | None = Query(None, description="Only stories with an article published on or before this date."),
            entity: str | None = Query(None, max_length=200, description="Only stories mentioning this entity."),
            limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)) -> StoryPage:
    """Stories with their article and event ids, date range and languages, most recently active first."""
    try:
        lang, since, until = check_lang(lang), check_date("since", since), check_date("until", until)
    except BadFilter as exc:
        raise HTTPException(422, str(exc)) from exc
    found = archive.stories(since=since, until=until, lang=lang, entity=entity or None)
    return StoryPage(total=len(found), limit=limit, offset=offset, items=found[offset:offset + limit])


@router.get("/stories/{story_id}", response_model=StoryDetail, responses={404: {"model": ErrorOut}})
def story(story_id: str, archive: ReaderDep) -> StoryDetail:
    """One story with its events and articles; a unique id prefix of 4+ characters also works."""
    found = archive.story(story_id) if len(story_id) <= 200 else None
    if found is None:
        raise HTTPException(404, f"no story with id {story_id[:80]!r}; GET /api/stories lists the ids")
    return StoryDetail(**found)
