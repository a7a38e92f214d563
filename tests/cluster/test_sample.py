"""The bundled sample corpus and the five seed articles, clustered together."""

from __future__ import annotations

import json
from collections import Counter

import storyline
from storyline.data import sample_dir
from storyline.evaluate.clusters import scores
from storyline.store import stories as q


def _gold_by_article(archive) -> dict[str, str]:
    """Sample article id -> gold storyline, through the sources the gold file names."""
    gold = {}
    for line in (sample_dir() / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        loc = str((sample_dir() / g["source"]).resolve())
        record = "" if g["record"] is None else str(g["record"])
        rows = archive.store.conn.execute("SELECT article_id, record, external_id, url FROM sources WHERE location = ?",
                                          (loc,)).fetchall()
        for article_id, *keys in rows:
            if not record or record in keys:
                gold[article_id] = g["storyline"]
    return gold


def test_seed_articles_form_one_story_that_no_sample_article_joins(seeds_dir, sample):
    with storyline.open(":memory:") as archive:
        seeds = archive.ingest(seeds_dir).new_ids
        assert len(seeds) == 5
        archive.ingest(sample)
        report = archive.cluster()
        assert report.assigned == len(archive)
        stories = {a: q.story_of(archive.store, a)[1] for a in seeds}
        assert len(set(stories.values())) == 1, stories
        members = q.members(archive.store, next(iter(stories.values())))
        assert sorted(members) == sorted(seeds)


def test_sample_stories_are_close_to_the_gold_storylines(sample):
    with storyline.open(":memory:") as archive:
        archive.ingest(sample, cluster=True)
        gold = _gold_by_article(archive)
        assert len(gold) >= 45
        ids = sorted(gold)
        pred = [q.story_of(archive.store, a)[1] for a in ids]
        result = scores(pred, [frozenset([gold[a]]) for a in ids])
        # seven storylines: nothing merges two of them wholesale, and most of each storyline is found together
        assert result["bcubed_precision"] >= 0.95, result
        assert result["bcubed_f1"] >= 0.85, result
        biggest = Counter(pred).most_common(1)[0][1]
        assert biggest <= 8 and len(set(pred)) <= 10
