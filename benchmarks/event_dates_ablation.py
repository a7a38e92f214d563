"""Which event-date rules carry, and which were fitted to single development sentences (development half only).

For every named rule of the attribution (the predicates of `event_syntax`, `event_frames`, `event_nonevents` and
`event_dates` that `attribute()` calls), the rule is switched off (its predicate made to answer "no", or its
adjustment made to change nothing) and the development sentences are attributed again. A rule is *decisive* on
a sentence when switching it off changes that sentence's value; it *helps* there when the value was right with
it and wrong without, and *hurts* when the reverse. The report counts, per rule, the sentences and the distinct
articles and sources (dataset, language) it helps and hurts: a rule that helps on one article only is fitted to
that article until the unit tests of invented sentences (tests/timeline/) show it is general.

    python benchmarks/event_dates_ablation.py --gold benchmarks/data/event_dates_gold.jsonl \
        --data ../shared/data [--json out.json]

It never loads the test half (`resolve(..., split="dev")`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.evaluate.event_dates import _predict_all, load_system, read_gold, resolve
from storyline.timeline import event_dates as ed
from storyline.timeline import event_frames as frames
from storyline.timeline import event_syntax as syn
from storyline.timeline import event_tense as tense


def _NO(*args: Any, **kwargs: Any) -> bool:
    return False


def _NONE(*args: Any, **kwargs: Any) -> None:
    return None


def _ZERO(*args: Any, **kwargs: Any) -> int:
    return 0


def _identity_value(*args: Any, **kwargs: Any) -> tuple[str, str]:
    """For the adjustments `f(m, value, prec, ...)` / `f(sentence, m, value, prec)`: leave the value alone."""
    vals = [a for a in args if isinstance(a, str)]
    if len(vals) >= 2 and not hasattr(args[0], "start"):
        return vals[1], vals[2]  # (sentence, m, value, prec)
    return vals[0], vals[1]


# (name, module, attribute, replacement): each entry switches one rule off
RULES: list[tuple[str, Any, str, Callable[..., Any]]] = [
    ("no_event (page furniture)", ed, "no_event", _NO),
    ("only_time (dateline)", ed, "only_time", _NO),
    ("question", ed, "question", _NO),
    ("fragment", syn, "fragment", _NO),
    ("copyright_year", syn, "copyright_year", _NO),
    ("common_word", frames, "common_word", _NO),
    ("_is_attribute (noun's date)", ed, "_is_attribute", _NO),
    ("reduced_relative", syn, "reduced_relative", _NO),
    ("compared", syn, "compared", _NO),
    ("what_clause", syn, "what_clause", _NO),
    ("in_cause_phrase", syn, "in_cause_phrase", _NO),
    ("in_participle_clause", syn, "in_participle_clause", _NO),
    ("noun_with_event_date", syn, "noun_with_event_date", _NO),
    ("_apposition", ed, "_apposition", _NO),
    ("describes_event (exception)", frames, "describes_event", _NO),
    ("_bound (since/until modifier)", ed, "_bound", _NO),
    ("planned_for", syn, "planned_for", _NO),
    ("bounded_by_preposition", syn, "bounded_by_preposition", _NO),
    ("past_clause", syn, "past_clause", _NONE),
    ("coming_weekday", syn, "coming_weekday", _identity_value),
    ("weekday_year", frames, "weekday_year", _identity_value),
    ("_past (moved back)", ed, "_past", _identity_value),
]
RULES += [
    ("round 5: caption cut before a sentence", ed, "after_caption", _ZERO),
    ("round 5: content without 'that'", ed, "content_without_that", _NO),
    ("round 5: coming weekday after would/will", ed, "future_content", _NO),
    ("round 5: a quarter before a noun", frames, "period_before_noun", _NO),
    ("round 5: a noun's gerund complement", frames, "gerund_of_noun", _NO),
]
RULES += [
    ("tense: present clause, past date", tense, "present_clause_past_date", _NO),
    ("tense: coming after a verb", tense, "coming_after_verb", _NONE),
    ("tense: habitual", tense, "habitual", _NO),
    ("tense: duration up to now", tense, "duration_to_now", _NO),
]


@contextmanager
def _off(module: Any, attr: str, repl: Callable[..., Any]) -> Iterator[None]:
    old = getattr(module, attr)
    setattr(module, attr, repl)
    try:
        yield
    finally:
        setattr(module, attr, old)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--json", type=Path, help="write the full report here")
    ap.add_argument("--show", type=int, default=3, help="sentences shown per rule (ids only)")
    args = ap.parse_args(argv)
    sents = resolve(read_gold(args.gold), args.data, split="dev")
    predict = load_system()
    base = _predict_all(sents, predict)
    right = [p == s.date for p, s in zip(base, sents, strict=True)]
    report: list[dict[str, Any]] = []
    for name, module, attr, repl in RULES:
        with _off(module, attr, repl):
            off = _predict_all(sents, predict)
        helps = [s for s, r, p in zip(sents, right, off, strict=True) if r and p != s.date]
        hurts = [s for s, r, p in zip(sents, right, off, strict=True) if not r and p == s.date]
        changed = sum(p != b for p, b in zip(off, base, strict=True))
        report.append({
            "rule": name, "changed": changed, "helps": len(helps), "hurts": len(hurts),
            "help_articles": len({(s.dataset, s.article) for s in helps}),
            "help_sources": sorted({f"{s.dataset}/{s.lang}" for s in helps}),
            "hurt_articles": len({(s.dataset, s.article) for s in hurts}),
            "help_ids": [s.id for s in helps], "hurt_ids": [s.id for s in hurts]})
    n = len(sents)
    print(f"{n} development sentences, accuracy {sum(right) / n:.4f}")
    print(f"{'rule':34} {'changed':>7} {'helps':>5} {'arts':>4} {'hurts':>5}  sources / ids")
    for r in report:
        print(f"{r['rule']:34} {r['changed']:7d} {r['helps']:5d} {r['help_articles']:4d} {r['hurts']:5d}  "
              f"{','.join(r['help_sources'])} {' '.join(r['help_ids'][:args.show])}"
              f"{' | hurts ' + ' '.join(r['hurt_ids'][:args.show]) if r['hurts'] else ''}")
    if args.json:
        args.json.write_text(json.dumps({"n": n, "accuracy": sum(right) / n, "rules": report}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
