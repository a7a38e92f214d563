"""A headline or subheading glued onto the sentence after it without punctuation, and where to split them.

Scraped text often loses the line break after a headline: "Historische ontmoeting Trump en Kim Ontmoeting zou op 12
juni plaatsvinden". Two readers need the split: the timelines (`storyline.timeline.prepare.unglue` cuts the headline
off its sentence, `glued_at`) and the name recogniser (`storyline.text.ner.builtin`: "Kim Ontmoeting" is the name
"Kim" only). Both decide with `glued_start`: a capitalised common word of the article followed by a verb.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from .timex.lexicon import LEXICONS
from .verbs import verbish

# auxiliaries after the first word of a glued sentence ("… Kim Ontmoeting zou …"), Dutch and English
GLUED_AUXILIARIES = frozenset("zou zal is was wordt werd heeft had kan moet gaat ging komt kwam zijn waren worden "
                              "will would has".split())


def glued_start(word: str, nxt: str, lower_words: Collection[str], capital_words: Collection[str] = (), *,
                any_verb: bool = True) -> bool:
    """Whether the capitalised `word`, followed by `nxt`, starts a sentence glued onto a headline: a common word of the
    article (one it writes in lower case elsewhere, `lower_words`, and never capitalises inside a sentence,
    `capital_words`) followed by an auxiliary (`GLUED_AUXILIARIES`) or, with `any_verb`, by what `verbish` takes for a
    verb (in Dutch for a word ending in -en or -ng, else in English).

    >>> glued_start("Ontmoeting", "zou", {"ontmoeting"}), glued_start("Ontmoeting", "vindt", {"ontmoeting"}, any_verb=False)
    (True, False)
    >>> glued_start("Huis", "meldt", {"huis"}, {"Huis"}), glued_start("Kim", "zou", {"ontmoeting"})
    (False, False)
    """
    low = word.lower().strip(",.;:")
    if low not in lower_words or word in capital_words:
        return False
    return nxt in GLUED_AUXILIARIES or any_verb and verbish(nxt.strip(",.;:").lower(),
                                                            "nl" if low[-2:] in ("en", "ng") else "en")


_WORD = re.compile(r"\S+")
# function words that open a glued sentence, by language; Dutch news quotes English and English-labelled pages carry
# Dutch, so both count in either (French and German only in theirs: "a personal essay for Elle in 2015")
_GLUE_NL_EN = frozenset("de het een dat die dit deze er hij zij ze wij we ik u volgens toen ook maar "
                        "the a an this that it he she they we i according".split())
_GLUE_BY_LANG = {"nl": _GLUE_NL_EN, "en": _GLUE_NL_EN,
                 "de": frozenset("der die das ein eine er sie es wir".split()),
                 "fr": frozenset("le la les il elle ils".split())}
_GLUE_WORDS = frozenset().union(*_GLUE_BY_LANG.values())
_CLOSES = ".!?:;,\"'”“’‘…)]–—-|/"


_ARTICLES = frozenset("A An The De Het Een".split())
_HEADING_GLUE = frozenset("An The De Het Dat Die Dit Deze Er Hij Zij Ze Wij We Ik Volgens Toen Maar This That It He She They We".split())
# labels a site puts before a headline or a caption ("Video A Ukrainian military transport …", "Update De minister …")
LABELS = frozenset("video foto foto's fotoserie photo photos audio podcast watch kijk bekijk live update breaking "
                   "exclusief exclusive analyse analysis opinie opinion column interview".split())


# words of a page's share and follow widgets ("Follow RT on", "Share this article", "Lees ook")
WIDGETS = frozenset("follow volg share deel read lees listen luister subscribe abonneer advertisement advertentie".split())


LONG_HEAD = 6  # words: a headline this long, repeated before a capitalised word, is glued whatever that word is


def repeated_head_at(sentence: str, heads: Collection[str], lower_words: Collection[str]) -> int | None:
    """Where a sentence starts after a headline the article also writes on a line of its own (a title repeated
    before the first paragraph, "Images Show the Buk … Controlled by Russian Troops New evidence has been found …"):
    the end of that headline when a capitalised common word of the article (one it writes in lower case elsewhere,
    `lower_words`, or a function word) follows it, not a name ("Trump en Kim Jong-un …"); after a headline of six
    words or more any capitalised word does. Headlines of fewer than three words are ignored.

    >>> s = "Storm Hits the Coast New figures show that 40 homes were damaged."
    >>> s[repeated_head_at(s, {"Storm Hits the Coast"}, {"new"}):]
    'New figures show that 40 homes were damaged.'
    >>> repeated_head_at("Storm Hits the Coast, officials said.", {"Storm Hits the Coast"}, {"new"}) is None
    True
    >>> repeated_head_at("Trump en Kim Jong-un ontmoeten elkaar.", {"Trump en Kim"}, {"ontmoeten"}) is None
    True
    >>> s = "Leger breidt de hulp uit over Limburg Defensie stuurt 300 militairen."
    >>> s[repeated_head_at(s, {"Leger breidt de hulp uit over Limburg"}, set()):]
    'Defensie stuurt 300 militairen.'
    """
    for head in heads:
        if sentence.startswith(head) and len(head.split()) >= 3 and sentence[len(head):len(head) + 1] == " " \
                and sentence[len(head) + 1:len(head) + 2].isupper():
            word = sentence[len(head) + 1:].split(maxsplit=1)[0].strip(",.;:").lower()
            if word in lower_words or word in _GLUE_WORDS or word in LABELS or word in WIDGETS:
                return len(head) + 1  # "… in Ukraine Follow RT on …" too
            if len(head.split()) >= LONG_HEAD and len(sentence[len(head) + 1:].split()) >= 4:
                return len(head) + 1  # a whole headline, then a name: "… uit over Limburg Defensie breidt …"
    return None


# A photo's credit, the end of a caption that a page glued before the next sentence: "Photographer: Kostas Tsironis/
# Bloomberg", "David Zalubowski/AP", "Roslan Rahman/AFP via Getty Images", "David Mcnew/AFP/Getty Images"
AGENCIES = r"(?:AFP|AP|Reuters|REUTERS|EPA|ANP|Getty Images|Shutterstock|Bloomberg|Pool|POOL|Hollandse Hoogte)"
# the credit's end: "/AFP", "/AFP via Getty Images", "/AFP/Getty Images"
AGENCY_CREDIT = rf"/\s?{AGENCIES}(?:(?:\s?/\s?|\svia\s)Getty Images)?"
# (a name of two to four words before the slash: not a pollster's "Ipsos/Reuters Poll" or "ABC News/AP Poll …")
PHOTO_CREDIT = re.compile(rf"(?:Photo(?:graph|grapher)?:\s*)?[A-Z][\w'’.-]+"
                          rf"(?:\s(?:(?:de|van|der|den|von|da|di|du|le|la|ten|ter)\s)*[A-Z][\w'’.-]+){{1,3}}\s?{AGENCY_CREDIT}"
                          rf"\s+(?!(?:Poll|NORC|Ipsos|Survey)\b)(?=[A-Z\"“'‘])")

# A caption's credit at the start of a line, the rest of a caption the page glued before the next sentence:
# "Credit:AP The investigators said …", "Photo credit: Reuters Officials say …"
CREDIT_LEAD = re.compile(rf"(?:Photo\s+)?[Cc]redit:\s*{AGENCIES}\s+(?=[A-Z\"“'‘])")

# A quotation and its attribution, "'…,' Churkin said", glued onto the next paragraph's sentence: an attribution
# after the quotation it closes takes no object, so a capitalised word after "said" (other than a weekday or month,
# "… Churkin said Monday.") starts a new sentence: "\"We didn't do it,\" Churkin said Pro-Russia rebels claimed …"
QUOTE_SAID = re.compile(r"[\"“‘'][^\"“”‘’]{8,}?[,!?…]\s?[\"”’']\s*(?:(?:[A-Z][\w'’.-]+\s){1,4}|(?:he|she|they)\s)"
                        r"(?:said|says|added)\s+(?=[A-Z][\w'’-]*\s+[a-z\d])")


# An embedded post's signature, "— Name (@handle) May 21, 2018", glued before the article's next sentence: the post
# with its signature is one line, the sentence after it another ("… — Ann Lee (@annlee) May 21, 2018 Officials said …")
POST_SIGNATURE = re.compile(r"[—–-]\s*[^\n—–]{1,60}?\(@\w{1,30}\)\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|"
                            r"\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4})\s+(?=[A-Z\"“'‘])")


# A page's update or publication stamp before the first sentence: "Updated May 8 at 1:15 a.m. ET Officials say …",
# "Bijgewerkt 12 maart 2020 14:05 uur De minister …" (the stamp ends at a clock time and its zone or "uur")
UPDATE_STAMP = re.compile(r"(?:Last\s+updated|Updated|Posted|Published|Bijgewerkt|Gepubliceerd|Geplaatst)\b:?\s+(?:on\s+)?"
                          r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:\d{4},?\s+)?|\d{1,2}\s+[a-z]{3,9}\.?\s+(?:\d{4},?\s+)?"
                          r"|\d{1,2}[-/]\d{1,2}[-/]\d{2,4},?\s+)?(?:at\s+|om\s+|-\s+)?"
                          r"\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}T?|uur|u)?\s+(?=[A-Z])")


def headline_lines(title: str, text: str) -> set[str]:
    """The title and the lines of the text that are at most 25 words long, without their closing full stop: the
    headlines an article may repeat before a sentence."""
    lines = {line.strip().rstrip(".").strip() for line in text.splitlines()}
    return {h for h in lines | {title.strip().rstrip(".")} if h and len(h.split()) <= 25}


def glued_at(text: str, lower_words: set[str], capital_words: set[str], lang: str | None = "nl") -> int | None:
    """Where a sentence starts inside `text` when a headline or subheading was glued in front of it without
    punctuation ("Historische ontmoeting Trump en Kim Ontmoeting zou …", "… opstelling Noord-Korea Dat zei …").

    The start is a capitalised word right after a word that does not close anything, followed by a lower-case
    word, that is either a function word ("Dat", "De", "The") or a common word of the article: one it writes in
    lower case elsewhere (`lower_words`) and never capitalised inside a sentence (`capital_words`), followed by a
    verb — in Dutch only: English capitalises the common nouns of names ("the Communist Party", "East Coast",
    "the Royal Free Hospital said"). Title-case lines ("Trump Cancels Summit With Kim") are left alone. None when nothing is glued.

    >>> text = "Historische ontmoeting Trump en Kim Ontmoeting zou op 12 juni plaatsvinden"
    >>> text[glued_at(text, {"ontmoeting"}, set()):]
    'Ontmoeting zou op 12 juni plaatsvinden'
    >>> glued_at("Bart De Wever zei dat de top doorgaat.", set(), set()) is None
    True
    >>> glued_at("Video A military plane was shot down.", set(), set(), "en")
    6
    >>> glued_at("Video A Ukrainian military plane was shot down.", set(), set(), "en")
    6
    >>> glued_at("Follow RT on A plane has crashed.", set(), set(), "en")
    13
    >>> t = "Spokesman says planes were brought down near the site of the crash Pro-Russia rebels have shot down two jets."
    >>> t[glued_at(t, {"pro-Russia", "rebels"}, set(), "en"):]
    'Pro-Russia rebels have shot down two jets.'
    """
    if (credit := PHOTO_CREDIT.search(text)) and len(text) - credit.end() > 20:
        return credit.end()  # "… a new virus Roslan Rahman/AFP via Getty Images A new coronavirus …"
    if (lead := CREDIT_LEAD.match(text)) and len(text) - lead.end() > 20:
        return lead.end()  # "Credit:AP The investigators said …"
    if (quote := QUOTE_SAID.match(text)) and len(text) - quote.end() > 20 \
            and text[quote.end():].split(None, 1)[0].strip(",.").lower() not in _CALENDAR:
        return quote.end()  # "\"We didn't do it,\" Churkin said Pro-Russia rebels claimed …"
    if (post := POST_SIGNATURE.search(text)) and len(text) - post.end() > 20:
        return post.end()  # "… — Ann Lee (@annlee) May 21, 2018 Officials said …"
    if (stamp := UPDATE_STAMP.match(text)) and len(text) - stamp.end() > 20:
        return stamp.end()  # "Updated May 8 at 1:15 a.m. ET Officials say …"
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text)]
    if len(words) > 4 and words[0][1] in ("Advertisement", "Advertentie", "ADVERTISEMENT", "ADVERTENTIE") \
            and words[1][1][:1].isupper():
        return words[1][0]  # an ad slot's label: "Advertisement Violence in the region has left …"
    if len(words) > 2 and words[0][1].lower() in LABELS and words[1][1].lower() in _GLUE_WORDS \
            and words[1][1][:1].isupper() and (words[2][1][:1].islower() or words[1][1] in _ARTICLES
                                                and len(words) > 3 and words[3][1][:1].islower()):
        return words[1][0]  # "Video A military transport aircraft …", "Video A Ukrainian military transport …"
    if words and words[0][1] in ("Follow", "Volg"):  # a share widget: "Follow RT on A Malaysia Airlines plane …"
        on = next((k for k in range(2, min(len(words) - 1, 5)) if words[k][1] in ("on", "op")), None)
        if on is not None and words[on + 1][1][:1].isupper() and words[on + 1][1].lower() in _GLUE_WORDS:
            return words[on + 1][0]  # not "Follow him on Twitter."
    long_words = [w for _, w in words if len(w) > 3 and w[:1].isalpha()]
    if long_words and sum(w[:1].isupper() for w in long_words) > 0.6 * len(long_words):
        return None  # a title-case line
    for i in range(1, min(len(words) - 1, 16 if lang == "nl" else ENGLISH_STANDFIRST_WORDS)):
        start, word = words[i]
        prev, nxt = words[i - 1][1], words[i + 1][1]
        if _opener_glued(i, prev, word, nxt):
            return start
        if i < 2:
            if prev.isalpha() and prev[:1].isupper() and prev[1:].islower() and word in _HEADING_GLUE \
                    and (lang or "nl") in ("nl", "en") and nxt.isalpha() and nxt.islower():
                return start  # a one-word subheading: "Onderzoek De stap …", "Background The crash …" (not "Plan A was …")
            continue
        if prev[-1:] in _CLOSES or not (word[:1].isupper() and word[1:2].islower()) or not nxt[:1].islower():
            continue
        low = word.lower().strip(",.;:")
        if low in _GLUE_BY_LANG.get(lang or "", _GLUE_WORDS) and i < 16 and word[-1:].isalpha():
            return start  # not "for Elle in 2015" in English, nor "pop group Take That, was"
        if lang == "nl":
            if glued_start(word, nxt, lower_words, capital_words):
                return start
        elif i >= 6 and prev.isalpha() and prev[:1].islower() and prev not in _BEFORE_NAMES \
                and _english_sentence_start(word, [w for _, w in words[i + 1:i + 3]], lower_words, capital_words):
            return start
    return None


# Words that open a sentence with its time or its subject and are never capitalised inside one, Dutch and English:
# capitalised right after a lower-case word, before a date, a number or a lower-case word, they start a sentence
# glued onto a subheading ("Black boxes On Tuesday evening the two recorders …", "Hope for clues Most of those who
# died …"); right after a one-word subheading, before a date or a number ("Vingerafdruk Op 23 juni 2014 vertrok …").
_OPENERS = frozenset("on in at op om sinds since na after most many eerder earlier previously gisteren yesterday "
                      "meanwhile intussen inmiddels".split())
_CALENDAR = frozenset(w for lex in (LEXICONS["nl"], LEXICONS["en"]) for w in (*lex.full_months, *lex.weekdays))


def _opener_glued(i: int, prev: str, word: str, nxt: str) -> bool:
    """Whether `word` (the i-th of a line, after `prev`, before `nxt`) opens a sentence glued onto a subheading."""
    if word.lower() not in _OPENERS or not (word[:1].isupper() and word[1:].islower()):
        return False
    dated = nxt[:1].isdigit() or nxt.lower().strip(",.") in _CALENDAR
    if i == 1:
        return prev.isalpha() and prev[:1].isupper() and prev[1:].islower() and dated
    return prev.isalpha() and prev.islower() and (dated or nxt.isalpha() and nxt.islower())


# words that stand before a name or a title inside an English sentence ("the Queen", "Department of Education")
_BEFORE_NAMES = frozenset("the a an of and or in on at to for from by with as into onto than that about including "
                          "like via per against between among during since until after before under over near "
                          "towards toward his her their its our your my whose which who".split())
ENGLISH_STANDFIRST_WORDS = 32  # an English standfirst ("… from site of Malaysia Airlines crash") is this long at most


def _english_sentence_start(word: str, after: list[str], lower_words: Collection[str],
                            capital_words: Collection[str]) -> bool:
    """An English sentence glued onto a standfirst: a capitalised common word of the article (written in lower case
    elsewhere, never capitalised inside a sentence) that opens a clause: a plain lower-case verb next, or a plain
    lower-case word and then a verb ("… Malaysia Airlines crash Pro-Russia rebels have shot down …")."""
    if not word.replace("-", "").isalpha() or word[:1].lower() + word[1:] not in lower_words or word in capital_words:
        return False

    def plain(w: str) -> bool:  # not "Families vs Assault Rifles", "Gay and Lesbian Advocates"
        return w.isalpha() and w.islower() and w not in _BEFORE_NAMES and w != "vs"

    if not after or not plain(after[0]):
        return False
    return verbish(after[0], "en") or (len(after) > 1 and plain(after[1]) and verbish(after[1], "en"))


def vocabulary(text: str) -> tuple[set[str], set[str]]:
    """The words an article writes in lower case, and those it capitalises inside a sentence more than once
    (once may be the glued headline itself)."""
    lower: set[str] = set()
    counts: Counter[str] = Counter()
    previous = "."
    for m in _WORD.finditer(text):
        word = m.group(0).strip(",.;:!?\"'”“()")
        if word[:1].islower():
            lower.add(word)
        elif word[:1].isupper() and previous[-1:] not in ".!?:\"”“'" and "\n" not in text[m.start() - 2:m.start()]:
            counts[word] += 1
        previous = m.group(0)
    return lower, {w for w, n in counts.items() if n > 1}
