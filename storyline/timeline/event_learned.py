"""A learned second opinion on the event-date rules (`event_dates.py`): an opt-in, inspectable model.

The rules give every sentence an `Attribution`. Two logistic regressions, read from a plain JSON file (feature
names, the mean and scale of each feature, coefficients, intercept, threshold: no pickle), may overrule them,
each only towards the safer answer:

- ``to_reporting``: a sentence the rules date by an expression of its own ("own") is filed at reporting time
  instead (the publication date at its precision, kind "attribute") when the model says that the expression
  is an attribute of a noun or background rather than the event's time;
- ``to_none``: a sentence the rules date is taken for no event ("none": opinion, background, a generic
  statement, page furniture) when the model says so.

Neither head ever invents a date: the answer is the rules', the publication date, or none. The features are
computed from what the rules already see (tokens, the time expressions the tagger found, the kinds and
characters of the rules' roles, the publication date); `FEATURES` lists them.

The model is **not** used by default and the package ships none: `benchmarks/event_dates_learned.py` trains
one from the development half of the event-date gold set, whose sentences are research data (DFN,
Timeline17), and writes it to `benchmarks/data/event_dates_model.json` (source tree only). Use it with
`storyline evaluate event-dates --model FILE` or `attribute_sentence(..., model=EventModel.load(FILE))`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import EvaluateMessages, InputError
from ..models import TimeMention
from ..text.tokens import Token
from .event_dates import Attribution, _published

FEATURES = (
    "lang_en", "pub_month", "kind_own", "kind_attribute", "kind_reporting", "n_mentions", "n_attributes",
    "own_position", "own_opens", "own_after_preposition", "own_after_of", "own_after_noun", "own_digits",
    "own_weekday", "own_relative", "own_day", "own_month", "own_year", "own_log_days", "own_future",
    "own_in_quote", "future_word", "modal", "past_auxiliary", "present_copula", "speech_verb", "quote",
    "question", "first_person", "log_words", "commas", "colon", "no_final_stop", "capitalised_share",
    "digits_share", "opens_with_subordinator",
)
HEADS = ("to_reporting", "to_none")

_W = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_PREP = frozenset("op in on at om per tijdens during sinds since vanaf from until tot voor before na after by rond "
                  "around begin eind early late".split())
_OF = frozenset("van of uit from".split())
_FUNCTION = frozenset(
    "de het een the a an en and of or maar but in op on at to te van of for voor met with by door is was are were "
    "zijn waren has had have heeft hebben werd werden wordt worden will zal zou would dat that die which who wie "
    "this dit deze these those it het hij zij he she they ze we wij i ik you je u".split())
_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:maan|dins|woens|donder|vrij|zater|zon)dag")
_RELATIVE = re.compile(r"(?i)\b(?:yesterday|today|tonight|tomorrow|gisteren|vandaag|vanavond|morgen|last|next|"
                       r"this|vorige?|afgelopen|komende?|volgende?|deze|ago|geleden|earlier|later|eerder)\b")
_FUTURE = frozenset("will 'll shall zal zullen gaat gaan komende volgende next coming plans plan planned gepland "
                    "expected verwacht due scheduled upcoming aanstaande tomorrow morgen".split())
_MODAL = frozenset("would could should might may must can kan kon zou zouden moet moeten mag mogen kunnen".split())
_PAST_AUX = frozenset("was were had has have werd werden heeft hebben had hadden is".split())
_COPULA = frozenset("is are zijn is blijft remains seems lijkt".split())
_SPEECH = frozenset("said says told announced reported zei zegt meldde meldt verklaarde liet laat aldus according "
                    "volgens confirmed bevestigde".split())
_FIRST = frozenset("i we my our me us ik wij we mijn ons onze mij".split())
_SUBORD = frozenset("if als when toen while terwijl after nadat before voordat since sinds because omdat although "
                    "hoewel as".split())
_QUOTES = "\"“”„«»"
_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
RULE_FEATURES = ("kind_own", "kind_attribute", "kind_reporting", "n_attributes")  # the rules' own verdicts


def features(sentence: str, mentions: Sequence[TimeMention], tokens: list[Token], att: Attribution, *,
             lang: str | None, published: str | None, published_precision: str | None) -> list[float]:
    """The feature vector of one attributed sentence, in the order of `FEATURES`."""
    words = [w.lower() for w in _W.findall(sentence)]
    wset = set(words)
    n = max(1, len(sentence))
    dated = [m for m in mentions if m.kind in ("date", "time")]
    f = dict.fromkeys(FEATURES, 0.0)
    f.update(lang_en=float(lang == "en"), pub_month=float(published_precision == "month"),
             kind_own=float(att.kind == "own"), kind_attribute=float(att.kind == "attribute"),
             kind_reporting=float(att.kind == "reporting"), n_mentions=float(min(len(dated), 4)),
             n_attributes=float(min(len(att.attributes), 3)),
             future_word=float(bool(wset & _FUTURE)), modal=float(bool(wset & _MODAL)),
             past_auxiliary=float(bool(wset & _PAST_AUX)), present_copula=float(bool(wset & _COPULA)),
             speech_verb=float(bool(wset & _SPEECH)), quote=float(any(q in sentence for q in _QUOTES)),
             question=float(sentence.rstrip().endswith("?")), first_person=float(bool(wset & _FIRST)),
             log_words=math.log1p(len(words)), commas=float(min(sentence.count(","), 5)),
             colon=float(":" in sentence), no_final_stop=float(not sentence.rstrip().endswith((".", "!", "?", "”", '"', "’", "'"))),
             capitalised_share=sum(w[:1].isupper() for w in _W.findall(sentence)) / max(1, len(words)),
             digits_share=sum(c.isdigit() for c in sentence) / n,
             opens_with_subordinator=float(bool(words) and words[0] in _SUBORD))
    cand = att.own or next(((m.start, m.end) for m in dated), None)  # the rules' own expression, else the first
    if cand is not None:
        a, b = cand
        text = sentence[a:b]
        before = [t.text.lower() for t in tokens if t.end <= a]
        prev = before[-1] if before else ""
        quoted = sentence[:a].count("“") > sentence[:a].count("”") or sentence[:a].count('"') % 2 == 1
        f.update(own_position=a / n, own_opens=float(len(before) <= 1), own_after_preposition=float(prev in _PREP),
                 own_after_of=float(prev in _OF),
                 own_after_noun=float(bool(prev) and prev.isalpha() and prev not in _FUNCTION and prev not in _PREP),
                 own_digits=float(any(c.isdigit() for c in text)), own_weekday=float(bool(_WEEKDAY.search(text))),
                 own_relative=float(bool(_RELATIVE.search(text))), own_in_quote=float(quoted))
    value = att.value if att.kind == "own" and att.own is not None else \
        next((v.group(0) for m in dated if (v := _VALUE.match(m.value or ""))), None)
    if value:
        f.update(own_day=float(len(value) == 10), own_month=float(len(value) == 7), own_year=float(len(value) == 4))
        days = _days_from(value, published)
        if days is not None:
            f.update(own_log_days=math.log1p(abs(days)), own_future=float(days > 0))
    return [f[k] for k in FEATURES]


def _days_from(value: str, published: str | None) -> int | None:
    """Days from the publication date to the start of `value` (None when either is unknown)."""
    try:
        pub = date.fromisoformat((published or "")[:10])
        y, m, d = (value.split("-") + ["01", "01"])[:3]
        return (date(int(y), int(m), int(d)) - pub).days
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Head:
    """One logistic regression over standardised features."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, x: Sequence[float]) -> float:
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class EventModel:
    """The two heads of the learned decision (see the module's documentation)."""

    heads: dict[str, Head]

    @classmethod
    def load(cls, path: str | Path) -> EventModel:
        """Read a model that `benchmarks/event_dates_learned.py` wrote; a clear error when it does not fit."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(EvaluateMessages.EVENT_MODEL_UNREADABLE.format(path=path, detail=exc)) from None
        return cls.from_dict(data, str(path))

    @classmethod
    def from_dict(cls, data: dict, where: str = "model") -> EventModel:
        if list(data.get("features") or []) != list(FEATURES):
            raise InputError(EvaluateMessages.EVENT_MODEL_FEATURES.format(path=where))
        heads = {}
        for name in HEADS:
            h = (data.get("heads") or {}).get(name)
            if h is None:
                continue
            heads[name] = Head(tuple(h["mean"]), tuple(s or 1.0 for s in h["scale"]), tuple(h["coef"]),
                               float(h["intercept"]), float(h["threshold"]))
        return cls(heads)

    def overrule(self, sentence: str, mentions: Sequence[TimeMention], tokens: list[Token], att: Attribution, *,
                 lang: str | None, published: str | None, precision: str | None) -> Attribution:
        """The rules' attribution `att` of `sentence`, or what this model puts in its place (`decide`)."""
        x = features(sentence, mentions, tokens, att, lang=lang, published=published, published_precision=precision)
        return decide(att, x, self, published=published, published_precision=precision)


def decide(att: Attribution, x: Sequence[float], model: EventModel, *, published: str | None,
           published_precision: str | None) -> Attribution:
    """The rules' attribution, or what the model puts in its place: reporting time, or no event."""
    pub_value, pub_prec = _published(published, published_precision)
    to_none = model.heads.get("to_none")
    if att.value is not None and to_none is not None and to_none.probability(x) >= to_none.threshold:
        return Attribution("none", None, None, att.own, att.attributes)
    to_rep = model.heads.get("to_reporting")
    if att.kind == "own" and att.own is not None and pub_value is not None and att.value != pub_value \
            and to_rep is not None and to_rep.probability(x) >= to_rep.threshold:
        return Attribution("attribute", pub_value, pub_prec, None, (*att.attributes, att.own))
    return att
