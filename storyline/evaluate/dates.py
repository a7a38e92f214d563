"""Time expressions measured on the Recognizers-Text date/time specs, for storyline and for plain dateparser.

Each case of `<specs>/<Language>/DateTimeModel.json` is a sentence, a reference date and the expected
expressions (span, type, resolution). Cases marked `NotSupportedByDesign` for the reference (.NET)
or the Python implementation are skipped; the markers for the Java and JavaScript ports only say
that those ports lack the language.

Extraction: a found span counts when it overlaps an expected span (precision over found spans,
recall over expected spans). Resolution: an expected span counts when a found span overlaps it and
resolves to the expected value. Values are compared after normalisation:

- a day, a datetime or a time is compared as its resolved value (2016-11-07, 2016-11-08 08:00:00, 08:00:00);
- a range or period is compared as its [start, end) interval, with the spec's convention that an
  explicit range ends where its last unit starts ("2014-2018" is 2014-01-01 .. 2018-01-01), "before",
  "after", "since" and "until" leaving one side open;
- "begin/mid/end of" periods are compared as the modifier plus the interval of the unmodified period;
  combined with before/after/since/until ("na half mei") and at the ends of a range ("van 2007 tot
  het einde van 2008") they become intervals with the spec's parts of a month (begin: the 1st, mid:
  the 10th to the 21st, end: from the 16th) and of a year (mid: from 2 July for a range end);
- underspecified expected values (XXXX-10-02, a weekday) accept any of the candidate resolutions the
  spec lists (the last and the next occurrence); unresolvable ones (2016-SU, P2W, XXXX-WXX-1) and
  ones the spec marks `ref_undef` ("dezelfde week") compare the TIMEX string; a season with a year
  also matches the spec's season without one; durations also compare in seconds.

For dateparser, which returns one datetime per expression, a date inside an expected single month or
year also counts as that month or year (generous to the baseline).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from ..models import TimeMention
from ..text.timex import extract_time_mentions
from ..text.timex.resolve import interval, unit_end, unit_start

log = logging.getLogger(__name__)

LANGUAGE_DIRS = {"nl": "Dutch", "en": "English", "de": "German"}
GROUPS = ("date", "daterange", "time", "timerange", "datetime", "datetimerange", "duration", "set")
HEADLINE_GROUPS = ("date", "daterange")
SKIP_FOR = ("dotnet", "python")


@dataclass(slots=True)
class Expected:
    """One expected expression: span (end exclusive), group and the normalised forms that count as right."""

    start: int
    end: int
    text: str
    group: str
    forms: set = field(default_factory=set)


@dataclass(slots=True)
class Case:
    """One sentence of the specs with its reference date and expected expressions."""

    text: str
    reference: datetime
    expected: list[Expected]


def load_cases(specs: Path, lang: str) -> tuple[list[Case], int]:
    """The cases of DateTimeModel.json for `lang` and the number skipped as not supported by design."""
    folder = LANGUAGE_DIRS.get(lang)
    if folder is None:
        raise InputError(f"no date/time specs for language {lang!r}; use one of {', '.join(LANGUAGE_DIRS)}")
    path = Path(specs) / folder / "DateTimeModel.json"
    if not path.exists():
        raise InputError(f"{path} does not exist; --specs must be the datetime-specs folder (with Dutch/, English/)")
    raw = json.loads(path.read_text(encoding="utf-8-sig"))
    cases, skipped = [], 0
    for item in raw:
        marker = str(item.get("NotSupportedByDesign", "")).lower()
        if any(p in marker for p in SKIP_FOR):
            skipped += 1
            continue
        ref_raw = (item.get("Context") or {}).get("ReferenceDateTime")
        ref = datetime.fromisoformat(ref_raw) if ref_raw else datetime(2016, 11, 7)
        expected = []
        for r in item.get("Results", []):
            group = (r.get("TypeName") or "").replace("datetimeV2.", "")
            if group not in GROUPS:
                continue
            start = int(r["Start"])
            end = int(r.get("End", start + len(r["Text"]) - 1)) + 1
            expected.append(Expected(start, end, r["Text"], group, _expected_forms(r.get("Resolution") or {})))
        cases.append(Case(item["Input"], ref, expected))
    return cases, skipped


def _expected_forms(resolution: dict) -> set:
    """The forms a correct answer may take, from one expected result's resolution values."""
    forms: set = set()
    for v in resolution.get("values", []):
        timex, mod = v.get("timex", ""), v.get("Mod")
        if mod in ("start", "mid", "end"):
            year = (v.get("start") or v.get("end") or "")[:4]
            base = timex.replace("XXXX", year) if year else timex
            if iv := interval(base):
                forms.add(("mod", mod, iv))
            continue
        if "start" in v or "end" in v:
            forms.add(("iv", _clock(v.get("start")), _clock(v.get("end"))))
        value = v.get("value")
        if value and value != "not resolved":
            forms.add(("sec", value) if timex.startswith("P") else ("v", value))
        if timex and (value in (None, "not resolved") or "X" not in timex or mod == "ref_undef"):
            forms.add(("v", timex))
    return forms


