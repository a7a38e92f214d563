"""Regression tests, each named after the bug it pins."""

from __future__ import annotations

import storyline
from storyline.config import IngestOptions
from storyline.ingest.fingerprint import band_keys, signature


def test_html_page_read_twice_in_one_process_is_not_discarded(sample):
    """trafilatura's deduplicate cache made a second extraction of the same page return nothing."""
    page = next((sample / "html").glob("*.html"))
    for _ in range(2):
        with storyline.open(":memory:") as arc:
            report = arc.ingest(page)
            assert report.accepted == 1, report.rejected


def test_near_duplicate_at_threshold_is_found_by_lsh():
    """With 64 permutations and bands tuned for 0.8, a pair at 0.8 became a candidate only 36% of the time."""
    options = IngestOptions()
    sig = signature(" ".join(f"woord{i}" for i in range(150)), options.num_perm)
    bands = len(band_keys(sig, options.near_duplicate_threshold))
    rows = options.num_perm // bands
    s = options.near_duplicate_threshold
    assert 1 - (1 - s**rows) ** bands >= 0.95
