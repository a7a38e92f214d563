"""Idle terms stowed in the store and read back change no placement: DFN development split (issue 18, flat memory).

    .venv/bin/python benchmarks/idle_terms_exact.py [--forget-after 200] [--run 100]

Clusters the DFN development articles (all languages together) twice in successive runs of `--run` articles, with
`forget_after_docs` = `--forget-after` (small, so that terms go idle on this small split): once with the idle terms
kept in memory and once moving them to the store (`storyline.cluster.retire.TermRetirement`). Prints how many terms
were stowed and read back, how many lemma terms memory held at the end, and whether every placement (article,
event, story, score, new story, new event) and every stored assignment is the same.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.cluster.assign import _CACHE, assign  # noqa: E402
from storyline.cluster.retire import TermRetirement  # noqa: E402
from storyline.cluster.scoring import Weights  # noqa: E402
from storyline.config import IngestOptions  # noqa: E402
from storyline.evaluate.clusters import load_gold, read_ids  # noqa: E402
from storyline.ingest.pipeline import ingest_records  # noqa: E402
from storyline.store import stories as q  # noqa: E402
from storyline.store.sqlite import Store  # noqa: E402

DFN = ROOT.parent / "shared" / "data" / "dfn"


def placements(articles: list, weights: Weights, run: int, stow: bool) -> tuple[list, dict]:
    """Every placement and the stored assignments, and the clusterer's term figures."""
    retiring = TermRetirement._terms_retiring
    if not stow:
        TermRetirement._terms_retiring = lambda self: False  # type: ignore[method-assign]
    try:
        with Store(":memory:") as store:
            ingest_records(store, (a.record for a in articles), IngestOptions())
            ids = [r["id"] for r in q.article_rows(store)]
            out: list = []
            for start in range(0, len(ids), run):  # successive runs, as a stream of ingests makes them
                report = assign(store, ids[start:start + run], weights=weights)
                out += [(p.article_id, p.event_id, p.story_id, p.score, p.new_story, p.new_event)
                        for p in report.placements]
            out.append(sorted(tuple(r) for r in store.conn.execute(
                "SELECT article_id, event_id, story_id FROM story_assignments")))
            c = _CACHE[store][0]
            figures = {"stowed": c.terms_stowed, "read_back": c.term_reads, "lemma_terms_held": len(c.lemma_df.df),
                       "name_terms_held": len(c.name_df.df), "stories": len({p[2] for p in out[:-1]})}
    finally:
        TermRetirement._terms_retiring = retiring  # type: ignore[method-assign]
    return out, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forget-after", type=int, default=200)
    parser.add_argument("--run", type=int, default=100)
    args = parser.parse_args()
    if not (DFN / "articles.jsonl").exists():
        sys.exit(f"benchmark input {DFN} is missing: it needs ../shared/data (the DFN file)")
    articles = load_gold(DFN / "articles.jsonl", ids=read_ids(DFN / "dev_ids.txt"))
    weights = Weights(forget_after_docs=args.forget_after)
    kept, kept_figures = placements(articles, weights, args.run, stow=False)
    stowed, stowed_figures = placements(articles, weights, args.run, stow=True)
    print(json.dumps({"articles": len(articles), "forget_after_docs": args.forget_after, "run": args.run,
                      "kept": kept_figures, "stowed": stowed_figures, "identical_placements": kept == stowed},
                     indent=2))


if __name__ == "__main__":
    main()
