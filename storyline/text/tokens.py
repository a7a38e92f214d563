"""Tokens with character offsets, and their lemmas (simplemma), for Dutch and English."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .sentences import ABBREVIATIONS, is_acronym, split_sentences

LEMMA_LANGUAGES = frozenset({"nl", "en", "de", "fr", "es", "it"})

# One token: an abbreviation or initial with its dots ("o.a.", "J.", "U.S."), a number with its
# separators ("3,5", "1.200", "2018-05-12"), a word with inner hyphens and apostrophes
# ("Noord-Korea", "Kim Jong-un", "auto's", "'s-Hertogenbosch"), or one other non-space character.
_TOKEN_RE = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                      # o.a.  U.S.
    | \d+(?:[.,:/-]\d+)*                    # numbers, dates, times
    | '[st](?=-)[\w-]+                      # 's-Hertogenbosch
    | '[st]\b                               # 's 't
    | (?<!\S),,(?=\S)                        # a Dutch opening quote: ,,Zo gaat het
    | [^\W_]+(?:[-'’][^\W_]+)*\.?           # words (a final dot is split off below unless an abbreviation)
    | \S
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class Token:
    """One token: its text and its character span in the source text."""

    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of `text[start:end]`, with offsets into `text`.

    >>> [t.text for t in tokenize("Dhr. J. de Vries zei o.a.: 'Noord-Korea's leider, Kim Jong-un (35)...'")]
    ['Dhr.', 'J.', 'de', 'Vries', 'zei', 'o.a.', ':', "'", "Noord-Korea's", 'leider', ',', 'Kim', 'Jong-un', '(', '35', ')', '.', '.', '.', "'"]
    """
    end = len(text) if end is None else end
    out: list[Token] = []
    for match in _TOKEN_RE.finditer(text, start, end):
        word = match.group(0)
        a, b = match.span()
        if word[-1] == "." and len(word) > 1 and not _keeps_dot(word):
            out.append(Token(word[:-1], a, b - 1))
            out.append(Token(".", b - 1, b))
        else:
            out.append(Token(word, a, b))
    return out


def strip_possessive(word: str) -> str:
    """A word or name without its possessive ending: "Noord-Korea's" -> "Noord-Korea", "Trump's" -> "Trump",
    "Markle’s" -> "Markle", "Reynolds'" -> "Reynolds" (a Dutch plural such as "auto's" loses it too, which is
    its singular).

    >>> strip_possessive("Noord-Korea's"), strip_possessive("Markle’s"), strip_possessive("Reynolds'"), strip_possessive("'s")
    ('Noord-Korea', 'Markle', 'Reynolds', "'s")
    """
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


def _keeps_dot(word: str) -> bool:
    """True for an initial ("J.") or a known abbreviation ("dhr.", "o.a.")."""
    core = word[:-1]
    if len(core) == 1 and core.isalpha() and core.isupper():
        return True
    if is_acronym(core):
        return False  # "de VS." ends a sentence; "vs." (versus) keeps its dot
    return core.lower() in ABBREVIATIONS or "." in core


def sentence_tokens(text: str) -> list[list[Token]]:
    """The tokens of `text`, one list per sentence.

    >>> [[t.text for t in s] for s in sentence_tokens("Prof. Bos kwam. Hij bleef.")]
    [['Prof.', 'Bos', 'kwam', '.'], ['Hij', 'bleef', '.']]
    """
    return [tokenize(text, a, b) for a, b in split_sentences(text)]


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The dictionary form of one word (simplemma); the word itself in an unsupported language.

    >>> lemma("liepen", "nl"), lemma("children", "en"), lemma("Brussel", "nl")
    ('lopen', 'child', 'Brussel')
    """
    if lang not in LEMMA_LANGUAGES or not any(c.isalpha() for c in word):
        return word
    import simplemma

    return simplemma.lemmatize(word, lang=lang)


def lemmas(text: str, lang: str) -> list[tuple[Token, str]]:
    """Every token of `text` with its lemma.

    >>> [l for _, l in lemmas("De huizen werden verkocht.", "nl")]
    ['de', 'huis', 'worden', 'verkopen', '.']
    """
    return [(tok, lemma(tok.text, lang)) for tok in tokenize(text)]


@lru_cache(maxsize=200_000)
def is_known_word(word: str, lang: str) -> bool:
    """Whether simplemma's dictionary knows the (lower-cased) word as an ordinary word."""
    if lang not in LEMMA_LANGUAGES:
        return False
    import simplemma

    return simplemma.is_known(word, lang=lang)


_LINKS = ("s", "en", "e")  # Dutch / German linking morphemes between the parts of a compound (onderzoek-s-raad)


def compound_split(word: str, lang: str, minimum: int = 4) -> tuple[str, str] | None:
    """The two words a closed compound is made of, (first, second) as written, the linking s/e/en dropped: split once,
    at the first point from the left where the dictionary (simplemma) knows both sides, each `minimum` letters or more.

    >>> compound_split("vliegtuigcrash", "nl"), compound_split("onderzoeksraad", "nl"), compound_split("kermis", "nl")
    (('vliegtuig', 'crash'), ('onderzoek', 'raad'), None)
    """
    if not word.isalpha():
        return None
    for i in range(minimum, len(word) - minimum + 1):
        head = word[i:]
        if not is_known_word(head, lang):
            continue
        left = word[:i]
        stems = [left] + [left[: -len(x)] for x in _LINKS if left.endswith(x) and len(left) - len(x) >= minimum]
        stem = next((s for s in stems if is_known_word(s, lang)), None)
        if stem is not None:
            return stem, head
    return None

