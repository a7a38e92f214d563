"""GET /api/articles and GET /api/articles/{id}."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from ...store.annotations import article_annotations
from ...store.search_query import MAX_QUERY_CHARS
from ..deps import ReaderDep, StateDep
from ..queries import DATE_SCHEMA, LANG_SCHEMA, BadFilter, check_date, check_lang
from ..schemas import SEARCH_ERRORS, ArticleDetail, ArticlePage, ErrorOut

router = APIRouter(prefix="/api", tags=["articles"])
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000


@router.get("/articles", response_model=ArticlePage, responses={**SEARCH_ERRORS, 422: {"model": ErrorOut}})
def articles(archive: ReaderDep, st: StateDep,
             lang: str | None = Query(None, description="Only articles in this language (nl, en, de, fr, es, it).",
                                      json_schema_extra=LANG_SCHEMA),
             since: str | None = Query(None, description="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).",
                                       json_schema_extra=DATE_SCHEMA),
             until: str | None = Query(None, description="Published on or before, inclusive (YYYY, YYYY-MM or "
                                                         "YYYY-MM-DD).", json_schema_extra=DATE_SCHEMA),
             q: str | None = Query(None, max_length=MAX_QUERY_CHARS,
                                  description="Only articles matching this search query (as for /api/search)."),
             limit: int = Query(20, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> ArticlePage:
    """Articles in publication order (undated last), without their text, one page at a time."""
    try:
        lang, since, until = check_lang(lang), check_date("since", since), check_date("until", until)
    except BadFilter as exc:
        raise HTTPException(422, str(exc)) from exc
    with st.search.maybe(bool(q and q.strip())) as budget:
        total, items = archive.article_page(lang=lang, since=since, until=until, q=q, limit=limit, offset=offset,
                                            budget=budget)
    return ArticlePage.model_validate({"total": total, "limit": limit, "offset": offset, "items": items})


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses={404: {"model": ErrorOut}})
def article(article_id: str, archive: ReaderDep) -> ArticleDetail:
    """One article with its text, every stored field, its entities and time mentions (character offsets into the
    text) and its story; a unique id prefix of 6+ hex digits also works."""
    found = archive.article(article_id) if len(article_id) <= 200 else None
    if found is None:
        raise HTTPException(404, f"no article with id {article_id[:80]!r}; GET /api/articles lists the ids")
    annotations = article_annotations(archive.store, found["id"])
    return ArticleDetail.model_validate({**found, **annotations, "story_id": archive.story_of(found["id"])})
