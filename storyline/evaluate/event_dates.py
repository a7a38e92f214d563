"""Event-date attribution measured against a hand-annotated gold set (docs/event-dates-guideline.md).

The gold file (benchmarks/data/event_dates_gold.jsonl) holds references, not text: each record names an
article of ../shared/data and the character span of one sentence in that article's *base text*, with the
SHA-1 of the sentence so that a changed data file fails loudly instead of scoring the wrong sentence.

Base text (fixed; the offsets depend on it, not on the ingest clean-up, which may change):

- ``dfn``: the ``text`` field of the record in ``dfn/articles.jsonl`` after one ``html.unescape``.
  ``article`` is the DFN article id.
- ``t17``: the raw ``text`` field of the record in ``t17/<folder>/articles.jsonl`` (Penn Treebank tokens,
  one sentence per line). ``article`` is ``"<folder>:<id>"``. The sentence given to the systems is the
  resolved span after :func:`storyline.evaluate.timelines.clean_t17` (readable punctuation); the hash is
  over the raw span.

Scoring is exact match of the attributed value ("2018-05-24", "2018-05", "2018" or none) per sentence,
for the system under test (``storyline.timeline.event_dates.attribute_sentence``, imported lazily) and two
baselines: the first resolved date in the sentence, and the publication date.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import StorylineError

KINDS = ("own", "attribute", "reporting", "none")
SPLITS = ("dev", "test", "all")
DATASETS = ("dfn", "t17")
FIELDS = ("id", "split", "dataset", "article", "start", "end", "sha1", "lang", "published",
          "published_precision", "date", "kind", "note")
_VALUE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One annotated sentence, resolved against the data folder."""

    id: str
    split: str
    dataset: str
    article: str
    lang: str
    published: str | None
    published_precision: str | None
    date: str | None  # None for "none"
    kind: str
    note: str
    sentence: str  # what the systems are given
    previous: str | None


def sha1(text: str) -> str:
    """The hash stored with each gold sentence (UTF-8 SHA-1, hex)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def split_of(dataset: str, article: str) -> str:
    """The fixed development/test split of an article: parity of the SHA-1 of ``dataset:article``.

    >>> split_of("dfn", "x1"), split_of("dfn", "x2")
    ('dev', 'test')
    """
    return "dev" if int(sha1(f"{dataset}:{article}")[:8], 16) % 2 == 0 else "test"


def dfn_base_text(record: dict[str, Any]) -> str:
    """The base text of a DFN record: its ``text`` after one ``html.unescape``."""
    return html.unescape(record.get("text") or "")


def t17_base_text(record: dict[str, Any]) -> str:
    """The base text of a Timeline17 record: its raw ``text``."""
    return record.get("text") or ""


class ArticleSource:
    """Base texts of the articles named by gold records, read lazily from a data folder."""

    def __init__(self, data: str | Path) -> None:
        self.data = Path(data)
        if not self.data.is_dir():
            raise StorylineError(f"{data}: not a folder (expected the evaluation data, e.g. ../shared/data)")
        self._dfn: dict[str, str] | None = None
        self._t17: dict[str, dict[str, str]] = {}

    def text(self, dataset: str, article: str) -> str:
        """The base text of one article; a clear error when the article is not in the data folder."""
        if dataset == "dfn":
            if self._dfn is None:
                self._dfn = {r["id"]: dfn_base_text(r) for r in _read_jsonl(self.data / "dfn" / "articles.jsonl")}
            found = self._dfn.get(article)
        elif dataset == "t17":
            folder, _, art_id = article.partition(":")
            if folder not in self._t17:
                path = self.data / "t17" / folder / "articles.jsonl"
                self._t17[folder] = {str(r["id"]): t17_base_text(r) for r in _read_jsonl(path)}
            found = self._t17[folder].get(art_id)
        else:
            raise StorylineError(f"unknown dataset {dataset!r} in the gold file (expected one of {', '.join(DATASETS)})")
        if found is None:
            raise StorylineError(f"article {dataset}:{article} not found in {self.data}")
        return found


def _read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    if not path.is_file():
        raise StorylineError(f"{path}: missing (the gold set needs the evaluation data folder, e.g. ../shared/data)")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The records of a gold file, checked for their fields and values (no text resolved yet)."""
    path = Path(path)
    if not path.is_file():
        raise StorylineError(f"{path}: no such gold file")
    records = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise StorylineError(f"{path}:{number}: not JSON ({exc.msg})") from None
            missing = [f for f in FIELDS if f not in rec]
            if missing:
                raise StorylineError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
            if rec["kind"] not in KINDS or rec["split"] not in ("dev", "test") or rec["dataset"] not in DATASETS:
                raise StorylineError(f"{path}:{number}: bad kind, split or dataset in record {rec['id']}")
            if rec["date"] != "none" and not _VALUE_RE.match(str(rec["date"])):
                raise StorylineError(f"{path}:{number}: date {rec['date']!r} is not none, YYYY, YYYY-MM or YYYY-MM-DD")
            if (rec["date"] == "none") != (rec["kind"] == "none"):
                raise StorylineError(f"{path}:{number}: date none goes with kind none and only with it")
            records.append(rec)
    return records


def resolve(records: list[dict[str, Any]], data: str | Path, split: str = "all") -> list[GoldSentence]:
    """The gold sentences of `split`, their text read from `data`; a hash mismatch is an error."""
    from .timelines import clean_t17

    if split not in SPLITS:
        raise StorylineError(f"split {split!r}: expected one of {', '.join(SPLITS)}")
    source = ArticleSource(data)
    out = []
    for rec in records:
        if split != "all" and rec["split"] != split:
            continue
        text = source.text(rec["dataset"], rec["article"])
        start, end = int(rec["start"]), int(rec["end"])
        raw = text[start:end]
        if sha1(raw) != rec["sha1"]:
            raise StorylineError(
                f"gold record {rec['id']}: the sentence at {start}:{end} of {rec['dataset']}:{rec['article']} "
                f"does not match its hash (the data file changed?): {raw[:60]!r}")
        previous = _previous_sentence(text, start, rec["dataset"])
        if rec["dataset"] == "t17":
            raw = clean_t17(raw)
            previous = clean_t17(previous) if previous else None
        out.append(GoldSentence(rec["id"], rec["split"], rec["dataset"], rec["article"], rec["lang"],
                                rec["published"], rec["published_precision"],
                                None if rec["date"] == "none" else rec["date"], rec["kind"], rec["note"],
                                raw, previous or None))
    return out


def sentence_spans(text: str, dataset: str) -> list[tuple[int, int]]:
    """The sentence spans of a base text: one per line for Timeline17, the package's splitter for DFN."""
    if dataset == "t17":
        spans = []
        for m in re.finditer(r"[^\n]+", text):
            a, b = m.start(), m.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                spans.append((a, b))
        return spans
    from ..text.sentences import split_sentences

    return split_sentences(text)


def _previous_sentence(text: str, start: int, dataset: str) -> str | None:
    before = [(a, b) for a, b in sentence_spans(text[:start], dataset) if b <= start]
    return text[before[-1][0]:before[-1][1]] if before else None
