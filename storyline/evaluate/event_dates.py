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
- ``seeds``: the raw UTF-8 text of ``seeds/<file name>`` (the five articles the issue's examples come
  from; four dated only to the month). ``article`` is the file name. Their sentences are all ``dev``.

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

from ..errors import InputError as StorylineError

KINDS = ("own", "attribute", "reporting", "none")
SPLITS = ("dev", "test", "all")
DATASETS = ("dfn", "t17", "seeds")
FIELDS = ("id", "split", "dataset", "article", "start", "end", "sha1", "lang", "published",
          "published_precision", "date", "kind", "note")
_VALUE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SEED_HEAD_RE = re.compile(r"(?:date \d{4}-\d{2}(?:-\d{2})?\s+|update/video)+")


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

    >>> split_of("dfn", "x1"), split_of("dfn", "x2"), split_of("seeds", "x2")
    ('dev', 'test', 'dev')
    """
    if dataset == "seeds":  # the issue's own worked examples: development only
        return "dev"
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
        elif dataset == "seeds":
            path = self.data / "seeds" / article
            if "/" in article or not path.is_file():
                raise StorylineError(f"article seeds:{article} not found in {self.data}")
            found = path.read_text(encoding="utf-8")
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

    spans = split_sentences(text)
    if dataset == "seeds" and spans:  # the " date 2018-05 " header and "update/video" residue are no text
        head = _SEED_HEAD_RE.match(text, spans[0][0])
        if head and head.end() < spans[0][1]:
            spans[0] = (head.end(), spans[0][1])
    return spans


def _previous_sentence(text: str, start: int, dataset: str) -> str | None:
    before = [(a, b) for a, b in sentence_spans(text, dataset) if b <= start]
    return text[before[-1][0]:before[-1][1]] if before else None


# ---------------------------------------------------------------------------------------------------
# Scoring

SYSTEM = "storyline.timeline.event_dates.attribute_sentence"
BASELINES_ONLY = "system=False: only the baselines are reported"
_DATE_PREFIX_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

Predictor = Callable[[GoldSentence, str | None], str | None]


def publication_value(published: str | None, precision: str | None) -> str | None:
    """The publication date at its precision ("2018-05-24", "2018-05", "2018"), None when unknown.

    >>> publication_value("2018-05-24", "day"), publication_value("2018-05-24", "month"), publication_value(None, None)
    ('2018-05-24', '2018-05', None)
    """
    m = _DATE_PREFIX_RE.match(published or "")
    if not m or int(m[1]) < 100:
        return None
    size = {"year": 1, "month": 2}.get(precision or "day", 3)
    parts = [p for p in m.groups() if p][:size]
    return "-".join(parts)


def mention_value(value: str) -> str | None:
    """A resolved tagger value as a gold value: a day, month or year; the start of a range; the year of a
    week, season or quarter; None for what names no calendar date (times alone, unresolved parts).

    >>> [mention_value(v) for v in ("2018-06-12", "2018-06-09/2018-06-12", "2018-W23", "2018-06-12T19:30", "T15:00", "XXXX-WXX-6")]
    ['2018-06-12', '2018-06-09', '2018', '2018-06-12', None, None]
    """
    start = value.split("/")[0]
    m = _DATE_PREFIX_RE.match(start)
    if not m or "X" in start:
        return None
    return m.group(0)


def first_date_baseline(sentence: GoldSentence, previous: str | None = None) -> str | None:
    """Baseline: the first resolved date the package's time tagger finds in the sentence (resolved against
    the article date), else the publication date at its precision, else none."""
    from ..text.timex import extract_time_mentions

    for m in extract_time_mentions(sentence.sentence, sentence.lang, sentence.published, sentence.published_precision):
        if m.kind in ("date", "time") and m.resolved:
            value = mention_value(m.value)
            if value:
                return value
    return publication_value(sentence.published, sentence.published_precision)


def publication_baseline(sentence: GoldSentence, previous: str | None = None) -> str | None:
    """Baseline: the publication date at its precision (none for an undated article)."""
    return publication_value(sentence.published, sentence.published_precision)


def load_system(parser: str = "rules", model: str | Path | None = None) -> Predictor:
    """The system under test: `storyline.timeline.event_dates.attribute_sentence`, as a predictor; `parser`
    "frog" adds Frog's dependency parse for Dutch sentences (`storyline.timeline.event_parse`); `model`, the
    JSON file of a learned decision (`storyline.timeline.event_learned`, opt-in), may overrule the rules."""
    from ..timeline.event_dates import attribute_sentence
    from ..timeline.event_learned import EventModel

    learned = EventModel.load(model) if model is not None else None

    links = None
    if parser == "frog":
        from ..timeline.event_parse import FrogLinks

        ok, why = FrogLinks.available()
        if not ok:
            raise StorylineError(f"--parser frog: {why}")
        links = FrogLinks()

    def predict(sentence: GoldSentence, previous: str | None = None) -> str | None:
        return attribute_sentence(sentence.sentence, lang=sentence.lang, published=sentence.published,
                                  published_precision=sentence.published_precision, previous=previous,
                                  parser=links, model=learned).value

    return predict


def _predict_all(sentences: list[GoldSentence], predict: Predictor) -> list[str | None]:
    """Predictions in order. `previous` is the predictor's own answer for the sentence before in the article
    (computed without a previous date of its own), never the gold answer."""
    out = []
    for s in sentences:
        prev_value = None
        if s.previous:
            prev = GoldSentence(s.id, s.split, s.dataset, s.article, s.lang, s.published, s.published_precision,
                                None, "none", "", s.previous, None)
            prev_value = predict(prev, None)
        out.append(predict(s, prev_value))
    return out


def score(sentences: list[GoldSentence], predictions: list[str | None]) -> dict[str, Any]:
    """Exact-match accuracy of predicted values (None matches "none"), overall and by gold kind."""
    by_kind: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
    correct = 0
    for s, p in zip(sentences, predictions, strict=True):
        hit = int((p or None) == s.date)
        correct += hit
        by_kind[s.kind][0] += hit
        by_kind[s.kind][1] += 1
    n = len(sentences)
    return {"accuracy": round(correct / n, 4) if n else None, "n": n,
            "accuracy_by_kind": {k: round(c / t, 4) if t else None for k, (c, t) in by_kind.items()},
            "n_by_kind": {k: t for k, (_, t) in by_kind.items()}}


def evaluate_event_dates(gold: str | Path, data: str | Path, split: str = "all", *,
                         system: Predictor | None | bool = True, parser: str = "rules",
                         errors: list[tuple[GoldSentence, str | None]] | None = None,
                         model: str | Path | None = None) -> dict[str, Any]:
    """The report of `storyline evaluate event-dates`: the system under test and both baselines.

    `system=True` scores `attribute_sentence` (with `model`, a learned decision's JSON file, when given);
    a callable is used as the system;
    False or None reports the baselines only. `errors`, when given, receives the system's wrong answers.
    """
    sentences = resolve(read_gold(gold), data, split)
    predictor = load_system(parser, model) if system is True else (system or None)
    report: dict[str, Any] = {"gold": str(gold), "split": split, "n": len(sentences), "system": SYSTEM,
                              "parser": parser, "model": str(model) if model is not None else None}
    if predictor is None:
        report.update({"system": None, "note": BASELINES_ONLY, "accuracy": None, "accuracy_by_kind": None})
    else:
        predicted = _predict_all(sentences, predictor)
        report.update(_full_score(sentences, predicted))
        if errors is not None:
            errors.extend((s, p) for s, p in zip(sentences, predicted, strict=True) if p != s.date)
    report["baselines"] = {name: _full_score(sentences, [baseline(s) for s in sentences])
                           for name, baseline in (("first_date", first_date_baseline),
                                                  ("publication_date", publication_baseline))}
    return report


def _full_score(sentences: list[GoldSentence], predicted: list[str | None]) -> dict[str, Any]:
    """`score` plus the accuracy per language and per dataset."""
    result = score(sentences, predicted)
    for field in ("lang", "dataset"):
        groups = sorted({getattr(s, field) for s in sentences})
        result[f"accuracy_by_{field}"] = {
            g: score([s for s in sentences if getattr(s, field) == g],
                     [p for s, p in zip(sentences, predicted, strict=True) if getattr(s, field) == g])["accuracy"]
            for g in groups}
    return result
