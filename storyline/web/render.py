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
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

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
    """A source for display: an outlet as it is, a file location shortened to its last two path parts.

    >>> short_source("/work/data/sample/articles/txt/001.txt"), short_source("NOS")
    ('txt/001.txt', 'NOS')
    """
    name = name or ""
    if "://" not in name and (name.startswith(("/", "~", ".")) or re.match(r"^[A-Za-z]:[\\/]", name)):
        parts = [p for p in re.split(r"[\\/]", name) if p]
        return "/".join(parts[-2:]) if parts else name
    return name


def pretty_date(value: str | None) -> str:
    """A stored publication date for reading: minutes without seconds, the offset kept.

    >>> pretty_date("2023-07-07T15:20:00+02:00"), pretty_date("2022-06"), pretty_date("2024-01-02T08:00:00Z")
    ('2023-07-07 15:20 +02:00', '2022-06', '2024-01-02 08:00 UTC')
    """
    if not value:
        return ""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?", value)
    if not match:
        return value
    day, time, zone = match.groups()
    return f"{day} {time}" + (" UTC" if zone == "Z" else f" {zone}" if zone else "")


def environment() -> Environment:
    """The Jinja2 environment of the web app; autoescaping is on for every template."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["highlight"] = highlight
    env.filters["annotate"] = annotate
    env.filters["safe_url"] = safe_url
    env.filters["short_source"] = short_source
    env.filters["pretty_date"] = pretty_date
    return env
