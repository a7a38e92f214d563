"""Databases and documents the export tests share: the demo's own database, a hostile story, a synthetic document."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.cli import main

from ..api.helpers import HOSTILE_ID, copy_database, insert_raw_article

HOSTILE_STORY = "s" + HOSTILE_ID


def demo_run(factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`storyline demo` run once per test session: its folder and everything it printed."""
    folder = factory.getbasetemp() / "export-demo"
    log = folder / "demo-output.txt"
    if not log.exists():
        result = CliRunner().invoke(main, ["demo", "--out", str(folder)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        log.write_text(result.output, encoding="utf-8")
    return folder, log.read_text(encoding="utf-8")


def hostile_database(factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo database plus a story made of one hostile article (script in title, text, outlet, URL)."""
    import storyline
    from storyline.cluster import assign
    from storyline.text.analyse import analyse_articles

    folder, _ = demo_run(factory)
    target = factory.getbasetemp() / "export-hostile" / "storyline.db"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_database(folder / "storyline.db", target)
        insert_raw_article(target)
        with storyline.open(target) as archive:
            analyse_articles(archive.store, [HOSTILE_ID], backend="builtin")
            assign(archive.store, [HOSTILE_ID])
    return target


BAD_TITLE = '<script>alert("t")</script> =HYPERLINK("http://evil.example") **bold** [x](javascript:alert(1))'
_DOC: dict[str, Any] = {
    "schema": "storyline.export.story/1",
    "id": "s0001",
    "title": BAD_TITLE,
    "headline": "Trump and Kim <b>meet</b> in Singapore",
    "summary": [{"text": "Kim Jong-un and Donald Trump meet", "article_ids": ["a1"], "sources": ["NOS"], "lang": "en"}],
    "start": "2018-05",
    "end": "2018-06-12T10:00:00+08:00",
    "languages": ["en", "nl"],
    "n_articles": 3,
    "entities": [{"name": "Kim <i>Jong-un</i>", "type": "PER", "mentions": 5}],
    "sources": [{"name": "NOS", "articles": 2}, {"name": "@evil <script>", "articles": 1}],
    "events": [{"id": "e1", "title": "Summit announced", "start": "2018-05", "end": "2018-05", "article_ids": ["a1"]},
               {"id": "e2", "title": "Summit", "start": "2018-06-12T10:00:00+08:00", "end": "2018-06-12T10:00:00+08:00",
                "article_ids": ["a2", "a3"]}],
    "articles": [
        {"id": "a1", "title": "Summit announced", "published": "2018-05", "precision": "month", "lang": "en",
         "event_id": "e1", "sources": ["NOS"], "url": "https://nos.nl/a/1?x=1&y=(2)", "copy_of": None},
        {"id": "a2", "title": BAD_TITLE, "published": "2018-06-12T10:00:00+08:00", "precision": "minute", "lang": "nl",
         "event_id": "e2", "sources": ["@evil <script>"], "url": "javascript:alert(document.cookie)", "copy_of": None},
        {"id": "a3", "title": "-1 + 1 = 0", "published": None, "precision": None, "lang": "nl",
         "event_id": "e2", "sources": ["NOS"], "url": None, "copy_of": "a2"},
    ],
    "timeline": [
        {"date": "2018-05", "precision": "month", "estimated": False, "article_ids": ["a1"],
         "sentences": [{"text": "The summit was announced.", "article_ids": ["a1"], "sources": ["NOS"], "lang": "en"}]},
        {"date": "2018-06-12", "precision": "day", "estimated": False, "article_ids": ["a2"],
         "sentences": [{"text": "Kim <script>x()</script> meets Trump.", "article_ids": ["a2"],
                        "sources": ["@evil <script>"], "lang": "nl"}]},
        {"date": "2018-06-12", "precision": "day", "estimated": True, "article_ids": ["a3"],
         "sentences": [{"text": "Undated look back.", "article_ids": ["a3"], "sources": ["NOS"], "lang": "nl"}]},
    ],
    "exported_at": "2024-01-02T03:04:05Z",
    "generator": "storyline test",
}


def synthetic_doc(**changes: Any) -> dict[str, Any]:
    """A hand-made story document with hostile text in every field renderers show."""
    doc = copy.deepcopy(_DOC)
    doc.update(changes)
    return doc
