"""Turning untrusted article text into HTML: everything is escaped first, markup is added after.

>>> str(highlight("<b>Kim</b> «Jong-un» & co"))
'&lt;b&gt;Kim&lt;/b&gt; <mark>Jong-un</mark> &amp; co'
>>> str(highlight("stray » and «open"))
'stray  and open'
>>> str(annotate("Kim met Trump.", [Span(8, 13, "entity", "PER")]))
'<p>Kim met <mark class="ann ann-entity" data-kind="PER" title="PER">Trump</mark>.</p>'
>>> safe_url("javascript:alert(1)") is None, safe_url("https://example.org/a")
(True, 'https://example.org/a')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup, escape

from .humanize import human_date, human_span, human_timestamp, source_details_label, source_label

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
MARKS = ("«", "»")


def highlight(snippet: str | None, marks: tuple[str, str] = MARKS) -> Markup:
    """A search snippet as HTML: escaped, then the store's match markers turned into <mark> (unpaired ones dropped)."""
    escaped = str(escape(snippet or ""))
    opened, closed = re.escape(str(escape(marks[0]))), re.escape(str(escape(marks[1])))
    html = re.sub(f"{opened}(.*?){closed}", r"<mark>\1</mark>", escaped, flags=re.S)
    html = re.sub(f"{opened}|{closed}", "", html)
    return Markup(html)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of article text to highlight: `kind` is 'entity' or 'date'; `label` e.g. PER, LOC, 2018-06-12."""

    start: int
    end: int
    kind: str
    label: str = ""


def annotate(text: str, spans: list[Span] | tuple[Span, ...] = ()) -> Markup:
    """Article text as escaped paragraphs, with `spans` (character offsets into `text`) wrapped in <mark>.

    Overlapping, out-of-range and paragraph-crossing spans are skipped. This is where entity and date highlighting plug in:
    the article page passes the spans it gets from :func:`storyline.web.pages.annotation_spans`.
    """
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text) and "\n\n" not in text[s.start:s.end]),
                   key=lambda s: (s.start, -s.end))
    out, pos = [], 0
    for span in spans:
        if span.start < pos:
            continue
        out.append(str(escape(text[pos:span.start])))
        kind = re.sub(r"[^a-z0-9-]", "", span.kind.lower()) or "x"
        out.append(f'<mark class="ann ann-{kind}" data-kind="{escape(span.label)}" title="{escape(span.label)}">'
                   f"{escape(text[span.start:span.end])}</mark>")
        pos = span.end
    out.append(str(escape(text[pos:])))
    html = "".join(out)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    return Markup("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) link, else None (so javascript: and data: URLs are never made links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def short_source(name: str | None) -> str:
    """A source for display: an outlet as it is, a web address as its host, a file location as its file name.

    >>> short_source("/work/data/sample/articles/txt/001.txt"), short_source("NOS"), short_source("https://www.nos.nl/a")
    ('001.txt', 'NOS', 'nos.nl')
    """
    return source_label(name)


@pass_context
def pretty_date(context: Any, value: str | None, precision: str | None = None) -> str:
    """A stored date for reading, in the page's interface language and at its precision (storyline.web.humanize)."""
    return human_date(value, context.get("ui", "en"), precision or None)


@pass_context
def pretty_span(context: Any, start: str | None, end: str | None) -> str:
    """A period for reading, e.g. "mei 2018 – juli 2021"."""
    return human_span(start, end, context.get("ui", "en"))


@pass_context
def pretty_timestamp(context: Any, value: str | None) -> str:
    """A moment the program recorded (ingest time), for reading."""
    return human_timestamp(value, context.get("ui", "en"))


def environment() -> Environment:
    """The Jinja2 environment of the web app; autoescaping is on for every template."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["highlight"] = highlight
    env.filters["annotate"] = annotate
    env.filters["safe_url"] = safe_url
    env.filters["short_source"] = short_source
    env.filters["pretty_date"] = pretty_date
    env.filters["pretty_span"] = pretty_span
    env.filters["pretty_timestamp"] = pretty_timestamp
    env.filters["source_name"] = source_details_label
    return env
