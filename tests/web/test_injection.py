"""Article text is untrusted: titles and texts with HTML, script or Markdown are shown as text, never run."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.web.render import annotate, highlight

from ..api.helpers import HOSTILE_ID, HOSTILE_TITLE


def _no_live_markup(html: str) -> None:
    assert "<script>window" not in html and "<script>alert" not in html
    assert "<img src=x" not in html and "<iframe" not in html and "<b>vet</b>" not in html
    assert 'href="javascript:' not in html
    assert not re.search(r"<[^>]+\son\w+=", html), "an event-handler attribute reached the page"
    scripts = re.findall(r"<script[^>]*>", html)
    assert all('src="/static/app.js' in s for s in scripts), scripts


def test_hostile_article_page_shows_its_markup_as_text(web):
    page = web.get(f"/articles/{HOSTILE_ID}")
    assert page.status_code == 200
    html = page.text
    _no_live_markup(html)
    assert "&lt;script&gt;window.__pwned = 1;" in html
    assert "&lt;img src=x onerror=" in html and "&lt;b&gt;vet&lt;/b&gt; &amp;amp;" in html
    assert "**kop**" in html and "[link](javascript:alert(4))" in html  # Markdown stays literal
    assert "« niet gemarkeerd »" in html and "<mark" not in html  # « » in a text are not match markers
    assert "javascript:window.__pwned=5" in html  # the source URL is shown, not linked
    assert "&lt;b onmouseover=" in html


def test_hostile_article_in_lists_search_and_title(web):
    for url in ("/", "/articles?page=3", "/search?q=Zwartewater", "/search?q=script", "/search?q=pwned", "/stories"):
        html = web.get(url).text
        _no_live_markup(html)
    listing = web.get("/articles", params={"q": "Zwartewater"}).text
    assert "&lt;script&gt;window.__pwned = 1;" in listing
    found = web.get("/search", params={"q": "Zwartewater"}).text
    assert "<mark>Zwartewater</mark>" in found and "&lt;script&gt;" in found
    title = web.get(f"/articles/{HOSTILE_ID}").text.split("<title>")[1].split("</title>")[0]
    assert title.startswith("&lt;script&gt;")


def test_hostile_article_through_the_json_api_is_data(web):
    body = web.get(f"/api/articles/{HOSTILE_ID}").json()
    assert body["title"] == HOSTILE_TITLE
    response = web.get(f"/api/articles/{HOSTILE_ID}")
    assert response.headers["content-type"].startswith("application/json")


def test_hostile_batch_through_ingest_is_shown_as_text(tmp_path):
    batch = [{"title": "<img src=x onerror=alert(1)> Kop met <em>HTML</em>",
              "text": "Een bericht over de gemeenteraad met <svg onload=alert(2)> en <a href=\"javascript:x\">link</a> "
                      "en __markdown__ erin, lang genoeg om een artikel te zijn.",
              "url": "javascript:alert(3)"}]
    with TestClient(create_app(tmp_path / "i.db", token="t")) as c:
        report = c.post("/api/ingest", json=batch, headers={"Authorization": "Bearer t"}).json()
        html = c.get(f"/articles/{report['new_ids'][0]}", headers={"Accept": "text/html"}).text
        _no_live_markup(html)
        assert "__markdown__" in html
        _no_live_markup(c.get("/search", params={"q": "gemeenteraad"}).text)


def test_highlight_escapes_before_marking():
    assert str(highlight("«<script>»x")) == "<mark>&lt;script&gt;</mark>x"
    assert str(highlight("a «b» c «d", ("«", "»"))) == "a <mark>b</mark> c d"
    assert str(highlight("\ue000<i>\ue001", ("\ue000", "\ue001"))) == "<mark>&lt;i&gt;</mark>"


def test_annotate_escapes_text_and_labels():
    from storyline.web.render import Span

    html = str(annotate("<b>Kim</b>\n\nTrump", [Span(3, 6, "entity", '"><script>'), Span(12, 17, "date<x>", "x")]))
    assert html == ('<p>&lt;b&gt;<mark class="ann ann-entity" data-kind="&#34;&gt;&lt;script&gt;" '
                    'title="&#34;&gt;&lt;script&gt;">Kim</mark>&lt;/b&gt;</p><p><mark class="ann ann-datex" '
                    'data-kind="x" title="x">Trump</mark></p>')
