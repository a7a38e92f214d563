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


def test_jsonl_saved_as_txt_is_read_as_records(archive, tmp_path):
    """A .txt file holding JSON Lines became one article titled with raw JSON."""
    path = tmp_path / "export.txt"
    path.write_text('{"title": "Een", "text": "Het eerste artikel gaat over de gemeenteraad."}\n'
                    '{"title": "Twee", "text": "Het tweede artikel gaat over de provincie."}\n', encoding="utf-8")
    report = archive.ingest(path)
    assert report.accepted == 2
    assert sorted(a["title"] for a in archive.articles()) == ["Een", "Twee"]


def test_missing_path_does_not_create_the_database(runner, tmp_path):
    """`--db new.db ingest nope.txt` exited 2 but had already created an empty new.db."""
    from storyline.cli import main

    db = tmp_path / "new.db"
    result = runner.invoke(main, ["--db", str(db), "ingest", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert not db.exists()


def test_oversized_feed_names_the_option_that_helps(archive, tmp_path):
    """The size message told users to raise --max-bytes even for single articles, where it did not help."""
    feed = tmp_path / "big.xml"
    item = "<item><title>T</title><description>" + "woord " * 200 + "</description></item>"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{item * 50}</channel></rss>')
    report = archive.ingest(feed, max_bytes=10_000)
    assert [r.code for r in report.rejected] == ["R015"]
    assert "--max-bytes" in report.rejected[0].reason


def test_same_moment_with_another_offset_keeps_one_date_whatever_the_order(tmp_path):
    """Two copies dated 09:30+02:00 and 07:30Z (the same moment) kept whichever came first: order-dependent."""
    import json

    text = "De gemeenteraad van Utrecht heeft dinsdag de begroting voor volgend jaar aangenomen na een lang debat."
    dated = [json.dumps({"title": "Begroting aangenomen", "text": text, "published": p})
             for p in ("2018-06-12T09:30:00+02:00", "2018-06-12T07:30:00Z")]
    stored = set()
    for order in (dated, dated[::-1]):
        for n, line in enumerate(order):
            (tmp_path / f"{n}.jsonl").write_text(line + "\n")
        with storyline.open(":memory:") as arc:
            arc.ingest(tmp_path / "0.jsonl")
            arc.ingest(tmp_path / "1.jsonl")
            stored.add(arc.articles()[0]["published"])
    assert len(stored) == 1
