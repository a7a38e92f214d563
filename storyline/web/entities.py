"""Pages for entities: the most named people, places and organisations, and one entity with its stories."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..api.deps import ReaderDep
from ..store.entities_query import ENTITY_TYPES, list_entities
from ..text.ner.canonical import label as place_label
from .i18n import label
from .pages import error_page, interface_language, page_number, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
ARTICLES_PER_PAGE = 20


@router.get("/entities", response_class=HTMLResponse)
def entity_list(request: Request, archive: ReaderDep, type: str | None = None, q: str | None = None,  # noqa: A002
                page: str | None = None) -> HTMLResponse:
    kind = type if type in ENTITY_TYPES else None
    q = (q or "").strip()[:200]
    number = page_number(page)
    total, items = list_entities(archive.store.conn, type_=kind, q=q or None, limit=PAGE_SIZE,
                                 offset=(number - 1) * PAGE_SIZE)
    ui = interface_language(request)
    items = [{**e, "label": place_label(e["name"], ui)} for e in items]  # "North Korea" on the English interface
    peak = max((e["articles"] for e in items), default=0)
    return render(request, "entities.html", items=items, total=total, page=number,
                  pages=max(1, math.ceil(total / PAGE_SIZE)), first=(number - 1) * PAGE_SIZE + 1 if items else 0,
                  last=(number - 1) * PAGE_SIZE + len(items), types=ENTITY_TYPES, kind=kind or "", q=q, peak=peak)


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, name: str, archive: ReaderDep, page: str | None = None) -> HTMLResponse:
    number = page_number(page)
    found = archive.entity(name, limit=ARTICLES_PER_PAGE, offset=(number - 1) * ARTICLES_PER_PAGE)
    if found is None:
        return error_page(request, 404, label(interface_language(request), "no_entity", name=name[:80]))
    found["label"] = place_label(found["name"], interface_language(request))
    return render(request, "entity.html", entity=found, page=number,
                  pages=max(1, math.ceil(found["n_articles"] / ARTICLES_PER_PAGE)))
