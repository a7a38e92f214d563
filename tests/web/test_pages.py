"""The pages, rendered by the server: home, article list, article, search, languages, errors, offline assets."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from ..api.helpers import HOSTILE_ID


def test_home_shows_the_archive_stats(web):
    page = web.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<span class="num">49</span>' in html  # 48 sample articles plus the hostile one
    assert "By language" in html and "By month" in html and "Dutch" in html
    assert 'href="/articles?since=2022-06&amp;until=2022-06"' in html


def test_interface_language_by_query_cookie_and_accept_language(web):
    try:
        dutch = web.get("/", params={"lang": "nl"})
        assert "Per taal" in dutch.text and '<html lang="nl">' in dutch.text
        assert "storyline_lang=nl" in dutch.headers["set-cookie"]
        assert "<h1>Artikelen</h1>" in web.get("/articles").text  # remembered in the cookie
        assert "<h1>Articles</h1>" in web.get("/articles", params={"lang": "en"}).text
    finally:
        web.cookies.clear()
    assert "By language" in web.get("/").text
    assert "Per taal" in web.get("/", headers={"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"}).text
    assert "By language" in web.get("/", headers={"Accept-Language": "fr, en;q=0.5, nl;q=0.4"}).text
    assert "By language" in web.get("/", params={"lang": "xx"}).text


def test_article_list_paginates_and_filters(web):
    first = web.get("/articles").text
    assert "1–20 of 49" in first and len(re.findall(r'<a class="title" href="/articles/', first)) == 20
    assert 'rel="next" href="/articles?page=2"' in first
    last = web.get("/articles", params={"page": 3}).text
    assert "41–49 of 49" in last and 'rel="prev"' in last
    dutch = web.get("/articles", params={"language": "nl"}).text
    assert "of 31" in dutch and '<option value="nl" selected>' in dutch
    month = web.get("/articles", params={"since": "2022-06", "until": "2022-06", "q": "Veluwe"}).text
    assert "1–3 of 3" in month
    none = web.get("/articles", params={"q": "zzzzqqq"})
    assert none.status_code == 200 and "No articles match" in none.text


def test_article_list_explains_a_bad_filter(web):
    page = web.get("/articles", params={"since": "gisteren"})
    assert page.status_code == 422 and "since must be a date" in page.text


def test_article_page_shows_text_facts_sources_and_panels(web):
    listed = web.get("/api/articles", params={"q": "Kessler", "lang": "en", "limit": 1}).json()["items"][0]
    page = web.get(f"/articles/{listed['id']}").text
    article = web.get(f"/api/articles/{listed['id']}").json()
    assert f"<h1 lang=\"en\">{article['title']}" in page.replace("&#34;", '"').replace("&#39;", "'")
    first_words = article["text"].split("\n")[0][:40]
    assert first_words.split(" ")[0] in page
    for section in ('id="entities"', 'id="dates"', 'id="story"', 'id="sources"'):
        assert section in page
    assert int(re.search(r'data-annotations="(\d+)"', page).group(1)) > 0


def test_article_page_highlights_the_stored_entities_and_dates(web, web_db):
    import html as htmllib
    import sqlite3

    with sqlite3.connect(web_db) as conn:
        article_id = conn.execute("SELECT article_id FROM article_entities GROUP BY article_id "
                                  "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        text = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        entities = conn.execute("SELECT start, end, type, normalized FROM article_entities WHERE article_id = ? "
                                "ORDER BY start", (article_id,)).fetchall()
        dates = conn.execute("SELECT start, end FROM article_time_mentions WHERE article_id = ?", (article_id,)).fetchall()
    page = web.get(f"/articles/{article_id}").text
    body = page.split('id="text"')[1].split("</div>")[0]
    marked = [(m.group(1), htmllib.unescape(m.group(2)))
              for m in re.finditer(r'<mark class="ann ann-(entity|date)"[^>]*>(.*?)</mark>', body, re.S)]
    entity_texts = [text[s:e] for s, e, _, _ in entities]
    assert [t for kind, t in marked if kind == "entity"] and all(
        t in entity_texts for kind, t in marked if kind == "entity")
    assert len(marked) <= len(entities) + len(dates)
    for _, _, _, name in entities[:5]:  # the side panel links each name to its entity page
        assert f'href="/entities/{quote(name)}"' in page


def test_copies_are_linked_from_the_article_page(web):
    copy = next(a for a in web.get("/api/articles", params={"limit": 200}).json()["items"] if a["copy_of"])
    page = web.get(f"/articles/{copy['id']}").text
    assert f'href="/articles/{copy["copy_of"]}"' in page


def test_unknown_article_page_is_a_404_page(web):
    page = web.get("/articles/0000000000000000")
    assert page.status_code == 404 and "<!doctype html>" in page.text and "0000000000000000" in page.text
    assert web.get("/nowhere").status_code == 404


def test_search_page_highlights_matches(web):
    page = web.get("/search", params={"q": "Kessler"}).text
    assert "<mark>Kessler</mark>" in page and "Results for" in page
    assert page.count('<li>\n      <a class="title"') >= 3
    assert "Nothing found" in web.get("/search", params={"q": "zzzzqqq"}).text
    assert "Results for" not in web.get("/search").text


def test_search_with_more_results_than_a_page(web):
    page = web.get("/search", params={"q": "de"}).text
    assert 'href="/search?q=de&amp;limit=40"' in page
    assert web.get("/search", params={"q": "de", "limit": "40"}).status_code == 200


def test_api_page_lists_the_endpoints(web):
    page = web.get("/api").text
    for path in ("/api/health", "/api/articles", "/api/search", "/api/stats", "/api/ingest"):
        assert f"<code>{path}</code>" in page
    assert "disabled" in page


@pytest.mark.parametrize("url", ["/", "/articles", f"/articles/{HOSTILE_ID}", "/search?q=Kessler", "/api", "/entities",
                                 "/entities/Bradley%20Kessler", "/stories"])
def test_pages_load_nothing_from_elsewhere(web, url):
    html = web.get(url).text
    for ref in re.findall(r'<(?:script|link|img|iframe)[^>]*(?:src|href)="([^"]*)"', html):
        assert ref.startswith("/static/"), ref
    for asset in set(re.findall(r'(?:src|href)="(/static/[^"?]*)', html)):
        assert web.get(asset).status_code == 200, asset


def test_static_files_reference_nothing_outside():
    from storyline.web import STATIC_DIR

    for path in STATIC_DIR.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text.replace("http://www.w3.org/2000/svg", "")), path
        assert "@import" not in text and "fonts.g" not in text


def test_every_label_exists_in_both_languages():
    from storyline.web.i18n import LABELS

    assert set(LABELS["en"]) == set(LABELS["nl"])
    for key, text in LABELS["en"].items():
        assert sorted(re.findall(r"{(\w+)}", text)) == sorted(re.findall(r"{(\w+)}", LABELS["nl"][key])), key
