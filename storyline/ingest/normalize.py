"""Text clean-up: entities, Unicode, white space, scraper residue and boilerplate lines.

Every function here is pure and idempotent: applying it twice gives the same
result as applying it once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

# Tags that turn up inside text fields of feeds and scraped JSON; anything else
# that looks like a tag is left alone, because news text can contain "<" and ">".
_BLOCK_TAGS = r"p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|tr|table|figure|figcaption|header|footer"
_INLINE_TAGS = r"a|b|i|u|em|strong|span|small|sup|sub|font|abbr|cite|q|mark|s|strike|time|img|wbr"
_BLOCK_RE = re.compile(rf"</?(?:{_BLOCK_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_INLINE_RE = re.compile(rf"</?(?:{_INLINE_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)

# Invisible and control characters (keeping newline); soft hyphen and zero-width marks.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
# Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) reorder what a
# reader sees (a title can show "exe.txt" for "txt.exe"): always removed. The plain direction marks
# (U+200E, U+200F, U+061C) are needed only in right-to-left text, and kept there.
_BIDI_CONTROL_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_DIRECTION_MARK_RE = re.compile("[\u200e\u200f\u061c]")
_RTL_LETTER_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Lone UTF-16 surrogates (from "\ud800" escapes in JSON) cannot be stored as UTF-8: they become U+FFFD.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACE_RE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")

# Scraper residue glued to the start of the text: "update/videoAmerika ...", "Liveblog|De ...".
_RESIDUE_WORDS = r"update|updates|video|videos|liveblog|live|foto|foto's|fotoserie|breaking|net binnen|audio|podcast|premium|plus|ophef|exclusief|exclusive|watch"
_RESIDUE_RE = re.compile(
    rf"^\s*(?i:{_RESIDUE_WORDS})(?:\s*[/|]\s*(?i:{_RESIDUE_WORDS}))*"
    r"(?:\s*[/|:\u2022\u00b7]\s*|(?=[A-Z\u00c0-\u00de\u2018\u201c\"]))"
)

# Boilerplate lines: photo credits, "read also" teasers, share prompts.
_BOILERPLATE_RES = [
    re.compile(r"^volledig scherm\b.*(?:©|\(c\)|foto|beeld|anp|afp|reuters|epa|ap\b|getty)", re.IGNORECASE),
    re.compile(r"^(?:foto|beeld|photo|image|bron foto|fotografie)\s*:\s*\S.{0,80}$", re.IGNORECASE),
    re.compile(r"^(?:©|\(c\)|copyright)\s*\S.{0,80}$", re.IGNORECASE),
    re.compile(r"^.{0,120}\s©\s*(?:[A-Z][\w.\-/ ]{1,40})$"),
    re.compile(r"^(?:lees ook|lees meer|bekijk ook|zie ook|read more|read also|see also|related)\s*[:|›»>].{0,160}$", re.IGNORECASE),
    re.compile(r"^(?:deel dit artikel|share this article|delen via|share on)\b.{0,80}$", re.IGNORECASE),
    re.compile(r"^(?:advertentie|advertisement|adverteren)$", re.IGNORECASE),
]
# The case-insensitive patterns as one alternation (one scan per line instead of six); the credit
# pattern is case-sensitive and only tried on lines with a © sign.
_CREDIT_RE = _BOILERPLATE_RES[3]
_BOILERPLATE_ANY = re.compile("|".join(f"(?:{rx.pattern})" for rx in _BOILERPLATE_RES if rx is not _CREDIT_RE),
                              re.IGNORECASE)


def unescape_entities(text: str) -> str:
    """Decode HTML entities until nothing changes (``&amp;#239;`` becomes ``ï``).

    >>> unescape_entities("Zo&#235; &amp;amp; co")
    'Zoë & co'
    """
    return _until_stable(html.unescape, text)  # every round that changes something shortens the text, so it ends


def _until_stable(step: Callable[[str], str], text: str) -> str:
    """`step` applied again and again until it changes nothing (it must shorten what it changes, so this ends)."""
    while True:
        changed = step(text)
        if changed == text:
            return text
        text = changed


def strip_tags(text: str) -> str:
    """Remove common HTML tags from a text field, keeping block breaks as newlines.

    >>> strip_tags("<p>Een <b>zin</b>.</p><p>Twee</p>")
    '\\nEen zin.\\n\\nTwee\\n'
    """
    if "<" not in text:
        return text
    text = _COMMENT_RE.sub("", _SCRIPT_RE.sub("", text))
    text = _BLOCK_RE.sub("\n", text)
    return _INLINE_RE.sub("", text)


def starts_with_residue(text: str) -> bool:
    """True when `text` opens with scraper residue (``update/video``, ``LIVE |``, ``Video:``).

    >>> starts_with_residue("Video: the damage"), starts_with_residue("Video shows the damage")
    (True, False)
    """
    return bool(_RESIDUE_RE.match(text))


def strip_residue(text: str) -> str:
    """Remove scraper residue glued to the first word (``update/videoAmerika`` becomes ``Amerika``).

    >>> strip_residue("update/videoAmerika en Noord-Korea")
    'Amerika en Noord-Korea'
    >>> strip_residue("Video shows the damage")
    'Video shows the damage'
    """
    for _ in range(5):
        match = _RESIDUE_RE.match(text)
        if not match or match.end() >= len(text):
            return text
        text = text[match.end():].lstrip()
    return text


def is_boilerplate_line(line: str) -> bool:
    """True for photo credits, teasers and share prompts that are not article text.

    >>> is_boilerplate_line("Volledig scherm Trump en Kim in Singapore. © AFP")
    True
    >>> is_boilerplate_line("Trump en Kim ontmoetten elkaar in Singapore.")
    False
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 240:
        return False
    return bool(_BOILERPLATE_ANY.search(stripped)) or ("©" in stripped and _CREDIT_RE.search(stripped) is not None)


def normalize_text(text: str) -> str:
    """Full clean-up of an article body; idempotent.

    >>> normalize_text(" update/videoAmerika&#39;s  leider\\r\\n\\n\\n\\nVolledig scherm Foto. © ANP\\nKlaar ")
    "Amerika's leider\\n\\nKlaar"
    """
    # One pass is enough unless it could have exposed more to clean (an entity or tag put
    # together by a removal); then repeat until stable. Each pass only shortens the text.
    for _ in range(50):
        cleaned = _normalize_once(text)
        if cleaned == text or not ("&" in cleaned or "<" in cleaned):
            return cleaned
        text = cleaned
    return text


def replace_surrogates(text: str) -> str:
    """The text with lone surrogates (not storable as UTF-8) replaced by U+FFFD.

    >>> replace_surrogates("a" + chr(0xD800) + "b") == "a\ufffdb"
    True
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE_RE.sub("\ufffd", text)
    return text


def strip_bidi_controls(text: str) -> str:
    """The text without bidirectional override/embedding/isolate controls, and without direction marks
    unless it holds right-to-left letters.

    >>> strip_bidi_controls("invoice\u202egnp.exe")
    'invoicegnp.exe'
    """
    if not _BIDI_CONTROL_RE.search(text) and not _DIRECTION_MARK_RE.search(text):
        return text
    text = _BIDI_CONTROL_RE.sub("", text)
    return text if _RTL_LETTER_RE.search(text) else _DIRECTION_MARK_RE.sub("", text)


def _normalize_once(text: str) -> str:
    text = strip_bidi_controls(replace_surrogates(unescape_entities(text)))
    text = strip_tags(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    # NFC after removing invisible characters, which can stand between a letter and its accent
    text = unicodedata.normalize("NFC", _CONTROL_RE.sub("", text))
    if "  " in text or _ODD_SPACE_RE.search(text):  # most texts need nothing here: skip the costly sub
        text = _SPACES_RE.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if not is_boilerplate_line(line)]
    text = "\n".join(lines)
    text = (_MANY_NEWLINES_RE.sub("\n\n", text) if "\n\n\n" in text else text).strip()
    # Residue and credit lines can be stacked at the start ("video/Volledig scherm … © ANP\n…"):
    # peel them off together until the text starts with article text.
    return _until_stable(_peel_residue, text)


def _peel_residue(text: str) -> str:
    """The text without residue at its start, and without its first line when that is a credit or teaser line."""
    peeled = strip_residue(text)
    first, _, rest = peeled.partition("\n")
    return rest.lstrip("\n") if is_boilerplate_line(first) else peeled


def normalize_title(title: str) -> str:
    """Clean a headline: one line, no residue, entities decoded.

    >>> normalize_title("  Kim &amp; Trump\\n ontmoeten elkaar ")
    'Kim & Trump ontmoeten elkaar'
    """
    # Lines are joined first, so that joining cannot make a new boilerplate line afterwards; a decoded
    # entity can still break a line ("SCHERM&#10AP"), and joining that one may, so repeat until stable.
    for _ in range(10):
        cleaned = " ".join(normalize_text(" ".join(title.split())).split())
        if cleaned == title:
            break
        title = cleaned
    return title
