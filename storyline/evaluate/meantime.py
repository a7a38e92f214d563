"""Named-entity quality on MEANTIME-nl: proper-name mentions in the sentences it annotates fully.

MEANTIME (CC BY 4.0) marks entity mentions of every kind (names, nouns, pronouns) with their extent
("de USAF", "Louis Gallois , CEO van Airbus"), completely in the title and the first sentences of
each article (sentence ids 0 and 2-5; 1 is the date line) and only partly after that. The scorer
keeps the proper-name mentions of those sentences, cuts each to the name itself, maps the types to
CoNLL's, splits the documents into a development and a test half, and scores exact spans with the
CoNLL scorer. The rules are in docs/who-where-when.md.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..text.ner import get_backend, spans_from_iob
from .entities import scored_report

SENTENCES = frozenset({0, 2, 3, 4, 5})  # title and first sentences: annotated in (nearly) every document
# MEANTIME type -> CoNLL type (products, financial items such as stock indices, and others are MISC)
TYPE_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "PRO": "MISC", "FIN": "MISC", "OTH": "MISC"}
ARTICLES = frozenset({"de", "het", "een", "De", "Het", "Een", "the", "The", "``", "''", "'", '"', "`"})


@dataclass(slots=True)
class MeantimeDocument:
    """One article: its key (topic/subtopic), sentences of tokens by sentence id, and gold name spans."""

    key: str
    sentences: dict[int, list[str]] = field(default_factory=dict)
    gold: set[tuple[int, int, int, str]] = field(default_factory=set)  # (sentence id, start, end, type)
    extents: set[tuple[int, int, int]] = field(default_factory=set)  # every entity mention, name or not
    # the bracketed part of a mention's extent ("Acme Holding ( AH )"): the same mention, never annotated apart
    bracketed: set[tuple[int, int, int]] = field(default_factory=set)


JOINERS = frozenset({"van", "de", "der", "den", "of", "and", "&", "'", "s", "voor", "for", "the", "du", "la", "le"})


def _name_part(tokens: list[str], positions: list[int], head: int, head_pos: str) -> list[int] | None:
    """The token positions of the name inside a mention's extent, or None when the mention is not a name.

    The extent is cut before a comma or bracket (an apposition); the name is the run of capitalised
    tokens (joined over "van", "of", "&" ..., with numbers after a name: "ACME 300") that holds the
    mention's head; a compound with a lower-case tail ("Airbus-eigenaar") ends a run. Ordinary words
    and titles in front of the name are dropped ("Woordvoerster Sandy Angers" -> "Sandy Angers"). A
    mention whose head is not in such a run, or is an ordinary noun ("CEO van Ryanair", "Markten"),
    is not a name.
    """
    from ..text.tokens import is_known_word

    runs: list[list[int]] = []
    cur: list[int] = []
    for pos in positions:
        tok = tokens[pos]
        if tok in (",", "(", ":", ";"):
            break
        compound = "-" in tok and tok.rsplit("-", 1)[1][:1].islower()
        if (tok[:1].isupper() or (tok[:1].isdigit() and cur)) and not compound:
            cur.append(pos)
        elif cur and tok in JOINERS and not (tok in ("van", "of") and sum(tokens[k][:1].isupper() for k in cur) >= 2
                                              and head in cur):
            cur.append(pos)  # "Jan van Dijk", "Bank of America"; not "Paul Nesbit van JSA Research"
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    for each in runs:
        while each and tokens[each[-1]] in JOINERS:
            each.pop()
    run = next((r for r in runs if head in r), None)
    if run is None or head_pos in ("PRON", "DET", "VERB", "ADP", "CCONJ", "NUM"):
        return None
    while len(run) > 1 and _droppable(tokens, run, head):
        run.pop(0)  # "Woordvoerster", "Amerikaanse", "De" in front of the name
    if head_pos == "NOUN" and is_known_word(tokens[head].lower(), "nl") and head == run[0] and len(run) == 1:
        return None  # "Markten", "Beurzen"
    if head_pos == "NOUN" and tokens[head].lower() in ("ceo", "cfo", "cto") or tokens[run[0]] in ARTICLES:
        return None
    return run


def _droppable(tokens: list[str], run: list[int], head: int) -> bool:
    """Whether the first token of a run is a word in front of the name, not part of it: an article, a title or
    an ordinary word ("Woordvoerster Sandy Angers"), or an adjective ("Amerikaanse Brontex Reserve").

    MEANTIME's head of a titled name is often the title ("Premier Anna Smit", "Senator Smit", "CEO Jan
    Jansen", "Autofabrikant Acme"): a title (a person title or a head noun of storyline's cue lists) is dropped
    even as the head. Otherwise the head stays ("Verenigde Staten", "Air Brontex"), and so do a word the name
    continues from over "of"/"van" ("Bank of Brontex") and an adjective before another ("Nationale Centrale Bank").
    """
    from ..text.ner.gazetteer import gazetteer
    from ..text.tokens import is_known_word

    gaz = gazetteer()
    first, nxt = tokens[run[0]], tokens[run[1]]
    low = first.lower()
    if first in ARTICLES:
        return True
    if nxt in JOINERS:  # "Vertegenwoordigers van de Acme Republic" (not "Bank of Brontex")
        return run[0] != head and first not in gaz.org_words and is_known_word(low, "nl")
    if not nxt[:1].isupper():
        return False  # "Boeing 737-800"
    if run[0] == head:  # a Dutch title ("Premier", "CEO"), not "General Systems"
        return (low in gaz.person_titles or low in gaz.heads) and nxt not in gaz.org_words and (
            is_known_word(low, "nl") or low in ("ceo", "cfo", "cto"))
    if low.endswith("e") and nxt.endswith("e") and is_known_word(nxt.lower(), "nl"):
        return False  # an adjective before another belongs to the name: "Nationale Centrale Bank"
    if low.endswith(("se", "sche")):
        return True  # "Amerikaanse Brontex Reserve"
    return is_known_word(low, "nl")


def read_meantime(folder: Path) -> list[MeantimeDocument]:
    """Documents of MEANTIME-nl (`nl/meantime.conll` for tokens, `nl/entities_mentions.json` for mentions)."""
    base = Path(folder)
    conll, mentions_file = base / "nl" / "meantime.conll", base / "nl" / "entities_mentions.json"
    try:
        lines = conll.read_text(encoding="utf-8").splitlines()
        mentions = json.loads(mentions_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read MEANTIME-nl in {base}: {exc}; expected nl/meantime.conll and "
                         "nl/entities_mentions.json") from exc
    docs: dict[str, MeantimeDocument] = {}
    for line in lines:
        cols = line.split("\t")
        if len(cols) < 4 or line.startswith("#"):
            continue
        doc = docs.setdefault(cols[0], MeantimeDocument(cols[0]))
        doc.sentences.setdefault(int(cols[1]), []).append(cols[3])
    spans: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    for m in mentions:
        document = docs.get(m["conll_doc_key"])
        sent = m["sent_id"]
        if document is None or sent not in SENTENCES or sent not in document.sentences or not m.get("is_continuous", True):
            continue
        tokens = document.sentences[sent]
        positions = [p for p in m["tokens_number"] if p < len(tokens)]
        if positions:
            document.extents.add((sent, min(positions), max(positions) + 1))
            opening = next((p for p in positions if tokens[p] == "("), None)
            if opening is not None and opening > min(positions):
                document.bracketed.add((sent, opening, max(positions) + 2))  # to the closing bracket
        head = m["mention_head_id"]
        if head not in positions:  # about 1 mention in 12 has a head id outside its own extent ("GM", id 11, at 22)
            head = next((p for p in positions if tokens[p] == m.get("mention_head")), head)
        part = _name_part(tokens, positions, head, m["mention_head_pos"])
        if part is None:
            continue
        if m["mention_head_pos"] == "ADJ":
            continue  # "Amerikaanse": an adjective, not a proper name (MEANTIME marks some, not all)
        kind = TYPE_MAP.get(m["mention_type"], "MISC")
        spans[document.key].append((sent, part[0], part[-1] + 1, kind))
    for key, found in spans.items():
        found.sort(key=lambda s: (s[0], -(s[2] - s[1])))
        taken: set[tuple[int, int]] = set()
        for sent, a, b, kind in found:  # nested or overlapping mentions: the longer name wins
            if any((sent, k) in taken for k in range(a, b)):
                continue
            taken.update((sent, k) for k in range(a, b))
            docs[key].gold.add((sent, a, b, kind))
    if not docs:
        raise InputError(f"{base}: no MEANTIME documents found")
    return [docs[k] for k in sorted(docs)]


def split_documents(docs: list[MeantimeDocument]) -> dict[str, list[MeantimeDocument]]:
    """Development and test halves by document: within each topic, in key order, alternate dev, test, dev ..."""
    by_topic: dict[str, list[MeantimeDocument]] = defaultdict(list)
    for doc in docs:
        by_topic[doc.key.split("/")[0]].append(doc)
    out: dict[str, list[MeantimeDocument]] = {"dev": [], "test": []}
    for topic in sorted(by_topic):
        for i, doc in enumerate(sorted(by_topic[topic], key=lambda d: d.key)):
            out["dev" if i % 2 == 0 else "test"].append(doc)
    return out


def judgeable(doc: MeantimeDocument, sent: int, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The predicted spans MEANTIME can judge: inside or across an annotated mention, or the same words as a
    name it annotates in the article. MEANTIME annotates only the entities it follows across documents, so a
    name of another entity is neither right nor wrong. An abbreviation in brackets inside a mention's extent
    ("Brontex Airlines ( BA )") belongs to that mention and is never annotated apart: not judged either."""
    from ..text.ner.gazetteer import gazetteer

    adjectives = gazetteer().demonym_country
    tokens = doc.sentences[sent]
    names = {" ".join(doc.sentences[s][a:b]) for s, a, b, _ in doc.gold}
    return [(k, a, b) for k, a, b in spans if " ".join(tokens[a:b]) not in adjectives
            and not any(s == sent and x <= a and b <= e for s, x, e in doc.bracketed) and (
            " ".join(tokens[a:b]) in names or any(s == sent and a < e and b > x for s, x, e in doc.extents))]


