"""User search queries: a safe subset parsed and rendered to FTS5 syntax, and a time budget per query.

What a user may write (everything else is read as plain words):

- words: ``Schiphol krimp`` (all of them must occur);
- "phrases": ``"Kim Jong-un"``;
- prefixes: ``klimaat*`` (at least :data:`MIN_PREFIX` letters before the star);
- ``AND``, ``OR``, ``NOT`` in capitals between two parts (``brexit NOT may``), and parentheses for grouping.

FTS5's own syntax (``NEAR(...)``, column filters such as ``title:``, ``^``, ``+``) is neutralised: every word
is rendered as a quoted string, so FTS5 reads it as a plain term. A query may hold at most
:data:`MAX_QUERY_CHARS` characters, :data:`MAX_TERMS` words and :data:`MAX_PREFIXES` prefixes; a longer
one is refused with a :class:`~storyline.errors.QueryError` that says why, as is a prefix that is too short
(``a*`` expands to most of the index). :func:`time_budget` stops a query that still runs too long.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import QueryError, SearchMessages, SearchTimeout

MAX_QUERY_CHARS = 256
MAX_TERMS = 16
MAX_PREFIXES = 4
MAX_DEPTH = 4
MIN_PREFIX = 3
# How often (in SQLite virtual-machine instructions) the time budget is checked.
PROGRESS_STEPS = 2_000
_OPERATORS = ("AND", "OR", "NOT")
# A colon separates words (FTS5 would read ``title:`` as a column filter); other punctuation inside a word
# makes it a phrase of its parts, as the index splits it too (``Jong-un``, ``10.30``).
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<open>\()|(?P<close>\))|(?P<word>[^\s"():]+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Token:
    kind: str  # word, phrase, op, open, close
    text: str


def _tokens(query: str) -> list[_Token]:
    found = []
    for m in _TOKEN.finditer(query):
        if m["phrase"] is not None:
            found.append(_Token("phrase", m["phrase"]))
        elif m["open"]:
            found.append(_Token("open", "("))
        elif m["close"]:
            found.append(_Token("close", ")"))
        else:
            word = m["word"]
            found.append(_Token("op" if word in _OPERATORS else "word", word))
    return found


class _Parser:
    """Recursive descent over the tokens: or := and (OR and)*; and := item ([AND] item | NOT item)*.

    An operator that does not stand between two parts (``OR`` at the start, ``AND`` at the end) and a
    parenthesis without its partner are read as nothing: a search box should not answer with a syntax error.
    """

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.terms = 0
        self.prefixes = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def starts_item(self) -> bool:
        token = self.peek()
        return token is not None and token.kind in ("word", "phrase", "open")

    def parse(self) -> str | None:
        parts = []
        while self.pos < len(self.tokens):
            part = self.or_expr(0)
            if part is not None:
                parts.append(part)
            elif self.pos < len(self.tokens):
                self.pos += 1  # a stray operator or closing parenthesis
        return " AND ".join(parts) if parts else None

    def or_expr(self, depth: int) -> str | None:
        parts = [p for p in [self.and_expr(depth)] if p is not None]
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "OR":
            self.pos += 1
            part = self.and_expr(depth)
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else " OR ".join(parts)

    def and_expr(self, depth: int) -> str | None:
        """Parts joined by AND (written or implied) and NOT; ``a b NOT c`` is ``(a AND b) NOT c``, the same set as
        FTS5's ``a AND (b NOT c)``."""
        left = self.item(depth)
        while (token := self.peek()) is not None:
            if token.kind == "op" and token.text == "AND":
                self.pos += 1
                continue
            if token.kind == "op" and token.text == "NOT":
                self.pos += 1
                right = self.item(depth)
                if right is not None and left is None:
                    raise QueryError(SearchMessages.LONE_NOT)
                if right is not None:
                    left = f"({left} NOT {right})"
                continue
            if not self.starts_item():
                break
            right = self.item(depth)
            if right is not None:
                left = right if left is None else f"({left} AND {right})"
        return left

    def item(self, depth: int) -> str | None:
        token = self.peek()
        if token is None or token.kind in ("op", "close"):
            return None
        self.pos += 1
        if token.kind == "open":
            if depth >= MAX_DEPTH:
                raise QueryError(SearchMessages.TOO_DEEP.format(depth=MAX_DEPTH))
            inner = self.or_expr(depth + 1)
            if (close := self.peek()) is not None and close.kind == "close":
                self.pos += 1
            return None if inner is None else f"({inner})"
        if token.kind == "phrase":
            return self.phrase(token.text)
        return self.word(token.text)

    def count(self, words: int) -> None:
        self.terms += words
        if self.terms > MAX_TERMS:
            raise QueryError(SearchMessages.TOO_MANY_TERMS.format(limit=MAX_TERMS))

    def phrase(self, text: str) -> str | None:
        words = _WORD.findall(text)
        if not words:
            return None
        self.count(len(words))
        return '"' + " ".join(words) + '"'

    def word(self, text: str) -> str | None:
        prefix = text.endswith("*")
        words = _WORD.findall(text)
        if not words:
            return None
        self.count(len(words))
        rendered = '"' + " ".join(words) + '"'
        if not prefix:
            return rendered
        if len(words[-1]) < MIN_PREFIX:
            raise QueryError(SearchMessages.SHORT_PREFIX.format(word=text, minimum=MIN_PREFIX))
        self.prefixes += 1
        if self.prefixes > MAX_PREFIXES:
            raise QueryError(SearchMessages.TOO_MANY_PREFIXES.format(limit=MAX_PREFIXES))
        return rendered + "*"


def fts_query(query: str) -> str | None:
    """The FTS5 MATCH expression for a user's search query, or None when it holds no word to search for.

    Raises :class:`QueryError` (with a message for the user) when the query is over a limit.

    >>> fts_query('Kim Jong-un')
    '("Kim" AND "Jong un")'
    >>> fts_query('"Kim Jong-un" OR brexit NOT may')
    '"Kim Jong un" OR ("brexit" NOT "may")'
    >>> fts_query('NEAR(title:klimaat^ akkoord*)')
    '("NEAR" AND ((("title" AND "klimaat") AND "akkoord"*)))'
    >>> fts_query('OR ) * "')
    """
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(SearchMessages.TOO_LONG.format(chars=len(query), limit=MAX_QUERY_CHARS))
    return _Parser(_tokens(query)).parse()


def phrase_query(text: str) -> str | None:
    """An FTS5 expression for `text` read as one phrase (its words in this order), or None without words."""
    words = _WORD.findall(text)[:MAX_TERMS]
    return '"' + " ".join(words) + '"' if words else None


@contextlib.contextmanager
def time_budget(conn: sqlite3.Connection, seconds: float | None) -> Iterator[None]:
    """Stop any statement on `conn` that runs past `seconds` inside this block (:class:`SearchTimeout`)."""
    if seconds is None:
        yield
        return
    deadline = time.monotonic() + seconds
    expired = False

    def check() -> int:
        nonlocal expired
        expired = time.monotonic() > deadline
        return 1 if expired else 0  # non-zero interrupts the statement

    conn.set_progress_handler(check, PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if expired or "interrupted" in str(exc):
            raise SearchTimeout(SearchMessages.TIMEOUT.format(seconds=f"{seconds:g}")) from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
