"""The acceptance checks of the foundation issue on the real data in ../shared/data."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import storyline


def test_seeds_give_five_dutch_articles_four_dated_by_month(archive, seeds_dir):
    report = archive.ingest(seeds_dir)
    assert report.accepted == 5 and not report.rejected
    arts = archive.articles()
    assert [a["lang"] for a in arts] == ["nl"] * 5
    dated = [a for a in arts if a["published"]]
    assert sorted(a["published"] for a in dated) == ["2018-03", "2018-04", "2018-05", "2018-05"]
    assert {a["published_precision"] for a in dated} == {"month"}
    undated = [a for a in arts if not a["published"]]
    assert len(undated) == 1 and undated[0]["published_note"] == "no publication date in the source"


def test_seeds_lose_their_scraper_residue(archive, seeds_dir):
    archive.ingest(seeds_dir)
    for art in archive.articles():
        full = archive.article(art["id"])
        assert "update/video" not in full["title"].lower()
        assert not full["text"].lower().startswith(("update", "video", "date "))
    titles = {a["title"] for a in archive.articles()}
    assert any(t.startswith("Amerika en Noord-Korea gaan opnieuw praten") for t in titles)


def test_seed_title_is_first_line_or_sentence(archive, seeds_dir):
    archive.ingest(seeds_dir)
    titles = {a["title"] for a in archive.articles()}
    assert "Noord- en Zuid-Korea zullen op 1 juni opnieuw gesprekken voeren op hoog niveau." in titles
    assert any(t.startswith("Historische ontmoeting Trump en Kim") for t in titles)


@pytest.fixture(scope="module")
def dfn_archive(tmp_path_factory):
    """The DFN file ingested once (with the field mapping spelled out) into a file database."""
    from tests.conftest import shared_path

    path = shared_path("dfn", "articles.jsonl")
    db = tmp_path_factory.mktemp("dfn") / "dfn.db"
    arc = storyline.open(db)
    fields = {"text": "text", "title": "title", "published": "published", "url": "url", "id": "id", "lang": "lang"}
    report = arc.ingest(path, fields=fields)
    yield arc, report, path, fields
    arc.close()


@pytest.mark.slow
def test_dfn_placeholder_dates_are_unknown_with_reason(dfn_archive):
    arc, report, path, _ = dfn_archive
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    placeholders = sum(1 for r in rows if r["published"].startswith(("0001-01-01", "1-01-01")))
    assert placeholders == 604
    notes = Counter(r[0] for r in arc.store.conn.execute(
        "SELECT published_note FROM articles WHERE published IS NULL AND published_note LIKE 'placeholder%'"))
    # a placeholder whose URL carries a date, or whose page prints its dateline at the top, gets that date, and the
    # note says both
    filled = [r for r in arc.store.conn.execute(
        "SELECT published, published_note FROM articles WHERE published IS NOT NULL AND published_note LIKE 'placeholder%'")]
    assert filled and all("taken from the article's URL" in note or "dateline" in note for _, note in filled)
    assert any("dateline" in note for _, note in filled)
    # exact duplicates are merged, so count the stored articles whose sources carried a placeholder
    assert sum(notes.values()) + len(filled) >= placeholders - 7
    assert arc.store.conn.execute(
        "SELECT count(*) FROM articles WHERE published LIKE '0001%' OR published LIKE '1-%'").fetchone()[0] == 0


@pytest.mark.slow
def test_dfn_merges_seven_exact_duplicate_pairs(dfn_archive):
    arc, report, path, _ = dfn_archive
    assert report.duplicates == 7
    assert len(arc) == 3944 - 7
    multi = arc.store.conn.execute(
        "SELECT article_id FROM sources GROUP BY article_id HAVING count(*) = 2").fetchall()
    assert len(multi) == 7


@pytest.mark.slow
def test_dfn_links_the_three_same_url_near_duplicate_pairs(dfn_archive):
    arc, _, _, _ = dfn_archive
    pairs = [("5123084aadd41b92", "6b760a3ec999f31e"), ("f1b134d015f7658c", "4f45b6b76c8054a2"),
             ("c68ae3a697a3719d", "9158b238f91c1f89")]
    q = arc.store.conn.execute
    for a, b in pairs:
        ida = q("SELECT article_id FROM sources WHERE external_id = ?", (a,)).fetchone()[0]
        idb = q("SELECT article_id FROM sources WHERE external_id = ?", (b,)).fetchone()[0]
        assert ida != idb, "different texts must stay separate articles"
        roots = {q("SELECT coalesce(copy_of, id) FROM articles WHERE id = ?", (i,)).fetchone()[0] for i in (ida, idb)}
        assert len(roots) == 1, f"{a} and {b} should be linked as copies"
        linked = q("SELECT count(*) FROM articles WHERE id IN (?, ?) AND copy_of IS NOT NULL", (ida, idb)).fetchone()[0]
        assert linked == 1


@pytest.mark.slow
def test_dfn_second_run_adds_nothing(dfn_archive):
    arc, _, path, fields = dfn_archive
    before = arc.store.dump()
    again = arc.ingest(path, fields=fields)
    assert (again.accepted, again.duplicates, again.near_duplicates, len(again.rejected)) == (0, 0, 0, 0)
    assert again.already_stored == 3944
    assert arc.store.dump() == before


@pytest.mark.slow
def test_dfn_boilerplate_texts_are_flagged_not_called_copies(dfn_archive):
    arc, _, _, _ = dfn_archive
    q = arc.store.conn.execute
    wayback = q("SELECT boilerplate, copy_of FROM articles WHERE text LIKE 'The Internet Archive discovers%'").fetchall()
    assert len(wayback) == 52
    assert all(row[0] == 1 and row[1] is None for row in wayback)
