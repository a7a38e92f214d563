"""One entity across languages: canonical ids and Dutch and English labels of places.

Countries, regions and cities get an id and a label per language from Unicode CLDR and ISO 3166
(`places.json` → `canonical`, built by `storyline/text/build_lists.py`): "Netherlands", "Nederland"
and "Kingdom of the Netherlands" are all `place:NL`, stored under the Dutch label and shown in the
interface language. Persons are joined by full name (`entities.normalize_entities`), demonyms by
their country (`gazetteer.demonym_country`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from .gazetteer import gazetteer

LANGS = ("nl", "en")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str, str]]:
    data = json.loads(resources.files("storyline.text.data").joinpath("places.json").read_text(encoding="utf-8"))
    table = {surface: (cid, nl, en) for surface, (cid, nl, en) in data["canonical"].items()}
    for cid, nl, en in list(table.values()):  # every label is a surface form of its own entity
        table.setdefault(nl, (cid, nl, en))
        table.setdefault(en, (cid, nl, en))
    for surface in data.get("ambiguous", ()):  # "Georgia": the country (Georgië) or the US state; said by neither
        table.pop(surface, None)
    return table


def canonical_place(name: str) -> tuple[str, str, str] | None:
    """(id, Dutch label, English label) of a known country, region or city name in Dutch or English, else None.

    >>> canonical_place("Netherlands"), canonical_place("Noord-Korea")[0], canonical_place("Nergenshuizen")
    (('place:NL', 'Nederland', 'Netherlands'), 'place:KP', None)
    """
    return _table().get(name)


def store_name(name: str) -> str:
    """The name an entity is stored under: a known place's Dutch label, else the name itself.

    >>> store_name("North Korea"), store_name("Jan Jansen")
    ('Noord-Korea', 'Jan Jansen')
    """
    found = _table().get(name)
    return found[1] if found else name


def labels(name: str) -> dict[str, str]:
    """{"nl": ..., "en": ...} for a known place or organisation, else {}.

    >>> labels("Nederland"), labels("Jan Jansen")
    ({'nl': 'Nederland', 'en': 'Netherlands'}, {})
    """
    found = _table().get(name)
    return dict(zip(LANGS, found[1:], strict=True)) if found else {}


def label(name: str, lang: str) -> str:
    """The label of a stored name in an interface language (English for "en", else Dutch).

    >>> label("Noord-Korea", "en"), label("Noord-Korea", "nl"), label("Jan Jansen", "en")
    ('North Korea', 'Noord-Korea', 'Jan Jansen')
    """
    found = _table().get(name)
    if not found:
        return name
    return found[2] if lang == "en" else found[1]


@lru_cache(maxsize=1)
def _demonym_places() -> frozenset[str]:
    return frozenset(store_name(country) for country in gazetteer().demonym_country.values())


def adjective_type(name: str) -> str:
    """The type of an entity that its articles reach only through adjectives and demonyms: a place when the
    adjectives are those of a country or region ("Zuid-Koreaanse" -> Zuid-Korea, "Koreaanse" -> Korea), else MISC.

    >>> adjective_type("Zuid-Korea"), adjective_type("Korea"), adjective_type("JavaScript")
    ('LOC', 'LOC', 'MISC')
    """
    found = _table().get(name)
    return "LOC" if name in _demonym_places() or (found and found[0].startswith("place:")) else "MISC"


JOIN_SHARE = 0.9  # a one-word name joins a full name that holds at least this share of the full names it fits


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def person_joins(short: dict[str, int], full: dict[str, int], *, last_word_only: bool = False,
                 share: float = JOIN_SHARE) -> dict[str, str]:
    """{one-word name: the full person name it stands for}, from their weights (mentions or articles).

    A full name with middle initials joins the same name without them ("Donald J. Trump" -> Donald Trump, when
    that is named); a one-word name joins the full name it is a word of (only its last word, the surname, with
    `last_word_only`: archive-wide, a first name alone is too often someone else) when that full name holds at
    least `share` of the weight of all full names it fits. Two different full names sharing a surname about
    equally ("Sandra Kim", "Jane Kim") leave the one-word name apart.

    >>> person_joins({"Trump": 40, "Kim": 9}, {"Donald Trump": 100, "Donald J. Trump": 5, "Melania Trump": 3,
    ...               "Sandra Kim": 5, "Jane Kim": 4}, last_word_only=True)
    {'Donald J. Trump': 'Donald Trump', 'Trump': 'Donald Trump'}
    """
    out: dict[str, str] = {}
    weights = dict(full)
    for name in full:
        parts = name.split()
        if len(parts) > 2 and all(_is_initial(p) for p in parts[1:-1]):
            plain = f"{parts[0]} {parts[-1]}"
            if plain in full:  # one person: named by the spelling most used ("John F. Kennedy" over "John Kennedy")
                keep, drop = (plain, name) if full[plain] >= full[name] else (name, plain)
                out[drop] = keep
                weights[keep] = weights.get(keep, 0) + weights.pop(drop, 0)
    fits: dict[str, list[tuple[int, str]]] = {}
    for name, weight in weights.items():
        parts = name.split()
        if len(parts) < 2:
            continue
        for part in {parts[-1]} if last_word_only else set(parts):
            fits.setdefault(part, []).append((weight, name))
    for name in short:
        found = fits.get(name)
        if found:
            weight, best = max(found)
            if weight >= share * sum(w for w, _ in found):
                out[name] = best
    return out


def initials(name: str) -> str:
    """ "European Broadcasting Union" -> "EBU", "Organisation for Economic Co-operation and Development" -> "OECD"."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def spells(acronym: str, name: str) -> bool:
    """Whether `acronym` (three letters or more: "DC" is too often something else) spells the initials of `name`,
    of its capitalised words or of all its words ("DOJ", "Department of Justice").

    >>> spells("EBU", "European Broadcasting Union"), spells("DOJ", "Department of Justice"), spells("DC", "Dickinson College")
    (True, True, False)
    """
    if len(acronym) < 3:
        return False
    return acronym in (initials(name), "".join(w[0] for w in re.split(r"[\s-]+", name) if w).upper())
