"""Stored timelines: built once, served while their story is unchanged, rebuilt only when it changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storyline
from storyline.store import stories as q
from storyline.store import timelines as rows
from storyline.timeline import service

# Three hand-made stories (no clustering model needed): story -> (id, title, published, text) records.
STORIES = {
    "s-dike": [
        ("dike-1", "Dike leaks near Venlo", "2021-07-16",
         "Hundreds of residents were evacuated on Friday after a dike along the Meuse began leaking near Venlo. "
         "The water board said the embankment would be watched day and night."),
        ("dike-2", "Residents return home", "2021-07-18",
         "The residents of Arcen returned home on Sunday after two nights in a sports hall. "
         "Inspectors said a full survey of the dike would take months."),
    ],
    "s-strike": [
        ("strike-1", "Port workers threaten strike", "2022-02-20",
         "Lashers in the port of Rotterdam gave employers an ultimatum on Sunday. "
         "Without a better offer they will strike from 1 March, the union said."),
        ("strike-2", "Strike halts container terminals", "2022-03-01",
         "Container terminals in Rotterdam came to a standstill on Tuesday as lashers walked out. "
         "Ships were diverted to Antwerp and Hamburg."),
        ("strike-3", "Deal ends port strike", "2022-04-07",
         "The union and the employers reached a new collective agreement on Thursday. "
         "Work in the port resumed on Friday morning."),
    ],
    "s-flu": [
        ("flu-1", "Bird flu found in Barneveld", "2021-11-02",
         "Bird flu was found on a poultry farm in Barneveld on Tuesday and 48,000 hens were culled. "
         "A transport ban applies within ten kilometres of the farm."),
        ("flu-2", "Vaccination trial starts", "2023-04-12",
         "A vaccination trial against bird flu started on Wednesday on two farms in Gelderland. "
         "The ministry will decide on wider use after the summer."),
    ],
}
EXTRA = ("strike-4", "Port strike: employers count the cost", "2022-03-03",
         "Employers in the port of Rotterdam said on Thursday that the strike cost them millions a day. "
         "The union said the lashers would stay out until a better offer came.")


def _record(rec: tuple[str, str, str, str]) -> dict:
    rid, title, published, text = rec
    return {"id": rid, "title": title, "published": published, "text": text, "source": f"outlet-{rid}",
            "lang": "en"}


def _article_id(archive: storyline.Archive, external_id: str) -> str:
    return archive.store.conn.execute("SELECT article_id FROM sources WHERE external_id = ?",
                                      (external_id,)).fetchone()[0]


def _place(archive: storyline.Archive, placements: dict[str, str]) -> None:
    """Put articles (by record id) into stories (one event per story), as clustering would."""
    with archive.store.atomic() as conn:
        q.write_assignments(conn, [(_article_id(archive, rid), f"e-{sid}", sid, None, 0)
                                   for rid, sid in placements.items()])
        q.tidy(conn)


@pytest.fixture
def archive(tmp_path: Path):
    with storyline.open(tmp_path / "t.db") as arc:
        arc.ingest_records([_record(r) for recs in STORIES.values() for r in recs])
        _place(arc, {r[0]: sid for sid, recs in STORIES.items() for r in recs})
        arc.refresh_timelines()
        yield arc


@pytest.fixture
def builds(monkeypatch):
    """The article-id sets of every timeline built from now on (build_timeline is wrapped, not replaced)."""
    made: list[frozenset[str]] = []
    real = service.build_timeline

    def counting(articles, *args, **kwargs):
        articles = list(articles)
        made.append(frozenset(a["id"] for a in articles))
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(service, "build_timeline", counting)
    return made


def _stamps(archive: storyline.Archive) -> dict[tuple[str, int], str]:
    return rows.built_at(archive.store)


def _members(archive: storyline.Archive, sid: str) -> frozenset[str]:
    return frozenset(q.members(archive.store, sid))


def test_every_story_is_stored_and_current(archive):
    behind, sigs, gone = service.stale(archive.store)
    assert set(sigs) == set(STORIES) and not behind and not gone
    assert {k[0] for k in _stamps(archive)} == set(STORIES)


def test_stored_timeline_is_served_and_equals_a_fresh_build(archive, builds):
    tl = archive.timeline("s-strike")
    assert builds == []  # served from the store
    fresh = service.build(archive.store, rows.members(archive.store)["s-strike"])
    # Archive.timeline shows the story's title as the headline (one title per story, issue 15)
    assert q.story_title(archive.store, "s-strike") and tl.headline == q.story_title(archive.store, "s-strike")
    assert {**tl.to_dict(), "headline": None} == {**fresh.to_dict(), "headline": None}
    assert {a for e in tl.entries for a in e.article_ids} <= _members(archive, "s-strike")


def test_unknown_story_is_none(archive):
    assert archive.timeline("no-such-story") is None


def test_an_article_joining_a_story_rebuilds_only_that_story(archive, builds):
    before = _stamps(archive)
    archive.ingest_records([_record(EXTRA)])
    _place(archive, {EXTRA[0]: "s-strike"})
    report = archive.refresh_timelines()
    assert report.built == ["s-strike"] and report.unchanged == 2
    assert builds == [_members(archive, "s-strike")] and _article_id(archive, EXTRA[0]) in builds[0]
    after = _stamps(archive)
    assert after[("s-strike", 0)] > before[("s-strike", 0)]
    assert all(after[k] == before[k] for k in before if k[0] != "s-strike")
    tl = archive.timeline("s-strike")
    assert len(builds) == 1 and tl.n_articles == 4  # the new row is served


def test_refresh_with_nothing_changed_builds_nothing(archive, builds):
    before = _stamps(archive)
    report = archive.refresh_timelines()
    assert builds == [] and report.built == [] and report.unchanged == len(STORIES)
    assert _stamps(archive) == before


def test_merge_rebuilds_the_kept_story_and_drops_the_other(archive, builds):
    before = _stamps(archive)
    kept = archive.merge_stories("s-dike", "s-flu")
    assert kept == "s-dike"
    assert builds == [_members(archive, "s-dike")] and len(builds[0]) == 4
    after = _stamps(archive)
    assert ("s-flu", 0) not in after
    assert after[("s-strike", 0)] == before[("s-strike", 0)]
    assert archive.timeline("s-dike").n_articles == 4 and len(builds) == 1


def test_split_and_move_rebuild_the_stories_they_touch(archive, builds):
    before = _stamps(archive)
    moved = _article_id(archive, "strike-3")
    new = archive.split_story("s-strike", [moved])
    assert sorted(builds, key=len) == [frozenset({moved}), _members(archive, "s-strike")]
    assert new != "s-strike" and _stamps(archive)[("s-dike", 0)] == before[("s-dike", 0)]
    split_at = _stamps(archive)
    builds.clear()
    archive.move_article(_article_id(archive, "flu-2"), "s-dike")
    assert set(builds) == {_members(archive, "s-dike"), _members(archive, "s-flu")} and len(builds) == 2
    moved_at = _stamps(archive)
    assert moved_at[(new, 0)] == split_at[(new, 0)] and moved_at[("s-strike", 0)] == split_at[("s-strike", 0)]
    behind, _, gone = service.stale(archive.store)
    assert not behind and not gone


def test_a_story_with_a_new_id_keeps_its_row(archive, builds):
    with archive.store.atomic() as conn:  # what a rebuild that names the same story differently does
        conn.execute("INSERT INTO stories (id, title, updated_at) SELECT 's-renamed', title, updated_at FROM stories "
                     "WHERE id = 's-flu'")
        conn.execute("UPDATE events SET story_id = 's-renamed' WHERE story_id = 's-flu'")
        conn.execute("UPDATE story_assignments SET story_id = 's-renamed' WHERE story_id = 's-flu'")
        q.tidy(conn)
    report = archive.refresh_timelines()
    assert report.renamed == {"s-flu": "s-renamed"} and report.built == [] and builds == []
    assert archive.timeline("s-renamed").n_articles == 2 and builds == []


def test_other_sizes_are_stored_apart(archive, builds):
    default = archive.timeline("s-strike")
    small = archive.timeline("s-strike", max_dates=1)
    assert len(builds) == 1 and len([e for e in small.entries if not e.estimated]) <= 1
    assert archive.timeline("s-strike", max_dates=1).to_dict() == small.to_dict() and len(builds) == 1
    assert archive.timeline("s-strike").to_dict() == default.to_dict() and len(builds) == 1
    assert ("s-strike", 1) in _stamps(archive)


def test_a_code_change_makes_every_row_stale(archive, builds, monkeypatch):
    monkeypatch.setattr(service, "code_version", lambda: "changed")
    behind, _, _ = service.stale(archive.store)
    assert set(behind) == set(STORIES)
    assert archive.refresh_timelines().built == sorted(STORIES) and len(builds) == len(STORIES)


def test_read_only_archive_builds_without_storing(archive, builds, tmp_path):
    archive.ingest_records([_record(EXTRA)])
    _place(archive, {EXTRA[0]: "s-strike"})  # s-strike is now stale; no refresh ran
    before = _stamps(archive)
    with storyline.open(tmp_path / "t.db", readonly=True) as reader:
        assert reader.timeline("s-dike") is not None and builds == []
        assert reader.timeline("s-strike").n_articles == 4 and len(builds) == 1
        assert reader.refresh_timelines().built == []
    assert _stamps(archive) == before
    assert archive.timeline("s-strike").n_articles == 4 and len(builds) == 2  # the writer builds and stores it
    assert _stamps(archive)[("s-strike", 0)] > before[("s-strike", 0)]


def test_a_failing_build_does_not_stop_the_refresh(archive, monkeypatch):
    real = service.build_timeline

    def failing(articles, *args, **kwargs):
        articles = list(articles)
        if any(a["title"].startswith("Port") for a in articles):
            raise RuntimeError("boom")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(service, "code_version", lambda: "changed")
    monkeypatch.setattr(service, "build_timeline", failing)
    report = archive.refresh_timelines()
    assert report.failed == ["s-strike"] and report.built == ["s-dike", "s-flu"]
    assert ("s-strike", 0) not in _stamps(archive)


def test_stored_json_rebuilds_the_model(archive):
    row = archive.store.conn.execute("SELECT timeline FROM story_timelines WHERE story_id = 's-dike'").fetchone()[0]
    data = json.loads(row)
    assert data["entries"] and data["summary_kind"] == "extractive"
    tl = storyline.models.Timeline.from_dict(data)
    assert tl.to_dict() == data


def test_ingest_with_clustering_refreshes_only_the_story_that_grew(tmp_path, builds):
    """The real hook: `ingest(cluster=True)` assigns, then rebuilds only the story the new article joined."""
    from storyline.data import sample_articles_dir

    with storyline.open(tmp_path / "c.db") as arc:
        arc.ingest(sample_articles_dir(), cluster=True)
        first = _stamps(arc)
        assert {k[0] for k in first} == {s["id"] for s in arc.stories()}  # every story stored at ingest
        target = max(arc.stories(), key=lambda s: len(s["article_ids"]))
        base = arc.article(target["article_ids"][0])
        builds.clear()
        report = arc.ingest_records([{"id": "follow-up", "title": base["title"] + " (update)",
                                      "published": base["published"], "lang": base["lang"],
                                      "text": base["text"] + " Later that day officials confirmed the report."}],
                                     cluster=True)
        new_id = report.new_ids[0]
        joined = q.story_of(arc.store, new_id)[1]
        after = _stamps(arc)
        assert (joined, 0) in first, "the follow-up should join an existing story"
        assert len(builds) == 1 and new_id in builds[0] and builds[0] == _members(arc, joined)
        assert after[(joined, 0)] > first.get((joined, 0), "")
        assert all(after[k] == v for k, v in first.items() if k[0] != joined and k in after)
        assert not service.stale(arc.store)[0]


def test_regression_stored_timelines_follow_every_part_of_the_time_tagger():
    # (issue 16: and the event-date attribution, which decides under which date a sentence is shown)
    # Only timex.py was hashed, so an edit to the tagger's grammar module left stale timelines looking current.
    names = {f"{p.parent.name}/{p.name}" for name in service._CODE for p in service.code_files(name)}
    assert {"timex/__init__.py", "timex/grammar.py", "timex/resolve.py", "timeline/style.py", "timeline/build.py",
            "timeline/event_dates.py"} <= names
    # the page-furniture rules and their pre-checks decide which sentences report no event
    assert {"timeline/event_nonevents.py", "timeline/event_syntax.py", "text/guard.py"} <= names
    assert service.code_files("storyline.timeline") and service.code_files("storyline.nope") == []
