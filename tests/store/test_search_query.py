"""User search queries: the safe subset rendered to FTS5, its limits, and the time budget (issue 14)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from storyline.errors import QueryError, SearchTimeout
from storyline.store.search_query import (
    MAX_PREFIXES,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    fts_query,
    phrase_query,
    time_budget,
)
from storyline.store.sqlite import Store

# The queries of issue 14: 27 s each on 4,000 articles, and 45 of the shorter froze the server.
NEAR_155 = "NEAR(" + " ".join(["a*"] * 50) + ")"
NEAR_65 = "NEAR(" + " ".join(["a*"] * 20) + ")"


@pytest.mark.parametrize(("query", "expected"), [
    ("Schiphol", '"Schiphol"'),
    ("Schiphol krimp", '("Schiphol" AND "krimp")'),
    ('"Kim Jong-un"', '"Kim Jong un"'),
    ("Jong-un", '"Jong un"'),
    ("klimaat*", '"klimaat"*'),
    ("brexit OR may", '"brexit" OR "may"'),
    ("brexit NOT may", '("brexit" NOT "may")'),
    ("brexit AND NOT may", '("brexit" NOT "may")'),
    ("(brexit OR may) deal", '(("brexit" OR "may") AND "deal")'),
    ("brexit or may", '(("brexit" AND "or") AND "may")'),  # operators only in capitals
])
def test_safe_subset_is_rendered_with_every_word_quoted(query, expected):
    assert fts_query(query) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("NEAR(Schiphol krimp)", '("NEAR" AND (("Schiphol" AND "krimp")))'),
    ("title:Schiphol", '("title" AND "Schiphol")'),
    ("^Schiphol", '"Schiphol"'),
    ("+Schiphol", '"Schiphol"'),
    ("Schiphol OR", '"Schiphol"'),
    ("AND Schiphol", '"Schiphol"'),
    ("(Schiphol", '("Schiphol")'),
    ("Schiphol)", '"Schiphol"'),
    ('"unclosed phrase', '"unclosed phrase"'),
    ("- ^ * ()", None),
])
def test_raw_fts5_syntax_is_neutralised_as_plain_words(query, expected):
    assert fts_query(query) == expected


@pytest.mark.parametrize("query", [NEAR_155, NEAR_65, "a*", "ab*", "klimaat ab*", "Jong-u*"])
def test_near_of_short_prefixes_from_issue_14_is_refused(query):
    with pytest.raises(QueryError, match="prefix search needs at least 3 letters"):
        fts_query(query)


def test_search_query_limits_on_length_terms_prefixes_and_depth():
    with pytest.raises(QueryError, match=f"at most {MAX_QUERY_CHARS}"):
        fts_query("x" * (MAX_QUERY_CHARS + 1))
    assert fts_query(" ".join(["wet"] * MAX_TERMS)) is not None
    with pytest.raises(QueryError, match=f"more than {MAX_TERMS} words"):
        fts_query(" ".join(["wet"] * (MAX_TERMS + 1)))
    with pytest.raises(QueryError, match=f"more than {MAX_TERMS} words"):
        fts_query('"' + " ".join(["wet"] * (MAX_TERMS + 1)) + '"')
    with pytest.raises(QueryError, match=f"more than {MAX_PREFIXES} prefix"):
        fts_query(" ".join(["klim*"] * (MAX_PREFIXES + 1)))
    with pytest.raises(QueryError, match="parentheses"):
        fts_query("(((((wet)))))")
    with pytest.raises(QueryError, match="NOT leaves out"):
        fts_query("NOT brexit")


def test_phrase_query_quotes_an_entity_name():
    assert phrase_query('Kim "Jong-un') == '"Kim Jong un"'
    assert phrase_query("--") is None


@pytest.fixture
def store(tmp_path: Path) -> Store:
    import random

    import storyline

    rnd = random.Random(14)
    vocabulary = [f"woord{n}" for n in range(400)]
    records = [{"id": f"r{n}", "title": f"Bericht {n} over klimaat",
                "text": "de wet en het klimaat " + " ".join(rnd.choice(vocabulary) for _ in range(300))}
               for n in range(300)]
    with storyline.open(tmp_path / "s.db") as archive:
        assert archive.ingest_records(records).accepted == 300
    s = Store(tmp_path / "s.db", readonly=True)
    yield s
    s.close()


def test_store_search_uses_the_safe_subset(store: Store):
    assert len(store.search("klimaat", limit=500)) == 300
    assert len(store.search("klim*", limit=500)) == 300
    assert store.search("title:klimaat") == store.search("title klimaat")
    assert store.search("NOT") == []  # the word NOT alone: nothing to search for
    with pytest.raises(QueryError):
        store.search(NEAR_155)


def test_search_over_its_time_budget_is_stopped(store: Store):
    with pytest.raises(SearchTimeout, match="stopped after 0 s"):
        store.search("de OR wet OR klim*", limit=500, budget=0.0)
    assert len(store.search("de OR wet OR klim*", limit=500, budget=5.0)) == 300  # the connection still works


def test_raw_near_query_of_issue_14_is_stopped_by_the_time_budget(tmp_path: Path, dfn_file: Path):
    """The raw query took 27 s on the DFN file; parsed, it is refused, and raw, the budget stops it."""
    import storyline

    with storyline.open(tmp_path / "dfn.db") as archive:
        archive.ingest(dfn_file)
    conn = sqlite3.connect(f"file:{tmp_path / 'dfn.db'}?mode=ro", uri=True)
    sql = ("SELECT a.id, snippet(articles_fts, 1, '[', ']', '…', 16), bm25(articles_fts, 4.0, 1.0) AS score "
           "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? "
           "ORDER BY score LIMIT 20")
    started = time.monotonic()
    with pytest.raises(SearchTimeout), time_budget(conn, 1.0):
        conn.execute(sql, (NEAR_155,)).fetchall()
    assert time.monotonic() - started < 5
    with pytest.raises(QueryError):
        Store(tmp_path / "dfn.db", readonly=True).search(NEAR_155)


def test_time_budget_stops_a_long_statement_quickly():
    conn = sqlite3.connect(":memory:")
    started = time.monotonic()
    with pytest.raises(SearchTimeout, match="stopped after 0.2 s"), time_budget(conn, 0.2):
        conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n").fetchone()
    assert time.monotonic() - started < 2
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the handler is gone afterwards
