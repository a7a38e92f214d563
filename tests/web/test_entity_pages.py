"""The entity pages: the most named entities with filters, and one entity with its stories and articles."""

from __future__ import annotations

import re
from urllib.parse import quote


def test_entity_list_ranks_filters_and_links(web):
    api = web.get("/api/entities", params={"limit": 50}).json()
    html = web.get("/entities").text
    names = re.findall(r'<a class="ent ent-\w+" href="/entities/([^"]+)">', html)
    assert names == [quote(e["name"]) for e in api["items"]]
    assert '<a href="/entities" aria-current="page">Entities</a>' in html
    places = web.get("/entities", params={"type": "LOC"}).text
    assert set(re.findall(r'<span class="tag type-(\w+)">', places)) == {"loc"}
    assert '<option value="LOC" selected>' in places
    person = web.get("/api/entities", params={"type": "PER"}).json()["items"][0]["name"]
    found = web.get("/entities", params={"q": person.lower()}).text
    assert f'href="/entities/{quote(person)}"' in found
    assert "No entities found" in web.get("/entities", params={"q": "zzqqxx"}).text
    assert web.get("/entities", params={"type": "<script>", "page": "x"}).status_code == 200  # ignored, not an error


def test_entity_page_shows_stories_co_occurring_names_and_articles(web):
    person = web.get("/api/entities", params={"type": "PER"}).json()["items"][0]["name"]
    api = web.get(f"/api/entities/{person}").json()
    html = web.get(f"/entities/{quote(person)}").text
    assert f"<h1>{person}</h1>" in html
    for article in api["articles"]:
        assert f'href="/articles/{article["id"]}"' in html
    for story in api["stories"]:
        assert f'href="/stories/{story["id"]}"' in html
    co = html.split('id="co-occurring"')[1]
    assert re.findall(r'href="/entities/([^"]+)"', co) == [quote(c["name"]) for c in api["co_occurring"]]
    assert web.get(f"/entities/{quote(person.upper())}").status_code == 200


def test_unknown_entity_is_a_404_page(web):
    page = web.get("/entities/" + quote("<b>nobody</b>"))
    assert page.status_code == 404 and "&lt;b&gt;nobody&lt;/b&gt;" in page.text and "<b>nobody" not in page.text
