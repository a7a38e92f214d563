"""The built-in recogniser: capitalisation, a dictionary of ordinary words, name lists and context rules.

No system package and no trained model: candidate names are runs of capitalised words (a
sentence-initial word only when simplemma's dictionary does not know it as an ordinary word),
joined over name particles ("Jan de Vries", "Raad van Toezicht"); each is then typed by the
first rule that applies, strongest evidence first, and the article's own earlier decisions
are reused ("Jansen" after "Lotte Jansen" is a person). See docs/who-where-when.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..glued import glued_start
from ..tokens import compound_split
from .canonical import canonical_place
from .cues import (
    acronym_gloss_type,
    apposition_types,
    calendar_word,
    caps_title,
    common_word,
    dateline_credit,
    event_first_names,
    former_role,
    holiday,
    known_name,
    person_then_country,
    title_modifier,
)
from .gazetteer import Gazetteer, gazetteer
from .orgs import (
    acronym_evidence,
    acronym_type,
    credit,
    fallback_type,
    institution,
    is_plain_acronym,
    org_inside,
    org_role,
)
from .registry import register_backend

OPENERS = frozenset({'"', ",,", "'", "“", "‘", "„", ":", "(", "-", "–", "—", "•", "*", "[", "»", "«", ";"})
PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "la", "le", "du", "des", "del", "della", "di",
                       "da", "dos", "von", "zu", "bin", "ibn", "al", "el", "'t", "op", "in"})
PERSON_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "la", "le", "du", "des", "del", "della", "di",
                              "da", "dos", "von", "bin", "ibn", "al", "el"})
ORG_JOINERS = frozenset({"van", "voor", "of", "for", "de", "der", "den", "the", "des"})
COMPASS = frozenset({"Noord", "Zuid", "Oost", "West", "Midden", "Centraal", "North", "South", "East", "Central"})
SAINTS = frozenset({"st", "st.", "sint", "saint", "san", "santa", "sankt"})  # they name places and buildings too
COMPASS_ADJECTIVES = frozenset({"Western", "Eastern", "Northern", "Southern"})
NAME_PREFIXES = frozenset({"De", "Van", "Vande", "Vanden", "Vander", "Le", "La", "Du", "Des", "Der", "Den", "Ter",
                           "Ten", "Di", "Da", "Dos", "Von", "El", "Al", "Sint", "St.", "Mc", "Mac", "O'"})
ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})


@dataclass(slots=True)
class Span:
    """A candidate name: token range in its sentence, its text, and the type decided for it."""

    sent: int
    start: int
    end: int
    text: str
    type: str | None = None
    strong: bool = False


def _is_cap(tok: str) -> bool:
    first = tok[:1]
    if first.isupper():
        return True
    if first.isdigit():
        return any(c.isupper() for c in tok) and tok.isalnum()  # "4FM"
    return first in _QUOTES and tok[:3] in ("'s-", "’s-", "'t-") and tok[3:4].isupper()  # "'s-Hertogenbosch"


_QUOTES = frozenset("'’")
_MAYBE_CAP = frozenset("'’0123456789")


def _title_line(tokens: list[str]) -> bool:
    """A short line of capitalised words only (a masthead, a credit line): at most four tokens."""
    words = [t for t in tokens if t[:1].isalpha()]
    return 2 <= len(words) <= 4 and len(tokens) <= 5 and all(_is_cap(t) for t in words)


_HEADLINE_SMALL = {"en": frozenset("a an the of to in on at for and or but by with from as is are vs. vs".split()),
                   "nl": frozenset("de het een van en in op voor met na bij aan".split())}


def headline_case(tokens: list[str], lang: str, gaz: Gazetteer) -> bool:
    """A headline in title case ("Milwaukee Crowd Turns Violent After Police Fatally Shoot Armed Man"): at least five
    words, all but the small ones capitalised, at least half of them ordinary words (not a credit line of names,
    "Cole Burston/AFP/Getty Images"). Its capitals say nothing of names, so every word is judged as at the start of
    a sentence."""
    small = _HEADLINE_SMALL.get(lang, _HEADLINE_SMALL["en"])
    words = []
    for t in tokens:
        if t[:1].isalpha() and t.lower() not in small:
            if not _is_cap(t):
                return False  # most sentences: their first lower-case word (not a small one) decides
            words.append(t)
    return len(words) >= 5 \
        and 2 * sum(common_word(t.lower(), lang, gaz) and not known_name(t, gaz) for t in words) >= len(words)


def _is_initial_position(tokens: list[str], i: int) -> bool:
    return i == 0 or tokens[i - 1] in OPENERS or tokens[i - 1] in {".", "!", "?"}


def _name_like(tokens: list[str], i: int, lang: str, gaz: Gazetteer, shouting: bool,
               doc_names: frozenset[str] = frozenset(), headline: bool = False) -> bool:
    """Whether token i can be (part of) a name (`headline`: the sentence is a title-case headline)."""
    tok = tokens[i]
    if not _is_cap(tok) or calendar_word(tokens, i, gaz):
        return False
    initial = _is_initial_position(tokens, i)
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    nxt_name = _is_cap(nxt) and (not common_word(nxt.lower(), lang, gaz) or known_name(nxt, gaz))
    if tok in gaz.non_names:
        if i > 0 and tokens[i - 1] in gaz.first_names and not initial:
            return True  # "Theresa May"
        # "Ilse De Wachter", "Van Oosterwijk zei": a particle that starts a surname (not "De" opening a sentence)
        if tok in NAME_PREFIXES and not initial and _is_cap(nxt) and not nxt.isupper() and "-" not in nxt:
            return True
        if initial and tok in ("De", "Het", "The") and _is_cap(nxt) and _title_line(tokens):
            return True  # a credit or title line of capitalised words: "De Telegraaf", "Het Parool"
        return (tok in NAME_PREFIXES and nxt_name and not nxt.isupper() and nxt not in gaz.orgs
                and nxt not in gaz.places and nxt not in gaz.demonym_country and "-" not in nxt
                and not (initial and tok in ("De", "Het", "La", "Le")))
    if tok in ("Jr.", "Sr.", "Jr", "Sr") and i > 0 and _is_cap(tokens[i - 1]) and not initial:
        return True  # "Martin Luther King Jr."
    if tok.lower() in gaz.person_titles and i > 0 and not initial and _is_cap(tokens[i - 1]) \
            and (not _is_cap(nxt) or nxt in ("Jr.", "Sr.", "Jr", "Sr")) \
            and tokens[i - 1].lower() not in gaz.person_titles and tokens[i - 1] not in gaz.non_names \
            and (tokens[i - 1] in gaz.first_names or not common_word(tokens[i - 1].lower(), lang, gaz)
                 or (i > 1 and tokens[i - 2] in gaz.first_names)):
        return True  # a surname that is also a title, after a name: "Stephen King" (not "Philip Prince Philip")
    if tok.lower() in gaz.person_titles and tok not in doc_names and (_is_cap(nxt) and nxt not in gaz.org_words
            and nxt.lower() not in gaz.loc_suffixes or not _is_cap(nxt) and (lang == "en" or initial)):
        return False  # "Minister Vanderhaegen", "President Obama", "the Queen said" (not "General Systems")
    if nxt == "$" and len(tok) == 2 and tok.isupper() or tok in ("Image", "Media") and nxt in ("copyright", "caption"):
        return False  # a currency: "US $ 40 miljard", "AU $"; a photo's credit: "Image copyright Reuters Image caption"
    if shouting:
        return known_name(tok, gaz) or (len(tok) > 2 and known_name(caps_title(tok), gaz))  # "NOORD-KOREA DREIGT"
    if initial or headline:
        if known_name(tok, gaz) or (len(tok) > 1 and tok.isupper()) or tok in doc_names:
            return True
        if tok in gaz.first_names and nxt_name:
            return True  # "Frank Jansen zei ...": a first name that is also a word, before a name
        if nxt in gaz.org_words and not nxt.isupper() and tok not in gaz.non_names:
            return True  # "General Systems meldde ...": a word before an organisation word
        if not common_word(tok.lower(), lang, gaz) and not (lang == "nl" and tok[1:].islower() and _compound(tok.lower(), lang)):
            return True
        return False
    return True


def _compound(word: str, lang: str) -> bool:
    """A closed compound of two ordinary words, with or without a linking s or e ("rakettesten", "oorlogsschip"):
    an ordinary word the dictionary lacks. Only asked of a capitalised word where a sentence or a heading starts,
    never of a known name (nor of "GarageBand")."""
    return len(word) >= 8 and compound_split(word, lang) is not None


def candidate_spans(tokens: list[str], lang: str, gaz: Gazetteer, sent: int = 0,
                    doc_names: frozenset[str] = frozenset(), headline: bool | None = None) -> list[Span]:
    """Runs of name-like tokens in one sentence, joined over particles and '&', cut where two names meet.

    `doc_names` are words the same article uses as names inside a sentence: at the start of a
    sentence they are names too, even when they are also ordinary words ("Trump said ...").
    """
    letters = [t for t in tokens if t.isalpha()]
    shouting = len(letters) >= 3 and sum(t.isupper() for t in letters) / len(letters) > 0.6
    # most tokens start with a lower-case letter: rule them out before the full check
    if headline is None:  # a title-case headline (`headline_case`), unless the caller knows
        headline = headline_case(tokens, lang, gaz)
    headline = headline and not shouting
    ok = [(t[:1].isupper() or t[:1] in _MAYBE_CAP) and _name_like(tokens, i, lang, gaz, shouting, doc_names, headline)
          for i, t in enumerate(tokens)]
    forced: dict[int, int] = {}
    for i, tok in enumerate(tokens):
        if tok not in gaz.phrase_starts:
            continue
        for size in (4, 3, 2):
            if " ".join(tokens[i:i + size]) in gaz.phrases:
                ok[i:i + size] = [True] * len(tokens[i:i + size])
                forced[i] = min(i + size, len(tokens))
                break
    spans: list[Span] = []
    i, n = 0, len(tokens)
    while i < n:
        if not ok[i]:
            i += 1
            continue
        j = forced.get(i, i + 1)
        while j < n:
            if ok[j] and not (tokens[j] in gaz.demonym_country and j > i):
                j += 1
                continue
            # particles between capitalised words: "Jan de Vries", "Raad van Toezicht", "Procter & Gamble"
            k = j
            while k < n and (tokens[k] in PARTICLES or tokens[k] in ORG_JOINERS or tokens[k] == "&") and k - j < 3:
                k += 1
            if j < k < n and ok[k] and _join_allowed(tokens, i, j, k, gaz):
                j = k + 1
                continue
            if tokens[j] in ROMAN or (tokens[j].isdigit() and len(tokens[j]) <= 4 and (
                    tokens[j - 1] in gaz.misc or (tokens[j - 1].isupper() and tokens[j - 1].isalpha()
                                                  and tokens[j + 1:j + 2] != ["/"]))):  # not "( AB 26 / 7 )"
                j += 1  # "ACME 300", "A & B 500": an index or a product
                continue
            if tokens[j][:1].isdigit() and j + 1 < n and ok[j + 1] and tokens[j + 1] not in gaz.demonym_country \
                    and not _is_cap(tokens[j]) and tokens[j].replace("-", "").isalnum() and tokens[j + 1] not in gaz.first_names:
                j += 2  # "Acme 300 Turbo": a product with a number inside (not "… Contest 2020 Chantal Janzen": a person)
                continue
            break
        for a, b in _split(tokens, i, j, gaz, lang):
            if b - a == 1 and (tokens[a] in COMPASS_ADJECTIVES or (tokens[a].lower() in gaz.person_titles and (
                    tokens[b:b + 1] in (["van"], ["of"], ["voor"], ["for"]) or tokens[a - 1:a] in (["de"], ["the"])))
                    or b < n and tokens[b][:1].isupper() and tokens[b].lower() in gaz.person_titles
                    and title_modifier(tokens[a], lang, gaz)):
                continue  # "the Western world" (not "China Eastern Airlines"); "de Minister van Justitie", "the Queen";
                # "State Senator Jane Doe"
            spans.append(Span(sent, a, b, " ".join(tokens[a:b])))
        i = j
    return spans


def _split(tokens: list[str], i: int, j: int, gaz: Gazetteer, lang: str) -> list[tuple[int, int]]:
    """Cut a run of capitalised words where two names meet ("Duitse Siemens", "Landbouw Eva Verbeke")."""
    if j - i < 2 or " ".join(tokens[i:j]) in gaz.phrases:
        return [(i, j)]
    cuts = []
    org_name = any(w in gaz.org_words for w in tokens[i + 1:j]) or _ends_with(tokens[j - 1], gaz.org_suffixes)
    for k in range(i + 1, j):
        prev, word = tokens[k - 1], tokens[k]
        if word in gaz.first_names and prev not in gaz.first_names and word not in gaz.places and (
                prev.isupper() or prev in gaz.places or prev in gaz.orgs or common_word(prev.lower(), lang, gaz)) \
                and prev not in NAME_PREFIXES and "-" not in prev:
            cuts.append(k)
        elif _title_compound(prev) or (k == i + 1 and _is_initial_position(tokens, i) and prev.lower() in gaz.person_titles
                                       and tokens[j - 1] not in gaz.org_words):  # not "General Systems"
            cuts.append(k)  # "NOS-verslaggever Anouk de Graaf", "VVD-leider Mark Rutte"
        elif k == i + 1 and prev in gaz.demonym_country and not org_name \
                and not (j - i == 2 and word.lower() in gaz.demonym_heads and _adjective_name(prev, gaz)):  # not "Thai Brontex Airways International"
            cuts.append(k)  # "Duitse Siemens" (not "Koreaanse Schiereiland", "Korean War")
        elif k == i + 1 and (prev in gaz.places or prev in gaz.orgs) and (word in gaz.orgs or word in gaz.places) \
                and prev not in gaz.first_names and not org_name:  # "Sofia Lima" (a person), "Peru Lima Airlines"
            cuts.append(k)
        elif person_then_country(tokens, i, j, k, gaz):
            cuts.append(k)  # a list line, a person and the country: "Anna Berg Latvia" (not "Michael B. Jordan")
    titles = [k for k in range(i + 1, j - 1) if tokens[k].lower() in gaz.person_titles and (
        tokens[k + 1] in gaz.first_names or (len(tokens[k + 1]) == 2 and tokens[k + 1].endswith("."))) and (
        tokens[k - 1].lower() in gaz.place_tails or tokens[k - 1] in gaz.org_words or " ".join(tokens[i:k]) in gaz.places
        or k == i + 1 and title_modifier(tokens[i], lang, gaz))]
    cuts += [c for k in titles for c in (k, k + 1)]  # "Harvey County | Sheriff | T. Walton"
    cuts = sorted({k for k in cuts if not _inside_phrase(tokens, i, j, k, gaz)})
    bounds = [i, *cuts, j]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a and not (b - a == 1 and a in titles)
            and not (b - a == 1 and b in titles and title_modifier(tokens[a], lang, gaz))]



def _inside_phrase(tokens: list[str], i: int, j: int, k: int, gaz: Gazetteer) -> bool:
    """Whether a cut before token k would split a listed multi-word name ("San Diego" in "San Diego Zoo")."""
    for x in range(max(i, k - 3), k):
        if tokens[x] in gaz.phrase_starts:
            for size in range(k - x + 1, min(4, j - x) + 1):
                if " ".join(tokens[x:x + size]) in gaz.phrases:
                    return True
    return False


def _title_compound(word: str) -> bool:
    """A name glued to a lower-case noun: "NOS-verslaggever", "PvdA-lid" (not "Jong-un")."""
    head, _, tail = word.rpartition("-")
    return bool(head) and tail.islower() and len(tail) >= 3 and head[:1].isupper()


def _ends_with(word: str, suffixes: tuple[str, ...]) -> bool:
    return word.lower().endswith(suffixes)


def _join_allowed(tokens: list[str], i: int, j: int, k: int, gaz: Gazetteer) -> bool:
    """May the name tokens[i:j] continue over the particles tokens[j:k] to tokens[k]?"""
    between = tokens[j:k]
    if between == ["&"]:
        return True
    left = tokens[i:j]
    if all(w in PERSON_PARTICLES for w in between):
        if left[-1] in gaz.first_names or (len(left[-1]) == 2 and left[-1].endswith(".")):
            return True
    if (any(w in gaz.org_words for w in left) or _ends_with(left[-1], gaz.org_suffixes)) \
            and all(w in ORG_JOINERS for w in between):
        return True
    return False


def _type_span(span: Span, tokens: list[str], gaz: Gazetteer, memory: dict[str, str],
               lang: str = "nl", cues: dict[str, str] | None = None) -> tuple[str | None, bool]:
    """The type of a candidate and whether the evidence is strong (None: decide after the whole document)."""
    words = tokens[span.start:span.end]
    text = span.text
    prev = tokens[span.start - 1] if span.start > 0 else ""
    nxt = tokens[span.end] if span.end < len(tokens) else ""
    bare = text[:-2] if text.endswith(("'s", "’s")) else text
    if text.isupper() and len(text) > 3 and (caps_title(text) in gaz.places or caps_title(text) in gaz.demonym_country):
        text = bare = caps_title(text)  # "AMSTERDAM -", "NOORD-KOREA DREIGT": look the list form up
    if len(words) == 2 and words[1].lower() in gaz.demonym_heads and _adjective_name(words[0], gaz):
        return gaz.demonym_heads[words[1].lower()], True  # "Koreaanse Schiereiland" (LOC), "Korean War" (MISC)
    if text in gaz.demonym_country or bare in gaz.demonym_country or holiday(text, gaz):
        return "MISC", True  # "Belgische"; "Ramadan", "Christmas" (also a first name, a town)
    head = gaz.heads.get(prev.lower()) if prev[:1].islower() else None
    if head:
        return head, True  # "het bedrijf Acme", "de krant De Morgen", "de app Signal", "de stad Tilburg"
    if cues and (text in cues or bare in cues):
        return cues.get(text) or cues[bare], True  # "Charlie Hebdo" in an article that calls it "the newspaper"
    gloss = acronym_gloss_type(tokens, span.start, gaz) if len(words) == 1 and text.isupper() else None
    if gloss:
        return gloss, True  # "de gedemilitariseerde zone (DMZ)": the kind of noun it abbreviates
    if dateline_credit(tokens, span.start, span.end):
        return "ORG", True  # "GUANGZHOU, Sept. 19 (Xinhua) --": the agency, not the town of that name
    if institution(words) or bare not in gaz.places and canonical_place(bare) is None and (
            credit(tokens, span.start, span.end, gaz) or org_inside(words, gaz) or (
            len(words) == 1 and is_plain_acronym(bare) and acronym_evidence(tokens, span.start, gaz))):
        return "ORG", True  # "REUTERS/Jan Smit", "International Court of Justice", "told CNN", "NATO spokeswoman"
    if len(words) == 1 and former_role(prev, gaz):
        return "PER", True  # "oud-dictator Kaddafi", "ex-premier X"
    if text in gaz.orgs:
        return "ORG", True
    if prev.lower() in gaz.person_titles and prev[:1].isupper() and prev.lower() not in SAINTS \
            and words[0] not in gaz.demonym_country and canonical_place(text) is None \
            and words[-1].lower() not in gaz.building_tails and words[-1].lower() not in gaz.loc_suffixes \
            and words[-1] not in gaz.org_words:
        return "PER", True  # "President Obama" (also a city in Japan), not "President Frankrijk"
    if text in gaz.places or bare in gaz.places:
        return "LOC", True
    if text in gaz.misc:
        return "MISC", True
    if text in memory:
        return memory[text], True
    if len(words) == 2 and words[0] in COMPASS and words[1] not in gaz.first_names:
        return "LOC", False  # "North Coast", "West Bank": a compass word names a region, not "Bank" an organisation
    if len(words) > 1 and (words[-1] in gaz.org_words or words[0] in gaz.org_words):
        return "ORG", True
    before = " ".join(tokens[max(0, span.start - 2):span.start]).lower()
    if before.endswith(("minister van", "ministers van", "ministerie van", "departement van", "minister voor",
                        "staatssecretaris van", "ministry of", "department of", "secretary of")):
        return "ORG", True
    if len(words) == 1 and "-" in text:
        head, _, tail = text.rpartition("-")
        if tail.islower() and len(tail) >= 4 and head[:1].isupper():
            return "MISC", True  # "Shell-aandelen", "Ebola-uitbraak"
    if len(words) > 1 and (words[-1].lower() in gaz.loc_suffixes or words[-1].lower() in gaz.building_tails) \
            and words[0] not in gaz.plain_first_names and (prev.lower() not in gaz.person_titles or prev.lower() in SAINTS):
        return "LOC", True  # "St George's Chapel", "Windsor Castle", "Baker Street" (not "minister Karin Bos")
    if len(words) > 1 and words[-1].lower() in gaz.place_tails and prev.lower() not in gaz.person_titles:
        return "LOC", True  # "Douglas County", "Emanuel AME Church": after a first name too
    if len(words) > 1 and (words[-1] in gaz.misc_tails or " ".join(words[-2:]) in gaz.misc_tails):
        return "MISC", True  # "Stanley Cup", "Eurovision Song Contest", "Paris Agreement"
    if words[0] in gaz.first_names and len(words) > 1 and not any(w in gaz.misc for w in words[1:]):
        return "PER", True  # not "Junior Eurovision"
    if len(words) in (2, 3) and "-" in words[-1] and words[-1].split("-")[1][:1].islower() \
            and all(w[:1].isupper() for w in words):
        return "PER", False  # a Korean given name: "Moon Jae-in", "Kim Jong-un"
    if len(words) > 1 and len(words[0]) == 2 and words[0].endswith(".") and not all(len(w) == 2 for w in words):
        return "PER", True  # "J. de Vries" (not "V. S.")
    if prev.lower() in gaz.person_titles:
        return "PER", True
    if prev in ("van", "bij", "of", "at") and span.start >= 2 and org_role(tokens[span.start - 2].lower(), gaz):
        return "ORG", False  # "de topman van Acme", "werknemers van Acme", "analist bij Acme"
    if prev[:1].islower() and len(prev) > 6 and _ends_with(prev, gaz.org_head_tails) and not _ends_with(
            prev, gaz.person_head_tails):
        return "ORG", False  # a compound ending in an organisation noun: "softwarebedrijf Acme", "energieholding X"
    if len(words) == 1 and text in gaz.plain_first_names:
        return "PER", False  # "Kim", "Sanne" (not "Love", "Among")
    if prev == "," and len(words) == 1 and span.start >= 2 and tokens[span.start - 2] in gaz.places:
        return "LOC", False  # "Washington, D.C.", "Parkland, Fla.": a place named after a place
    last = words[-1]
    if len(last) == 2 and last[1] == "." and last[0].isupper() and (len(words) == 1 or (
            len(words) == 2 and words[0][1:].islower())):
        return "PER", False  # a suspect's name in Dutch news: "Jasper K.", then "K. was eerder veroordeeld"
    if len(words) == 1 and text.isupper() and 2 <= len(text) <= 6 and not any(c.isdigit() for c in text):
        return acronym_type(prev, nxt, gaz, lang)
    if any("-" in w and w.split("-")[0] in gaz.demonym_country for w in words):
        return "MISC", False
    if len(words) == 1 and "-" in text:
        parts = text.split("-")
        if parts[-1] in gaz.demonym_country:
            return "MISC", True  # "Frans-Duitse", "Grieks-Turkse"
        if parts[0] in COMPASS or any(p in gaz.places for p in parts):
            return "LOC", False  # "Oost-Europa", "Amsterdam-Noord"
    if _ends_with(words[-1], gaz.org_suffixes):
        return "ORG", False
    if len(words) == 1 and text not in gaz.first_names and len(text) >= 5 and text[1:].islower() \
            and any(text.endswith(suf) and len(text) > len(suf) + 2 for suf in gaz.adjective_suffixes):
        return "MISC", False  # an adjective made from a name: "Haagse", "Limburgse", "Oekraïense"
    last = words[-1].lower()
    if last.endswith(gaz.loc_suffixes) and words[-1] not in gaz.first_names and nxt not in gaz.person_verbs \
            and any(last.endswith(suf) and (len(last) > len(suf) + 2 or len(words) > 1)
                                                for suf in gaz.loc_suffixes):
        return "LOC", False  # "Kalverstraat", "Atlantische Oceaan", "Changi Airport"
    if prev in gaz.loc_prepositions:
        return "LOC", False
    if len(words) > 1 and words[0] in ("De", "Het") and _title_line(tokens):
        return "ORG", False  # a masthead or credit line: "De Telegraaf", "Het Parool"
    if nxt in gaz.person_verbs:
        return "PER", False
    if len(words) > 1 and any(w in PERSON_PARTICLES for w in words):
        return "PER", False
    if len(words) == 2 and all(_surname_like(w, gaz) for w in words) and words[1] not in gaz.first_names:
        return "PER", False  # "Tarek Olumide": two unknown words that are neither ordinary words nor places
    return None, False


ENGLISH_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "an")


def _adjective_name(word: str, gaz: Gazetteer) -> bool:
    """An adjective made from a name: a demonym ("Koreaanse", "Korean"), a listed people ("Persian"), or a word with
    an adjective's ending ("Arabian", "Atlantische")."""
    return word in gaz.demonym_country or word in gaz.misc or (
        word[1:].islower() and word.lower().endswith(gaz.adjective_suffixes + ENGLISH_ADJECTIVE_ENDINGS))


