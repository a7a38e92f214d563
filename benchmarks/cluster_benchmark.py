"""Story detection benchmark: storyline against BERTopic on the same articles and the same USE embeddings.

    .venv/bin/python benchmarks/cluster_benchmark.py --gold ../shared/data/dfn/articles.jsonl \
        --ids ../shared/data/dfn/dev_ids.txt [--json]

Both systems start from an empty in-memory store per run (ingest is timed in both); storyline clusters
incrementally in publication order, BERTopic (default UMAP + HDBSCAN, `embedding_model=None`) clusters the
batch of USE title + lead embeddings that storyline computes. BERTopic's outliers (topic -1) count as
singleton clusters. BERTopic is optional: `pip install -c requirements.lock -e '.[bench]'` then
`pip install --no-deps -c requirements.lock bertopic` installs it without torch or sentence-transformers,
and nothing is downloaded. Model loading and numba compilation happen once before the timed runs. The systems take turns `--repeat`
times (default 3): quality comes from the first run, speed is the median over the runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storyline.cluster.assign import docs_with_embeddings  # noqa: E402
from storyline.evaluate.clusters import evaluate, load_gold, read_ids  # noqa: E402
from storyline.store import stories as q  # noqa: E402
from storyline.store.sqlite import Store  # noqa: E402

KEYS = ("bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_f1", "ami", "ari", "n_articles",
        "n_pred_clusters", "n_gold_clusters", "articles_per_second", "articles_per_cpu_second")


def bertopic_clusterer(store: Store) -> dict[str, str]:
    """BERTopic with default settings over storyline's USE embeddings; outliers become singletons."""
    from bertopic import BERTopic

    docs = docs_with_embeddings(store, q.article_rows(store))
    texts = [f"{d.title}\n{d.text}" for d in docs]
    vectors = np.vstack([d.embedding for d in docs])
    topics, _ = BERTopic(embedding_model=None).fit_transform(texts, embeddings=vectors)
    return {d.id: (f"t{t}" if t >= 0 else f"o{d.id}") for d, t in zip(docs, topics, strict=True)}


def _warm_up() -> None:
    """Compile UMAP's and HDBSCAN's numba code outside the timed runs."""
    from bertopic import BERTopic

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(60, 512)).astype(np.float32)
    BERTopic(embedding_model=None, min_topic_size=5).fit_transform([f"tekst {i} woord" for i in range(60)],
                                                                   embeddings=vectors)


def main() -> None:
    """Run both systems and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True)
    parser.add_argument("--ids")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-bertopic", action="store_true")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per system; quality from the first, speed the median over all (default 3)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    articles = load_gold(args.gold, ids=read_ids(args.ids) if args.ids else None)
    systems = {"storyline": evaluate}
    if not args.skip_bertopic:
        try:
            _warm_up()
        except ImportError:
            print("bertopic is not installed; storyline only", file=sys.stderr)
        else:
            systems["bertopic"] = lambda arts: evaluate(arts, bertopic_clusterer)
    results = {}
    for _ in range(max(1, args.repeat)):  # the systems take turns, so a slow spell of the machine hits both
        for name, run in systems.items():
            for set_name, r in run(articles).items():
                kept = results.setdefault(name, {}).setdefault(set_name, {**r, "_rates": [], "_cpu": []})
                kept["_rates"].append(r["articles_per_second"])
                kept["_cpu"].append(r["articles_per_cpu_second"])
    for per_set in results.values():
        for r in per_set.values():
            r["articles_per_second"] = statistics.median(r.pop("_rates"))
            r["articles_per_cpu_second"] = statistics.median(r.pop("_cpu"))
    if args.json:
        print(json.dumps({s: {k: {c: v[c] for c in KEYS} for k, v in r.items()} for s, r in results.items()}, indent=2))
        return
    print(f"{'system':<10} {'set':<4} " + " ".join(f"{c[:12]:>12}" for c in KEYS))
    for system, per_set in results.items():
        for name, r in per_set.items():
            print(f"{system:<10} {name:<4} " + " ".join(f"{r[c]:>12}" for c in KEYS))


if __name__ == "__main__":
    main()
