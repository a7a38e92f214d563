"""Context cues of the built-in recogniser that outweigh the name lists: calendar words, appositions that name a
name's kind anywhere in the article, former roles, the noun an abbreviation in brackets stands for, and first names
that are ordinary words inside the name of an event or organisation. See docs/who-where-when.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tokens import is_known_word, lemma
from .canonical import canonical_place
from .gazetteer import Gazetteer

if TYPE_CHECKING:
    from .builtin import Span

POSSESSIVES = ("'s", "’s")
DETERMINERS = frozenset({"a", "an", "the", "een", "het", "de"})
FORMER = ("oud-", "ex-")
QUOTES = frozenset({'"', "'", "“", "‘", "„", ",,", "«"})
ORG_PARTS = frozenset({"staff", "cartoonists", "headquarters", "hoofdkantoor", "employees", "werknemers",
                       "shareholders", "aandeelhouders", "offices", "journalists", "journalisten", "editors"})  # not "redactie": a programme has one too ("redactie van X")
APPOSITION_ENDS = frozenset({"that", "which", "who", "die", "dat", "in", "of", "van", "with", "met", "from", "uit", "op",
                             "on", "for", "voor", "based", "run", "owned", "and", "en", "known", "founded", "opgericht"})


def _bare(tok: str) -> str:
    return tok[:-2] if tok.endswith(POSSESSIVES) else tok


def calendar_word(tokens: list[str], i: int, gaz: Gazetteer) -> bool:
    """A month or weekday, not a name: "Friday's attack", "Sept. 19", "Sep 3" (not "Sep" or "Jan" alone, which are
    first names too, nor "May" after a first name: "Theresa May's")."""
    tok = tokens[i]
    prev = tokens[i - 1] if i else ""
    if prev in gaz.first_names:
        return False
    if tok != _bare(tok) and _bare(tok) in gaz.date_words:
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    after = tokens[i + 2] if i + 2 < len(tokens) else ""
    near_digit = nxt[:1].isdigit() or prev[:1].isdigit() or (nxt == "," and after[:1].isdigit())
    short = tok[:-1] if tok.endswith(".") else tok
    if short != tok and short in gaz.date_abbreviations | gaz.date_words:
        return short not in gaz.first_names or near_digit  # "Sept. 19", not "Oud-Sint Jan." (a first name)
    return tok in gaz.date_abbreviations and near_digit


def holiday(text: str, gaz: Gazetteer) -> bool:
    """A religious or public holiday ("Ramadan", "Christmas's"): an event, also where a first name or a town has its
    name."""
    return text in gaz.holidays or _bare(text) in gaz.holidays


def apposition_types(spans: list[Span], sentences: list[list[str]], gaz: Gazetteer) -> dict[str, str]:
    """Names the article says the kind of, before them ("the newspaper Charlie Hebdo", "persbureau Xinhua", "de stad
    Tilburg") or in an apposition after them ("Charlie Hebdo, a satirical weekly"): every mention of the name in the
    article takes that type, over a first-name or place list ("Charlie", "Xinhua" is also a town)."""
    out: dict[str, str] = {}
    for span in spans:
        toks = sentences[span.sent]
        k = span.start - 1 if span.start and toks[span.start - 1] not in QUOTES else span.start - 2
        prev = toks[k] if k >= 0 else ""
        kind = gaz.heads.get(prev.lower()) if prev[:1].islower() else None  # also 'the weekly "Charlie Hebdo"'
        if kind is None and prev in ("of", "van", "at", "bij") and k > 0 and toks[k - 1].lower() in ORG_PARTS:
            kind = "ORG"  # "the staff of Charlie Hebdo", "de redactie van X"
        e = span.end + 1 if span.end < len(toks) and toks[span.end] == ")" else span.end
        if kind is None and span.end - span.start > 1 and e < len(toks) and prev.lower() in ("the", "de", "het", "(") \
                and (toks[e] in ORG_PARTS or gaz.heads.get(toks[e]) == "ORG"):
            kind = "ORG"  # "the Charlie Hebdo weekly", "(Charlie Hebdo) cartoonists": the name of the paper they work for
        if kind is None and span.end + 2 < len(toks) and toks[span.end] == "," and toks[span.end + 1].lower() in DETERMINERS:
            for tok in toks[span.end + 2:span.end + 6]:
                if not tok[:1].islower():
                    break  # "Acme, the company's rival Brontex": only the apposition's own words
                kind = gaz.heads.get(tok) if gaz.heads.get(tok) != "MISC" else None  # "Reeva Steenkamp, a model"
                if kind:
                    k = toks.index(tok, span.end + 2)
                    after = toks[k + 1] if k + 1 < len(toks) else "."
                    if after[:1].islower() and after not in APPOSITION_ENDS:
                        kind = None  # "Jan Smit, a team member": the noun only qualifies the head
                    break
        if kind:
            out.setdefault(_bare(span.text), kind)
    return out


DASHES = frozenset({"-", "--", "–", "—"})


def dateline_credit(tokens: list[str], start: int, end: int) -> bool:
    """A name in brackets after a wire dateline is the agency's: "GUANGZHOU, Sept. 19 (Xinhua) --", "PARIS (AP) -"."""
    return (0 < start <= 8 and tokens[start - 1] == "(" and end + 1 < len(tokens) and tokens[end] == ")"
            and tokens[end + 1] in DASHES and tokens[0].isupper() and len(tokens[0]) > 2)


def former_role(prev: str, gaz: Gazetteer) -> bool:
    """A former role before a name is a person's: "oud-premier X", "ex-dictator X", also misspelt ("oud-dictactor");
    not a former employer ("ex-werkgever Acme") or any organisation noun."""
    if not prev.startswith(FORMER):
        return False
    role = prev.split("-", 1)[1]  # lower-case: "ex-Studio Brussel" names a former radio station
    return len(role) >= 4 and role.isalpha() and role.islower() and role not in gaz.heads and not role.endswith(gaz.org_head_tails) \
        and not role.endswith(("werkgever", "employer", "club", "ploeg", "partij", "land", "kolonie", "colony"))


def acronym_gloss_type(tokens: list[str], start: int, gaz: Gazetteer) -> str | None:
    """The type of an abbreviation in brackets after the ordinary words it stands for: the kind of their last noun
    ("de gedemilitariseerde zone ( DMZ )" LOC, "het openbaar ministerie ( OM )" ORG); None where a name precedes."""
    if start < 2 or tokens[start - 1] != "(" or start + 1 >= len(tokens) or tokens[start + 1] != ")":
        return None
    noun = tokens[start - 2]
    if not noun[:1].islower() or not noun.isalpha():
        return None
    kind = gaz.heads.get(noun)
    if kind is None and len(noun) > 6 and noun.endswith(gaz.org_head_tails):
        kind = "ORG"
    return kind


def event_first_names(spans: list[Span], gaz: Gazetteer) -> None:
    """A first name that is also an ordinary word opens the name of an event or organisation of the article, not a
    person's: "Junior Eurovision" after "the Eurovision Song Contest" (not "Mark Rutte")."""
    kinds: dict[str, str] = {}
    for span in spans:
        words = span.text.split()
        if span.strong and span.type in ("MISC", "ORG") and len(words) > 1:
            for w in words:
                kinds.setdefault(w, span.type)
    for span in spans:
        words = span.text.split()
        if span.type == "PER" and len(words) > 1 and words[0] in gaz.first_names \
                and words[0] not in gaz.plain_first_names and all(w in kinds for w in words[1:]):
            span.type, span.strong = kinds[words[1]], True


def common_word(word: str, lang: str, gaz: Gazetteer) -> bool:
    """Whether a (lower-cased) word is an ordinary word: simplemma's dictionary or the shipped word list."""
    return word in gaz.common_words or is_known_word(word, lang) or lemma(word, lang) != word


def known_name(tok: str, gaz: Gazetteer) -> bool:
    """Whether a token is on one of the shipped name lists (places, organisations, first names, demonyms, …)."""
    return (tok in gaz.places or tok in gaz.orgs or tok in gaz.plain_first_names or tok in gaz.demonym_country
            or tok in gaz.misc or tok in gaz.holidays)


def title_modifier(word: str, lang: str, gaz: Gazetteer) -> bool:
    """A common word that opens a capitalised title before a name ("State Senator Jane Doe", "Deputy Sheriff …"),
    no name of its own (not "Labour" in "Labour leader …", a party: the title is not capitalised)."""
    return word[:1].isupper() and not known_name(word, gaz) and common_word(word.lower(), lang, gaz)


def person_then_country(tokens: list[str], i: int, j: int, k: int, gaz: Gazetteer) -> bool:
    """Whether the run of capitalised words tokens[i:j] holds a person's name and then, at k, a country that ends it
    or comes before the next first name: a list line of people and their countries ("Anna Berg Latvia Jan Smit")."""
    word = tokens[k]
    if k < i + 2 or not (k == j - 1 or tokens[k + 1] in gaz.first_names) or tokens[i] not in gaz.first_names \
            or word in gaz.first_names or not tokens[k - 1].isalpha():
        return False
    found = canonical_place(word)
    return found is not None and len(found[0]) == 8  # "place:LV": a country, not a city or region


def caps_title(text: str) -> str:
    """An all-caps name as a list would spell it: "NOORD-KOREA" -> "Noord-Korea"."""
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in text.split())
