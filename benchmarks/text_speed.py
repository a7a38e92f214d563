"""Cost of the default text path per article: sentences, tokens with lemmas, named entities (builtin).

Usage (from the project root):

    .venv/bin/python benchmarks/text_speed.py                 # the bundled sample corpus
    .venv/bin/python benchmarks/text_speed.py --dfn --json    # the Dutch DFN articles in ../shared/data

Each stage runs over every article `--repeat` times after one warm-up pass (which loads the
word lists and simplemma's dictionaries; that one-off cost is reported separately). Times are
per article and scaled to a 500-word article (time x 500 / words, summed over all articles).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import _timing as timing  # noqa: E402
from storyline.data import sample_articles_dir  # noqa: E402
from storyline.text.ner import entities_from_tokens, extract_entities  # noqa: E402
from storyline.text.sentences import split_sentences  # noqa: E402
from storyline.text.tokens import lemma, sentence_tokens  # noqa: E402

DFN = ROOT.parent / "shared" / "data" / "dfn" / "articles.jsonl"
log = logging.getLogger("text_speed")


def load_articles(use_dfn: bool, limit: int) -> list[tuple[str, str]]:
    """(language, text) pairs: the sample corpus, or DFN's Dutch articles."""
    if use_dfn:
        if not DFN.exists():
            raise SystemExit(f"needs {DFN} (../shared/data beside the project)")
        rows = [json.loads(line) for line in DFN.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [("nl", r["text"]) for r in rows if r.get("lang") == "nl" and len(r.get("text", "").split()) >= 100][:limit]
    out = []
    for path in sorted(sample_articles_dir().rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".jsonl"):
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".jsonl":
                for line in text.splitlines():
                    if line.strip():
                        rec = json.loads(line)
                        out.append((rec.get("lang") or "nl", rec.get("text") or rec.get("body") or ""))
            else:
                out.append(("nl", text))
    return [(lang, t) for lang, t in out if len(t.split()) >= 50][:limit]


def stage_sentences(lang: str, text: str) -> None:
    """Sentence spans only."""
    split_sentences(text)


def stage_lemmas(lang: str, text: str) -> None:
    """Sentences, tokens and the lemma of every token."""
    for sent in sentence_tokens(text):
        for tok in sent:
            lemma(tok.text, lang)


def stage_entities(lang: str, text: str) -> None:
    """Named entities with the built-in backend (sentences and tokens included)."""
    extract_entities(text, lang, backend="builtin")


def stage_default(lang: str, text: str) -> None:
    """The whole default path once: sentences and tokens, a lemma per token, entities from the same tokens."""
    sents = sentence_tokens(text)
    for sent in sents:
        for tok in sent:
            lemma(tok.text, lang)
    entities_from_tokens(text, sents, lang, backend="builtin")


def main() -> None:
    """Run the benchmark and print the figures."""
    args = timing.parse_args(__doc__.splitlines()[0],
                             dfn_help="Use the Dutch DFN articles instead of the sample corpus.",
                             limit=300, limit_help="At most this many articles.", repeat_help="Timed passes per stage.")
    articles = load_articles(args.dfn, args.limit)
    words = sum(len(t.split()) for _, t in articles)
    warmup = timing.timed(lambda: (stage_entities(*articles[0]), stage_lemmas(*articles[0])))
    stages = {"sentences": stage_sentences, "sentences+tokens+lemmas": stage_lemmas, "entities (builtin)": stage_entities,
              "default path (all of the above, tokens shared)": stage_default}
    result = {**timing.corpus_figures(articles, words), "first_call_seconds": round(warmup, 3),
              "ms_per_500_words": {}, "ms_per_article": {}}
    for name, fn in stages.items():
        best, _, _ = timing.best_of(args.repeat, lambda fn=fn: [fn(lang, text) for lang, text in articles])
        result["ms_per_article"][name] = timing.ms_per_article(best, articles)
        result["ms_per_500_words"][name] = timing.ms_per_500_words(best, words)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['articles']} articles, {words} words (mean {result['mean_words']}); "
          f"first call (loads word lists) {result['first_call_seconds']} s")
    for name, ms in result["ms_per_500_words"].items():
        print(f"  {name:48s} {ms:8.3f} ms per 500 words")


if __name__ == "__main__":
    main()