def _surname_like(word: str, gaz: Gazetteer) -> bool:
    """A capitalised word shaped like a personal name: not an acronym, not a list name or cue word, not an
    ordinary word."""
    return (len(word) >= 3 and word[:1].isupper() and word[1:].replace("-", "").isalpha() and word[1:].islower()
            and word not in gaz.places and word not in gaz.org_words and word not in gaz.non_names
            and word not in gaz.demonym_country and not common_word(word.lower(), "nl", gaz)
            and not common_word(word.lower(), "en", gaz))


def analyse_document(sentences: list[list[str]], lang: str) -> list[Span]:
    """Typed name spans of one document; `strong` marks those decided by a name list or a sure rule."""
    gaz = gazetteer()
    headlines = {i for i, toks in enumerate(sentences) if headline_case(toks, lang, gaz)}
    per_sentence = [candidate_spans(toks, lang, gaz, i, headline=i in headlines) for i, toks in enumerate(sentences)]
    # words the article writes as names inside a sentence, unless it also writes them in lower case ("Toronto Police
    # Service" and "police": "Police said ..." opens a sentence with the ordinary word)
    lower = {t for toks in sentences for t in toks if t[:1].islower()}
    inside = [s for spans in per_sentence for s in spans if s.sent not in headlines and s.start > 0
              and not _is_initial_position(sentences[s.sent], s.start)]
    doc_names = frozenset(w for s in inside for w in sentences[s.sent][s.start:s.end] if w.lower() not in lower)
    phrases = {tuple(sentences[s.sent][s.start:s.end]) for s in inside if s.end - s.start > 1}
    for i, toks in enumerate(sentences):
        starts = [k for k in range(len(toks)) if _is_initial_position(toks, k) or i in headlines]
        # a multi-word name the article writes inside a sentence also opens one ("Bank of America" after "bank")
        opening = {toks[k] for k in starts}
        names = doc_names | {p[0] for p in phrases
                             if p[0] in opening and any(tuple(toks[k:k + len(p)]) == p for k in starts)}
        if not opening.isdisjoint(names):
            per_sentence[i] = candidate_spans(toks, lang, gaz, i, frozenset(names), headline=i in headlines)
    spans = [s for spans in per_sentence for s in spans]
    if lang == "nl":
        _cut_glued_nouns(spans, sentences, gaz)
    memory: dict[str, str] = _compound_cues(sentences, gaz)
    cues = apposition_types(spans, sentences, gaz)
    person_parts: set[str] = set()
    for span in spans:
        span.type, span.strong = _type_span(span, sentences[span.sent], gaz, memory, lang, cues)
        if span.type and span.strong:
            memory.setdefault(span.text, span.type)
        if span.type == "PER" and (span.strong or " " in span.text):  # not "Acme zegt": organisations speak too
            for w in span.text.split():
                if w[:1].isupper() and len(w) > 2 and (w not in gaz.first_names or len(span.text.split()) == 2):
                    person_parts.add(w)
    weak: dict[str, Counter] = defaultdict(Counter)  # the article's unsure decisions, a vote per name
    for span in spans:
        if span.type and not span.strong:
            weak[span.text][span.type] += 1
    by_sent: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        by_sent[span.sent].append(span)
    for span in spans:
        if span.type is None:
            kind = _context_type(span, by_sent[span.sent], sentences[span.sent], lang)
            if kind:
                weak[span.text][kind] += 1
    event_first_names(spans, gaz)
    name_parts = {w for s in spans if s.type == "PER" and len(s.text.split()) > 1 for w in s.text.split()}
    org_heads = {s.text.split()[0] for s in spans if s.type == "ORG" and s.strong and 2 <= len(s.text.split()) <= 4
                 and s.text.split()[-1] in gaz.org_words and s.text.split()[0] not in gaz.org_words}
    for span in spans:
        if span.type == "LOC" and span.text in name_parts and (
                span.start == 0 or sentences[span.sent][span.start - 1] not in gaz.loc_prepositions):
            span.type = "PER"  # "Obama" after "Barack Obama" is the person, not the town in Japan (not "in Obama")
        if span.type is None or not span.strong:
            words = span.text.split()
            if span.text in memory:
                span.type, span.strong = memory[span.text], True
            elif span.text in org_heads and span.text not in gaz.first_names:
                span.type = "ORG"  # "Acme" after "Acme Holding" or "Acme Airlines"
            elif any(w in person_parts for w in words) and (len(words) == 1 or span.type is None):
                span.type, span.strong = "PER", len(words) == 1
            elif span.text in weak:  # the article's majority of unsure decisions: "Acme" after "het bedrijf Acme"
                span.type = weak[span.text].most_common(1)[0][0]
            elif span.type is None:
                span.type = fallback_type(span.text, words, lang)
    return spans


