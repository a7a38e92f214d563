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

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import _timing as timing  # noqa: E402
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
    args = timing.parse_args(__doc__.splitlines()[0], dfn_help="Use the DFN articles instead of the sample corpus.",
                      limit=400, limit_help="At most this many articles (split over languages).",
                      repeat_help="Timed passes.")
    articles = load_articles(args.dfn, args.limit)
    words = sum(len(t.split()) for _, t, _ in articles)
    languages = sorted({lang for lang, _, _ in articles})
    compile_seconds = timing.timed(lambda: [extract_time_mentions("12 juni", lang, "2018-05") for lang in languages])
    best, best_cpu, mentions = timing.best_of(args.repeat, lambda: sum(
        len(extract_time_mentions(text, lang, published)) for lang, text, published in articles))
    result = {**timing.corpus_figures(articles, words), "languages": languages, "mentions": mentions or 0,
              "compile_seconds": round(compile_seconds, 3), "ms_per_article": timing.ms_per_article(best, articles),
              "ms_per_500_words": timing.ms_per_500_words(best, words),
              "cpu_ms_per_500_words": timing.ms_per_500_words(best_cpu, words)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['articles']} articles ({', '.join(result['languages'])}), {words} words "
          f"(mean {result['mean_words']}), {mentions} time mentions; grammar compiled in {compile_seconds:.3f} s")
    print(f"  time expressions: {result['ms_per_500_words']:.3f} ms per 500 words wall clock, "
          f"{result['cpu_ms_per_500_words']:.3f} ms CPU ({result['ms_per_article']:.3f} ms per article)")


if __name__ == "__main__":
    main()
