"""GET /api/entities and GET /api/entities/{name}: the people, places and organisations the articles name."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from ...store.entities_query import CO_SAMPLE, list_entities
from ...text.ner.canonical import labels
from ..deps import ReaderDep
from ..schemas import ErrorOut

router = APIRouter(prefix="/api", tags=["entities"])
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000


class EntityType(str, Enum):
    """An entity type."""

    PER = "PER"
    LOC = "LOC"
    ORG = "ORG"
    MISC = "MISC"


class EntityCount(BaseModel):
    name: str
    type: str = Field(description="PER, LOC, ORG or MISC: the type most of the articles naming it give it")
    labels: dict[str, str] = Field(default_factory=dict, description="Labels per language (nl, en) of a place or "
                                                                      "organisation known to CLDR, else empty.")
    articles: int = Field(description="Articles that name it.")
    mentions: int = Field(description="Times it is named.")


class EntityPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EntityCount] = Field(description="Most named first (names starting with q first, when q is given).")


class EntityTypeCount(BaseModel):
    type: str
    articles: int
    mentions: int


class EntityStory(BaseModel):
    id: str
    title: str
    articles: int = Field(description="Articles of the story that name the entity.")
    n_articles: int = Field(description="Articles in the story.")


class CoOccurring(BaseModel):
    name: str
    type: str
    articles: int = Field(description="Articles naming both.")


class EntityArticle(BaseModel):
    id: str
    title: str
    lang: str | None = None
    published: str | None = None
    mentions: int


class EntityDetail(BaseModel):
    name: str = Field(description="The stored spelling (a known place: its Dutch label).")
    type: str = Field(description="The type most of the articles naming it give it.")
    labels: dict[str, str] = Field(default_factory=dict, description="Labels per language (nl, en), when known.")
    types: list[EntityTypeCount]
    n_articles: int
    mentions: int
    also_named: list[str] = Field(default_factory=list, description="Other stored names of the same entity, joined "
                                  "archive-wide (\"Trump\" in Donald Trump's: the surname of the one full name).")
    stories: list[EntityStory] = Field(description="Stories with an article naming it, those naming it most first.")
    co_occurring: list[CoOccurring] = Field(description="Names found in the same articles, with how many.")
    co_occurring_sample: int = Field(description=f"The co-occurrence counts cover the entity's most recent articles, "
                                                 f"at most {CO_SAMPLE}.")
    articles: list[EntityArticle] = Field(description="A page of the articles naming it, newest first.")
    limit: int
    offset: int


@router.get("/entities", response_model=EntityPage, responses={422: {"model": ErrorOut}})
def entities(archive: ReaderDep,
             type: Annotated[EntityType | None, Query(description="Only entities of this type.")] = None,  # noqa: A002
             q: str | None = Query(None, max_length=200, description="Only names containing this (case and accents "
                                                                     "ignored)."),
             limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> EntityPage:
    """People (PER), places (LOC), organisations (ORG) and other names (MISC), most named first."""
    total, items = list_entities(archive.store.conn, type_=type.value if type else None, q=q, limit=limit,
                                 offset=offset)
    return EntityPage.model_validate({"total": total, "limit": limit, "offset": offset,
                                      "items": [{**i, "labels": labels(i["name"])} for i in items]})


@router.get("/entities/{name}", response_model=EntityDetail, responses={404: {"model": ErrorOut}})
def entity(name: str, archive: ReaderDep, limit: int = Query(20, ge=1, le=MAX_LIMIT),
           offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> EntityDetail:
    """One entity (case and accents ignored): its stories, the names it co-occurs with and its articles."""
    found = archive.entity(name, limit=limit, offset=offset)
    if found is None:
        raise HTTPException(404, f"no entity named {name[:80]!r}; GET /api/entities?q=... finds names")
    return EntityDetail(**found, labels=labels(found["name"]))
