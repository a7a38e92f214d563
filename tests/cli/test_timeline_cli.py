"""`storyline timeline STORY_ID` over the demo's database, and the seed story added to it."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main
from storyline.store import timelines as rows
from storyline.timeline import service

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]
MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The database `storyline demo` builds from the bundled sample (once for this module)."""
    folder = tmp_path_factory.mktemp("timeline-demo")
    result = CliRunner().invoke(main, ["demo", "--out", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "storyline.db"


def _copy(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    return target


@pytest.fixture(scope="module")
def seeded(demo_db, tmp_path_factory):
    """A copy of the demo database with the five seed articles ingested (and clustered) into it."""
    from tests.conftest import shared_path

    seeds = shared_path("seeds")
    db = _copy(demo_db, tmp_path_factory.mktemp("timeline-seeded") / "storyline.db")
    with storyline.open(db) as archive:
        before = rows.built_at(archive.store)
        members_before = {s["id"]: set(s["article_ids"]) for s in archive.stories()}
        report = archive.ingest(seeds, cluster=True)
        after = rows.built_at(archive.store)
        members_after = {s["id"]: set(s["article_ids"]) for s in archive.stories()}
        articles = {a: archive.article(a) for a in report.new_ids}
    return db, articles, (before, members_before), (after, members_after)


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "timeline", *args])
    return result.exit_code, result.stdout, result.stderr


def _largest(db: Path) -> dict:
    with storyline.open(db, readonly=True) as archive:
        return max(archive.stories(), key=lambda s: (len(s["article_ids"]), s["id"]))


def test_text_output(demo_db):
    story = _largest(demo_db)
    code, out, _ = _run(demo_db, story["id"][:6])
    assert code == 0
    with storyline.open(demo_db, readonly=True) as archive:
        tl = archive.timeline(story["id"])
    assert f"story {story['id']}" in out and tl.headline.split()[0] in out
    assert tl.entries[0].sentences[0].text.split()[0] in out


def test_json_output_has_the_issue_shape(demo_db):
    story = _largest(demo_db)
    code, out, _ = _run(demo_db, story["id"], "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["story_id"] == story["id"] and data["title"] and isinstance(data["summary"], str)
    dated = [e["date"] for e in data["entries"] if not e["estimated"]]
    assert dated == sorted(dated) and dated
    for entry in data["entries"]:
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", entry["date"]) and entry["precision"] in ("day", "month")
        for s in entry["sentences"]:
            assert s["text"] and s["article_id"] in story["article_ids"] and "source" in s
            assert set(s["article_ids"]) <= set(story["article_ids"])


def test_max_dates(demo_db):
    story = _largest(demo_db)
    _, out, _ = _run(demo_db, story["id"], "--format", "json", "--max-dates", "2")
    data = json.loads(out)
    assert 1 <= len([e for e in data["entries"] if not e["estimated"]]) <= 2


def test_other_formats_and_out_file(demo_db, tmp_path):
    story = _largest(demo_db)
    code, md, _ = _run(demo_db, story["id"], "--format", "markdown")
    assert code == 0 and md.startswith("# ") and "\n## " in md
    code, tljs, _ = _run(demo_db, story["id"], "--format", "timelinejs")
    doc = json.loads(tljs)
    assert code == 0 and doc["events"] and all("start_date" in e and "headline" in e["text"] for e in doc["events"])
    target = tmp_path / "sub" / "t.html"
    code, out, err = _run(demo_db, story["id"], "--format", "html", "--out", str(target))
    page = target.read_text(encoding="utf-8")
    assert code == 0 and out == "" and str(target) in err
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page


def test_unknown_story_and_missing_database(demo_db, tmp_path):
    code, _, err = _run(demo_db, "s-no-such-story")
    assert code != 0 and "no story with id 's-no-such-story'" in err
    missing = tmp_path / "none.db"
    code, _, err = _run(missing, "abcd")
    assert code != 0 and "does not exist" in err and not missing.exists()


def test_a_stored_timeline_is_served_without_building(demo_db, monkeypatch, tmp_path):
    db = _copy(demo_db, tmp_path / "copy.db")
    story = _largest(db)
    code, first, _ = _run(db, story["id"], "--format", "json")  # stores it if the demo's row is stale
    assert code == 0

    def forbidden(*args, **kwargs):
        raise AssertionError("built again")

    monkeypatch.setattr(service, "build_timeline", forbidden)
    code, again, _ = _run(db, story["id"], "--format", "json")
    assert code == 0 and json.loads(again) == json.loads(first)


# -- the seed story ----------------------------------------------------------------------------------


def _seed_story(db: Path, seed_ids: set[str]) -> dict:
    with storyline.open(db, readonly=True) as archive:
        return max(archive.stories(), key=lambda s: len(seed_ids & set(s["article_ids"])))


def _supports(article: dict, date: str, sentence: str) -> bool:
    """Independently of the timeline code: the article was published then, or the sentence names the date.

    ("An article of 30 May about the summit on 12 June supports an entry on 12 June.")
    """
    if (article["published"] or "").startswith(date):
        return True
    month = int(date[5:7])
    names = f"{MONTHS_NL[month - 1]}|{MONTHS_EN[month - 1]}"
    day = rf"{int(date[8:10])}\s+" if len(date) == 10 else ""
    return re.search(rf"\b{day}({names})\b", sentence, re.I) is not None


def _event_of(article: dict, sentence: str) -> str:
    """The date of the event the sentence reports ("Vorige maand meldde …" in an April article: March)."""
    from storyline.timeline.event_dates import attribute_sentence

    prec = article.get("published_precision")
    ev = attribute_sentence(sentence, lang=article.get("lang") or "nl", published=article["published"],
                            published_precision=getattr(prec, "value", prec))
    return ev.value or ""


def test_seed_story_timeline(seeded):
    db, articles, _, _ = seeded
    story = _seed_story(db, set(articles))
    assert len(set(articles) & set(story["article_ids"])) >= 4
    code, out, _ = _run(db, story["id"], "--format", "json")
    assert code == 0
    data = json.loads(out)
    by_date = {e["date"]: e for e in data["entries"] if not e["estimated"]}
    wanted = [next((d for d in by_date if d.startswith(m)), None) for m in ("2018-03", "2018-04", "2018-05")]
    assert all(wanted), sorted(by_date)
    assert "2018-06-12" in by_date and by_date["2018-06-12"]["precision"] == "day"
    for date in [*wanted, "2018-06-12"]:
        entry = by_date[date]
        assert entry["sentences"]
        for s in entry["sentences"]:
            article = articles[s["article_id"]]
            said = s["original"]  # the sentence as the article has it; "text" leaves out the entry's own date
            assert _supports(article, date, said) or _event_of(article, said).startswith(date), (date, said)
            assert said in article["text"] or said == article["title"]
            assert len(s["text"]) <= len(said)
    undated = [a for a, art in articles.items() if not art["published"]]
    last = data["entries"][-1]
    if undated and set(undated) <= set(story["article_ids"]):
        assert last["estimated"] and last["sentences"][0]["article_id"] in undated
    assert data["entries"].index(by_date["2018-06-12"]) > data["entries"].index(by_date[wanted[2]])


def test_seed_ingest_rebuilt_only_the_stories_that_changed(seeded):
    db, articles, (before, members_before), (after, members_after) = seeded
    changed = {sid for sid, m in members_after.items() if members_before.get(sid) != m}
    assert changed and all(set(articles) & members_after[sid] for sid in changed)  # only stories the seeds joined
    with storyline.open(db, readonly=True) as archive:
        behind, _, gone = service.stale(archive.store)
    assert not behind and not gone
    for sid in changed:
        assert after[(sid, 0)] > before.get((sid, 0), "")
    # The demo ran in this process, so its rows were built by the same timeline code: untouched rows stay as they were.
    untouched = [sid for sid in members_after if sid not in changed]
    assert untouched and all(after[(sid, 0)] == before[(sid, 0)] for sid in untouched)
