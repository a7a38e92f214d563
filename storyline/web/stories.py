"""Pages for stories: the list, and one story as a timeline of its events (mounted when Archive has `stories`)."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..api.deps import ReaderDep
from ..api.queries import BadFilter, check_lang
from ..config import SUPPORTED_LANGUAGES
from .i18n import label
from .pages import error_page, interface_language, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25


@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request, archive: ReaderDep, language: str | None = None,
               page: str | None = None) -> HTMLResponse:
    try:
        language = check_lang(language)
    except BadFilter:
        language = None
    try:
        number = max(1, int(page or 1))
    except ValueError:
        number = 1
    found = archive.stories(lang=language)
    items = found[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    return render(request, "stories.html", items=items, total=len(found), page=number,
                  pages=max(1, math.ceil(len(found) / PAGE_SIZE)), first=(number - 1) * PAGE_SIZE + 1 if items else 0,
                  last=(number - 1) * PAGE_SIZE + len(items), language=language or "", languages=SUPPORTED_LANGUAGES)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, archive: ReaderDep) -> HTMLResponse:
    story = archive.story(story_id) if len(story_id) <= 200 else None
    if story is None:
        return error_page(request, 404, label(interface_language(request), "not_found") + f": {story_id[:80]!r}")
    by_id = {a["id"]: a for a in story["articles"]}
    events = [{**e, "articles": [by_id[i] for i in e["article_ids"] if i in by_id]} for e in story["events"]]
    return render(request, "story.html", story=story, events=events)
