"""Time expressions in Dutch, English and German, found and normalised against the publication date.

`extract_time_mentions` finds dates, ranges, weekdays, relative expressions, times, durations and sets
and resolves them to TIMEX-like values relative to the article's publication date, which may be known
to the day, the month, the year or not at all. An expression that needs more of the publication date
than is known stays unresolved, with the reason.

>>> [(m.text, m.value) for m in extract_time_mentions("De top op 12 juni werd zaterdag afgeblazen.", "nl", "2018-05")]
[('12 juni', '2018-06-12'), ('zaterdag', 'XXXX-WXX-6')]
>>> extract_time_mentions("De top werd zaterdag afgeblazen.", "nl", "2018-05")[0].reason
'weekday needs a publication day, article dated only to the month'
>>> [(m.text, m.value, m.modifier) for m in extract_time_mentions("Eind april sprak hij Kim.", "nl", "2018-05-30")]
[('Eind april', '2018-04', 'end')]
"""

from __future__ import annotations

from ...models import TimeMention
from .combine import apply_modifiers, combine, find_candidates, select, to_date
from .grammar import grammar
from .resolve import reference
from .values import finish

__all__ = ["extract_time_mentions", "reference"]


def extract_time_mentions(text: str, lang: str, published: str | None, precision: str | None = None) -> list[TimeMention]:
    """Time expressions of `text` in `lang`, resolved against the publication date `published` (stored form).

    >>> [(m.text, m.value, m.kind) for m in extract_time_mentions("Two days ago he left. At 3 pm.", "en", "2018-06-14")]
    [('Two days ago', '2018-06-12', 'date'), ('At 3 pm', 'T15:00', 'time')]
    """
    if not text:
        return []
    g = grammar(lang)
    ref = reference(published, precision)
    cands = select(find_candidates(text, g), len(text))
    for c in cands:
        apply_modifiers(c, text, g, fuzzy_only=True)
    cands = combine(cands, text, g)
    if "date" in text or "heden" in text or "toe" in text or "heute" in text or "dato" in text:
        cands = sorted(cands + to_date(text, cands), key=lambda c: c.start)
    mentions = []
    for c in cands:
        apply_modifiers(c, text, g)
        mentions.append(finish(c, text, g, ref))
    return mentions