def _cut_glued_nouns(spans: list[Span], sentences: list[list[str]], gaz: Gazetteer) -> None:
    """A first name followed by a capitalised ordinary word that the article also writes in lower case is the name
    only, in the first sentence before an auxiliary: a headline glued to the lead without punctuation ("... ontmoeting
    Trump en Kim Ontmoeting zou ..."; `storyline.text.glued`, which the timelines' split uses too)."""
    lower = {t for toks in sentences for t in toks if t[:1].islower()}
    for span in spans:
        words = span.text.split()
        toks = sentences[span.sent]
        if span.sent == 0 and span.end < min(len(toks), 16) and len(words) == 2 and words[0] in gaz.first_names \
                and glued_start(words[1], toks[span.end], lower, any_verb=False) and "-" not in words[1] \
                and common_word(words[1].lower(), "nl", gaz) and not known_name(words[1], gaz) \
                and span.text not in gaz.phrases:
            span.end -= 1
            span.text = words[0]


COORDINATORS = frozenset({"en", "of", "and", "or", ",", "/"})


def _context_type(span: Span, neighbours: list[Span], tokens: list[str], lang: str) -> str | None:
    """The type an untyped name takes from the names around it: a party or an abbreviation in brackets after a
    name ("Anna Smit ( Groen )" ORG, "Raad van State ( RvS )"), or a name it is listed with ("Acme en Brontex")."""
    if lang == "en" and " " not in span.text and common_word(span.text.lower(), "en", gazetteer()):
        return None  # an English word in a list of names is a piece of one: "Office of Tea, Coffee and Cocoa"
    before = next((n for n in neighbours if n.end == span.start - 1), None)
    after = next((n for n in neighbours if n.start == span.end + 1), None)
    if before and tokens[span.start - 1] == "(" and span.end < len(tokens) and tokens[span.end] == ")":
        if before.type == "PER":
            return "ORG"
        if before.type in ("ORG", "LOC") and len(before.text.split()) > 1 and span.text.isupper():
            return before.type
        return None
    for other, word in ((before, tokens[span.start - 1] if span.start else ""),
                        (after, tokens[span.end] if span.end < len(tokens) else "")):
        # after a comma a person is as often an apposition ("een topman bij Acme, Jan Smit"), after a slash a
        # photographer's credit ("ACME/Jan Smit")
        if other and word in COORDINATORS and other.type in (("ORG", "LOC") if word in (",", "/")
                                                              else ("ORG", "LOC", "PER")):
            return other.type
    return None


