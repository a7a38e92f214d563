"""One entity across languages: canonical ids and Dutch and English labels of places.

Countries, regions and cities get an id and a label per language from Unicode CLDR and ISO 3166
(`places.json` → `canonical`, built by `storyline/text/build_lists.py`): "Netherlands", "Nederland"
and "Kingdom of the Netherlands" are all `place:NL`, stored under the Dutch label and shown in the
interface language. Persons are joined by full name (`entities.normalize_entities`), demonyms by
their country (`gazetteer.demonym_country`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

LANGS = ("nl", "en")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str, str]]:
    data = json.loads(resources.files("storyline.text.data").joinpath("places.json").read_text(encoding="utf-8"))
    table = {surface: (cid, nl, en) for surface, (cid, nl, en) in data["canonical"].items()}
    for cid, nl, en in list(table.values()):  # every label is a surface form of its own entity
        table.setdefault(nl, (cid, nl, en))
        table.setdefault(en, (cid, nl, en))
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
