"""Cheap exact pre-checks in front of slow case-insensitive searches run on every sentence or text (the timeline's
triggers and page-furniture lines, `text.furniture`'s "read more" links; `text.timex.required` uses its facts).

Patterns such as `dates.TRIGGER` (a hundred month, weekday and relative words between `\\b`s, case-insensitive)
cost Python's regular-expression engine a try of every alternative at every word boundary: about 30 µs a
sentence, and the timeline of a story runs several of them on each of its sentences. Most sentences match none.
A `Guard` first looks for a piece of text that every match of the pattern contains (a literal, searched in the
lower-cased sentence without case folding, or a case-sensitive piece searched in the sentence itself); only a
sentence that holds one is searched with the full pattern. So the answer is always the full pattern's own: a
sentence without any piece cannot match it.

Why the lower-cased sentence may stand for case-insensitive matching: a character that Python's `re.IGNORECASE`
matches to a lower-case letter x lower-cases (`str.lower`) to x, and `str.lower` keeps every character one
character, except for three: "İ" (lower-cases to two characters), "ı" and "ſ" (matched to "i" and "s" without
lower-casing to them). A sentence holding any of the three is searched with the full pattern directly.
`tests/text/test_guard.py` checks these facts over every Unicode code point, and each guarded pattern
against its full form on sentences that exercise every alternative.
"""

from __future__ import annotations

import re

# characters that IGNORECASE matches to an ASCII letter although str.lower() does not give that one letter
ODD = re.compile("[İıſ]")


class Guard:
    """`pattern.search`, answered without the pattern when the text holds none of the pieces a match needs.

    `folded`: a pattern (no flags) of pieces searched in `text.lower()`: lower-case literals, digits (`\\d`) and
    punctuation, each a part that every match of some alternative of `pattern` must contain (case-insensitively).
    `raw`: a pattern (no flags) searched in the text itself, for the case-sensitive alternatives. Every
    alternative of `pattern` must be covered by a piece of one of them.
    """

    __slots__ = ("pattern", "_folded", "_raw")

    def __init__(self, pattern: re.Pattern[str], folded: str, raw: str | None = None) -> None:
        self.pattern = pattern
        self._folded = re.compile(folded)
        self._raw = re.compile(raw) if raw else None

    def search(self, text: str) -> re.Match[str] | None:
        """The first match of the full pattern in `text`, None when there is none."""
        if (text.isascii() or ODD.search(text) is None) and self._folded.search(text.lower()) is None \
                and (self._raw is None or self._raw.search(text) is None):
            return None
        return self.pattern.search(text)


def pieces(*words: str) -> str:
    """A pattern that finds any of the literal `words`, written as a trie ("jan(?:uari|vier)"): the same texts as
    "januari|janvier", found faster since each position tries one branch per first letter, not every word.

    >>> pieces("januari", "janvier", "juni")
    'j(?:an(?:uari|vier)|uni)'
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) if ch else "" for ch, sub in sorted(node.items())]
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" if "" not in alts else "(?:" + "|".join(a for a in alts if a) + ")?"

    return emit(trie)
