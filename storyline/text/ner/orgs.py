"""Evidence that a name is an organisation, read from where the article puts it: an English acronym after "told" or
"according to", before "spokesman" or "officials", as the subject of a verb after "the"; a news agency or photo
credit ("REUTERS/Jan Smit", "(Anna Bos/AP)", "(CNN) --", "Copyright 2007 CNN"); an organisation word inside a
name before "of" ("International Court of Justice"). See docs/who-where-when.md, "Organisations and acronyms".

The cue words below are hand-written by the storyline developers from their knowledge of English and Dutch news
(no entry taken from any dataset); `tests/text/test_list_provenance.py` covers lexicon.json, these hold no names.
"""

from __future__ import annotations

import re

from ..furniture import PLATFORMS
from ..glued import AGENCIES
from .gazetteer import Gazetteer

POSSESSIVES = ("'s", "’s")
# words right before an acronym that make it an organisation: "told CNN", "via AP", "told the AP"
ACRONYM_BEFORE = frozenset({"told", "via", "tegen"})
# two words before it: "according to CNN", "spokesman for NATO", "head of NATO", "partner in NATO"
ACRONYM_BEFORE_PAIRS = frozenset({
    ("according", "to"), ("spokesman", "for"), ("spokeswoman", "for"), ("spokesperson", "for"),
    ("spokesman", "of"), ("head", "of"), ("chief", "of"), ("director", "of"), ("member", "of"), ("members", "of"),
    ("partner", "in"), ("reporting", "by"), ("released", "by"), ("interview", "with"), ("employees", "of"),
    ("officials", "of"), ("agents", "of"), ("woordvoerder", "van"), ("woordvoerster", "van"),
})
# words right after an acronym that make it an organisation: its members, its people, its news work ("NATO
# spokeswoman", "TSA officers", "CNN affiliate", "AFP reports", "AP Photo"); not "members", "leaders", "staff", "community" or
# "rights", which a group of people has too ("LGBTQ members", "LGBTQ leaders", "LGBTQ rights")
ACRONYM_AFTER = frozenset({
    "agent", "agents", "officer", "officers", "official", "officials", "employee", "employees",
    "spokesman", "spokeswoman", "spokesperson", "director", "chief", "commissioner", "chairman", "chairwoman",
    "affiliate", "affiliates", "reporter", "reporters", "correspondent", "correspondents", "journalist",
    "journalists", "photographer", "photographers", "meteorologist", "anchor", "headquarters", "soldiers",
    "troops", "allies", "ally", "alliance", "lawmakers", "investigators", "reported",
    "reports", "quoted", "cited", "confirmed", "photo", "president", "boss", "executive", "executives", "representatives",
    "woordvoerder", "woordvoerster", "topman", "directeur",
})
# after "the X": a verb of what organisations do and say makes X an organisation ("The FBI searched", "the NYPD has
# apologised"); not any verb, since things are subjects too ("the SUV stopped", "the BUK was moved")
_ORG_VERBS = ("announce", "confirm", "report", "decline", "deny", "apologize", "apologise", "investigate", "search",
              "arrest", "charge", "issue", "warn", "urge", "criticize", "criticise", "condemn", "decide", "refuse",
              "reject", "accuse", "sue", "rule", "vote", "approve", "ban", "suspend", "fine", "acknowledge", "admit",
              "state", "tweet", "respond", "reveal", "estimate", "ask", "conduct", "organise", "organize", "sanction",
              "award", "publish", "broadcast", "air", "host")


def _verb_forms(stems: tuple[str, ...]) -> frozenset[str]:
    """Past and third-person forms of regular English verbs: "confirm" -> "confirmed", "confirms"."""
    out: set[str] = set()
    for v in stems:
        out.add(v[:-1] + "ies" if v.endswith("y") else v + "es" if v.endswith(("h", "s", "sh")) else v + "s")
        out.add(v[:-1] + "ied" if v.endswith("y") else v + "d" if v.endswith("e") else v + "ed")
    # third-person forms that are as often plural nouns after a modifier ("the FIFA rules", "the EU states")
    nouns = {"issues", "rules", "states", "charges", "fines", "votes", "sanctions", "awards", "reports", "hosts",
             "estimates", "airs", "bans", "tweets", "searches", "arrests", "broadcasts", "admited", "baned"}
    return frozenset(out - nouns | {"banned", "admitted", "broadcast", "investigating"})


ORG_VERBS = _verb_forms(_ORG_VERBS)
AUXILIARIES = frozenset({"is", "was", "has", "had", "have", "are", "were", "will", "would", "may", "might", "can",
                         "could", "should", "must", "did", "also", "later", "then", "previously"})
# a word before ":" that opens a credit: "(Source: AP)", "Photo: AFP"
CREDIT_WORDS = frozenset({"source", "photo", "photos", "credit", "picture", "image", "images", "foto", "beeld", "bron"})
CLOSERS = frozenset({")", "/", ".", ",", ""})
SENTENCE_ENDS = frozenset({".", "!", "?", '"', "”", ")"})
DASHES = frozenset({"-", "--", "–", "—"})
ARTICLES = frozenset({"the", "de", "het"})
YEAR = re.compile(r"^(?:19|20)\d\d$")


