"""The pages: home (archive stats), article list, article, search, API endpoint list, errors."""

from __future__ import annotations

import math
from datetime import timedelta
from functools import partial
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from .. import __version__
from ..api.deps import ReaderDep, state
from ..api.queries import BadFilter, check_date, check_lang
from ..api.story_queries import find_stories, story_detail
from ..config import SUPPORTED_LANGUAGES
from ..store.annotations import article_annotations
from ..store.entities_query import article_entity_summary
from .charts import month_axis
from .i18n import COOKIE, LANGUAGE_NAMES, UI_LANGUAGES, label, pick_language
from .render import Span, environment

router = APIRouter(include_in_schema=False)
env = environment()
PAGE_SIZE = 20
MAX_PAGE = 1_000_000
SEARCH_STEP = 20
SEARCH_MAX = 100
# Match markers for search snippets on pages: private-use characters, which article text does not use
# (unlike « and », which French and Dutch quotes do); the text is escaped before they become <mark>.
SEARCH_MARKS = ("\ue000", "\ue001")


def interface_language(request: Request) -> str:
    return pick_language(request.query_params.get("lang"), request.cookies.get(COOKIE),
                         request.headers.get("accept-language"))


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The current URL (or `path`) with query parameters changed; None or '' removes one."""
    params = dict(request.query_params) if path is None else {}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return quote(path or request.url.path, safe="/") + (f"?{query}" if query else "")


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's interface language, with what every template needs."""
    ui = interface_language(request)
    st = request.app.state.storyline
    html = env.get_template(template).render(
        request=request, ui=ui, ui_languages=UI_LANGUAGES, t=partial(label, ui), lang_names=LANGUAGE_NAMES[ui],
        writes_enabled=st.writes_enabled, version=__version__,
        url_with=partial(url_with, request), path=request.url.path, **context)
    response = HTMLResponse(html, status_code=status_code)
    chosen = request.query_params.get("lang")
    if chosen in UI_LANGUAGES and chosen != request.cookies.get(COOKIE):
        response.set_cookie(COOKIE, chosen, max_age=int(timedelta(days=365).total_seconds()), samesite="lax",
                            httponly=True)
    return response


def error_page(request: Request, status_code: int, detail: str) -> HTMLResponse:
    """The HTML form of an error (the API answers JSON instead)."""
    try:
        return render(request, "error.html", status_code=status_code, status=status_code, detail=detail)
    except Exception:  # noqa: BLE001 - an error page must not fail; fall back to escaped plain HTML
        from markupsafe import escape

        return HTMLResponse(f"<!doctype html><title>{status_code}</title><p>{escape(detail)}</p>", status_code)


def page_number(page: str | None) -> int:
    """A 1-based page number from a query parameter (1 when missing or not a sensible number)."""
    try:
        return min(MAX_PAGE, max(1, int(page or 1)))
    except ValueError:
        return 1


def annotation_spans(annotations: dict[str, list[dict[str, Any]]]) -> list[Span]:
    """Entity and date spans to highlight, from the stored annotations of an article (``article_annotations``)."""
    spans = [Span(e["start"], e["end"], "entity", e["type"]) for e in annotations.get("entities", [])]
    spans += [Span(m["start"], m["end"], "date", m["value"] or "") for m in annotations.get("time_mentions", [])]
    return spans


HOME_STORIES = 5  # stories in each of the home page's two lists


