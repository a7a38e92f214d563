"""Cost of finding and resolving time expressions, per 500-word article.

Usage (from the project root):

    .venv/bin/python benchmarks/timex_speed.py                 # the bundled sample corpus (Dutch and English)
    .venv/bin/python benchmarks/timex_speed.py --dfn --json    # DFN articles in ../shared/data (both languages)

The grammar of each language is compiled on first use (reported separately); then every article
runs `--repeat` times and the best pass counts. Times are scaled to a 500-word article
(time x 500 / words over all articles). Wall-clock and CPU time are both reported: on a shared
machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.data import sample_articles_dir  # noqa: E402
from storyline.text.timex import extract_time_mentions  # noqa: E402

DFN = ROOT.parent / "shared" / "data" / "dfn" / "articles.jsonl"


def load_articles(use_dfn: bool, limit: int) -> list[tuple[str, str, str | None]]:
    """(language, text, published) triples from the sample corpus or from DFN."""
    rows = []
    if use_dfn:
        if not DFN.exists():
            raise SystemExit(f"needs {DFN} (../shared/data beside the project)")
        by_lang: dict[str, list] = {}
        for line in DFN.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                by_lang.setdefault(r.get("lang") or "en", []).append(
                    (r.get("lang") or "en", r.get("text") or "", (r.get("published") or "")[:10] or None))
        share = limit // max(1, len(by_lang))  # as many Dutch as English articles
        return [r for found in by_lang.values() for r in [x for x in found if len(x[1].split()) >= 50][:share]]
    else:
        for path in sorted(sample_articles_dir().rglob("*")):
            if path.is_file() and path.suffix == ".jsonl":
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        r = json.loads(line)
                        rows.append((r.get("lang") or "nl", r.get("text") or r.get("body") or "",
                                     r.get("published")))
            elif path.is_file() and path.suffix == ".txt":
                text = path.read_text(encoding="utf-8")
                published = text.split()[1] if text.startswith(" date ") else None
                rows.append(("nl", text, published))
    return [r for r in rows if len(r[1].split()) >= 50][:limit]


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dfn", action="store_true", help="Use the DFN articles instead of the sample corpus.")
    parser.add_argument("--limit", type=int, default=400, help="At most this many articles (split over languages).")
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes.")
    parser.add_argument("--json", action="store_true", help="Print JSON.")
    args = parser.parse_args()
    articles = load_articles(args.dfn, args.limit)
    words = sum(len(t.split()) for _, t, _ in articles)
    started = time.perf_counter()
    for lang in sorted({lang for lang, _, _ in articles}):
        extract_time_mentions("12 juni", lang, "2018-05")
    compile_seconds = time.perf_counter() - started
    best, best_cpu, mentions = float("inf"), float("inf"), 0
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        mentions = sum(len(extract_time_mentions(text, lang, published)) for lang, text, published in articles)
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    result = {"articles": len(articles), "words": words, "mean_words": round(words / len(articles)),
              "languages": sorted({lang for lang, _, _ in articles}), "mentions": mentions,
              "compile_seconds": round(compile_seconds, 3), "ms_per_article": round(1000 * best / len(articles), 3),
              "ms_per_500_words": round(1000 * best * 500 / words, 3),
              "cpu_ms_per_500_words": round(1000 * best_cpu * 500 / words, 3)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['articles']} articles ({', '.join(result['languages'])}), {words} words "
          f"(mean {result['mean_words']}), {mentions} time mentions; grammar compiled in {compile_seconds:.3f} s")
    print(f"  time expressions: {result['ms_per_500_words']:.3f} ms per 500 words wall clock, "
          f"{result['cpu_ms_per_500_words']:.3f} ms CPU ({result['ms_per_article']:.3f} ms per article)")


if __name__ == "__main__":
    main()