def bare(text: str) -> str:
    """The name without an English possessive: "NATO's" -> "NATO"."""
    return text[:-2] if text.endswith(POSSESSIVES) else text


def is_plain_acronym(text: str) -> bool:
    """Two to six capitals, no digits: "FBI", "NATO", "AP" (not "MH17", not "U.S.")."""
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _word(tokens: list[str], i: int) -> str:
    return tokens[i] if 0 <= i < len(tokens) else ""


def _shouting(tokens: list[str]) -> bool:
    """A sentence mostly in capitals (a weather bulletin, a headline): its bracketed codes are no credits."""
    words = [t for t in tokens if t.isalpha()]
    return len(words) >= 4 and sum(t.isupper() for t in words) * 2 > len(words)


def credit(tokens: list[str], start: int, end: int, gaz: Gazetteer) -> bool:
    """A news agency or photo credit: "REUTERS/Jan Smit", "(Anna Bos/AP)", "Jan Smit/AFP/Getty Images",
    "(Source: AP)", "Copyright 2007 CNN", and a lone acronym in brackets after a sentence ("in court. (AP)") or
    opening a wire story ("(CNN) --", "Manchester, Connecticut (CNN) --")."""
    prev, prev2 = _word(tokens, start - 1), _word(tokens, start - 2)
    nxt, after = _word(tokens, end), _word(tokens, end + 1)
    one = end - start == 1 and tokens[start].isalpha() and tokens[start].isupper()  # also "REUTERS"
    if one and (tokens[start].title() in gaz.date_abbreviations or tokens[start].title() in gaz.date_words):
        return False  # "(JAN)": a month in a bulletin, not an agency
    if one and prev == "/" and prev2[:1].isupper() and not prev2.isupper() and nxt in CLOSERS:
        return True  # "(Anna Bos/AP)", "Jan Smit/AFP/Getty Images" (not "REUTERS/Jan Smit"; not "Jan Smit / Anna Bos"
        # or a reader's letter signed "P. Jansen / Rumst": a name in capitals only)
    if one and nxt == "/" and after[:1].isupper() and not after.isupper():
        return True  # "REUTERS/Jan Smit", "AFP/Getty Images" (not "ARC/WARC")
    if prev == ":" and prev2.lower() in CREDIT_WORDS and nxt in CLOSERS:
        return True  # "(Source: AP)", "Photo: AFP."
    if one and prev == "," and nxt == ")" and any(t.lower() in CREDIT_WORDS for t in tokens[max(0, start - 8):start]):
        return True  # "(Photo: Jan Smit, AP)"
    if one and YEAR.match(prev) and (prev2.lower() == "copyright" or prev2 == "©"):
        return True  # "Copyright 2007 CNN. All rights reserved."
    if one and prev == "(" and nxt == ")" and not after[:1].isdigit() and not _shouting(tokens) and (
            start == 1 or prev2 in SENTENCE_ENDS or prev2[:1].isupper() and start <= 8 and after in DASHES):
        return True  # "(AP)" after a caption, "(CNN) -- A pair of storms", "Manchester, Connecticut (CNN) --"
    return False


def acronym_evidence(tokens: list[str], start: int, gaz: Gazetteer) -> bool:
    """An acronym that the words around it show is an organisation: "told CNN", "according to AFP", "NATO
    spokeswoman", "TSA officers", "The FBI searched", "the NYPD's". Every language: Dutch acronyms are organisations
    anyway, and "woordvoerder van de NMBS" says so too."""
    text = tokens[start]
    prev, prev2, prev3 = _word(tokens, start - 1), _word(tokens, start - 2), _word(tokens, start - 3)
    nxt = _word(tokens, start + 1)
    low, low2 = prev.lower(), prev2.lower()
    if low in ARTICLES and (text != bare(text) or nxt in POSSESSIVES):
        return True  # "the FBI's" (not "EDM's popularity": a genre has a possessive too)
    if low in ACRONYM_BEFORE or (low in ARTICLES and low2 in ACRONYM_BEFORE):
        return True  # "told CNN", "told the AP"
    if (low2, low) in ACRONYM_BEFORE_PAIRS or (low in ARTICLES and (prev3.lower(), low2) in ACRONYM_BEFORE_PAIRS):
        return True  # "according to CNN", "a spokesman for the FBI", "head of NATO", "woordvoerder van de NMBS"
    if nxt.lower() in ACRONYM_AFTER or nxt in gaz.person_verbs:
        return True  # "NATO spokeswoman", "TSA officers", "AFP reports", "the FBI said"
    after = _word(tokens, start + 2)
    return low in ARTICLES and (nxt in ORG_VERBS or (nxt in AUXILIARIES and after in ORG_VERBS))


