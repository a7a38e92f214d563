"""The renderers, on a hand-made document with hostile text: escaping, formula guards, structure."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from storyline.export import (
    CSV_COLUMNS,
    FORMATS,
    csv_cell,
    render,
    to_csv,
    to_html,
    to_html_all,
    to_markdown,
    to_timelinejs_dict,
)
from storyline.export.common import md_escape

from .helpers import BAD_TITLE, synthetic_doc


class Tags(HTMLParser):
    """Every start tag with its attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("page", [to_html(synthetic_doc()), to_html_all([synthetic_doc(), synthetic_doc(id="s0002")])])
def test_html_shows_hostile_text_as_text(page):
    found = parse(page)
    names = [tag for tag, _ in found.tags]
    assert "script" not in names and "iframe" not in names and "img" not in names
    assert not any(k.startswith("on") for _, attrs in found.tags for k in attrs)
    text = "".join(found.text)
    assert '<script>alert("t")</script>' in text  # shown, as text
    assert "Kim <script>x()</script> meets Trump." in text
    assert "<b>meet</b>" in text and "Kim <i>Jong-un</i>" in text


def test_html_links_only_web_urls_and_loads_nothing():
    found = parse(to_html(synthetic_doc()))
    hrefs = [attrs.get("href") or "" for tag, attrs in found.tags if tag == "a"]
    assert "https://nos.nl/a/1?x=1&y=(2)" in hrefs
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs)
    for tag, attrs in found.tags:
        if tag in ("link", "script", "img", "iframe", "source", "video", "audio", "embed", "object"):
            pytest.fail(f"the report loads a resource: <{tag} {attrs}>")
    csp = [attrs["content"] for tag, attrs in found.tags
           if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "script-src" not in csp[0]
    assert "url(" not in to_html(synthetic_doc())  # no CSS resource either


def test_html_timeline_has_one_marker_and_one_item_per_entry():
    doc = synthetic_doc()
    found = parse(to_html(doc))
    dots = [attrs for tag, attrs in found.tags if tag == "a" and "dot" in (attrs.get("class") or "")]
    items = [attrs for tag, attrs in found.tags if tag == "li" and "entry" in (attrs.get("class") or "")]
    assert len(dots) == len(items) == len(doc["timeline"])
    assert {d["href"][1:] for d in dots} == {i["id"] for i in items}  # every marker points at its entry
    assert ["estimated" in (d.get("class") or "") for d in dots] == [False, False, True]
    lefts = [float(re.search(r"left:([\d.]+)%", d["style"]).group(1)) for d in dots]
    assert lefts[0] < lefts[1] < lefts[2] <= 100  # May, then 12 June, then the undated zone
    assert "month" in dots[0]["class"] and "month" not in dots[1]["class"]


def test_html_all_has_an_index_entry_per_story():
    docs = [synthetic_doc(), synthetic_doc(id="s0002", title="Second story")]
    found = parse(to_html_all(docs))
    index = [attrs["href"] for tag, attrs in found.tags if tag == "a" and (attrs.get("href") or "").startswith("#story-")]
    sections = [attrs["id"] for tag, attrs in found.tags if tag == "section" and (attrs.get("id") or "").startswith("story-")]
    assert index == ["#story-s0001", "#story-s0002"] and sections == ["story-s0001", "story-s0002"]
    assert "No stories yet" in to_html_all([])


def test_markdown_escapes_html_and_markdown():
    page = to_markdown(synthetic_doc())
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page
    assert "](javascript:" not in page  # neither the title's fake link nor the javascript: URL becomes a link
    assert "\\*\\*bold\\*\\*" in page
    assert "[Summit announced](https://nos.nl/a/1?x=1&y=%282%29)" in page
    assert "\n- undated · nl · \\-1 \\+ 1 = 0" in page  # a title that would start a list item stays text
    assert page.splitlines()[0] == "# Trump and Kim &lt;b&gt;meet&lt;/b&gt; in Singapore"


def test_md_escape_keeps_one_line():
    assert md_escape("line one\n# heading\n\n- item") == "line one \\# heading - item"


def test_csv_one_row_per_article_with_formula_guard():
    doc = synthetic_doc()
    rows = list(csv.reader(io.StringIO(to_csv([doc, synthetic_doc(id="s0002")]))))
    assert rows[0] == [name for name, _ in CSV_COLUMNS]
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert len(body) == 2 * len(doc["articles"])
    assert [r["story_id"] for r in body] == ["s0001"] * 3 + ["s0002"] * 3
    hostile = body[1]
    assert hostile["title"] == BAD_TITLE and hostile["story_title"] == BAD_TITLE  # starts with <, no guard needed
    assert body[2]["title"] == "'-1 + 1 = 0"
    assert hostile["sources"] == "'@evil <script>"
    assert body[0]["timeline_dates"] == "2018-05" and hostile["timeline_dates"] == "2018-06-12"
    assert body[2]["published"] == "" and body[2]["precision"] == ""
    for row in body:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cell_guards_formulas(value):
    assert csv_cell(value) == "'" + value


def test_timelinejs_document():
    doc = synthetic_doc()
    tl = to_timelinejs_dict(doc)
    assert set(tl) == {"title", "events"} and "headline" in tl["title"]["text"]
    assert [e["start_date"] for e in tl["events"]] == [{"year": "2018", "month": "5"},
                                                     {"year": "2018", "month": "6", "day": "12"},
                                                     {"year": "2018", "month": "6", "day": "12"}]
    assert tl["events"][2]["group"] == "undated" and "display_date" in tl["events"][2]
    text = json.dumps(tl)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert tl["title"]["text"]["headline"] == "Trump and Kim &lt;b&gt;meet&lt;/b&gt; in Singapore"
    assert len({e["unique_id"] for e in tl["events"]}) == len(tl["events"])


def test_formats_render_and_name_their_files():
    doc = synthetic_doc()
    for name, spec in FORMATS.items():
        out = render(doc, name)
        assert isinstance(out, str) and out.strip(), name
        assert spec.filename(doc["id"]) == f"story-s0001{spec.extension}"
    assert json.loads(render(doc, "json")) == doc
    assert FORMATS["json"].filename("../../etc/passwd") == "story-etcpasswd.json"