def _clock(value: str | None) -> str | None:
    """Interval ends of the spec: a day stays a day; a time keeps its clock form."""
    return value


def mention_forms(m: TimeMention) -> set:
    """The normalised forms of a storyline mention, comparable with `_expected_forms`."""
    forms: set = {("v", m.value)}
    value = m.value
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):  # a season: the spec leaves the year open when the text does
        forms.add(("v", value[5:]))
    if m.kind == "duration":
        if (seconds := _seconds(value)) is not None:
            forms.add(("sec", str(seconds)))
        return forms
    if m.kind == "time":
        if "/" in value:
            a, b = value.split("/", 1)
            forms.add(("iv", _time_form(a), _time_form(b)))
        elif m.modifier in ("after", "since"):
            forms.add(("iv", _time_form(value), None))
        elif m.modifier in ("before", "until"):
            forms.add(("iv", None, _time_form(value)))
        else:
            forms.add(("v", _time_form(value)))
        return forms
    if m.modifier and "-" in m.modifier:
        if iv := _compound(value, m.modifier):
            forms.add(("iv", *iv))
        return forms
    if m.modifier in ("start", "mid", "end"):
        if iv := interval(value):
            forms.add(("mod", m.modifier, iv))
        return forms
    if m.modifier and "/" in m.modifier and "/" in value:  # a range whose ends are "the end of 2007" etc.
        if iv := _range_with_parts(value, m.modifier):
            forms.add(("iv", *iv))
        return forms
    if iv := interval(value, m.modifier):
        forms.add(("iv", *iv))
    if value.endswith("-WE") and (monday := unit_start(value[:-3])):
        forms.add(("iv", date.fromordinal(monday.toordinal() + 5).isoformat(),
                   date.fromordinal(monday.toordinal() + 7).isoformat()))
    return forms


def _compound(value: str, modifier: str) -> tuple[str | None, str | None] | None:
    """ "na half mei" (after-mid): the spec's parts of a month (1-1, 10-21, 16-end) or year (Jan, -, Jul-Dec)."""
    outer, inner = modifier.split("-", 1)
    start, end = unit_start(value), unit_end(value)
    if start is None or end is None:
        return None
    if len(value) == 7:
        part = {"start": (start, start), "mid": (start.replace(day=10), start.replace(day=21)),
                "end": (start.replace(day=16), end)}[inner]
    elif len(value) == 4:
        part = {"start": (start, start), "mid": (start.replace(month=4), start.replace(month=10)),
                "end": (start.replace(month=7), end)}[inner]
    else:
        return None
    a, b = part[0].isoformat(), part[1].isoformat()
    return {"before": (None, b), "after": (b, None), "since": (a, None), "until": (None, b)}[outer]


def _range_with_parts(value: str, modifier: str) -> tuple[str, str] | None:
    """The spec's interval of a range with modified ends: an end-part ends its unit, a mid-part starts mid-unit."""
    bounds = []
    for part, mod in zip(value.split("/", 1), modifier.split("/", 1), strict=False):
        start, end = unit_start(part), unit_end(part)
        if start is None or end is None:
            return None
        if mod == "end":
            bounds.append(end)
        elif mod == "mid":
            bounds.append(start.replace(day=16) if len(part) == 7 else start.replace(month=7, day=2))
        else:
            bounds.append(start)
    return bounds[0].isoformat(), bounds[1].isoformat()


def _time_form(value: str) -> str:
    """A clock value as the spec writes it: T08:00 -> 08:00:00, 2016-11-08T08:00 -> 2016-11-08 08:00:00."""
    day, _, clock = value.partition("T")
    clock = clock + ":00" if clock.count(":") == 1 else clock
    return f"{day} {clock}" if day else clock


def _seconds(value: str) -> int | None:
    """The length of a duration value in seconds (months of 30 days, years of 365)."""
    m = re.fullmatch(r"P(?:([\d.]+)([YMWD]))?(?:T([\d.]+)([HMS]))?", value)
    if not m or not (m[1] or m[3]):
        return None
    if m[1]:
        return round(float(m[1]) * {"Y": 31536000, "M": 2592000, "W": 604800, "D": 86400}[m[2]])
    return round(float(m[3]) * {"H": 3600, "M": 60, "S": 1}[m[4]])


def _group_of(m: TimeMention) -> str:
    """The spec group a storyline mention belongs to (date, daterange, time, ...)."""
    if m.kind in ("duration", "set"):
        return m.kind
    if m.kind == "time":
        dated = bool(re.match(r"\d{4}", m.value))
        if "/" in m.value or m.modifier in ("before", "after", "since", "until"):
            return "datetimerange" if dated else "timerange"
        return "datetime" if dated else "time"
    if m.precision == "day" and "/" not in m.value and not m.modifier:
        return "date"
    return "daterange"


@dataclass(slots=True)
class Found:
    """A span a system found, with its predicted group and normalised forms."""

    start: int
    end: int
    group: str
    forms: set
    point: date | None = None


