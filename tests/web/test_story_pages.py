"""Story pages and the article's story panel (skipped where storyline cannot cluster)."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..api.helpers import HOSTILE_ID


def test_stories_page_lists_stories_and_the_nav_links_it(web):
    html = web.get("/stories").text
    assert '<a href="/stories" aria-current="page">Stories</a>' in html
    total = web.get("/api/stories").json()["total"]
    assert len(re.findall(r'<a class="title" href="/stories/', html)) == min(total, 25)


def test_story_page_is_a_timeline_of_events(web):
    story = web.get("/api/stories").json()["items"][0]
    html = web.get(f"/stories/{story['id']}").text
    assert html.count('<li class="event"') == len(story["event_ids"])
    for article_id in story["article_ids"]:
        assert f'href="/articles/{article_id}"' in html
    assert web.get("/stories/nope").status_code == 404


def test_article_page_shows_its_story(web):
    story = next(s for s in web.get("/api/stories").json()["items"] if s["n_articles"] > 1)
    html = web.get(f"/articles/{story['article_ids'][0]}").text
    assert f'class="story-link" href="/stories/{story["id"]}"' in html
    assert f'href="/articles/{story["article_ids"][1]}"' in html


def test_unclustered_article_says_so(web):
    html = web.get(f"/articles/{HOSTILE_ID}").text  # stored after clustering
    assert "not in a story yet" in html


def test_story_page_timeline_list_matches_the_api(web):
    story = web.get("/api/stories").json()["items"][0]
    detail = web.get(f"/api/stories/{story['id']}").json()
    html = web.get(f"/stories/{story['id']}").text
    entries = re.findall(r'<li class="tl-entry" id="tl-\d+" data-date="([^"]+)" data-precision="(\w+)" '
                         r'data-estimated="(true|false)"', html)
    assert [(d, p, e == "true") for d, p, e in entries] == [(e["date"], e["precision"], e["estimated"])
                                                           for e in detail["timeline"]]
    assert 'id="tlv" hidden' in html  # the visual timeline appears only when timeline.js runs
    assert '<script src="/static/timeline.js' in html
    for entry in detail["timeline"]:
        for sentence in entry["sentences"]:
            assert f'href="/articles/{sentence["article_ids"][0]}"' in html
    for fmt in ("json", "markdown", "csv", "html", "timelinejs"):
        assert f'href="/api/stories/{story["id"]}/export?format={fmt}"' in html
    for source in detail["sources"]:
        assert f'<td class="n">{source["articles"]}</td>' in html
    for entity in detail["entities"][:3]:
        assert f'href="/entities/{quote(entity["name"])}"' in html


def test_story_list_has_coverage_charts_filters_and_sort(web):
    api = web.get("/api/stories", params={"limit": 25}).json()
    html = web.get("/stories").text
    charts = re.findall(r'<svg class="spark".*?</svg>', html, re.S)
    assert len(charts) == len([s for s in api["items"] if s["start"]])
    first = api["items"][0]
    dated = sum(1 for a in web.get(f"/api/stories/{first['id']}", params={"timeline": "false"}).json()["articles"]
                if a["published"])
    first_chart = html.split(f'data-story-id="{first["id"]}"')[1].split("</svg>")[0]
    assert sum(int(n) for n in re.findall(r"<rect [^>]*><title>(\d+)</title>", first_chart)) == dated
    by_size = web.get("/stories", params={"sort": "size"}).text
    sizes = [s["n_articles"] for s in web.get("/api/stories", params={"sort": "size"}).json()["items"]]
    assert re.findall(r'data-story-id="([^"]+)"', by_size) == [
        s["id"] for s in web.get("/api/stories", params={"sort": "size"}).json()["items"]]
    assert sizes == sorted(sizes, reverse=True)
    assert '<option value="size" selected>' in by_size
    found = web.get("/stories", params={"q": "Schiphol"}).text
    expected = web.get("/api/stories", params={"q": "Schiphol"}).json()["items"]
    assert re.findall(r'data-story-id="([^"]+)"', found) == [s["id"] for s in expected]
    assert "No stories match" in web.get("/stories", params={"q": "zzqqxx"}).text
    bad = web.get("/stories", params={"since": "soon"})
    assert bad.status_code == 422 and "since must be a date" in bad.text


def test_story_pages_in_dutch(web):
    story = web.get("/api/stories").json()["items"][0]
    try:
        html = web.get(f"/stories/{story['id']}", params={"lang": "nl"}).text
        assert "Tijdlijn" in html and 'data-label-zoom-in="Inzoomen op de gekozen datum"' in html and "Belangrijkste namen" in html
        assert "Volgorde" in web.get("/stories").text  # remembered
    finally:
        web.get("/", params={"lang": "en"})  # the client is shared: back to English


def test_undated_articles_are_shown_where_their_content_dates_them(web):
    """Issue 20: the sample's undated arrest report sits at the arrest, marked "≈ geschat"; an undated article
    nothing dates is marked "datum onbekend" and comes last."""
    details = [web.get(f"/api/stories/{s['id']}").json() for s in web.get("/api/stories?limit=50").json()["items"]]
    placed = [(d, e) for d in details for e in d["timeline"] if e["estimated"] and not e["date_unknown"]]
    unknown = [(d, e) for d in details for e in d["timeline"] if e["date_unknown"]]
    arrest = [(d, e) for d, e in placed if e["date"] == "2023-06-08" and e["estimate"] == "neighbours"]
    assert arrest, "the undated Meditrack arrest report is placed by its neighbour, the arrest report of 8 June"
    story, entry = arrest[0]
    later = [e["date"] for e in story["timeline"] if not e["estimated"] and e["date"] > entry["date"]]
    assert later and story["timeline"].index(entry) < len(story["timeline"]) - len(later)
    html = web.get(f"/stories/{story['id']}", params={"lang": "nl"}).text
    item = html[html.index('data-date="2023-06-08" data-precision="day" data-estimated="true"'):]
    item = item[:item.index("</h3>")]
    assert "8 juni 2023" in item and "geschat" in item and "datum onbekend" not in item
    for story, entry in unknown:
        assert story["timeline"][-1] == entry
        html = web.get(f"/stories/{story['id']}", params={"lang": "nl"}).text
        last = html[html.rindex('<li class="tl-entry"'):]
        assert "datum onbekend" in last[:last.index("</h3>")]
    web.get("/", params={"lang": "en"})  # the client is shared: back to English (the entity list test read Dutch)


def test_story_page_shows_timeline_alternative(bilingual_db):
    """Issue 16: the story page showed only the kept sentence of an event told in two languages; the other
    language's sentence (as written, with its article link and date) is now a disclosure under it."""
    from fastapi.testclient import TestClient

    from ..api.helpers import app_for
    from ..bilingual_story import EN_SENTENCE, NL_SENTENCE

    db, story_id = bilingual_db
    with TestClient(app_for(db)) as c:
        en_id = next(a["id"] for a in c.get(f"/api/stories/{story_id}").json()["articles"] if a["lang"] == "en")
        html = c.get(f"/stories/{story_id}", headers={"Accept": "text/html"}).text
        dutch = c.get(f"/stories/{story_id}?lang=nl", headers={"Accept": "text/html"}).text
    kept = html.index(NL_SENTENCE)
    box = html[html.index('<details class="tl-alts">', kept):html.index("</details>", kept)]
    assert "also reported in EN</summary>" in box and "ook gemeld in het EN</summary>" in dutch
    assert f'<q class="tl-alt-text" lang="en">{EN_SENTENCE}</q>' in box
    assert f'href="/articles/{en_id}"' in box and "March 2024" in box
    assert html.count('<details class="tl-alts">') == 1