def home_stories(archive: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The largest and the most recently active stories of two or more articles."""
    real = [s for s in find_stories(archive) if s["n_articles"] > 1]  # most recently active first
    largest = sorted(real, key=lambda s: -s["n_articles"])[:HOME_STORIES]
    return largest, real[:HOME_STORIES]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, archive: ReaderDep) -> HTMLResponse:
    stats = archive.stats()
    months = stats["by_month"]
    peak = max(months.values(), default=0)
    largest, recent = home_stories(archive)
    return render(request, "home.html", stats=stats, months=months, peak=peak, axis=month_axis(months),
                  largest_stories=largest, recent_stories=recent,
                  latest=archive.latest(6),
                  languages=stats["by_language"], sources=list(stats["by_source"].items())[:10])


@router.get("/articles", response_class=HTMLResponse)
def article_list(request: Request, archive: ReaderDep, language: str | None = None,
                 since: str | None = None, until: str | None = None, q: str | None = None,
                 page: str | None = None) -> HTMLResponse:
    error = None
    try:
        language, since, until = check_lang(language), check_date("since", since), check_date("until", until)
    except BadFilter as exc:
        error, language, since, until = str(exc), None, None, None
    number = page_number(page)
    status = 422 if error else 200
    try:
        with state(request).search.maybe(bool(q and q.strip())) as budget:
            total, items = archive.article_page(lang=language, since=since, until=until, q=q,
                                                limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE, budget=budget)
    except HTTPException as exc:
        if exc.status_code != 400:
            raise
        error, status, total, items = exc.detail, 400, 0, []
    pages = max(1, math.ceil(total / PAGE_SIZE))
    return render(request, "articles.html", status_code=status, items=items, total=total,
                  page=number, pages=pages, first=(number - 1) * PAGE_SIZE + 1 if items else 0,
                  last=(number - 1) * PAGE_SIZE + len(items), error=error, languages=SUPPORTED_LANGUAGES,
                  filters={"language": language or "", "since": since or "", "until": until or "", "q": q or ""})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, archive: ReaderDep) -> HTMLResponse:
    article = archive.article(article_id) if len(article_id) <= 200 else None
    if article is None:
        return error_page(request, 404, label(interface_language(request), "not_found") +
                          f": {article_id[:80]!r}")
    linked = archive.titles([i for i in [article["copy_of"], *article["copies"]] if i])
    story_id = archive.story_of(article["id"])
    story = story_detail(archive, story_id) if story_id else None
    annotations = article_annotations(archive.store, article["id"])
    dates: dict[tuple[str, str], dict[str, Any]] = {}
    for m in annotations["time_mentions"]:
        value = m["value"] if m["resolved"] and m["value"] else ""
        dates.setdefault((value, (m["precision"] or "") if value else m["text"]),
                         {"value": value, "precision": m["precision"], "texts": []})["texts"].append(m["text"])
    return render(request, "article.html", article=article, linked=linked, story=story,
                  spans=annotation_spans(annotations), entities=article_entity_summary(archive.store.conn, article["id"]),
                  dates=sorted(dates.values(), key=lambda d: (not d["value"], d["value"])))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, archive: ReaderDep, q: str | None = None,
                language: str | None = None, limit: str | None = None) -> HTMLResponse:
    q = (q or "").strip()[:500]
    try:
        language = check_lang(language)
    except BadFilter:
        language = None
    try:
        size = min(SEARCH_MAX, max(SEARCH_STEP, int(limit or SEARCH_STEP)))
    except ValueError:
        size = SEARCH_STEP
    hits, error = [], None
    if q:
        try:
            with state(request).search.turn() as budget:
                hits = archive.store.search(q, lang=language, limit=size, mark=SEARCH_MARKS, budget=budget)
        except HTTPException as exc:
            if exc.status_code != 400:
                raise
            error = exc.detail
    return render(request, "search.html", status_code=400 if error else 200, error=error, q=q, hits=hits, language=language or "", languages=SUPPORTED_LANGUAGES,
                  marks=SEARCH_MARKS, more=len(hits) == size and size < SEARCH_MAX, next_limit=size + SEARCH_STEP)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    endpoints = []
    for path, operations in request.app.openapi().get("paths", {}).items():
        for method, operation in operations.items():
            text = (operation.get("description") or operation.get("summary") or "").split("\n\n")[0]
            endpoints.append({"method": method.upper(), "path": path, "summary": text.replace("\n", " ")})
    return render(request, "api.html", endpoints=endpoints)