def storyline_found(case: Case, lang: str) -> list[Found]:
    """What storyline finds in a case, the reference date and time taken as the publication time."""
    mentions = extract_time_mentions(case.text, lang, case.reference.isoformat(timespec="minutes"))
    return [Found(m.start, m.end, _group_of(m), mention_forms(m)) for m in mentions]


def dateparser_found(case: Case, lang: str) -> list[Found]:
    """What plain dateparser.search.search_dates finds, with the case's reference as RELATIVE_BASE."""
    from dateparser.search import search_dates

    try:
        hits = search_dates(case.text, languages=[lang], settings={"RELATIVE_BASE": case.reference}) or []
    except Exception as exc:  # noqa: BLE001 - the baseline's own failures count as finding nothing
        log.debug("dateparser failed on %r: %s", case.text, exc)
        hits = []
    found, cursor = [], 0
    for sub, moment in hits:
        at = case.text.find(sub, cursor)
        if at < 0:
            at = case.text.find(sub)
        if at < 0:
            continue
        cursor = at + len(sub)
        day = moment.date().isoformat()
        clock = moment.strftime("%H:%M:%S")
        forms = {("v", day), ("v", f"{day} {clock}"), ("v", clock)}
        group = "datetime" if clock != "00:00:00" else "date"
        found.append(Found(at, at + len(sub), group, forms, moment.date()))
    return found


def _matches(f: Found, e: Expected) -> bool:
    """Whether a found span resolves to one of the expected forms."""
    if f.forms & e.forms:
        return True
    if f.point is None:
        return False
    for form in e.forms:  # generous to dateparser: a day inside an expected single month or year
        if form[0] == "iv" and form[1] and form[2] and len(form[1]) == 10 and len(form[2]) == 10:
            start = date.fromisoformat(form[1])
            for unit in (f"{start:%Y}", f"{start:%Y-%m}"):
                if unit_start(unit) == start and (end := unit_end(unit)) and end.isoformat() == form[2] \
                        and start <= f.point < end:
                    return True
    return False


def score(cases: list[Case], finder, lang: str, errors: list | None = None) -> dict:
    """Extraction precision/recall/F1 and resolution accuracy, overall and per group."""
    tp_found: dict[str, int] = defaultdict(int)
    n_found: dict[str, int] = defaultdict(int)
    hit: dict[str, int] = defaultdict(int)
    right: dict[str, int] = defaultdict(int)
    n_exp: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    for case in cases:
        found = finder(case, lang)
        for f in found:
            over = [e for e in case.expected if f.start < e.end and e.start < f.end]
            group = over[0].group if over else f.group
            n_found[group] += 1
            tp_found[group] += bool(over)
        for e in case.expected:
            n_exp[e.group] += 1
            overlapping = [x for x in found if x.start < e.end and e.start < x.end]
            hit[e.group] += bool(overlapping)
            ok = any(_matches(x, e) for x in overlapping)
            right[e.group] += ok
            if not ok and errors is not None:
                errors.append((e.group, case.reference.date().isoformat(), case.text, e.text, sorted(e.forms),
                               [sorted(f.forms) for f in over]))
    seconds = time.perf_counter() - started
    by_type = {}
    for g in GROUPS:
        if n_exp[g] or n_found[g]:
            by_type[g] = {**_prf(tp_found[g], n_found[g], hit[g], n_exp[g]),
                          "resolution_accuracy": _ratio(right[g], n_exp[g]), "n_expected": n_exp[g],
                          "n_found": n_found[g]}
    total = _prf(sum(tp_found.values()), sum(n_found.values()), sum(hit.values()), sum(n_exp.values()))
    head_right = sum(right[g] for g in HEADLINE_GROUPS)
    head_n = sum(n_exp[g] for g in HEADLINE_GROUPS)
    return {"extraction_precision": total["precision"], "extraction_recall": total["recall"],
            "extraction_f1": total["f1"], "resolution_accuracy": _ratio(head_right, head_n),
            "resolution_accuracy_all": _ratio(sum(right.values()), sum(n_exp.values())),
            "by_type": by_type, "seconds": round(seconds, 2)}


def _prf(tp_found: int, n_found: int, hit: int, n_exp: int) -> dict:
    """Precision, recall and F1 from counts."""
    p, r = _ratio(tp_found, n_found), _ratio(hit, n_exp)
    f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def _ratio(a: int, b: int) -> float:
    """a / b rounded, 0 when b is 0."""
    return round(a / b, 4) if b else 0.0


def evaluate_dates(specs: Path, lang: str, baseline: bool = True, errors: list | None = None) -> dict:
    """The full report: storyline and (unless switched off) dateparser on the same cases."""
    cases, skipped = load_cases(specs, lang)
    report = {"lang": lang, "n_cases": len(cases), "n_skipped": skipped,
              "n_expected": sum(len(c.expected) for c in cases),
              "storyline": score(cases, storyline_found, lang, errors)}
    if baseline:
        report["dateparser"] = score(cases, dateparser_found, lang)
    return report
