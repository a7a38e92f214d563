"""A flood of near-identical records (one text under many titles) must not make ingest quadratic.

Found with the attack catalogue of issue 14: 2,000 records of one text took 154 s (each insert compared with
every earlier copy: 500 records 13 s, 1,000 44 s); a 1 MB gzip can hold a hundred thousand of them.
"""

from __future__ import annotations

import json

from storyline.ingest import duplicates
from storyline.store import sqlite

TEXT = "De gemeenteraad heeft dinsdagavond na een lang debat ingestemd met het nieuwe verkeersplan. " * 10


def test_a_flood_of_one_text_compares_each_record_with_a_bounded_number_of_others(archive, tmp_path, monkeypatch):
    calls = 0
    real = duplicates.jaccard

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(duplicates, "jaccard", counting)
    n = 400
    path = tmp_path / "flood.jsonl"
    path.write_text("".join(json.dumps({"title": f"Kop {i}", "text": TEXT}) + "\n" for i in range(n)))
    report = archive.ingest(path)
    assert report.accepted == n and report.boilerplate == n  # one text under 400 titles: page boilerplate
    assert calls <= n * sqlite.BUCKET_CANDIDATES  # was n * (n - 1) / 2 = 79,800
