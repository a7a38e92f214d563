"""Does a replica of the stream benchmark cluster like its source? One replica alone, against the source alone.

    .venv/bin/python benchmarks/replica_stories.py [--replica 5] [--scheme source|default|distinct|distinct-one-mark|distinct-all-words] [--chunk 1000]

`benchmarks/cluster_stream.py` builds a long stream from replicas of the DFN file; each replica should form the
stories the source forms (a replica stands for another stretch of an archive, with its own names and words), or
the stream measures a different archive: one whose stories are larger than any real one's. This clusters one
replica of the file on its own (in chunks, through `Archive.ingest` and the clusterer, as the stream does, without
the text stage) and prints its story structure and its BCubed F1 against the file's gold incidents (articles with
an incident label), the same figures for the source (`--scheme source`) being the reference.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cluster_stream import distinct_row, distinct_row_all_words, distinct_row_one_mark  # noqa: E402
from ingest_throughput import DFN, replica_row  # noqa: E402

import storyline  # noqa: E402
from storyline.evaluate.clusters import scores  # noqa: E402
from storyline.store.listing import source_rows  # noqa: E402
from storyline.store.stories import assignments  # noqa: E402

SCHEMES = {"source": lambda row, k: row, "default": replica_row, "distinct": distinct_row,
           "distinct-all-words": distinct_row_all_words, "distinct-one-mark": distinct_row_one_mark}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replica", type=int, default=5)
    parser.add_argument("--scheme", choices=sorted(SCHEMES), default="distinct")
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=DFN)
    args = parser.parse_args()
    if not args.source.exists():
        sys.exit(f"benchmark input {args.source} is missing: it needs ../shared/data (the DFN file)")
    rows = [json.loads(line) for line in args.source.open(encoding="utf-8")]
    make = SCHEMES[args.scheme]
    replica = [make(r, args.replica) for r in rows]
    gold_of = {r["url"]: frozenset((orig.get("incidents") or [])[:1]) for r, orig in zip(replica, rows, strict=True)}
    work = Path(tempfile.mkdtemp(prefix="storyline-replica-"))
    with storyline.open(work / "r.db") as archive:
        it = iter(replica)
        for n in itertools.count():
            part = list(itertools.islice(it, args.chunk))
            if not part:
                break
            path = work / f"chunk{n}.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
            archive.after_ingest(archive.ingest(path), cluster=True, analyse=False, timelines=False)
        placed = [(r["article_id"], r["story_id"]) for r in assignments(archive.store)]
        urls = {a: url or "" for a, _, url, _ in source_rows(archive.store, [a for a, _ in placed])}
    sizes = collections.Counter(s for _, s in placed)
    labelled = [(s, gold_of.get(urls.get(a, ""), frozenset())) for a, s in placed]
    labelled = [(s, g) for s, g in labelled if g]
    figures = scores([s for s, _ in labelled], [g for _, g in labelled])
    top = [n for _, n in sizes.most_common(5)]
    print(json.dumps({"scheme": args.scheme, "replica": args.replica if args.scheme != "source" else 0,
                      "articles": len(placed), "stories": len(sizes), "largest_stories": top,
                      "share_in_largest": round(top[0] / len(placed), 3) if top else None,
                      "labelled": len(labelled), "bcubed_f1": round(figures["bcubed_f1"], 4),
                      "bcubed_precision": round(figures["bcubed_precision"], 4),
                      "bcubed_recall": round(figures["bcubed_recall"], 4)}))


if __name__ == "__main__":
    main()
