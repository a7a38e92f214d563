"""Where story detection goes wrong on a gold set: precision against recall, split gold stories, impure stories.

    .venv/bin/python benchmarks/story_errors.py --gold ../shared/data/dfn/articles.jsonl \
        --ids ../shared/data/dfn/dev_ids.txt [--set nl --set en --set all] [--top 12] [--set-option key=value]
        [--pairs pairs.jsonl]

For every set (one language, or ``all``) the articles are ingested into an empty in-memory store and clustered
exactly as `storyline evaluate clusters` does (the same `assign`), keeping the clusterer. It prints BCubed precision
and recall (which one limits F1), the largest gold incidents spread over several system stories (each fragment:
size, languages, date range, and its story-story score against the incident's largest fragment), and the largest
system stories whose articles carry several incidents. Only article ids and incident ids are printed.

``--lost FILE`` writes, for every labelled article outside its incident's story (the incident's largest fragment
at the end), what it met when it was placed: every candidate story's score against its threshold (negative: under),
the lemma / name / embedding cosines, the time penalty, the edition term and the story's size then, and whether the
incident's story was among them (JSON Lines): why the article was not joined.

``--pairs FILE`` writes, for every pair of system stories that the clusterer's own candidate search finds for a
story (as the story-story merge pass would), the pair's features and whether the gold joins them (the majority
incident of the smaller story is among the larger one's labels): the data to check a merge rule against.
Tune on the development ids only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from storyline.cluster.assign import assign  # noqa: E402
from storyline.cluster.online import Doc, StoryClusterer  # noqa: E402
from storyline.cluster.scoring import Weights  # noqa: E402
from storyline.cluster.state import range_gap  # noqa: E402
from storyline.config import IngestOptions  # noqa: E402
from storyline.evaluate.clusters import load_gold, read_ids, scores, story_checks  # noqa: E402
from storyline.ingest.pipeline import ingest_records  # noqa: E402
from storyline.settings import load_settings  # noqa: E402
from storyline.store.listing import external_ids  # noqa: E402
from storyline.store.sqlite import Store  # noqa: E402


def _day(day: float | None) -> str:
    return "undated" if day is None else (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=day)).date().isoformat()


class TracingClusterer(StoryClusterer):
    """A clusterer that remembers, for every article, the candidate stories it scored when it was placed."""

    def __init__(self, weights: Weights) -> None:
        super().__init__(weights)
        self.trace: dict[str, dict] = {}

    def _top_candidate(self, doc: Doc, f):  # type: ignore[no-untyped-def]
        w = self._w
        rows = []
        for story in self._candidates(doc, f):
            same = doc.lang is not None and doc.lang in story.langs
            cos = story.cosines(f)
            penalty = self._time_cost(doc, f, story)
            edition = w.edition_penalty(f.years, story.years)
            score = w.story_similarity(*cos, same) - penalty - edition
            above = score - (w.threshold_for(doc.lang) if same else w.cross_threshold)
            rows.append({"story": story.id, "above": round(above, 3), "cos": [round(x, 3) for x in cos],
                         "same": same, "time": round(penalty, 3), "edition": edition, "n": story.n})
        self.trace.setdefault(doc.id, {"day": doc.day, "boilerplate": doc.boilerplate, "candidates": rows})
        return super()._top_candidate(doc, f)


def lost_articles(articles: list, clusterer: TracingClusterer, pred_of: dict[str, str], ids: dict[str, str]):
    """One row per labelled article outside its incident's story (its largest fragment), with its trace."""
    final = {g: clusterer.resolve(s) for g, s in pred_of.items()}
    size = Counter(final.values())
    by_incident: dict[str, Counter] = defaultdict(Counter)
    for a in articles:
        for x in a.labels:
            by_incident[x][final[a.gold_id]] += 1
    home = {x: c.most_common(1)[0][0] for x, c in by_incident.items()}
    for a in articles:
        if not a.labels or any(home[x] == final[a.gold_id] for x in a.labels):
            continue
        incident = max(sorted(a.labels), key=lambda x: sum(by_incident[x].values()))
        trace = clusterer.trace.get(ids.get(a.gold_id, ""), {"day": None, "boilerplate": None, "candidates": []})
        rows = trace["candidates"]
        target = [r for r in rows if clusterer.resolve(r["story"]) == home[incident]]
        yield {"id": a.gold_id, "incident": incident, "incident_size": sum(by_incident[incident].values()),
               "incident_story_size": by_incident[incident][home[incident]], "own_story_size": size[final[a.gold_id]],
               "day": trace["day"], "boilerplate": trace["boilerplate"], "candidates": len(rows),
               "incident_story": target[0] if target else None,
               "best": max(rows, key=lambda r: r["above"]) if rows else None}


