"""Story documents from a real database, `storyline export` and GET /api/stories/{id}/export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import storyline
from storyline.cli import main
from storyline.export import FORMATS, SCHEMA, story_document, story_ids

from ..api.helpers import app_for
from .helpers import HOSTILE_STORY


@pytest.fixture(scope="module")
def archive(export_db: Path):
    with storyline.open(export_db, readonly=True) as arc:
        yield arc


@pytest.fixture(scope="module")
def largest(archive) -> str:
    return story_ids(archive)[0]


def run(runner, db: Path, *args: str):
    return runner.invoke(main, ["--db", str(db), "export", *args])


def test_document_matches_the_archive(archive, largest):
    doc = story_document(archive, largest)
    story = archive.story(largest)
    assert doc["schema"] == SCHEMA and doc["id"] == story["id"] and doc["title"] == story["title"]
    assert [a["id"] for a in doc["articles"]] == [a["id"] for a in story["articles"]]
    assert doc["n_articles"] == len(story["article_ids"]) >= 2
    assert {e["id"] for e in doc["events"]} == set(story["event_ids"])
    assert doc["timeline"] and all(e["sentences"] for e in doc["timeline"])
    cited = {i for e in doc["timeline"] for s in e["sentences"] for i in s["article_ids"]}
    assert cited <= set(story["article_ids"])
    assert sum(s["articles"] for s in doc["sources"]) >= doc["n_articles"]
    assert all(a["precision"] in ("year", "month", "day", "minute") for a in doc["articles"] if a["published"])
    assert story_document(archive, largest[:6])["id"] == largest  # a unique prefix works
    assert story_document(archive, "no-such-story") is None


def test_every_story_is_listed_largest_first(archive):
    ids = story_ids(archive)
    sizes = [len(archive.story(i)["article_ids"]) for i in ids]
    assert sorted(ids) == sorted(s["id"] for s in archive.stories())
    assert sizes == sorted(sizes, reverse=True)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_exports_one_story_to_stdout(runner, export_db, largest, fmt):
    result = run(runner, export_db, largest[:8], "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.output)["id"] == largest
    elif fmt == "timelinejs":
        assert len(json.loads(result.output)["events"]) >= 1
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert rows and {r["story_id"] for r in rows} == {largest}
    elif fmt == "html":
        assert result.output.startswith("<!DOCTYPE html>") and f'id="story-{largest}"' in result.output
    else:
        assert result.output.startswith("# ") and largest in result.output


def test_cli_writes_a_file_or_into_a_directory(runner, export_db, largest, tmp_path):
    target = tmp_path / "one.md"
    result = run(runner, export_db, largest, "--format", "markdown", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# ")
    result = run(runner, export_db, largest, "--format", "csv", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"story-{largest}.csv").read_bytes().count(b"\r\n") >= 2  # written exactly, CRLF rows


def test_cli_all(runner, export_db, archive, tmp_path):
    ids = story_ids(archive)
    result = run(runner, export_db, "--all", "--format", "html", "--out", str(tmp_path / "report.html"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert all(f'href="#story-{i}"' in page for i in ids)
    result = run(runner, export_db, "--all", "--format", "json", "--out", str(tmp_path / "all.json"))
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))] == ids
    result = run(runner, export_db, "--all", "--format", "csv", "--out", str(tmp_path / "all.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "all.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(archive.story(i)["article_ids"]) for i in ids)
    result = run(runner, export_db, "--all", "--format", "markdown", "--out", str(tmp_path / "md"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == sorted([f"story-{i}.md" for i in ids] + ["index.md"])
    result = run(runner, export_db, "--all", "--format", "timelinejs", "--out", str(tmp_path / "tl"))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "tl").glob("story-*.timeline.json"))) == len(ids)


@pytest.mark.parametrize("args, message", [
    (["no-such-story"], "no story with id 'no-such-story'"),
    (["--all"], "--all needs --out"),
    ([], "give a STORY_ID"),
    (["abcd", "--all", "--out", "x"], "not both"),
    (["abcd", "--format", "pdf"], "'pdf' is not one of"),
])
def test_cli_errors_are_one_line(runner, export_db, args, message):
    result = run(runner, export_db, *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_cli_all_of_a_per_story_format_refuses_a_file(runner, export_db, tmp_path):
    (tmp_path / "taken").write_text("x")
    result = run(runner, export_db, "--all", "--format", "markdown", "--out", str(tmp_path / "taken"))
    assert result.exit_code == 2 and "writes one file per story into a directory" in result.output


def test_cli_hostile_story_is_escaped(runner, export_db):
    result = run(runner, export_db, HOSTILE_STORY, "--format", "html")
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.output and "&lt;script&gt;window.__pwned = 1;" in result.output
    assert 'href="javascript:' not in result.output
    md = run(runner, export_db, HOSTILE_STORY, "--format", "markdown").output
    assert "<script>" not in md and "<b onmouseover" not in md


@pytest.fixture(scope="module")
def client(export_db):
    with TestClient(app_for(export_db)) as c:
        yield c


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_api_download(client, largest, fmt):
    response = client.get(f"/api/stories/{largest}/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    spec = FORMATS[fmt]
    assert response.headers["content-type"] == spec.media_type
    assert response.headers["content-disposition"] == f'attachment; filename="story-{largest}{spec.extension}"'
    assert largest in response.text


def test_api_default_is_json_and_prefix_works(client, largest):
    response = client.get(f"/api/stories/{largest[:6]}/export")
    assert response.status_code == 200 and response.json()["id"] == largest


def test_api_errors(client, largest):
    response = client.get("/api/stories/no-such-story/export", params={"format": "csv"})
    assert response.status_code == 404 and "no story with id" in response.json()["detail"]
    response = client.get(f"/api/stories/{largest}/export", params={"format": "pdf"})
    assert response.status_code == 422 and "format" in response.json()["detail"]
    response = client.get("/api/stories/" + "a" * 300 + "/export")
    assert response.status_code == 404


def test_api_hostile_story_is_escaped(client):
    page = client.get(f"/api/stories/{HOSTILE_STORY}/export", params={"format": "html"}).text
    assert "<script>" not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;window.__pwned = 1;" in page


def test_api_schema_documents_the_endpoint(client):
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/api/stories/{story_id}/export"]["get"]
    assert set(op["responses"]) >= {"200", "404", "422"}
    assert set(op["responses"]["200"]["content"]) == {"application/json", "text/markdown", "text/csv", "text/html"}


def test_regression_key_entities_are_labelled_in_the_language_of_the_story(archive):
    # the demo's bird flu story is titled in English but listed its key entities as "Nederland, België" (stored labels)
    from collections import Counter

    from storyline.text.ner.canonical import labels

    relabelled = 0
    for sid in story_ids(archive):
        doc = story_document(archive, sid)
        langs = Counter(a["lang"] for a in doc["articles"])
        major = min(langs, key=lambda lang: (-langs[lang], lang))
        for e in doc["entities"]:
            assert e["label"] == labels(e["name"]).get(major, e["name"]), (sid, e)
            relabelled += e["label"] != e["name"]
        if major == "en":
            assert "Nederland" not in [e["label"] for e in doc["entities"]], sid
    assert relabelled, "no English story of the demo names a place in its key entities"
