"""Pages for stories: the filtered list with coverage charts, and one story with its zoomable timeline."""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..api.deps import ReaderDep, state
from ..api.queries import BadFilter, check_date, check_lang
from ..api.response_cache import RESPONSES
from ..api.routers.stories import story_timeline
from ..api.story_queries import SORTS, coverage, find_stories, story_detail, with_entities
from ..config import SUPPORTED_LANGUAGES
from .i18n import label
from .pages import error_page, interface_language, page_number, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
EVENTS_PER_PAGE = 40  # a story page lists its events (with their articles) this many at a time
SPARK_W, SPARK_H = 120, 28
EXPORT_FORMATS = (("json", "JSON"), ("markdown", "Markdown"), ("csv", "CSV"), ("html", "HTML"),
                  ("timelinejs", "TimelineJS"))


def spark(cov: dict[str, Any] | None) -> dict[str, Any] | None:
    """Bars of a small coverage chart (SVG coordinates) from :func:`storyline.api.story_queries.coverage`."""
    if not cov:
        return None
    bins, peak = cov["bins"], cov["peak"] or 1
    step = SPARK_W / len(bins)
    bars = []
    for i, n in enumerate(bins):
        h = 0 if n == 0 else max(2.0, (SPARK_H - 2) * n / peak)
        bars.append({"x": round(i * step + 0.5, 2), "w": round(max(1.0, step - 1), 2), "y": round(SPARK_H - h, 2),
                     "h": round(h, 2), "n": n})
    return {"w": SPARK_W, "h": SPARK_H, "bars": bars, **cov}


@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request, archive: ReaderDep, language: str | None = None, entity: str | None = None,
               q: str | None = None, since: str | None = None, until: str | None = None, sort: str | None = None,
               page: str | None = None) -> Response:
    return RESPONSES.answer(request, archive.store.path, lambda: _story_list(
        request, archive, language, entity, q, since, until, sort, page))


def _story_list(request: Request, archive: ReaderDep, language: str | None, entity: str | None, q: str | None,
                since: str | None, until: str | None, sort: str | None, page: str | None) -> HTMLResponse:
    error = None
    try:
        language, since, until = check_lang(language), check_date("since", since), check_date("until", until)
    except BadFilter as exc:
        error, language, since, until = str(exc), None, None, None
    sort = sort if sort in SORTS else "recent"
    entity, q = (entity or "").strip()[:200], (q or "").strip()[:500]
    number = page_number(page)
    status = 422 if error else 200
    try:
        with state(request).search.maybe(bool(q or entity)) as budget:
            found = find_stories(archive, lang=language, since=since, until=until, entity=entity or None,
                                 q=q or None, sort=sort, budget=budget)
    except HTTPException as exc:
        if exc.status_code != 400:
            raise
        error, status, found = exc.detail, 400, []
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    items = with_entities(archive, found[(number - 1) * PAGE_SIZE:number * PAGE_SIZE])
    charts = coverage(archive, [s["id"] for s in items])
    filtered = any((language, since, until, entity, q))
    return render(request, "stories.html", status_code=status, error=error,
                  items=[{**s, "spark": spark(charts.get(s["id"]))} for s in items], total=len(found), page=number,
                  pages=pages, first=(number - 1) * PAGE_SIZE + 1 if items else 0,
                  last=(number - 1) * PAGE_SIZE + len(items), languages=SUPPORTED_LANGUAGES, sorts=SORTS,
                  filtered=filtered, filters={"language": language or "", "entity": entity, "q": q,
                                              "since": since or "", "until": until or "", "sort": sort})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, archive: ReaderDep, page: str | None = None) -> Response:
    return RESPONSES.answer(request, archive.store.path, lambda: _story_page(request, story_id, archive, page))


def _story_page(request: Request, story_id: str, archive: ReaderDep, page: str | None) -> HTMLResponse:
    story = story_detail(archive, story_id)
    if story is None:
        return error_page(request, 404, label(interface_language(request), "not_found") + f": {story_id[:80]!r}")
    by_id = {a["id"]: a for a in story["articles"]}
    pages = max(1, math.ceil(len(story["events"]) / EVENTS_PER_PAGE))
    number = min(page_number(page), pages)
    shown = story["events"][(number - 1) * EVENTS_PER_PAGE:number * EVENTS_PER_PAGE]
    events = [{**e, "articles": [by_id[i] for i in e["article_ids"] if i in by_id]} for e in shown]
    timeline = story_timeline(archive, story["id"])
    cited = {i for e in (timeline or {}).get("entries", []) for s in e["sentences"] for i in s["article_ids"]}
    cited |= {i for e in (timeline or {}).get("entries", []) for s in e["sentences"]
              for a in s.get("alternatives", []) for i in a["article_ids"]}
    cited |= {i for s in (timeline or {}).get("summary", []) for i in s["article_ids"]}
    known = {i: by_id[i]["title"] for i in cited if i in by_id}
    known.update(archive.titles(sorted(cited - set(known))))
    return render(request, "story.html", story=story, events=events, n_events=len(story["events"]), timeline=timeline,
                  article_titles=known, export_formats=EXPORT_FORMATS, page=number, pages=pages,
                  first_event=(number - 1) * EVENTS_PER_PAGE + 1 if shown else 0,
                  last_event=(number - 1) * EVENTS_PER_PAGE + len(shown))
