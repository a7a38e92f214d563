"""The centroid index under updates and removals, and the helpers of the streaming benchmark."""

from __future__ import annotations

import numpy as np

from benchmarks.cluster_stream import rate, shifted
from storyline.cluster.index import CentroidIndex


def test_index_search_matches_brute_force_after_updates_and_removals():
    rng = np.random.default_rng(3)
    idx, kept = CentroidIndex(dim=16), {}
    for _ in range(300):
        key = int(rng.integers(0, 80))
        if rng.random() < 0.3:
            idx.remove(key)
            kept.pop(key, None)
        else:
            v = rng.normal(size=16).astype(np.float32)
            idx.upsert(key, v)
            kept[key] = v / np.linalg.norm(v)
    assert len(idx) == len(kept) and all(k in idx for k in kept)
    query = rng.normal(size=16).astype(np.float32)
    expected = sorted(kept, key=lambda k: -float(kept[k] @ query))[:5]
    assert idx.search(query, 5) == expected


def test_stream_dates_move_back_and_rates_cover_the_first_and_last_articles():
    assert shifted({"published": "2019-05-18T10:00:00Z"}, 16)["published"] == "2003-05-18T10:00:00Z"
    assert shifted({"published": "0001-01-01T00:00:00UTC"}, 16)["published"] == "0001-01-01T00:00:00UTC"
    assert shifted({"published": None}, 8)["published"] is None
    chunks = [(1000, 10.0)] * 10 + [(1000, 20.0)] * 10
    assert rate(chunks, True) == 100.0 and rate(chunks, False) == 50.0
    assert rate(chunks, True, n=15_000) == 15_000 / 200.0
