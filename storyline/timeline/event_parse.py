"""Frog's dependency parse for event dates (optional; Dutch only).

When Frog (Debian packages `frog`, `frogdata`) is installed, `FrogLinks` parses Dutch sentences, already
split into storyline's tokens, and returns for every token its part of speech, the index of its head and
its dependency relation. `event_dates.attribute(..., links=...)` then uses one more rule: a time
expression whose preposition Frog attaches to a noun ("de top op 12 juni": `op` is a `mod` of `top`)
names which thing, it does not date the sentence's event. Without Frog, or for other languages, the rules
over tokens decide alone (see docs/timelines.md). Frog runs as a separate server process
(`storyline.text.ner.frog.FrogServer`), started on the first call; it takes tens of seconds to start, so
the timeline does not use it unless asked to.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..models import TimeMention
from ..text.ner.frog import FrogError, FrogServer, frog_status
from ..text.tokens import Token

log = logging.getLogger(__name__)

Link = tuple[str, int, str]  # (part of speech, index of the head token or -1 for the root, relation)


class _ParseServer(FrogServer):
    """A Frog server that keeps the parser and returns (POS, head, relation) for each token."""

    def __init__(self) -> None:
        super().__init__(extra_args=("-n", "--skip=tan"))  # the parser needs the multi-word units (m)

    def row(self, line: str) -> Any:  # (word, POS, head, relation)
        cols = line.rstrip("\n").split("\t")
        word = cols[1] if len(cols) > 1 else ""
        pos = next((c for c in cols[2:] if _POS.match(c)), "")
        filled = [c.strip() for c in cols[2:] if c.strip()]
        head, rel = -1, ""
        if len(filled) >= 2 and filled[-2].isdigit() and not filled[-1].isdigit():
            head, rel = int(filled[-2]) - 1, filled[-1]  # the last two columns: head (1-based, 0 = root), relation
        return word, pos, head, rel


_POS = re.compile(r"^[A-Z]+\(.*\)(?:_[A-Z]+\(.*\))*$")


class FrogLinks:
    """Dependency links of Dutch sentences from Frog; `available()` says whether Frog is installed."""

    def __init__(self) -> None:
        self._server: _ParseServer | None = None

    @staticmethod
    def available() -> tuple[bool, str]:
        return frog_status()

    def links(self, sentences: list[list[Token]]) -> list[list[Link] | None]:
        """For every sentence, one link per token, or None when Frog's tokens did not line up with ours."""
        if self._server is None:
            self._server = _ParseServer()
        words = [[t.text for t in s] for s in sentences]
        keep = [i for i, s in enumerate(words) if s]
        out: list[list[Link] | None] = [None] * len(sentences)
        try:
            rows = self._server.analyse([words[i] for i in keep])
        except FrogError as exc:
            log.warning("frog parse failed (%s): event dates use the rules alone", exc)
            return out
        for i, r in zip(keep, rows, strict=True):
            out[i] = _align(r, len(words[i]))
        return out

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()


def _align(rows: list[Any], n: int) -> list[Link] | None:
    """Frog's rows mapped back onto our n tokens: a multi-word unit ("Kim_Jong-un") covers several tokens, each
    of which takes its row's link; heads point at the first token of their row. None when they do not add up."""
    first: list[int] = []
    owner: list[int] = []
    for k, (word, _, _, _) in enumerate(rows):
        first.append(len(owner))
        owner.extend([k] * max(1, len(word.split("_"))))
    if len(owner) != n:
        return None
    return [(rows[k][1], first[rows[k][2]] if 0 <= rows[k][2] < len(rows) else -1, rows[k][3]) for k in owner]


def attached_to_noun(tokens: list[Token], links: list[Link], m: TimeMention) -> bool:
    """Whether Frog attaches the expression's preposition to a noun or a name ("de top op 12 juni")."""
    inside = [k for k, t in enumerate(tokens) if m.start <= t.start < m.end]
    if not inside:
        return False
    first = inside[0]
    prep = first if links[first][0].startswith("VZ") else first - 1
    if prep < 0 or not links[prep][0].startswith("VZ"):
        return False
    _, head, rel = links[prep]
    if rel != "mod" or not 0 <= head < len(links):
        return False
    head_pos, head_word = links[head][0], tokens[head].text.lower()
    if head_word in _TIME_NOUNS:
        return False  # "vorig jaar op 17 juli": one time expression in two parts, not a noun's date
    return head_pos.startswith("N(") or head_pos.startswith("SPEC(deeleigen)")


_TIME_NOUNS = frozenset("januari februari maart april mei juni juli augustus september oktober november december "
                        "jaar jaren maand maanden week weken dag dagen ochtend middag avond nacht uur eeuw "
                        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag begin eind midden".split())
