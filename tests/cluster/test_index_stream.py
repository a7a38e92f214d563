"""The centroid index under updates and removals, and the helpers of the streaming benchmark."""

from __future__ import annotations

import re

import numpy as np

from benchmarks.cluster_stream import (
    FUNCTION_WORDS,
    distinct_row,
    distinct_row_all_words,
    rate,
    replica_of,
    shifted,
    stories_across_replicas,
)
from benchmarks.ingest_throughput import replica_row
from storyline.cluster.features import tokens
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
    # regression (a stream clock held decades ahead): a year before 1900 moves too
    assert shifted({"published": "1893-02-01T00:00:00Z"}, 200)["published"] == "1693-02-01T00:00:00Z"
    chunks = [(1000, 10.0)] * 10 + [(1000, 20.0)] * 10
    assert rate(chunks, True) == 100.0 and rate(chunks, False) == 50.0
    assert rate(chunks, True, n=15_000) == 15_000 / 200.0


def test_distinct_replicas_share_no_name_with_the_source_and_the_default_ones_share_most():
    row = {"id": "a1", "url": "https://x.nl/a1", "title": "Vlucht MH17 neergeschoten boven Oekraïne",
           "text": "Het toestel van Malaysia Airlines stortte neer. De onderzoekers van MH17 reizen naar Donetsk.",
           "published": "2014-07-17T10:00:00Z"}
    names = set(tokens(row["title"] + ". " + row["text"], "nl")[1])
    lemmas = set(tokens(row["title"] + ". " + row["text"], "nl")[0])
    for k in (1, 2):
        d = distinct_row(row, k)
        assert d["id"] == f"a1-r{k}" and replica_of(d["id"]) == replica_of(d["url"]) == k
        assert d["published"] == row["published"] and replica_of(row["url"]) == 0
        d_lemmas, d_names = tokens(d["title"] + ". " + d["text"], "nl")
        assert not names & set(d_names)  # no name in common: nothing ties the replica to its source but the lead
        assert set(d_lemmas) & lemmas and set(d_lemmas) - lemmas  # some words shared, some its own
    assert distinct_row(row, 1)["text"] != distinct_row(row, 2)["text"] and distinct_row(row, 0) == row
    fused = replica_row(row, 1)
    assert len(names & set(tokens(fused["title"] + ". " + fused["text"], "nl")[1])) >= len(names) // 2
    assert stories_across_replicas([("a1", "s1"), ("a1-r1", "s1"), ("a2", "s2"), ("a2-r1", "s3"), ("a2-r2", "s2")]) == \
        {"stories": 3, "stories_across_replicas": 2, "articles_in_them": 4}


def test_regression_a_shifted_replica_keeps_its_date_through_the_url_check():
    # the stream benchmark moved a replica's date but not its URL's (/2009/07/20/): ingest's URL check put the replica
    # back at the URL's date, every replica landed on the source's dates, the stream clock stopped and stories never
    # retired (1 retired story at 150,000 articles of the 200,000 stream)
    from datetime import UTC, datetime

    from storyline.ingest.dates import parse_published, reconcile_with_url

    now = datetime(2026, 12, 5, tzinfo=UTC)
    row = {"published": "2009-07-20T10:00:00Z", "url": "https://example.org/news/2009/07/20/riots.html"}
    for years in (4, 8, 60, 200):
        moved = shifted(replica_row(row | {"id": "a", "text": "t", "title": "T"}, 2), years)
        got = reconcile_with_url(parse_published(moved["published"], now=now), moved["published"], moved["url"], now=now)
        assert got.value is not None and got.value[:4] == f"{2009 - years:04d}", (years, moved["url"], got)


def test_regression_a_distinct_replica_marks_each_word_its_own_way_and_leaves_function_words_alone():
    """One mark for all words, function words included, made a replica's articles alike: clustered alone, one
    replica of the DFN file made one story of 41 % of its articles (the source's largest: 7.5 %)."""
    a = {"id": "a1", "url": "https://x.nl/a1", "title": "De brand in Zwolle",
         "text": "De brandweer van Zwolle blust de brand in de cel. Het vuur in Zwolle is uit."}
    b = dict(a, id="a2", url="https://x.nl/a2", title="Zwolle na de brand")
    da, db = distinct_row(a, 3), distinct_row(b, 3)
    words = da["text"].split()
    assert [w for w in words if w.lower().strip(".") in FUNCTION_WORDS] == \
        [w for w in a["text"].split() if w.lower().strip(".") in FUNCTION_WORDS]  # function words as they were
    assert "De" in da["text"] and "van" in da["text"].split()
    marked = {w.strip(".") for w in words} - {w.strip(".") for w in a["text"].split()}
    suffixes = {m[-3:] for m in marked}
    assert len(marked) >= 3 and len(suffixes) == len(marked)  # no mark common to the replica's words
    zwolle = {w.strip(".") for w in (da["text"] + " " + db["title"]).split() if w.startswith("Zwolle")}
    assert len(zwolle) == 1 and zwolle != {"Zwolle"}  # one word, one mark, in every article of the replica
    assert zwolle.isdisjoint(w.strip(".") for w in distinct_row(a, 4)["text"].split())  # another replica: another
    old = distinct_row_all_words(a, 3)["text"].split()
    assert old[0] == "Deq3" and all(w.strip(".").endswith("q3") for w in old if w[0].isupper())  # (the old stream)


