"""Sentence splitting that does not break on Dutch and English abbreviations or initials."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    o.a a.s al bijv bv blz ca d.w.z dhr dr drs e.a e.d e.v enz etc evt fa i.p.v ing ir jl jhr jr kol m.b.t m.u.v
    mevr mr mw n.a.v nl nr o.b.v o.l.v p.m pag prof resp sr st t.a.v t.o.v vgl vnl vs z.g ir ing ds mgr gen lt
    min pres sen rep gov mt mrs ms mr messrs jan feb mrt apr jun jul aug sep sept okt oct nov dec i.e e.g no
    inc ltd co corp dept est fig approx vol ed cf al u.s u.k u.n e.u v.s
    maj col sgt capt cpl pvt adm cmdr supt insp
    """.split()
)
# A candidate boundary: end punctuation, optional closing quotes/brackets, white space, then an
# opening quote, bracket, digit or capital.
_BOUNDARY_RE = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘„«,(\[]*[A-Z0-9\u00c0-\u00de])")
_TOKEN_BEFORE_RE = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`; paragraph breaks always end a sentence.

    >>> t = "Dhr. J. de Vries sprak o.a. met prof. Bos. Daarna ging hij naar huis."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Dhr. J. de Vries sprak o.a. met prof. Bos.', 'Daarna ging hij naar huis.']
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group(0)
        for match in _BOUNDARY_RE.finditer(chunk):
            if match.group(1) == "." and _is_abbreviation(chunk[: match.start(1)]):
                continue
            end = para.start() + match.end(2)
            if text[start:end].strip():
                spans.append(_trim(text, start, end))
            start = para.start() + match.end(3)
        if text[start:para.end()].strip():
            spans.append(_trim(text, start, para.end()))
    return spans


QUOTE_UNIT_SENTENCES = 4  # a quotation longer than this many sentences is not held together
QUOTE_UNIT_CHARS = 700


def quote_open(text: str) -> bool:
    """Whether `text` leaves a quotation open: more curly or low quotes opened than closed (a „ … “ pair closes with
    “), or an odd number of straight double quotes. Single quotes are apostrophes too and do not count.

    >>> quote_open(",,De bijeenkomst was heel goed."), quote_open('We never would," he said.')
    (True, True)
    >>> quote_open("„Nee“, zei hij."), quote_open('"Yes," he said.'), quote_open("“Nee”, zei hij.")
    (False, False, False)
    """
    low = text.count("„") + text.count(",,")
    opens = low + text.count("«") + (0 if low else text.count("“"))
    closes = text.count("”") + text.count("»") + (text.count("“") if low else 0)
    return opens > closes or text.count('"') % 2 == 1


def quote_units(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans with a quotation that runs over several sentences held in one span, up to the sentence that
    closes it ("“We didn't do it. We never would,” Churkin said."), so that no sentence shows a quote cut off its
    speaker; within one paragraph, at most `QUOTE_UNIT_SENTENCES` sentences and `QUOTE_UNIT_CHARS` characters,
    else the spans stay as they are.

    >>> t = '"We did not do it. We never would," he said. Then he left.'
    >>> [t[a:b] for a, b in quote_units(t, split_sentences(t))]
    ['"We did not do it. We never would," he said.', 'Then he left.']
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        a, b = spans[i]
        j = i
        while quote_open(text[a:spans[j][1]]) and j + 1 < len(spans) and j + 1 - i < QUOTE_UNIT_SENTENCES \
                and spans[j + 1][1] - a <= QUOTE_UNIT_CHARS and "\n" not in text[spans[j][1]:spans[j + 1][0]]:
            j += 1
        if j > i and not quote_open(text[a:spans[j][1]]):
            out.append((a, spans[j][1]))
            i = j + 1
        else:
            out.append((a, b))
            i += 1
    return out


def sentences(text: str) -> list[str]:
    """The sentences of `text` as strings."""
    return [text[a:b] for a, b in split_sentences(text)]


def _is_abbreviation(before: str) -> bool:
    match = _TOKEN_BEFORE_RE.search(before[-40:])  # only the tail: searching the whole prefix is quadratic
    if not match:
        return False
    raw = match.group(1).lstrip("(\"'‘“,")
    token = raw.lower()
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "J. de Vries"
    if is_acronym(raw):
        return False  # "door de VS. Toen ...": an acronym ending a sentence, not "vs." (versus)
    return token in ABBREVIATIONS or token.rstrip(".") in ABBREVIATIONS


def is_acronym(word: str) -> bool:
    """Two or more capitals without inner dots ("VS", "NAVO"): a name, never an abbreviation that keeps its dot."""
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
