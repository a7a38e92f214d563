"""The time patterns' pre-checks (`storyline.text.timex.required`) never skip a window that holds a match."""

from __future__ import annotations

import importlib
import json
import re

import pytest

from storyline.text.guard import ODD
from storyline.text.timex.grammar import grammar
from storyline.text.timex.required import required

combine = importlib.import_module("storyline.text.timex.combine")  # the package's `combine` is the function

# invented texts for every kind of expression, in the three languages, and the characters str.lower() does not fold
# as IGNORECASE does ("ſ", "ı", "İ"): such a text is searched without pre-checks
TEXTS = [
    "De top op 12 juni 2018 werd zaterdagavond om 20.00 uur afgeblazen, twee dagen na vandaag.",
    "Eind april sprak hij Kim; begin deze week, in het derde kwartaal van 2019 en in de jaren negentig ook.",
    "On Monday, March 3rd, 2014 at 3 p.m. the board met; two weeks ago, in Q3 2020 and in the 1990s too.",
    "From 9 to 12 June, every Tuesday, last summer, on Christmas Eve, at half past four and at a quarter to five.",
    "Am 3. Oktober 2020 um 14:30 Uhr, vor zwei Wochen, im Sommer, jeden Montag, Anfang März und Mitte 2021.",
    "The 2018-06-12 meeting; 12/06/2018; 06-2018; the '90s; the fiscal year 2021; the nineteenth century.",
    "ſeptember 12 was quiet; on Wedneſday the 3rd; thıs morning; İn 2019; the 4th of Julı.",
    "Zaterdag 12 mei tot en met dinsdag 15 mei; van maandag 20.00 tot dinsdag 4.30 uur; 1 januari t/m 3 maart.",
]


def _all(text: str, lang: str) -> list[tuple[int, int, str]]:
    g = grammar(lang)
    return [(c.start, c.end, c.kind) for c in combine.find_candidates(text, g)]


def _without_prechecks(text: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, str]]:
    g = grammar(lang)
    with monkeypatch.context() as m:
        m.setattr(g, "required", [None] * len(g.patterns))
        return _all(text, lang)


@pytest.mark.parametrize("lang", ["nl", "en", "de"])
def test_every_match_of_a_pattern_holds_one_of_its_pieces(lang: str) -> None:
    g = grammar(lang)
    assert sum(pre is not None for pre in g.required) >= 0.8 * len(g.patterns)  # most patterns have one
    checked = 0
    for text in TEXTS + [t.upper() for t in TEXTS] + [t.lower() for t in TEXTS]:
        if not text.isascii() and ODD.search(text):
            continue  # never pre-checked
        low = text.lower()
        for (pattern, _), pre in zip(g.patterns, g.required, strict=True):
            for m in pattern.finditer(text):
                checked += 1
                assert pre is None or pre.search(low, m.start(), m.end()), (pattern.pattern[:80], m.group(0))
    assert checked > 50


@pytest.mark.parametrize("lang", ["nl", "en", "de"])
def test_find_candidates_with_prechecks_finds_what_it_finds_without(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in TEXTS + [t.upper() for t in TEXTS]:
        assert _all(text, lang) == _without_prechecks(text, lang, monkeypatch), text


def test_the_prechecks_agree_on_dfn_texts(dfn_file, monkeypatch: pytest.MonkeyPatch) -> None:
    n = 0
    with open(dfn_file, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            lang = record.get("lang") if record.get("lang") in ("nl", "en", "de") else "en"
            text = record.get("text") or ""
            assert _all(text, lang) == _without_prechecks(text, lang, monkeypatch)
            n += 1
            if n >= 400:
                break
    assert n >= 100


def test_required_pieces_of_small_patterns() -> None:
    def pieces_of(source: str) -> re.Pattern[str] | None:
        return required(re.compile(source, re.I))

    assert pieces_of(r"(?<!\w)(?:\d+)(?!\w)") is None  # a digit of any script: nothing to look for
    quarter = pieces_of(r"(?P<k>[qh])(?P<n>[1-4])")
    assert quarter is not None and quarter.search("in q3") and not quarter.search("in q5 or h0")
    month = pieces_of(r"\d{1,2}\s+(?:a(?:pril|ugust)|may)")
    assert month is not None and {"april", "august", "may"} == {w for w in ("april", "august", "may", "apri")
                                                                 if month.fullmatch(w)}
    assert pieces_of(r"(?:x)?\d") is None  # an optional part is never required
    assert pieces_of(r"(?:foo|\d)") is None  # nor a branch with an alternative that has no piece
    assert pieces_of(r"café") is not None and pieces_of(r"café").search("caf")  # "é" breaks the run
