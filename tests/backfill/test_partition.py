"""Partitioned clustering of a backfill: time partitions clustered alone, then stitched (no Ray here)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

import storyline
from storyline.backfill.partition import UNDATED, partition_key
from storyline.backfill.partitioned import cluster_partitioned
from storyline.cluster.scoring import Weights
from storyline.config import IngestOptions
from storyline.errors import ConfigError, InputError
from storyline.ingest.pipeline import ingest_records
from storyline.models import RawRecord
from storyline.store import stories as q
from storyline.store.listing import external_ids
from storyline.store.sqlite import Store
from storyline.workers import Pool

from .conftest import SAMPLE

MH17 = [  # one affair across the end of September 2014: the third quarter and the fourth
    ("2014-09-26", "MH17: onderzoekers willen terug naar de rampplek in Oekraïne",
     "De Nederlandse onderzoekers van de ramp met vlucht MH17 van Malaysia Airlines willen terug naar de rampplek in "
     "Oost-Oekraïne. De Onderzoeksraad voor Veiligheid wacht op een staakt-het-vuren bij Donetsk."),
    ("2014-09-29", "Onderzoeksraad: MH17 brak in de lucht in stukken boven Oekraïne",
     "Vlucht MH17 van Malaysia Airlines brak boven Oost-Oekraïne in de lucht in stukken, zegt de Onderzoeksraad voor "
     "Veiligheid. De onderzoekers van de ramp willen zo snel mogelijk terug naar de rampplek bij Donetsk."),
    ("2014-10-02", "Onderzoekers MH17 nog steeds niet terug op rampplek in Oekraïne",
     "De onderzoekers van de Onderzoeksraad voor Veiligheid zijn nog steeds niet terug op de rampplek van vlucht MH17 "
     "in Oost-Oekraïne. Bij Donetsk wordt gevochten, zegt de Onderzoeksraad."),
    ("2014-10-06", "Nieuwe zoektocht naar resten van MH17 bij Donetsk in Oekraïne",
     "Bij Donetsk in Oost-Oekraïne begint een nieuwe zoektocht naar resten van de slachtoffers van vlucht MH17 van "
     "Malaysia Airlines. De onderzoekers van de Onderzoeksraad voor Veiligheid gaan mee naar de rampplek."),
]
AJAX = [
    ("2014-09-28", "Ajax wint met 0-2 van PSV in Eindhoven",
     "Ajax heeft zondag in het Philips Stadion met 0-2 van PSV gewonnen. Trainer Frank de Boer was tevreden over "
     "zijn ploeg; de doelpunten van Ajax vielen na rust in Eindhoven."),
    ("2014-10-05", "Frank de Boer: Ajax speelt sterker na winst op PSV",
     "Trainer Frank de Boer ziet zijn ploeg Ajax sterker spelen sinds de 0-2 winst op PSV in Eindhoven. Zondag wacht "
     "Ajax thuis in de Amsterdam ArenA een nieuwe wedstrijd in de eredivisie."),
]
UNDATED_ONE = (None, "Ajax en Frank de Boer na de winst op PSV in Eindhoven",
               "Trainer Frank de Boer van Ajax blikt terug op de 0-2 winst van zijn ploeg op PSV in het Philips Stadion "
               "in Eindhoven.")


def _store(records: list[tuple[str | None, str, str]]) -> tuple[Store, dict[str, str]]:
    store = Store(":memory:")
    raw = [RawRecord("invented.jsonl", str(n), text, title, published, None, f"x{n}", None, "nl")
           for n, (published, title, text) in enumerate(records)]
    ingest_records(store, raw, IngestOptions())
    return store, external_ids(store)


def _groups(placements) -> set[frozenset[str]]:
    stories: dict[str, set[str]] = defaultdict(set)
    for p in placements:
        stories[p.story_id].add(p.article_id)
    return {frozenset(s) for s in stories.values()}


def test_partition_keys_by_publication_time_with_undated_apart() -> None:
    days = {"2014-09-29": 16342.0, "2014-09-30T23:59": 16343.999, "2014-10-01": 16344.0, "2014-12-31": 16435.0}
    assert [partition_key(d, "quarter") for d in days.values()] == ["2014Q3", "2014Q3", "2014Q4", "2014Q4"]
    assert [partition_key(d, "month") for d in days.values()] == ["2014-09", "2014-09", "2014-10", "2014-12"]
    assert {partition_key(d, "year") for d in days.values()} == {"2014"}
    assert partition_key(None, "month") == UNDATED
    with pytest.raises(ConfigError, match="unknown time partition 'week'"):
        partition_key(1.0, "week")
    with pytest.raises(ConfigError, match="unknown time partition 'none'"):
        partition_key(1.0, "none")


def test_a_story_across_a_quarter_boundary_is_stitched_into_one_and_the_others_stay_apart() -> None:
    store, ids = _store(MH17 + AJAX + [UNDATED_ONE])
    with store:
        report = cluster_partitioned(store, q.unassigned_ids(store), "quarter")
        assert report.partitions == 3  # 2014Q3, 2014Q4, undated
        story = {p.article_id: p.story_id for p in report.placements}
        mh17 = {story[ids[f"x{n}"]] for n in range(len(MH17))}
        ajax = {story[ids[f"x{n}"]] for n in range(len(MH17), len(MH17) + len(AJAX) + 1)}
        assert len(mh17) == 1 and len(ajax) == 1 and mh17 != ajax  # both stitched across the boundary, apart
        assert report.links >= 2
        # the story keeps the id of its first article, as the sequential clusterer names it
        assert mh17 == {"s" + ids["x0"]}
        # written through the store: every article in its story, titles chosen
        assert {r["article_id"]: r["story_id"] for r in q.assignments(store)} == story
        assert "MH17" in q.story_title(store, next(iter(mh17)))


def test_without_stitching_the_boundary_splits_the_story() -> None:
    """The stitching pass is what joins the quarters: with a margin nothing reaches (and no small story linked
    centroid to centroid), each quarter keeps its own story."""
    store, ids = _store(MH17)
    with store:
        report = cluster_partitioned(store, q.unassigned_ids(store), "quarter", margin=10.0, write=False,
                                     weights=Weights(refine_max_size=0))
        assert report.links == 0 and len(_groups(report.placements)) == 2


def test_the_same_stories_whatever_the_number_of_workers(tmp_path: Path) -> None:
    with storyline.open(tmp_path / "one.db") as archive:
        archive.ingest(SAMPLE, cluster=False, analyse=False, workers=1)
        ids = q.unassigned_ids(archive.store)
        with Pool(1, unit=1) as pool:
            one = cluster_partitioned(archive.store, ids, "month", pool=pool, write=False)
        with Pool(2, unit=1, in_process_below=2) as pool:
            two = cluster_partitioned(archive.store, ids, "month", pool=pool, write=False)
            assert pool.started  # the partitions did run in two worker processes
    assert one.partitions > 2 and len(one.placements) == len(ids)
    assert [(p.article_id, p.event_id, p.story_id) for p in one.placements] == [
        (p.article_id, p.event_id, p.story_id) for p in two.placements]
    # Scores agree to rounding only: the clusterer sums a sparse dot product over a set of terms, whose order
    # follows the string hashes of the process (a worker's differ from this one's).
    scores = [(a.score, b.score) for a, b in zip(one.placements, two.placements, strict=True)]
    assert all((a is None and b is None) or a == pytest.approx(b, rel=1e-12) for a, b in scores)


def test_a_database_with_other_stories_is_refused_and_a_finished_run_is_not_redone() -> None:
    store, ids = _store(MH17 + AJAX)
    with store:
        first = [ids["x0"], ids["x1"]]
        cluster_partitioned(store, first, "quarter")
        assert cluster_partitioned(store, first, "quarter").assigned == 0  # a rerun: nothing left to do
        with pytest.raises(InputError, match="R250|2 other articles of this database are in stories"):
            cluster_partitioned(store, [ids["x4"], ids["x5"]], "quarter")


def test_the_stitching_search_finds_what_the_clusterers_index_finds() -> None:
    """The stitching searches many stories at once (`_Centroids.nearest`); it must rank as `CentroidIndex.search`."""
    import numpy as np

    from storyline.backfill.partition import _Centroids
    from storyline.cluster.index import CentroidIndex

    rng = np.random.default_rng(7)
    rows, queries = rng.standard_normal((700, 512)).astype(np.float32), rng.standard_normal((300, 512)).astype(np.float32)
    batched, single = _Centroids(), CentroidIndex()
    for key, row in enumerate(rows):
        batched.put(key, row)
        single.upsert(key, row)
    batched.put(3, rows[5])  # a story that grew: its row replaced
    single.upsert(3, rows[5])
    found, want = batched.nearest(list(queries), 20), [single.search(q, 20) for q in queries]
    assert [set(f) for f in found] == [set(w) for w in want]  # the same candidates
    # ranked alike, but for ties (rows 3 and 5 are equal), which go to the lower key
    assert [[k for k in f if k != 5] for f in found] == [[k for k in w if k != 5] for w in want]
    assert _Centroids().nearest(list(queries[:2]), 20) == [[], []]
