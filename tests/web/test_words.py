"""Words on the pages: every label translated, singular and plural right, dates and sources as people write them."""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from storyline.export.common import MONTHS
from storyline.web.i18n import LABELS, LANGUAGE_NAMES, label

WORD = re.compile(r"[A-Za-z]{4,}")
SKIPPED = {"script", "style", "code", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Visible(HTMLParser):
    """The text a reader sees (and placeholders and aria-labels), leaving out <script>, <code> and anything marked
    as written in another language than the page's (lang="en" on an English title or the API's descriptions)."""

    def __init__(self, ui: str) -> None:
        super().__init__()
        self.ui, self.stack, self.out = ui, [], []

    def _hidden(self) -> bool:
        return any(tag in SKIPPED or (lang and lang != self.ui) for tag, lang in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag not in VOID:
            self.stack.append((tag, values.get("lang")))
        if not self._hidden():
            self.out += [values[k] or "" for k in ("placeholder", "aria-label") if k in values]

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.out.append(data)


def visible_text(html: str, ui: str) -> str:
    parser = _Visible(ui)
    parser.feed(html)
    return " ".join(parser.out)


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _content_words(db: Path) -> set[str]:
    """Every word of the archive's own text (titles, texts, names, sources): those may be English on a Dutch page."""
    conn = sqlite3.connect(db)
    try:
        words: set[str] = set()
        queries = ["SELECT title || ' ' || text FROM articles",
                   "SELECT coalesce(location, '') || ' ' || coalesce(outlet, '') || ' ' || coalesce(url, '') FROM sources",
                   "SELECT coalesce(title, '') FROM stories", "SELECT coalesce(title, '') FROM events",
                   "SELECT normalized || ' ' || text FROM article_entities"]
        for query in queries:
            for (text,) in conn.execute(query):
                words |= _words(text or "")
        return words
    finally:
        conn.close()


def english_only_words(db: Path) -> set[str]:
    """Words of the English interface (labels, language and month names) that no Dutch label and no article uses."""
    english = " ".join([*LABELS["en"].values(), *LANGUAGE_NAMES["en"].values(), *MONTHS])
    dutch = " ".join([*LABELS["nl"].values(), *LANGUAGE_NAMES["nl"].values()])
    return _words(english) - _words(dutch) - _content_words(db) - {"storyline", "json", "openapi"}


def _every_page(client) -> dict[str, str]:  # noqa: ANN001 - a TestClient
    article = client.get("/api/articles", params={"limit": 1, "q": "Meditrack"}).json()["items"][0]["id"]
    entity = client.get("/api/entities", params={"limit": 1}).json()["items"][0]["name"]
    pages = {"home": "/", "articles": "/articles", "article": f"/articles/{article}", "search": "/search?q=Meditrack",
             "no results": "/search?q=zzzqqq", "entities": "/entities", "entity": f"/entities/{quote(entity)}",
             "api": "/api", "not found": "/articles/nothere"}
    story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]["id"]
    pages |= {"stories": "/stories", "story": f"/stories/{story}", "no stories": "/stories?q=zzzqqq"}
    return pages


def test_every_dutch_page_has_no_english_label(web, web_db):
    english = english_only_words(web_db)
    # the test can only see words no article uses; these must be among them
    assert {"published", "ingested", "precision", "mentions", "minute", "undated", "similarity"} <= english
    found = {}
    for name, path in _every_page(web).items():
        page = web.get(path, params={"lang": "nl"})
        assert page.status_code in (200, 404), (name, page.status_code)
        leaked = _words(visible_text(page.text, "nl")) & english
        if leaked:
            found[name] = sorted(leaked)
    web.cookies.clear()
    assert found == {}


def test_the_checker_finds_an_english_label(web_db):
    english = english_only_words(web_db)
    html = '<html lang="nl"><p>Gepubliceerd 14 juli 2014 <span>(precisie: minute)</span></p><p lang="en">Published</p>'
    assert _words(visible_text(html, "nl")) & english == {"minute"}


@pytest.mark.parametrize(("ui", "key", "n", "expected"), [
    ("en", "articles_count", 1, "1 article"), ("en", "articles_count", 2, "2 articles"),
    ("nl", "articles_count", 1, "1 artikel"), ("nl", "articles_count", 0, "0 artikelen"),
    ("en", "mentions_count", 1, "1 mention"), ("en", "more_in_story", 1, "1 article in this story"),
    ("nl", "more_in_story", 1, "1 artikel in dit verhaal"), ("en", "results_count", "1", "1 result"),
    ("en", "results_count", "1+", "1+ results"), ("nl", "characters", 1, "1 teken")])
def test_singular_and_plural(ui, key, n, expected):
    assert label(ui, key, n=n) == expected


def test_dates_and_sources_read_as_people_write_them(web, web_db):
    conn = sqlite3.connect(web_db)
    try:
        article_id, = conn.execute("SELECT id FROM articles WHERE published_precision = 'minute' LIMIT 1").fetchone()
        hosted, url = conn.execute("SELECT article_id, url FROM sources WHERE outlet IS NULL AND url LIKE 'http%' "
                                   "LIMIT 1").fetchone()
    finally:
        conn.close()
    article = web.get(f"/api/articles/{article_id}").json()
    html = web.get(f"/articles/{article_id}", params={"lang": "nl"}).text
    text = visible_text(html, "nl")
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "an ISO date on the page"
    assert not re.search(r"[+-]\d{2}:\d{2}|T\d{2}:\d{2}:\d{2}", text), "a time zone offset or ISO time on the page"
    year, month, day = article["published"][:10].split("-")
    dutch_months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                    "oktober", "november", "december"]
    assert f"{int(day)} {dutch_months[int(month) - 1]} {year}, {article['published'][11:16]}" in text
    assert re.search(r"Ingelezen\s+\d{1,2} [a-z]+ \d{4}, \d{2}:\d{2} UTC", text)
    host = re.match(r"https?://(?:www\.)?([^/]+)", url)[1]
    assert f"<strong>{host}</strong>" in web.get(f"/articles/{hosted}", params={"lang": "nl"}).text
    web.cookies.clear()
