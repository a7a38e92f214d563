"""Word lists for the built-in recogniser: shipped JSON (hand-written cue words; place, organisation and first
names built from package data by storyline/text/build_lists.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DATA = "storyline.text.data"


@dataclass(slots=True, frozen=True)
class Gazetteer:
    """Name lists keyed by their exact surface form."""

    places: frozenset[str]
    orgs: frozenset[str]
    misc: frozenset[str]
    first_names: frozenset[str]
    org_words: frozenset[str]
    org_suffixes: tuple[str, ...]
    common_words: frozenset[str]
    phrases: frozenset[str]
    phrase_starts: frozenset[str]
    loc_suffixes: tuple[str, ...]
    person_titles: frozenset[str]
    person_verbs: frozenset[str]
    loc_prepositions: frozenset[str]
    non_names: frozenset[str]
    demonym_country: dict[str, str]
    plain_first_names: frozenset[str]
    misc_tails: frozenset[str]
    heads: dict[str, str]
    org_role_tails: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    org_head_tails: tuple[str, ...]
    person_head_tails: tuple[str, ...]
    building_tails: frozenset[str]
    org_member_words: frozenset[str]
    holidays: frozenset[str]
    place_tails: frozenset[str]
    demonym_heads: dict[str, str]
    date_words: frozenset[str]
    date_abbreviations: frozenset[str]


def _read(name: str) -> dict:
    return json.loads(resources.files(DATA).joinpath(name).read_text(encoding="utf-8"))


_LOWER_IN_NAMES = frozenset({"van", "de", "der", "den", "het", "und", "of", "the"})
_FIGURES = frozenset({"sinterklaas", "nikolaus", "saint patrick"})  # the holidays' persons are persons too


def _calendar_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Holidays, month and weekday names, and their short forms, capitalised as a name would be, from the word lists
    of the time expressions (storyline/text/timex/lexicon.py): "Christmas", "Koningsdag", "Friday", "Sept".
    """
    from ..timex.lexicon import LEXICONS

    def cap(phrase: str) -> str:
        return " ".join(w if w in _LOWER_IN_NAMES and i else w[:1].upper() + w[1:] for i, w in enumerate(phrase.split()))

    holidays: set[str] = set()
    words: set[str] = set()
    short: set[str] = set()
    for lex in LEXICONS.values():
        holidays |= {cap(h) for h in lex.holidays if h not in _FIGURES}
        for name in [*lex.months, *lex.weekdays]:
            (words if len(name) > 4 or name in lex.full_months else short).add(name.capitalize())
    return frozenset(holidays), frozenset(words), frozenset(short - words)


def _demonym_forms(word: str) -> set[str]:
    """The inflected forms of a Dutch adjective ("Frans" -> "Franse", "Chinees" -> "Chinese")."""
    forms = {word}
    if word.endswith(("ees", "aas")):
        forms.add(word[:-2] + "se")  # Chinees -> Chinese, Indiaas -> Indiase
    elif word.endswith(("s", "sch")):
        forms.add(word + "e")
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped lists, loaded once.

    >>> g = gazetteer()
    >>> g.demonym_country["Noord-Koreaanse"], g.demonym_country["Belgische"], "Brussel" in g.places
    ('Noord-Korea', 'België', True)
    """
    lex = _read("lexicon.json")
    cldr = _read("places.json")
    people = _read("names.json")
    first_names = frozenset(people["first_names"]) - frozenset(lex["non_names"])
    demonyms: dict[str, str] = {}
    for country, words in lex["demonyms"].items():
        if country.startswith("_"):
            continue
        for word in words:
            for form in _demonym_forms(word):
                demonyms.setdefault(form, country)
    for form, country in list(demonyms.items()):  # "Noord-Koreaanse" -> Noord-Korea, "Oost-Duitse" -> Oost-Duitsland
        if "-" not in form:
            for prefix in ("Noord", "Zuid", "Oost", "West", "Midden", "Centraal"):
                demonyms.setdefault(f"{prefix}-{form}", f"{prefix}-{country}")
            for prefix, dutch in (("North", "Noord"), ("South", "Zuid"), ("East", "Oost"), ("West", "West")):
                demonyms.setdefault(f"{prefix} {form}", f"{dutch}-{country}")  # "North Korean" -> Noord-Korea
    stems = lex["demonym_countries"]  # "Amerikaanse" -> Verenigde Staten (the compass forms above keep Noord-Amerika)
    demonyms = {form: stems.get(country, country) for form, country in demonyms.items()}
    places = set(cldr["places"])
    holidays, date_words, date_short = _calendar_words()
    holidays |= frozenset(lex["holiday_words"])
    names = places | set(cldr["orgs"]) | set(lex["misc_words"]) | set(demonyms)
    return Gazetteer(
        places=frozenset(places),
        orgs=frozenset(cldr["orgs"]),
        misc=frozenset(lex["misc_words"]) | frozenset(cldr["languages"]),
        first_names=first_names,
        org_words=frozenset(lex["org_words"]),
        org_suffixes=tuple(sorted(set(lex["org_suffixes"]), key=len, reverse=True)),
        common_words=frozenset(_read("common_words.json")["words"]),
        phrases=frozenset(n for n in names | holidays if " " in n),
        phrase_starts=frozenset(n.split()[0] for n in names | holidays if " " in n),
        loc_suffixes=tuple(sorted(lex["loc_suffixes"], key=len, reverse=True)),
        person_titles=frozenset(w.lower() for w in lex["person_titles"]),
        person_verbs=frozenset(lex["person_verbs"]),
        loc_prepositions=frozenset(lex["loc_prepositions"]),
        non_names=frozenset(lex["non_names"]),
        demonym_country=demonyms,
        plain_first_names=first_names - frozenset(people["ambiguous"]),
        misc_tails=frozenset(lex["misc_tails"]),
        heads={w: kind for kind, words in lex["heads"].items() if not kind.startswith("_") for w in words},
        org_role_tails=frozenset(lex["org_role_tails"]),
        adjective_suffixes=tuple(sorted(lex["adjective_suffixes"], key=len, reverse=True)),
        org_head_tails=tuple(sorted(set(lex["org_head_tails"]), key=len, reverse=True)),
        person_head_tails=tuple(sorted(set(lex["person_head_tails"]), key=len, reverse=True)),
        building_tails=frozenset(lex["building_tails"]),
        org_member_words=frozenset(lex["org_member_words"]),
        holidays=holidays,
        place_tails=frozenset(lex["place_tails"]),
        demonym_heads={w: kind for kind, words in lex["demonym_heads"].items() for w in words},
        date_words=date_words,
        date_abbreviations=date_short,
    )
