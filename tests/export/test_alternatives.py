"""Issue 16: a timeline sentence's alternatives (the same event as another language told it) were only in the JSON.

Every format that shows a timeline entry must also show its alternatives: the sentence as written, in its language,
with its source and the date it was told under. The fixture (tests/bilingual_story.py) is a Dutch and an English
article on one invented event; the English sentence is the Dutch one's alternative.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main
from storyline.export import render, story_document
from storyline.export.timeline import to_html, to_markdown, to_story_dict, to_text, to_timelinejs

from ..bilingual_story import EN_ARTICLE, EN_SENTENCE, EN_SOURCE, NL_SENTENCE, timeline

ALSO = f"also in English: «{EN_SENTENCE}» ({EN_SOURCE}, March 2024)"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_alternative_shown_in_text_timeline():
    out = to_text(timeline())
    assert ALSO in _flat(out)
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if "also in English" in line)
    assert lines[first].startswith("      also in English: «") and "Zwolse Courant" in lines[first - 1]  # under it
    assert out == to_text(timeline())
    assert "also in" not in to_text(timeline()).split("20 March 2024")[1]  # an entry without one shows none


def test_alternative_shown_in_markdown_timeline():
    lines = to_markdown(timeline()).splitlines()
    k = lines.index(next(x for x in lines if x.startswith(f"- {NL_SENTENCE}")))
    assert lines[k + 1] == f"  - *also in English:* «{EN_SENTENCE}» ({EN_SOURCE}, March 2024)"


def test_alternative_shown_in_html_and_timelinejs_timeline_escaped():
    hostile = "<script>alert(1)</script> The council approved the bridge."
    page = to_html(timeline(hostile))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; The council" in page
    page = to_html(timeline())
    assert (f'<p class="alt"><span class="also">also in English:</span> «<span lang="en">{EN_SENTENCE}</span>» '
            f'<span class="cite">({EN_SOURCE}, March 2024)</span></p>') in page
    slide = to_timelinejs(timeline())["events"][0]["text"]["text"]
    assert f'also in English:</small> «<span lang="en">{EN_SENTENCE}</span>» <small>({EN_SOURCE}, March 2024)' in slide
    assert "<script>" not in json.dumps(to_timelinejs(timeline(hostile)))
    assert to_story_dict(timeline(), "s1")["entries"][0]["sentences"][0]["alternatives"][0]["text"] == EN_SENTENCE


@pytest.mark.slow
def test_alternative_shown_by_storyline_timeline_in_every_format(bilingual_db: tuple[Path, str]):
    db, story_id = bilingual_db
    runner = CliRunner()

    def run(fmt: str) -> str:
        result = runner.invoke(main, ["--db", str(db), "timeline", story_id, "--format", fmt], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    assert ALSO in _flat(run("text"))
    assert f"*also in English:* «{EN_SENTENCE}» ({EN_SOURCE}, March 2024)" in run("markdown")
    assert f'«<span lang="en">{EN_SENTENCE}</span>»' in run("html")
    slides = json.loads(run("timelinejs"))["events"]
    assert sum(f'«<span lang="en">{EN_SENTENCE}</span>»' in e["text"]["text"] for e in slides) == 1
    shown = json.loads(run("json"))
    assert [a["text"] for e in shown["entries"] for s in e["sentences"] for a in s["alternatives"]] == [EN_SENTENCE]


@pytest.mark.slow
def test_alternative_shown_in_every_story_export(bilingual_db: tuple[Path, str]):
    db, story_id = bilingual_db
    with storyline.open(db, readonly=True) as archive:
        doc = story_document(archive, story_id)
    assert doc is not None
    en_id = next(a["id"] for a in doc["articles"] if a["lang"] == "en")
    [alt] = [a for e in doc["timeline"] for s in e["sentences"] for a in s["alternatives"]]
    assert alt == {"text": EN_SENTENCE, "date": "2024-03", "precision": "month", "article_ids": [en_id],
                   "sources": [EN_SOURCE], "lang": "en"}
    assert json.loads(render(doc, "json"))["timeline"] == doc["timeline"]
    assert f"  - *also in English:* «{EN_SENTENCE}» ({EN_SOURCE}, March 2024)" in render(doc, "markdown").splitlines()
    page = render(doc, "html")
    assert (f'<p class="alt"><span class="also">also in English:</span> «<span lang="en">{EN_SENTENCE}</span>» '
            f'<span class="cite">({EN_SOURCE}, March 2024)</span></p>') in page
    slides = json.loads(render(doc, "timelinejs"))["events"]
    assert sum(f'«<span lang="en">{EN_SENTENCE}</span>»' in e["text"]["text"] for e in slides) == 1
    rows = {r["article_id"]: r for r in csv.DictReader(io.StringIO(render(doc, "csv")))}
    assert rows[en_id]["timeline_alternatives"] == f"2024-03-12: «{EN_SENTENCE}»"
    assert all(r["timeline_alternatives"] == "" for k, r in rows.items() if k != en_id)
    assert EN_ARTICLE["title"] == rows[en_id]["title"]