def run(articles: list, weights: Weights, tracing: bool = False) -> tuple[dict[str, str], StoryClusterer, dict[str, str]]:
    """(gold id -> system story, the clusterer after the run, gold id -> article id)."""
    clusterer = TracingClusterer(weights) if tracing else StoryClusterer(weights)
    with Store(":memory:") as store:
        ingest_records(store, (a.record for a in articles), IngestOptions())
        ids = external_ids(store)
        report = assign(store, weights=weights, clusterer=clusterer)
    story = {p.article_id: p.story_id for p in report.placements}
    return {a.gold_id: story.get(ids.get(a.gold_id, ""), "missing:" + a.gold_id) for a in articles}, clusterer, ids


def story_pair(c: StoryClusterer, small: str, big: str) -> dict:
    """Features of two current stories: cosines of each one's heaviest terms with the other's sums (cl, cn, cu and
    the reverse cl2, cn2, cu2), the linking score, shared (specific) names, sizes, main title years, languages."""
    a, b = c.full(small), c.full(big)
    w = c._w
    f = a.probe(w.max_terms)
    cl, cn, cu = b.cosines(f)
    same = bool((set(a.langs) & set(b.langs)) - {"?"})
    gap = range_gap(a.first, a.last, b.first, b.last)
    shared = [t for t in a.names if t in b.names]
    spec = [t for t in shared if c.specific(t)]
    score = w.story_similarity(cl, cn, cu, same) - w.time_penalty(gap)
    fb = b.probe(w.max_terms)
    cl2, cn2, cu2 = a.cosines(fb)
    ya = a.years.most_common(1)[0][0] if a.years else None
    yb = b.years.most_common(1)[0][0] if b.years else None
    idf = sum(c.name_df.idf(t) for t in spec)
    return {"cl": cl, "cn": cn, "cu": cu, "cl2": cl2, "cn2": cn2, "cu2": cu2, "same": same,
            "gap": -1.0 if gap is None else gap, "score": score, "spec": len(spec), "spec_idf": idf,
            "shared": len(shared), "na": a.n, "nb": b.n, "ya": ya, "yb": yb,
            "la": a.langs.most_common(1)[0][0], "lb": b.langs.most_common(1)[0][0]}


def candidate_pairs(c: StoryClusterer):
    """Every unordered pair (story, candidate story) the clusterer's own candidate search finds, with features."""
    w = c._w
    seen = set()
    ids = sorted(set(c.stories) | set(c._stowed))
    for sid in ids:
        a = c.full(sid)
        f = a.probe(w.max_terms)
        for b in c._candidates(Doc(a.id, "", "", None, a.last), f):
            key = tuple(sorted((a.id, b.id)))
            if b.id == a.id or key in seen:
                continue
            seen.add(key)
            yield key[0], key[1], story_pair(c, key[0], key[1])