# organisation words that alone, capitalised, name the one institution of the country or the story: "Congress
# passed", "the Army said", "de Kamer stemde", "de Commissie" (not "Bank" or "University", which alone are
# usually a cut name: "the University on ...", nor Dutch "Marine", in English a soldier: "a former Marine")
INSTITUTIONS = frozenset({
    "Congress", "Senate", "Parliament", "Army", "Navy", "Government", "Police", "Cabinet", "Court", "Commission",
    "Congres", "Senaat", "Parlement", "Leger", "Regering", "Politie", "Kabinet", "Kamer", "Commissie",
    "Rechtbank",
})


def institution(words: list[str]) -> bool:
    """A lone capitalised institution word ("the Army said", "Congress voted", "de Commissie"), also possessive."""
    return len(words) == 1 and bare(words[0]) in INSTITUTIONS


# last words of the names of news and photo agencies ("Associated Press", "Getty Images"); not in lexicon.json's
# organisation words, which also count as a name's first word ("Press Secretary Sarah Sanders")
AGENCY_TAILS = frozenset({"Press", "Images", "Photo"})  # "AP Photo"
OF_WORDS = frozenset({"of", "for", "van", "voor"})


def org_inside(words: list[str], gaz: Gazetteer) -> bool:
    """An organisation word inside a name, before "of/for/van/voor" ("International Court of Justice", "Russian
    Ministry of Defence", "Ben-Gurion University of the Negev", "Onderzoeksraad voor de Veiligheid"; a first word
    that is an organisation word is tested elsewhere), or
    an agency's last word ("Associated Press", "Getty Images"), or an organisation word with a possessive ("McCone
    Commission's", which the lists miss with its "'s")."""
    if len(words) > 1 and (words[-1] in AGENCY_TAILS or words[-1] != bare(words[-1]) and bare(words[-1]) in gaz.org_words):
        return True  # "Associated Press", "the McCone Commission's report"
    return any((words[k] in gaz.org_words if k else _org_compound(words[k], gaz)) and words[k + 1] in OF_WORDS
               and (words[k + 2][:1].isupper() or words[k + 2] in ("the", "de", "het"))
               for k in range(len(words) - 2))


def _org_compound(word: str, gaz: Gazetteer) -> bool:
    """A Dutch compound ending in an organisation suffix: "Onderzoeksraad", "Inlichtingendienst" (not "Raad", which
    opens "Raad van State" and is tested as an organisation word)."""
    low = word.lower()
    return word[:1].isupper() and any(low.endswith(suf) and len(low) > len(suf) + 3 for suf in gaz.org_suffixes)


def org_role(word: str, gaz: Gazetteer) -> bool:
    """A role in an organisation, before "van"/"bij": "topman", "werknemers", "moederbedrijf", "ceo"."""
    return word in gaz.org_role_tails or word in gaz.org_member_words or (
        len(word) > 7 and word.lower().endswith(gaz.org_head_tails) and not word.endswith("partij"))


def acronym_type(prev: str, nxt: str, gaz: Gazetteer, lang: str) -> tuple[str | None, bool]:
    """An unknown acronym. In Dutch news it is mostly an organisation ("de NMBS", "het IOC"). In English an
    acronym is as often a format, a genre or a movement ("a WARC file", "EDM festivals", "LGBTQ rights"): there it
    is an organisation only with evidence ("the FBI said", "the NRA's"), else left to the article's other
    mentions and, without any, "other"."""
    if lang != "en":
        return "ORG", False
    if nxt in gaz.person_verbs or nxt in POSSESSIVES:
        return "ORG", False
    if prev.lower() == "the" and not nxt[:1].islower() and nxt not in ("/", "-", "&", "+"):
        return "ORG", False  # "the FBI", not "the ARC/WARC record"
    return None, False


# the media platforms and news agencies the package already names (page furniture, photo credits): companies
_MEDIA = re.compile(rf"(?!X$)(?:{PLATFORMS}|{AGENCIES})")


def fallback_type(text: str, words: list[str], lang: str = "nl") -> str:
    """The type of a name no rule typed: a one-word name without evidence is "other" (MISC), not a guessed person.
    A brand-like word is an organisation in Dutch text ("PlayStation"), not in English text, where such words and
    acronyms are as often products, formats or genres ("JavaScript", "WARC", "EDM"), nor a name like "McBride".
    A media platform or news agency the package knows ("Twitter", "Reuters") is an organisation."""
    if _MEDIA.fullmatch(text):
        return "ORG"
    if len(words) > 1:
        return "ORG" if words[0] in ("Het", "The") else "MISC"
    if lang == "en" or text[:2] in ("Mc", "Ma", "O'", "O’"):
        return "MISC"
    return "ORG" if looks_like_org(text) and not any(c.isdigit() for c in text) else "MISC"  # "MH17", "A380": MISC


def looks_like_org(text: str) -> bool:
    """Brand-like single words: inner capitals or digits ("PlayStation", "4FM"), not "Jean-Luc"."""
    return any(c.isupper() and text[k] != "-" for k, c in enumerate(text[1:])) or any(c.isdigit() for c in text)
