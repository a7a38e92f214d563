"""GET /api/search: full-text search with highlighted snippets, best first."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from ...store.search_query import MAX_QUERY_CHARS
from ..deps import ReaderDep, StateDep
from ..queries import LANG_SCHEMA, BadFilter, check_lang
from ..schemas import SEARCH_ERRORS, ErrorOut, SearchOut

router = APIRouter(prefix="/api", tags=["search"])
MAX_LIMIT = 100


@router.get("/search", response_model=SearchOut,
            responses={**SEARCH_ERRORS, 422: {"model": ErrorOut}})
def search(archive: ReaderDep, st: StateDep,
           q: str = Query(..., max_length=MAX_QUERY_CHARS,
                          description="Words (all must occur), \"a phrase\", prefix* (3+ letters), AND, OR, NOT "
                                      "(in capitals) and parentheses; anything else is read as plain words.",
                          json_schema_extra={"pattern": r"\S"}),
           lang: str | None = Query(None, description="Only articles in this language.", json_schema_extra=LANG_SCHEMA),
           limit: int = Query(20, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=1000)) -> SearchOut:
    """Search titles and texts. Matched words in `snippet` are between « and »."""
    if not q.strip():
        raise HTTPException(422, "q must not be empty; give the words to search for, e.g. ?q=Schiphol")
    try:
        lang = check_lang(lang)
    except BadFilter as exc:
        raise HTTPException(422, str(exc)) from exc
    with st.search.turn() as budget:
        hits = archive.search(q, lang=lang, limit=limit + offset, budget=budget)[offset:]
    return SearchOut.model_validate({"query": q, "limit": limit, "offset": offset, "items": hits})
