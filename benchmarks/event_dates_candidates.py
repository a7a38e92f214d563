"""Pick candidate sentences for the event-date gold set (the candidates only: a person labels them).

    dev-python benchmarks/event_dates_candidates.py [--data ../shared/data] --out /tmp/candidates.jsonl
    dev-python benchmarks/event_dates_candidates.py --round 2 --seed 1602 \
        --exclude benchmarks/data/event_dates_gold.jsonl --out /tmp/candidates2.jsonl
    dev-python benchmarks/event_dates_candidates.py --round 3 --seed 1603 \
        --exclude benchmarks/data/event_dates_gold.jsonl --nl 70 --en 50 --t17 50 --out /tmp/candidates3.jsonl

Sentences are drawn from Dutch and English DFN development articles and the Timeline17 development
topics. The package's time tagger only *selects* sentences (most candidates contain a date expression,
some contain none); it never labels them. Each candidate carries its reference (dataset, article, span,
hash, split) and, for the annotator's eyes only, its text, the previous sentence and the publication
weekday. The output file holds article text: keep it outside the repository.

``--round 2`` (the second development round, issue 16) draws from development-split articles only
(per the gold set's SHA-1 parity rule: never a test article), skips sentences already in the gold file
(``--exclude``), and stresses the kinds the first round had few of: sentences whose date is likely a
noun's attribute (a date right after "van/of/from/uit" or before a noun, a possessive "Tuesday's"),
and likely non-events (questions, short lines, captions and link lists, undated articles). The stress
cues are surface patterns only; the label is still given by reading.

``--round 3`` (the third development round) is round 2 with more cues: a date before a noun ("the June 12
summit", "de 12 juni-top"), a date inside a relative or subordinate clause (", which/who/that/die/dat/waar
… date"), quotations, and more non-events (captions, bylines, questions, short lines, present-tense
general statements without a date). ``--dated-cues`` keeps only cued sentences with a time expression
and a cue of a noun's date or of a clause (the round-3 supplement, after the first draw gave few
attributes).

``--round 5`` (the fifth development round) draws only from development articles not in any ``--exclude``
file at all (new articles), and per article takes up to two sentences with a cue of a noun's date (round 3's
cues plus "last year's …", "de top van vorige week", "the 2014 …") that carry a time expression, up to two
sentences without a time expression and with a cue of a non-event (a modal or an opinion, a generic
present-tense statement, a question, a caption or credit, a short line) and one more sentence of the usual
mix. ``--reuse`` lets it take new sentences of articles already used (the second, Dutch draw of round 5:
only four Dutch development articles were unused); with ``--dated-cues`` it takes only the cued attributes (up to
three per article: the third draw of round 5, after the first two gave seven attributes).

``--round 6`` (the sixth development round, session 16) uses round 5's picker unchanged, with new seeds and
the gold file as it stands (so with the ``ed5-*`` records) as ``--exclude``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date
from pathlib import Path

from storyline.evaluate.event_dates import dfn_base_text, sentence_spans, sha1, split_of, t17_base_text
from storyline.text.timex import extract_time_mentions

ROOT = Path(__file__).resolve().parents[1]
T17_DEV = ("bpoil", "EgyptianProtest", "Finan", "H1N1", "haiti")
ENGLISH = re.compile(r"\b(the|and|of|to|in|is|was|said)\b")
_ATTRIBUTE_CUE = re.compile(
    r"\b(van|of|from|uit|sinds|since)\s+(\d{1,2}\s+\w+|\w+\s+\d{1,2}|\d{4}|(maandag|dinsdag|woensdag|donderdag|"
    r"vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
    r"|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)'s\b"
    r"|\bthe\s+(\w+\s+\d{1,2}|\d{4})\s+[a-z]+", re.IGNORECASE)
_CLAUSE_CUE = re.compile(
    r"[,(]\s*(which|who|that|when|where|after|before|since|die|dat|waar|toen|nadat|voordat|omdat|terwijl)\b[^.;]*?"
    r"\b(\d{4}|\d{1,2}\s+[a-z]+|[A-Z][a-z]+\s+\d{1,2}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|yesterday|gisteren|last week|vorige week)\b",
    re.IGNORECASE)
_NL_DATED_CUE = re.compile(
    r"\b(de|het|een|die|dat|waar|toen|nadat|sinds)\b.{0,40}\b(\d{1,2} (januari|februari|maart|april|mei|juni|juli|"
    r"augustus|september|oktober|november|december)|\d{4}|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)",
    re.IGNORECASE)
_ATTRIBUTE_CUE_MORE = re.compile(
    r"\b(last|next|this)\s+(year|week|month|weekend)'s\b|\b\w+'s\s+(\w+\s+)?(election|summit|vote|attack|shooting|"
    r"meeting|crash|storm|earthquake|speech|match|protest|report|announcement)\b"
    r"|\b(van|uit|sinds)\s+(vorige|vorig|afgelopen|komende|gisteren|eergisteren|vanochtend)\b"
    r"|\b(in|at|during|after|before|since|tijdens|na|voor|bij)\s+(the|de|het)\s+(\d{4}|\w+\s+\d{1,2})\b",
    re.IGNORECASE)
_GENERIC_CUE = re.compile(
    r"\b(should|must|need to|needs to|have to|has to|can be|could be|may be|might|is important|are important|"
    r"always|never|often|usually|generally|typically|every|many people|most people|in general|I think|we think|"
    r"moet|moeten|zou|zouden|kan|kunnen|mag|mogen|altijd|nooit|vaak|meestal|doorgaans|iedereen|veel mensen|"
    r"belangrijk|volgens mij|ik denk|wij denken)\b", re.IGNORECASE)
_QUOTE_CUE = re.compile(r"[\u201c\u201d\u201e\"]|,,|''|``")
_NONE_CUE = re.compile(r"\?\s*$|^\W|\b(photo|foto|reuters|anp|afp|getty|read more|lees ook|copyright|©)\b",
                       re.IGNORECASE)


def _pick(text: str, dataset: str, lang: str, published: str | None, rng: random.Random,
          n_dated: int, n_plain: int, skip: frozenset[int] = frozenset(), stress: bool = False,
          stress_more: bool = False, dated_cues: bool = False) -> list[tuple[int, int]]:
    dated, plain, cued = [], [], []
    spans = sentence_spans(text, dataset)
    for a, b in spans[1:]:  # the first line is the title (DFN) or a headline glued to a sentence (T17)
        if a in skip:
            continue
        s = text[a:b]
        if dated_cues:
            if (15 <= len(s) <= 400
                    and (_ATTRIBUTE_CUE.search(s) or _CLAUSE_CUE.search(s) or (lang == "nl" and _NL_DATED_CUE.search(s)))
                    and any(m.kind in ("date", "time") for m in extract_time_mentions(s, lang, published))):
                cued.append((a, b))
            continue
        if stress and (_ATTRIBUTE_CUE.search(s) or (15 <= len(s) <= 400 and _NONE_CUE.search(s))
                       or (stress_more and 15 <= len(s) <= 400
                           and (_CLAUSE_CUE.search(s) or _QUOTE_CUE.search(s) or len(s) < 60))):
            cued.append((a, b))
            continue
        if not 40 <= len(s) <= 400 or (lang == "en" and len(ENGLISH.findall(s)) < 2):
            continue
        mentions = [m for m in extract_time_mentions(s, lang, published) if m.kind in ("date", "time")]
        (dated if mentions else plain).append((a, b))
    rng.shuffle(dated)
    rng.shuffle(plain)
    rng.shuffle(cued)
    if stress:  # rounds 2 and 3: up to two cued sentences, then the usual mix
        picked = cued[:3 if dated_cues else 2]
        return sorted(picked + dated[:max(0, n_dated - len(picked))] + plain[:n_plain])
    return sorted(dated[:n_dated] + plain[:n_plain])


def _pick5(text: str, dataset: str, lang: str, published: str | None,
           rng: random.Random, skip: frozenset[int] = frozenset(), attributes_only: bool = False) -> list[tuple[int, int]]:
    """Round 5: up to two cued attributes, two cued non-events and one more sentence of one article."""
    attr, generic, other = [], [], []
    for a, b in sentence_spans(text, dataset)[1:]:
        s = text[a:b]
        if a in skip:
            continue
        if not 15 <= len(s) <= 400:
            continue
        mentions = [m for m in extract_time_mentions(s, lang, published) if m.kind in ("date", "time")]
        if mentions and (_ATTRIBUTE_CUE.search(s) or _ATTRIBUTE_CUE_MORE.search(s)
                         or (lang == "nl" and _NL_DATED_CUE.search(s))):
            attr.append((a, b))
        elif not mentions and (_GENERIC_CUE.search(s) or _NONE_CUE.search(s) or len(s) < 60):
            generic.append((a, b))
        elif len(s) >= 40:
            other.append((a, b))
    rng.shuffle(attr)
    rng.shuffle(generic)
    rng.shuffle(other)
    if attributes_only:
        return sorted(attr[:3])
    return sorted(attr[:2] + generic[:2] + other[:1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--round", type=int, default=1, choices=(1, 2, 3, 5, 6),
                        help="2: development articles only, stress attributes and non-events; "
                             "3: also clauses, quotes and short lines; 5: new articles only, cued "
                             "attributes and non-events; 6: the same picker as 5, a new draw")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="a gold or candidate file whose sentences are not picked again (repeatable)")
    parser.add_argument("--dated-cues", action="store_true",
                        help="only dated sentences with a cue of a noun's date or of a clause (round 3); "
                             "round 5: only dated sentences with a cue of a noun's date")
    parser.add_argument("--reuse", action="store_true",
                        help="round 5: also articles of the --exclude files (new sentences only; the Dutch "
                             "development articles are nearly all used)")
    parser.add_argument("--nl", type=int, default=240)
    parser.add_argument("--en", type=int, default=150)
    parser.add_argument("--t17", type=int, default=170)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stress = args.round >= 2
    stress_more = args.round == 3
    known: dict[tuple[str, str], set[int]] = {}
    for excluded in args.exclude:
        for line in excluded.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                known.setdefault((rec["dataset"], rec["article"]), set()).add(int(rec["start"]))

    def usable(dataset: str, article: str) -> bool:
        if args.round >= 5 and not args.reuse and (dataset, article) in known:
            return False
        return not stress or split_of(dataset, article) == "dev"
    ids = set((args.data / "dfn" / "dev_ids.txt").read_text(encoding="utf-8").split())
    out = []

    def add(dataset: str, article: str, text: str, lang: str, published: str | None,
            spans: list[tuple[int, int]]) -> None:
        weekday = date.fromisoformat(published).strftime("%A") if published else None
        all_spans = sentence_spans(text, dataset)
        for a, b in spans:
            prev = [text[x:y] for x, y in all_spans if y <= a]
            out.append({"dataset": dataset, "article": article, "start": a, "end": b, "sha1": sha1(text[a:b]),
                        "split": split_of(dataset, article), "lang": lang, "published": published,
                        "weekday": weekday, "previous": prev[-1] if prev else None, "text": text[a:b]})

    with open(args.data / "dfn" / "articles.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows = [r for r in rows if r["id"] in ids and r["lang"] in ("nl", "en")]
    rng.shuffle(rows)
    quota = {"nl": args.nl, "en": args.en}
    for r in rows:
        lang = r["lang"]
        if quota[lang] <= 0 or not usable("dfn", r["id"]):
            continue
        published = None if r["published"].startswith(("0001", "1-01")) else r["published"][:10]
        if published is None and rng.random() > (0.4 if stress else 0.15):
            continue
        text = dfn_base_text(r)
        if args.round >= 5:
            spans = _pick5(text, "dfn", lang, published, rng, frozenset(known.get(("dfn", r["id"]), ())),
                           args.dated_cues)
            quota[lang] -= len(spans)
            add("dfn", r["id"], text, lang, published, spans)
            continue
        spans = _pick(text, "dfn", lang, published, rng, 3 if lang == "nl" else 2, 1 if rng.random() < 0.4 else 0,
                      frozenset(known.get(("dfn", r["id"]), ())), stress, stress_more, args.dated_cues)
        quota[lang] -= len(spans)
        add("dfn", r["id"], text, lang, published, spans)
    t17 = []
    for folder in sorted((args.data / "t17").iterdir()):
        if folder.name.split("_")[0] not in T17_DEV:
            continue
        with open(folder / "articles.jsonl", encoding="utf-8") as fh:
            t17 += [(folder.name, json.loads(line)) for line in fh if line.strip()]
    rng.shuffle(t17)
    quota_t17 = args.t17
    for folder, r in t17:
        if quota_t17 <= 0:
            break
        article = f"{folder}:{r['id']}"
        if not usable("t17", article):
            continue
        text = t17_base_text(r)
        published = str(r.get("time") or "")[:10] or None
        if args.round >= 5:
            spans = _pick5(text, "t17", "en", published, rng, frozenset(known.get(("t17", article), ())),
                           args.dated_cues)
            quota_t17 -= len(spans)
            add("t17", article, text, "en", published, spans)
            continue
        spans = _pick(text, "t17", "en", published, rng, 2, 1 if rng.random() < 0.3 else 0,
                      frozenset(known.get(("t17", article), ())), stress, stress_more, args.dated_cues)
        quota_t17 -= len(spans)
        add("t17", f"{folder}:{r['id']}", text, "en", published, spans)
    with open(args.out, "w", encoding="utf-8") as fh:
        for i, c in enumerate(out):
            fh.write(json.dumps({"cand": i, **c}, ensure_ascii=False) + "\n")
    print(f"{len(out)} candidates written to {args.out}")


if __name__ == "__main__":
    main()