def report(name: str, articles: list, weights: Weights, top: int, pairs_out, lost_out=None) -> dict:
    pred_of, clusterer, ids = run(articles, weights, tracing=lost_out is not None)
    if lost_out is not None:
        for row in lost_articles(articles, clusterer, pred_of, ids):  # type: ignore[arg-type]
            lost_out.write(json.dumps({"set": name, **row}) + "\n")
    pred = [pred_of[a.gold_id] for a in articles]
    gold = [a.labels for a in articles]
    s = scores(pred, gold)
    s.update(story_checks(pred, gold, [a.lang for a in articles]))
    print(f"\n== {name}: {len(articles)} articles, {len(set(pred))} stories")
    print(f"BCubed P {s['bcubed_precision']:.4f}  R {s['bcubed_recall']:.4f}  F1 {s['bcubed_f1']:.4f}  "
          f"cross-lang P {s['cross_language_link_precision']}  over {s['cross_language_links']} pairs; "
          f"largest {s['largest_story_size']} purity {s['largest_story_purity']:.4f}")
    by_incident: dict[str, list] = defaultdict(list)
    members: dict[str, list] = defaultdict(list)
    for a, p in zip(articles, pred, strict=True):
        members[p].append(a)
        for x in a.labels:
            by_incident[x].append((a, p))
    if top > 0:
        print(f"-- largest gold incidents split over several stories (top {top})")
    split = sorted(by_incident.items(), key=lambda kv: -len(kv[1]))
    shown = 0
    for incident, arts in split:
        frags = Counter(p for _, p in arts)
        if len(frags) < 2:
            continue
        shown += 1
        if shown > top:
            break
        langs = Counter(a.lang for a, _ in arts)
        print(f"{incident}: {len(arts)} articles {dict(langs)} in {len(frags)} stories")
        main = frags.most_common(1)[0][0]
        for sid, k in frags.most_common(8):
            st = clusterer.full(clusterer.resolve(sid)) if clusterer.has_story(clusterer.resolve(sid)) else None
            extra = ""
            if st is not None:
                extra = f" {dict(st.langs)} {_day(st.first)}..{_day(st.last)} n={st.n}"
                if sid != main:
                    feats = story_pair(clusterer, sid, main)
                    extra += " " + " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                            for k, v in feats.items())
            ids = [a.gold_id for a, p in arts if p == sid][:3]
            print(f"   {sid}: {k}{extra} e.g. {ids}")
    if top > 0:
        print("-- largest impure stories")
    shown = 0
    for sid, arts in sorted(members.items(), key=lambda kv: -len(kv[1])):
        labelled = [a for a in arts if a.labels]
        counts = Counter(x for a in labelled for x in a.labels)
        if not labelled or counts.most_common(1)[0][1] == len(labelled):
            continue
        shown += 1
        if shown > top:
            break
        top_label, k = counts.most_common(1)[0]
        others = [(x, n) for x, n in counts.most_common(5) if x != top_label]
        odd = [a.gold_id for a in labelled if top_label not in a.labels][:4]
        print(f"{sid}: {len(arts)} articles, purity {k / len(labelled):.3f} ({top_label}); others {others} "
              f"e.g. {odd} langs {dict(Counter(a.lang for a in arts))}")
    if pairs_out is not None:
        labels_of: dict[str, Counter] = defaultdict(Counter)
        for sid, arts in members.items():
            for a in arts:
                labels_of[clusterer.resolve(sid)].update(a.labels)
        for a_id, b_id, feats in candidate_pairs(clusterer):
            la, lb = labels_of.get(a_id, Counter()), labels_of.get(b_id, Counter())
            ma = la.most_common(1)[0][0] if la else None
            mb = lb.most_common(1)[0][0] if lb else None
            row = {"set": name, "a": a_id, "b": b_id, **feats,
                   "gold": None if ma is None or mb is None else ma == mb}
            pairs_out.write(json.dumps(row) + "\n")
        with open(pairs_out.name + f".{name}.pred.json", "w", encoding="utf-8") as out:
            json.dump({"pred": {a.gold_id: clusterer.resolve(p) for a, p in zip(articles, pred, strict=True)},
                       "gold": {a.gold_id: sorted(a.labels) for a in articles},
                       "lang": {a.gold_id: a.lang for a in articles}}, out)
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True)
    parser.add_argument("--ids")
    parser.add_argument("--set", dest="sets", action="append", help="nl, en, ... or all (default: nl, en, all)")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--set-option", action="append", default=[], metavar="KEY=VALUE",
                        help="A [cluster] setting, e.g. story_merge=0.3 (JSON values)")
    parser.add_argument("--pairs", help="Write story-story candidate pairs with gold labels (JSON Lines)")
    parser.add_argument("--lost", help="Write each article outside its incident's story with the candidates it met")
    args = parser.parse_args()
    overrides = {}
    for item in args.set_option:
        key, _, value = item.partition("=")
        try:
            overrides[f"cluster.{key}"] = json.loads(value)
        except json.JSONDecodeError:
            overrides[f"cluster.{key}"] = value
    weights = load_settings(None, environ={}, overrides=overrides).cluster
    articles = load_gold(args.gold, ids=read_ids(args.ids) if args.ids else None)
    pairs_out = open(args.pairs, "w", encoding="utf-8") if args.pairs else None
    lost_out = open(args.lost, "w", encoding="utf-8") if args.lost else None
    for name in args.sets or ["nl", "en", "all"]:
        subset = articles if name == "all" else [a for a in articles if a.lang == name]
        report(name, subset, weights, args.top, pairs_out, lost_out)
    for out in (pairs_out, lost_out):
        if out is not None:
            out.close()


if __name__ == "__main__":
    main()