def _iob(length: int, spans: list[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * length
    for a, b, kind in spans:
        labels[a] = f"B-{kind}"
        for k in range(a + 1, b):
            labels[k] = f"I-{kind}"
    return labels


def evaluate_meantime(folder: Path, backend: str | None = None, split: str = "dev",
                      on_progress: Callable[[str, int, int | None], None] | None = None) -> dict:
    """Run a backend over the documents of one half (`dev`, `test` or `all`) and score the annotated sentences;
    `on_progress` hears ("documents", done, total) as the documents are tagged."""
    docs = read_meantime(folder)
    halves = split_documents(docs)
    if split not in ("dev", "test", "all"):
        raise InputError(f"unknown MEANTIME split {split!r}; choose dev, test or all")
    chosen = [d for d in (docs if split == "all" else halves[split]) if d.gold]  # 22 articles carry no names
    engine = get_backend(backend)
    ok, why = engine.available()
    if not ok:
        raise InputError(f"entity backend {engine.name!r} is not available here: {why}")
    engine.tag([["Test", "."]], "nl")  # start a server backend before the clock runs
    gold: list[list[str]] = []
    pred: list[list[str]] = []
    words = 0
    started = time.perf_counter()
    for n, doc in enumerate(chosen):
        if on_progress is not None:
            on_progress("documents", n, len(chosen))
        ids = sorted(doc.sentences)
        labels = engine.tag([doc.sentences[i] for i in ids], "nl")  # the whole article, for its context
        for sid, labs in zip(ids, labels, strict=True):
            if sid not in SENTENCES:
                continue
            tokens = doc.sentences[sid]
            gold.append(_iob(len(tokens), [(a, b, k) for s, a, b, k in sorted(doc.gold) if s == sid]))
            pred.append(_iob(len(tokens), [(a, b, k) for k, a, b in judgeable(doc, sid, spans_from_iob(labs))]))
            words += len(tokens)
    seconds = time.perf_counter() - started
    if on_progress is not None:
        on_progress("documents", len(chosen), len(chosen))
    return scored_report(engine.name, {"dataset": f"MEANTIME-nl {split}", "folder": str(folder),
                                       "documents": len(chosen)}, gold, pred, words, seconds)