def test_regression_every_url_date_form_ingest_reads_moves_with_the_replica():
    # the stream benchmark moved the year of /2009/07/20/ only; ingest also dates an article by /2019/nov/18/,
    # /2010/CRIME/08/03/, /2015/5/31/ and a year alone, so 191 of the 3,370 dated DFN articles of every replica went
    # back to the source's date: the stream clock sat at 2021 from the first chunk of a 20,000-article stream
    from datetime import UTC, datetime

    from storyline.ingest.dates import parse_published, reconcile_with_url

    now = datetime(2026, 12, 5, tzinfo=UTC)
    urls = ["https://www.theguardian.com/world/2019/nov/18/call-me-robin-hood",
            "http://edition.cnn.com/2007/US/weather/12/17/winter.storm.ap/index.html",
            "https://www.out.com/today-gay-history/2015/5/31/today-gay-history",
            "http://www.pokernews.com/news/2007/8/skill-vs-chance.htm",
            "http://example.org/events/2008/snow/",
            "https://web.archive.org/web/20090819051121/http://www.cnn.com/2009/CRIME/04/03/binghamton/index.html"]
    for url in urls:
        year = int(re.search(r"/((?:19|20)\d\d)/", url.split("/web/")[-1].split("/", 1)[1])[1])
        placeholder = () if "snow" in url else ("0001-01-01T00:00:00Z",)  # (filled from a URL with a month)
        for published in (f"{year}-06-15T10:00:00Z", *placeholder):
            for years in (4, 8, 60):
                moved = shifted(replica_row({"id": "a", "text": "t", "title": "T", "published": published, "url": url}, 2),
                                years)
                got = reconcile_with_url(parse_published(moved["published"], now=now), moved["published"], moved["url"],
                                         now=now)
                assert got.value is not None and got.value[:4] == f"{year - years:04d}", (url, published, years, got)


def test_regression_a_future_date_stays_unknown_in_every_replica():
    # the DFN file's articles dated 2032-2036 (unknown to ingest: in the future) became valid dates when a replica
    # moved them 8 or more years back, 11-15 years after the rest of their replica: the stream clock jumped there
    from datetime import UTC, datetime

    from storyline.ingest.dates import parse_published

    now = datetime.now(UTC)
    row = {"id": "a", "text": "t", "title": "T", "published": f"{now.year + 9}-06-20T00:00:00UTC", "url": "https://x.org/a"}
    for years in (4, 8, 16, 40):
        moved = shifted(replica_row(row, 2), years)
        assert parse_published(moved["published"], now=now).start_utc is None, (years, moved["published"])
    assert shifted(dict(row, published="2009-07-20"), 8)["published"] == "2001-07-20"


def test_regression_a_shifted_replica_of_a_post_keeps_its_date_through_the_id():
    # ingest dates a post on Twitter/X by the time its id holds (session 14): a replica that moved the date but not
    # the id went back to the source's day in every replica
    from datetime import UTC, datetime

    from storyline.ingest.dates import parse_published, reconcile_with_url

    now = datetime(2026, 12, 5, tzinfo=UTC)
    row = {"published": "2018-05-19T12:00:00Z", "url": "https://twitter.com/example/status/997809089541058617"}
    for years, day in ((4, "2014-05-19"), (8, "2010-05-19")):
        moved = shifted(row, years)
        got = reconcile_with_url(parse_published(moved["published"], now=now), moved["published"], moved["url"], now=now)
        assert got.value.startswith(day[:4]) and abs(int(got.value[5:7]) - 5) <= 1, (years, got)
    moved = shifted(row, 12)  # before the ids held a time: the source's (moved) date stands
    got = reconcile_with_url(parse_published(moved["published"], now=now), moved["published"], moved["url"], now=now)
    assert got.value.startswith("2006-05-19")
