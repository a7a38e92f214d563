"""Article text is untrusted: titles and texts with HTML, script or Markdown are shown as text, never run."""

from __future__ import annotations

from html.parser import HTMLParser

from fastapi.testclient import TestClient

from storyline.web.render import annotate, highlight

from ..api.helpers import HOSTILE_ID, HOSTILE_TITLE, app_for


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _no_live_markup(html: str) -> None:
    assert "<script>window" not in html and "<script>alert" not in html
    assert "<img src=x" not in html and "<iframe" not in html and "<b>vet</b>" not in html
    assert 'href="javascript:' not in html
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on")], f"an event-handler attribute reached the page: {tag} {attrs}"
        assert tag not in ("img", "iframe", "object", "embed"), (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith(("javascript:", "data:")), (tag, attrs)
    scripts = [attrs.get("src") or "" for tag, attrs in parser.tags if tag == "script"]
    assert all(s.startswith(("/static/app.js", "/static/timeline.js", "/static/timeline-scale.js",
                             "/static/timeline-input.js")) for s in scripts), scripts


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
    with TestClient(app_for(tmp_path / "i.db", token="t")) as c:
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


def test_story_and_entity_pages_show_hostile_text_as_text(hostile_web):
    from urllib.parse import quote

    from .conftest import HOSTILE_ENTITY

    stories = hostile_web.get("/api/stories", params={"limit": 200}).json()["items"]
    hostile = next((s for s in stories if HOSTILE_ID in s["article_ids"]), None)
    urls = ["/entities", f"/entities?q={quote('<img')}", f"/entities/{quote(HOSTILE_ENTITY)}", f"/articles/{HOSTILE_ID}",
            f"/stories?entity={quote(HOSTILE_ENTITY)}", f"/stories?q={quote('<script>')}"]
    if hostile is not None:
        urls += ["/stories", f"/stories/{hostile['id']}", f"/entities/{quote(HOSTILE_ENTITY)}"]
    for url in urls:
        page = hostile_web.get(url)
        assert page.status_code == 200, url
        _no_live_markup(page.text)
        assert "<img src=x onerror" not in page.text and 'onerror="window' not in page.text, url
    entity_page = hostile_web.get(f"/entities/{quote(HOSTILE_ENTITY)}").text
    assert "&lt;img src=x onerror=&#34;window.__pwned=6&#34;&gt;Zwartewater" in entity_page
    article = hostile_web.get(f"/articles/{HOSTILE_ID}").text
    assert 'title="&lt;img src=x onerror=' not in article  # the label is the type, the name is escaped where shown
    assert "alert(7)" not in article.replace("alert(7)&lt;", "")  # the hostile date value is escaped
    if hostile is not None:
        story = hostile_web.get(f"/stories/{hostile['id']}").text
        assert "<h1>&lt;script&gt;window.__pwned = 1;" in story
        assert hostile_web.get(f"/api/stories/{hostile['id']}").json()["title"] == HOSTILE_TITLE


def test_timeline_script_inserts_text_only():
    from storyline.web import STATIC_DIR

    for name in ("timeline.js", "timeline-scale.js", "timeline-input.js", "app.js"):
        code = (STATIC_DIR / name).read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                     "setAttribute(\"on", "javascript:"):
            assert sink not in code, f"{name} uses {sink}"
    assert "textContent" in (STATIC_DIR / "timeline.js").read_text(encoding="utf-8")
