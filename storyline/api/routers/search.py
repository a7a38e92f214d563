"""GET /api/search: full-text search with highlighted snippets, best first."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from ..deps import ReaderDep
from ..queries import BadFilter, check_lang
from ..schemas import ErrorOut, SearchOut

router = APIRouter(prefix="/api", tags=["search"])
MAX_LIMIT = 100


@router.get("/search", response_model=SearchOut, responses={422: {"model": ErrorOut}})
def search(archive: ReaderDep,
           q: str = Query(..., max_length=500, description="Words, \"a phrase\", or FTS5 syntax (AND, OR, NOT, prefix*)."),
           lang: str | None = Query(None, description="Only articles in this language."),
           limit: int = Query(20, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=1000)) -> SearchOut:
    """Search titles and texts. Matched words in `snippet` are between « and »."""
    if not q.strip():
        raise HTTPException(422, "q must not be empty; give the words to search for, e.g. ?q=Schiphol")
    try:
        lang = check_lang(lang)
    except BadFilter as exc:
        raise HTTPException(422, str(exc)) from exc
    hits = archive.search(q, lang=lang, limit=limit + offset)[offset:]
    return SearchOut(query=q, limit=limit, offset=offset, items=hits)
