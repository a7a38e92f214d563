r"""Small helpers the renderers share: dates and languages as people read them, safe text for Markdown.

>>> display_date("2018-06-12"), display_date("2018-06"), display_date("2018-06", estimated=True)
('12 June 2018', 'June 2018', 'after June 2018 (undated)')
>>> display_date("2023-06-08", estimated=True, unknown=False)
'about 8 June 2023 (estimated)'
>>> short_date("2023-03-15T08:00:00+01:00"), short_date(None)
('15 Mar 2023', 'undated')
>>> md_escape('<script>x</script> **bold** [a](javascript:y)')
'&lt;script&gt;x&lt;/script&gt; \\*\\*bold\\*\\* \\[a\\]\\(javascript:y\\)'
>>> print(md_escape("1. AT&T &amp; co"))
1\. AT&T &amp;amp; co
"""

from __future__ import annotations

import html
import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
LANGUAGES = {"nl": "Dutch", "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-=+])")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO date or timestamp, as far as it is known; None when it is not a date."""
    m = _ISO.match(value or "")
    if not m:
        return None
    year, month, day = m.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def display_date(value: str | None, *, estimated: bool = False, unknown: bool | None = None,
                 planned: bool = False) -> str:
    """"12 June 2018", "June 2018" or "2018"; for an estimated timeline entry "about … (estimated)" when its
    content dates it, "after … (undated)" when nothing does (`unknown`, by default the same as `estimated`:
    entries written before estimates had a basis); "November 2023 (planned)" for a plan."""
    parts = date_parts(value)
    if parts is None:
        return "undated"
    year, month, day = parts
    text = str(year)
    if month:
        text = f"{MONTHS[month - 1]} {text}"
        if day:
            text = f"{day} {text}"
    if not estimated:
        return f"{text} (planned)" if planned else text
    return f"after {text} (undated)" if unknown or unknown is None else f"about {text} (estimated)"


def entry_date(entry: dict) -> str:
    """`display_date` of a timeline entry of an export document (`document.py`)."""
    return display_date(entry["date"], estimated=entry["estimated"], unknown=entry.get("date_unknown"),
                        planned=bool(entry.get("planned")))


def short_date(value: str | None) -> str:
    """A compact date for lists: "15 Mar 2023", "Mar 2023", "2023" or "undated"."""
    parts = date_parts(value)
    if parts is None:
        return "undated"
    year, month, day = parts
    if not month:
        return str(year)
    text = f"{MONTHS[month - 1][:3]} {year}"
    return f"{day} {text}" if day else text


def span(start: str | None, end: str | None) -> str:
    """A story's date span, e.g. "Mar 2023 – 15 Dec 2023"."""
    if not start:
        return "undated"
    first, last = short_date(start), short_date(end)
    return first if first == last else f"{first} – {last}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 article", "2 articles"; `many` for an irregular plural.

    >>> plural(1, "article"), plural(0, "article"), plural(3, "story", "stories")
    ('1 article', '0 articles', '3 stories')
    """
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def language_name(code: str | None) -> str:
    """The English name of a language code ("nl" -> "Dutch"); unknown codes as given."""
    return LANGUAGES.get(code or "", code or "unknown")


def one_line(text: object) -> str:
    """Text with every run of white space (newlines included) made one space."""
    return " ".join(str(text or "").split())


def as_sentence(text: object) -> str:
    """Text on one line, ending in punctuation (a headline used as a summary sentence gets a full stop).

    >>> as_sentence("Kim meets Trump"), as_sentence("Really?")
    ('Kim meets Trump.', 'Really?')
    """
    flat = one_line(text)
    return flat if not flat or flat[-1] in ".!?…:;\"'”’»)" else flat + "."


def md_escape(text: object) -> str:
    """Untrusted text for Markdown: on one line, HTML made inert, Markdown syntax backslash-escaped."""
    flat = _MD_ENTITY.sub("&amp;", one_line(text)).replace("<", "&lt;").replace(">", "&gt;")
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    return _MD_BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", flat)


def also_in(lang: str | None) -> str:
    """The label of a timeline alternative (the same event as another language told it): "also in English".

    >>> also_in("en"), also_in("fy"), also_in(None)
    ('also in English', 'also in fy', 'also in another language')
    """
    return f"also in {language_name(lang)}" if lang else "also in another language"


def alternative_cite(alt: dict) -> str:
    """Where a timeline alternative comes from and the date it was told under: "Overijssel Observer, March 2024".

    `alt` is a `TimelineAlternative.to_dict()` (or an export document's alternative): its sources, else its
    article ids, then its date.

    >>> alternative_cite({"sources": ["Observer"], "article_ids": ["a1"], "date": "2024-03"})
    'Observer, March 2024'
    >>> alternative_cite({"sources": [], "article_ids": ["a1", "a2"], "date": "2024-03-12"})
    'a1, a2, 12 March 2024'
    """
    return ", ".join([*(alt.get("sources") or alt.get("article_ids") or []), display_date(alt.get("date"))])


def alternative_html(alt: dict, cite_class: str | None = None) -> str:
    """A timeline alternative as HTML: «the sentence as written» (marked with its language), then its sources and
    date in a ``<small>`` (a ``<span class=…>`` with `cite_class`); every piece of text escaped.

    >>> alternative_html({"text": "<b>Hi</b>", "lang": "en", "sources": ["S"], "date": "2024-03"}, "cite")
    '«<span lang="en">&lt;b&gt;Hi&lt;/b&gt;</span>» <span class="cite">(S, March 2024)</span>'
    """
    lang = f' lang="{html.escape(alt["lang"])}"' if alt.get("lang") else ""
    cite = html.escape(alternative_cite(alt))
    where = f'<span class="{html.escape(cite_class)}">({cite})</span>' if cite_class else f"<small>({cite})</small>"
    return f'«<span{lang}>{html.escape(one_line(alt["text"]))}</span>» {where}'