def _compound_cues(sentences: list[list[str]], gaz: Gazetteer) -> dict[str, str]:
    """Names the article marks as organisations inside a compound: "Acme-topman", "VVD-leider", "Shell-aandelen"."""
    out: dict[str, str] = {}
    for toks in sentences:
        for tok in toks:
            if "-" not in tok:
                continue
            head, _, tail = tok.rpartition("-")
            if tail in gaz.org_role_tails and head[:1].isupper() and "-" not in head and head not in gaz.places \
                    and head not in gaz.demonym_country and head not in gaz.first_names:
                out.setdefault(head, "ORG")
    return out


def spans_to_labels(spans: list[Span], sentences: list[list[str]]) -> list[list[str]]:
    """IOB2 labels from typed spans."""
    labels = [["O"] * len(toks) for toks in sentences]
    for span in spans:
        labels[span.sent][span.start] = f"B-{span.type}"
        for k in range(span.start + 1, span.end):
            labels[span.sent][k] = f"I-{span.type}"
    return labels


def tag_document(sentences: list[list[str]], lang: str) -> list[list[str]]:
    """IOB2 labels for the tokens of one document.

    >>> tag_document([["Minister", "Lotte", "Jansen", "bezocht", "de", "Belgische", "KLM", "in", "Brussel", "."]], "nl")
    [['O', 'B-PER', 'I-PER', 'O', 'O', 'B-MISC', 'B-ORG', 'O', 'B-LOC', 'O']]
    """
    return spans_to_labels(analyse_document(sentences, lang), sentences)


class BuiltinBackend:
    """Rules and word lists; always available, Dutch and English."""

    name = "builtin"

    def available(self) -> tuple[bool, str]:
        """Always: it needs only the shipped word lists and simplemma."""
        return True, "shipped rules and word lists"

    def tag(self, sentences: list[list[str]], lang: str) -> list[list[str]]:
        """IOB2 labels for one document's sentences."""
        return tag_document(sentences, lang)


@register_backend("builtin")
def _make() -> BuiltinBackend:
    return BuiltinBackend()
