"""What every match of a time-expression pattern must contain: an exact pre-check before the pattern's search.

`find_candidates` searches each pattern in windows around trigger words (`combine._windows`), and in about 19 of
20 windows the pattern finds nothing: the regular-expression engine tries its alternatives at every position of
the window for nothing. `required(pattern)` reads the parsed pattern and gives a search for pieces of text that
every match must contain (literal strings such as "quarter", "uur", or one of the characters of "[-/.]"), or None
when no such piece can be told. A window whose text holds none of the pieces cannot hold a match, so the
pattern is not searched there; a window that holds one is searched as before: the candidates are the pattern's own.

The pieces are looked for in the lower-cased text, as `storyline.text.guard` does (the reasons are written there):
pieces are made of the characters `SAFE` only (ASCII letters and digits, a space and ".,:-/()'"), whose
case-insensitive matches lower-case to themselves, and a text holding "İ", "ı" or "ſ" is never pre-checked.
`tests/text/timex/test_required.py` checks the pieces of every pattern of every language on invented and DFN texts.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any

from ..guard import pieces

SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 .,:-/()'")
_MAX_PIECES = 40  # more alternatives than this search about as slowly as the pattern itself
Pieces = frozenset[str]


def required(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A search (no flags; run it on the lower-cased text) for the pieces every match of `pattern` contains, or None."""
    found = _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    if not found or len(found) > _MAX_PIECES:
        return None
    source = pieces(*sorted(found))
    return _COMPILED.setdefault(source, re.compile(source))  # one object per search: `find_candidates` keeps answers


_COMPILED: dict[str, re.Pattern[str]] = {}


def _better(a: Pieces | None, b: Pieces | None) -> Pieces | None:
    """The more selective of two requirements: longer pieces (up to five characters), then fewer of them."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b, key=lambda s: (-min(5, min(map(len, s))), len(s)))


def _char(code: int) -> str | None:
    ch = chr(code).lower()
    return ch if len(ch) == 1 and ch in SAFE else None


def _charset(items: Any) -> Pieces | None:
    """The characters of a set ("[-/.]", "[1-4]"), when all are SAFE; None for a category (\\d: any script's digits),
    a negation, a wide range or an unsafe character."""
    chars: set[str] = set()
    for kind, value in items:
        codes = [value] if kind is sre.LITERAL else \
            range(value[0], value[1] + 1) if kind is sre.RANGE and value[1] - value[0] < 26 else None
        if codes is None:
            return None
        for code in codes:
            ch = _char(code)
            if ch is None:
                return None
            chars.add(ch)
    return frozenset(chars) or None


_MAX_EXACT = 200  # strings a run of items may spell before it is judged item by item


def _exact(op: Any, av: Any) -> Pieces | None:
    """Every text one parsed item matches, lower-cased, when they are few and of SAFE characters; else None."""
    if op is sre.LITERAL:
        ch = _char(av)
        return frozenset([ch]) if ch is not None else None
    if op is sre.IN:
        return _charset(av)
    if op is sre.SUBPATTERN:
        return _exact_sequence(av[3])
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _exact_sequence(alternative)
            if found is None:
                return None
            union |= found
        return frozenset(union) if len(union) <= _MAX_EXACT else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[1] == 1:  # x? or x{1}
        body = _exact_sequence(av[2])
        if body is None:
            return None
        return body | {""} if av[0] == 0 else body
    return None


def _exact_sequence(items: Any) -> Pieces | None:
    """Every text a sequence of parsed items matches (see `_exact`)."""
    out: set[str] = {""}
    for op, av in items:
        found = _exact(op, av)
        if found is None:
            return None
        out = {a + b for a in out for b in found}
        if len(out) > _MAX_EXACT:
            return None
    return frozenset(out)


def _sequence(items: Any) -> Pieces | None:
    """The pieces one of which every match of a sequence of parsed items contains: the best of its items' and of
    its runs of items whose texts are few enough to spell out ("a" then "pril|ugust": "april", "august")."""
    best: Pieces | None = None
    run: set[str] = {""}
    for op, av in items:
        found = _exact(op, av)
        if found is not None:
            joined = {a + b for a in run for b in found}
            if len(joined) <= _MAX_EXACT:
                run = joined
                continue
        if "" not in run:
            best = _better(best, frozenset(run))
        run = {""} if found is None else set(found)  # a spelled-out item too many starts the next run
        if found is None:
            best = _better(best, _item(op, av))
    if "" not in run:
        best = _better(best, frozenset(run))
    return best


def _item(op: Any, av: Any) -> Pieces | None:
    """What every match of one parsed item contains, None when nothing is sure (or the item matches nothing)."""
    if op is sre.SUBPATTERN:
        return _sequence(av[3])
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _sequence(alternative)
            if not found:
                return None  # one alternative without a sure piece: the branch has none
            union |= found
        return frozenset(union)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _sequence(av[2]) if av[0] >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    return None  # assertions, any character, group references, conditionals: they require no sure piece
