"""Timeline style: a sentence shown under its date does not say that date again (pure).

Human-written timelines read "BP pumps cement into the well", not "BP on Tuesday pumped cement into
the well on 17 September": the entry's date is already printed next to it. `without_own_date`
removes the time expressions that name the entry's own date, with the preposition that introduces
them ("on", "op", "am", "as of" …) and a clock time that follows ("Tuesday, April 29, 2010; 4:49 PM");
expressions naming any other date stay, and so does one joined to another ("on Sunday or Monday",
"Wednesday's decline"). Nothing else in the sentence changes.
"""

from __future__ import annotations

import re

_INTRO = re.compile(  # what introduces a time expression and goes with it
    r"(?:\b(?:as\s+of|early|late|earlier|later)\s+(?:on\s+)?|\b(?:on|in|at|by|op|om|am|im|an|le)\s+)$", re.IGNORECASE)
_JOINED_BEFORE = re.compile(
    r"\b(?:or|and|to|between|from|through|until|till|nor|en|tot|tussen|und|bis|oder|zwischen|et|ou|(?<!as\s)of)\s+$",
    re.IGNORECASE)
_JOINED_AFTER = re.compile(r"^(?:\s*(?:or|and|to|through|until|till|en|of|tot|und|bis|oder|et|ou)\b|\s*[-–—/]\s*\d|['’]s?\b)",
                           re.IGNORECASE)
_CLOCK = re.compile(r"^[\s;,]*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:ET|EDT|EST|CT|PT|GMT|BST|UTC|CET|CEST)\b)?",
                    re.IGNORECASE)
MIN_WORDS = 4  # a sentence that would keep fewer words than this is shown as it is


def without_own_date(text: str, spans: list[tuple[str, int, int]], key: str | None) -> str:
    """`text` without the time expressions (`spans`: date, start, end) that name the date `key`.

    >>> def spans(text, *said):  # (date, start, end) as the time tagger gives them
    ...     return [(d, text.index(w), text.index(w) + len(w)) for d, w in said]
    >>> s = "BP on Tuesday pumped cement into the well, officials said late on Tuesday."
    >>> without_own_date(s, spans(s, ("2010-09-14", "Tuesday"), ("2010-09-14", "Tuesday.")), "2010-09-14")
    'BP pumped cement into the well, officials said.'
    >>> s = "On 12 June, Trump and Kim meet; the talks were set on 10 May."
    >>> without_own_date(s, spans(s, ("2018-06-12", "12 June"), ("2018-05-10", "10 May")), "2018-06-12")
    'Trump and Kim meet; the talks were set on 10 May.'
    >>> s = "Shares fell on Sunday or Monday morning."
    >>> without_own_date(s, spans(s, ("2010-01-17", "Sunday")), "2010-01-17")
    'Shares fell on Sunday or Monday morning.'
    """
    if not key or not spans:
        return text
    cuts: list[tuple[int, int]] = []
    for a, b in sorted((a, b) for date, a, b in spans if date == key):
        if b > a + 4 and text[b - 1] == ".":
            b -= 1  # the sentence's full stop
        if _JOINED_BEFORE.search(text[:a]) or _JOINED_AFTER.search(text[b:]):
            continue
        intro = _INTRO.search(text[:a])
        if intro:
            a = intro.start()
        clock = _CLOCK.match(text[b:])
        if clock and (not text[:a].strip() or text[b:b + 1] in ";,"):
            b += clock.end()
        if cuts and a < cuts[-1][1]:
            continue
        cuts.append((a, b))
    if not cuts:
        return text
    parts, last = [], 0
    for a, b in cuts:
        parts.append(text[last:a])
        last = b
    parts.append(text[last:])
    out = _tidy("".join(parts))
    return out if len(out.split()) >= MIN_WORDS else text


def _tidy(text: str) -> str:
    """Spaces and punctuation put right after a cut."""
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"([,;:])\s*(?=[,;:.!?])", "", text)
    text = re.sub(r",\s*\(", " (", text)
    text = re.sub(r"\|\s*\|", "|", text)
    text = re.sub(r"^[\s,;:|*\\\-–—]+", "", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text
