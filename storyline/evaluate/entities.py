"""Named-entity quality on CoNLL-2002 files: exact-span precision, recall and F1, per type and micro-averaged."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..text.ner import TYPES, get_backend, spans_from_iob

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ConllDocument:
    """One -DOCSTART- document: sentences of gold tokens and their gold IOB2 tags."""

    tokens: list[list[str]] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)


def read_conll(path: Path) -> list[ConllDocument]:
    """Documents of a CoNLL-2002 file (latin-1; the tag is the last field, the token the first).

    Garbled accents (`Belgi\\x81EN B-LOC`, the space before the POS tag gone) still give the right
    tag: the glued POS tag is cut off, and the garbled pair `\\x81E` is read as `ë`, which restores
    the common `-ië` names exactly (België, Italië) and leaves the others (Israë for Israël) close.
    """
    docs: list[ConllDocument] = []
    doc = ConllDocument()
    sent_toks: list[str] = []
    sent_tags: list[str] = []

    def close_sentence() -> None:
        nonlocal sent_toks, sent_tags
        if sent_toks:
            doc.tokens.append(sent_toks)
            doc.tags.append(sent_tags)
        sent_toks, sent_tags = [], []

    try:
        lines = Path(path).read_text(encoding="latin-1").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read CoNLL file {path}: {exc.strerror or exc}") from exc
    for line in lines:
        parts = line.split()
        if not parts:
            close_sentence()
            continue
        if parts[0] == "-DOCSTART-":
            close_sentence()
            if doc.tokens:
                docs.append(doc)
            doc = ConllDocument()
            continue
        tag = parts[-1]
        if not (tag == "O" or tag[:2] in ("B-", "I-")):
            raise InputError(f"{path}: line {line!r} does not end in an IOB tag; is this a CoNLL-2002 file?")
        token = parts[0] if len(parts) >= 3 else _unglue(parts[0])
        token = token.replace("\x81E", "ë")
        sent_toks.append(token)
        sent_tags.append(tag)
    close_sentence()
    if doc.tokens:
        docs.append(doc)
    if not docs:
        raise InputError(f"{path}: no tokens found; is this a CoNLL-2002 file?")
    return docs


def _unglue(token: str) -> str:
    """Drop a POS tag glued to a garbled token ("Belgi\\x81ENN" keeps the letters up to the tag)."""
    for pos in ("Punc", "Misc", "Pron", "Prep", "Conj", "Art", "Adj", "Adv", "Num", "Int", "N", "V"):
        if token.endswith(pos) and len(token) > len(pos):
            return token[: -len(pos)]
    return token


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall, F1 and the counts behind them."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn,
            "gold": tp + fn}


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Exact-span scores of predicted against gold IOB2 sequences (one per sentence).

    >>> score([["B-PER", "I-PER", "O", "B-LOC"]], [["B-PER", "I-PER", "O", "B-ORG"]])["micro"]["f1"]
    0.5
    """
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    utp = ufp = ufn = 0
    for g_seq, p_seq in zip(gold, pred, strict=True):
        g = set(spans_from_iob(g_seq))
        p = set(spans_from_iob(p_seq))
        for kind, *_ in g & p:
            tp[kind] += 1
        for kind, *_ in p - g:
            fp[kind] += 1
        for kind, *_ in g - p:
            fn[kind] += 1
        gu = {(a, b) for _, a, b in g}
        pu = {(a, b) for _, a, b in p}
        utp += len(gu & pu)
        ufp += len(pu - gu)
        ufn += len(gu - pu)
    per_type = {kind: prf(tp[kind], fp[kind], fn[kind]) for kind in TYPES}
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {"micro": micro, "untyped": prf(utp, ufp, ufn), "per_type": per_type}


def evaluate_conll(path: Path, backend: str | None = None, lang: str = "nl", limit: int | None = None,
                   on_progress: Callable[[str, int, int | None], None] | None = None) -> dict:
    """Run a backend over the gold tokens of a CoNLL file and score it; `limit` keeps the first N documents.

    `on_progress` hears ("documents", done, total) as the documents are tagged."""
    docs = read_conll(path)[:limit] if limit else read_conll(path)
    engine = get_backend(backend)
    ok, why = engine.available()
    if not ok:
        raise InputError(f"entity backend {engine.name!r} is not available here: {why}")
    gold: list[list[str]] = []
    pred: list[list[str]] = []
    engine.tag([["Test", "."]], lang)  # start a server backend before the clock runs
    words = 0
    started = time.perf_counter()
    for n, doc in enumerate(docs, start=1):
        labels = engine.tag(doc.tokens, lang)
        gold.extend(doc.tags)
        pred.extend(labels)
        words += sum(len(s) for s in doc.tokens)
        if on_progress is not None:
            on_progress("documents", n, len(docs))
    seconds = time.perf_counter() - started
    report = scored_report(engine.name, {"file": str(path), "documents": len(docs)}, gold, pred, words, seconds)
    report["words_per_second"] = round(words / seconds) if seconds else None
    return report


def scored_report(backend: str, where: dict[str, Any], gold: list[list[str]], pred: list[list[str]], words: int,
                  seconds: float) -> dict[str, Any]:
    """The report of an entity evaluation: what was read (`where`), then the scores of `pred` against `gold`."""
    result = score(gold, pred)
    return {
        "backend": backend,
        **where,
        "sentences": len(gold),
        "words": words,
        "micro_f1": result["micro"]["f1"],
        "untyped_f1": result["untyped"]["f1"],
        "micro": result["micro"],
        "untyped": result["untyped"],
        "per_type": result["per_type"],
        "seconds": round(seconds, 2),
    }
