"""Named entities (PER, LOC, ORG, MISC) from the labels of a registered backend: spans with character
offsets, normalised within the article, and aggregated over a story."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...models import Entity
from ..sentences import is_acronym
from ..tokens import Token, sentence_tokens, strip_possessive
from .canonical import adjective_type, canonical_place, initials, person_joins, store_name
from .gazetteer import gazetteer
from .registry import get_backend, spans_from_iob


def extract_entities(text: str, lang: str, backend: str | None = None) -> list[Entity]:
    """The named entities of `text`, in order, each with its span and normalised name.

    >>> t = "Kim Jong-un ontmoette president Trump in Singapore. De Noord-Koreaanse leider Kim was tevreden."
    >>> [(e.text, e.type, e.normalized) for e in extract_entities(t, "nl")]
    [('Kim Jong-un', 'PER', 'Kim Jong-un'), ('Trump', 'PER', 'Trump'), ('Singapore', 'LOC', 'Singapore'), ('Noord-Koreaanse', 'MISC', 'Noord-Korea'), ('Kim', 'PER', 'Kim Jong-un')]
    """
    return entities_from_tokens(text, sentence_tokens(text), lang, backend)


def entities_from_tokens(text: str, sentences: list[list[Token]], lang: str, backend: str | None = None) -> list[Entity]:
    """Like `extract_entities`, for a caller that already has the sentence tokens of `text`."""
    sents = [s for s in sentences if s]
    if not sents:
        return []
    engine = get_backend(backend)
    labels = engine.tag([[t.text for t in s] for s in sents], lang)
    entities: list[Entity] = []
    for toks, labs in zip(sents, labels, strict=True):
        entities.extend(_entities_of(text, toks, labs))
    return normalize_entities(entities, lang, text)


def _entities_of(text: str, toks: list[Token], labels: list[str]) -> list[Entity]:
    out = []
    for kind, a, b in spans_from_iob(labels):
        start, end = toks[a].start, toks[b - 1].end
        out.append(Entity(text[start:end], kind, start, end, text[start:end]))
    return out


def normalize_entities(entities: list[Entity], lang: str, text: str | None = None) -> list[Entity]:
    """Fill `normalized`: demonyms to their country, possessives stripped, a one-word person name (or an untyped one)
    to the one long person name of the article that contains it (the one seen earlier when there are several, unless
    the article used the one-word name before any of them: then it is left as it is), an acronym to the full name it abbreviates in the article (`_join_acronyms`; `text`, the text
    the offsets point into, lets "European Broadcasting Union (EBU)" introduce one)."""
    demonyms = gazetteer().demonym_country
    names = [strip_possessive(" ".join(ent.text.split())) for ent in entities]
    if text is not None:
        names = [_elided_compound(name, text[ent.end:ent.end + 60]) for ent, name in zip(entities, names, strict=True)]
    persons = {name for ent, name in zip(entities, names, strict=True) if ent.type == "PER"}
    names = [name[:-1] if ent.type == "PER" and name.endswith("s") and name[:-1] in persons else name
             for ent, name in zip(entities, names, strict=True)]  # "Kim Jong-uns vader": the Dutch genitive
    in_article: dict[str, set[str]] = defaultdict(set)
    for ent, name in zip(entities, names, strict=True):
        if ent.type == "PER" and " " in name:
            for part in name.split():
                if part[:1].isupper() and len(part) > 1:
                    in_article[part].add(name)
    earlier: dict[str, set[str]] = defaultdict(set)
    before_full: set[str] = set()  # one-word names used before any full name that contains them
    for ent, name in zip(entities, names, strict=True):
        if ent.type == "MISC" and " ".join(ent.text.split()) in demonyms:
            ent.normalized = store_name(demonyms[" ".join(ent.text.split())])
            continue
        place = canonical_place(name) or (canonical_place(_title_case(name)) if name.isupper() else None)
        if place:  # "Netherlands" and "Nederland": one entity, stored under the Dutch label, a place (or org)
            ent.normalized = place[1]
            if place[0].startswith("place:") and ent.type in ("PER", "MISC", "ORG"):
                ent.type = "LOC"
            elif place[0].startswith("org:") and ent.type in ("PER", "MISC"):
                ent.type = "ORG"  # CLDR's organisations: "EU values", "EU", "VN" are the organisation
            continue
        if ent.type in ("PER", "MISC") and " " not in name:
            if not earlier.get(name):
                before_full.add(name)
            fits = earlier.get(name) or in_article.get(name)
            if name in before_full and len(in_article.get(name, ())) > 1:
                fits, ent.type = None, "PER"  # "Trump en Kim" before "Sung Kim", "Kim Jong-un", "Kim Yong-chol": a
                # person, but not the first one named
            if fits and len(fits) == 1:  # "Trump" (a person, or untyped) after or before "Donald Trump"
                name, ent.type = next(iter(fits)), "PER"
        elif ent.type == "PER":
            for part in name.split():
                earlier[part].add(name)
        ent.normalized = name
    _join_acronyms(entities, text)
    return entities


def _is_acronym(name: str) -> bool:
    return len(name) <= 8 and is_acronym(name)


def _join_acronyms(entities: list[Entity], text: str | None) -> None:
    """An acronym the article introduces in brackets after a name ("European Broadcasting Union (EBU)"), or that
    spells the initials of the one multi-word organisation name of the article it fits, is that name: every
    mention of it is stored under the full name (and typed as it, when the backend left it untyped)."""
    full: dict[str, Entity] = {}
    by_initials: dict[str, set[str]] = defaultdict(set)
    for ent in entities:
        if " " in ent.normalized and ent.type != "PER":
            full.setdefault(ent.normalized, ent)
            if ent.type == "ORG":
                by_initials[initials(ent.normalized)].add(ent.normalized)
                by_initials["".join(w[0] for w in re.split(r"[\s-]+", ent.normalized) if w).upper()].add(ent.normalized)
    if not full:
        return
    introduced: dict[str, str] = {}
    if text is not None:
        for before, ent in zip(entities, entities[1:], strict=False):
            if (_is_acronym(ent.text) and " " in before.normalized and before.type != "PER"
                    and text[before.end:ent.start].strip() == "(" and text[ent.end:ent.end + 2].strip()[:1] == ")"):
                introduced.setdefault(ent.text, before.normalized)
    for ent in entities:
        if not _is_acronym(ent.normalized) or canonical_place(ent.normalized):
            continue
        fits = by_initials.get(ent.normalized, set()) if len(ent.normalized) >= 3 else set()
        target = introduced.get(ent.normalized) or (next(iter(fits)) if len(fits) == 1 else None)
        if target:
            ent.normalized = target
            if ent.type == "MISC":
                ent.type = full[target].type


def _title_case(name: str) -> str:
    """ "NOORD-KOREA" -> "Noord-Korea" (an all-caps headline or dateline)."""
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in name.split())


_ELIDED = re.compile(r"-\s+(?:en|of|tot|and|or|&)\s+[A-Z][^\W\d_]*-([A-Z][\w-]*)")


def _elided_compound(name: str, after: str) -> str:
    """ "Noord" in "Noord- en Zuid-Korea" is "Noord-Korea": the name whose shared part the text left out."""
    match = _ELIDED.match(after) if " " not in name and "-" not in name else None
    return f"{name}-{match.group(1)}" if match else name


@dataclass(slots=True)
class StoryEntity:
    """One entity aggregated over the articles of a story."""

    name: str
    type: str
    mentions: int = 0
    articles: int = 0
    forms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        return {"name": self.name, "type": self.type, "mentions": self.mentions, "articles": self.articles,
                "forms": self.forms}


def aggregate_entities(per_article: Iterable[list[Entity]]) -> list[StoryEntity]:
    """Entities of a story, most mentioned first; a one-word person name joins the one long name it fits
    (`canonical.person_joins`); a name reached only through adjectives ("Zuid-Koreaanse") is a place when they
    are a country's or region's (`canonical.adjective_type`).

    >>> from storyline.models import Entity as E
    >>> a = [E("Kim Jong-un", "PER", 0, 11, "Kim Jong-un"), E("Singapore", "LOC", 20, 29, "Singapore")]
    >>> b = [E("Kim", "PER", 0, 3, "Kim"), E("Singapore", "LOC", 9, 18, "Singapore")]
    >>> [(s.name, s.type, s.mentions, s.articles) for s in aggregate_entities([a, b])]
    [('Kim Jong-un', 'PER', 2, 2), ('Singapore', 'LOC', 2, 2)]
    """
    articles = [list(ents) for ents in per_article]
    full: Counter = Counter()
    short: Counter = Counter()
    for ents in articles:
        for ent in ents:
            if ent.type == "PER" and " " in ent.normalized:
                full[ent.normalized] += 1
            elif ent.type in ("PER", "MISC") and " " not in ent.normalized:
                short[ent.normalized] += 1
    joins = person_joins(short, full)  # "Trump" (untyped in its article) -> Donald Trump
    mentions: Counter = Counter()
    docs: Counter = Counter()
    types: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    for ents in articles:
        seen = set()
        for ent in ents:
            name = ent.normalized
            kind = ent.type
            if kind in ("PER", "MISC") and name in joins:
                name, kind = joins[name], "PER"
            mentions[name] += 1
            if not (kind == "MISC" and ent.text != name):  # "Noord-Koreaanse" does not vote on Noord-Korea's type
                types[name][kind] += 1
            forms[name][ent.text] += 1
            seen.add(name)
        docs.update(seen)
    out = [StoryEntity(name, (types[name].most_common(1) or [(adjective_type(name), 0)])[0][0], count, docs[name],
                       [f for f, _ in forms[name].most_common()]) for name, count in mentions.items()]
    out.sort(key=lambda s: (-s.mentions, -s.articles, s.name))
    return out
