"""Page furniture: navigation, index and site pages a scraper stored as if they were articles.

A crawl of news sites brings in home pages ("Home", "Rijksoverheid.nl"), section and tag indexes, site menus and
"about" pages. They are kept (nothing is lost) but flagged as boilerplate, like a text shared by many titles, so
that stories and timelines do not open with them. The signs, any one of which suffices:

- the page is mostly menu lines (short lines that are no sentence) and has at most two sentences of its own;
- it is an index of teasers: "Lees meer" / "Read more" again and again;
- its title is a site's name or a generic page name ("Home", "Zoeken", "Contact", "nos.nl") and its text is short
  or has few sentences of its own;
- it is a cookie or consent wall (`consent_wall`), a web archive's note on its crawls (`archive_note`) or a
  library's catalogue record of a book (`catalogue_record`).

>>> is_page_furniture("Rijksoverheid.nl", "Home\\nOnderwerpen\\nMinisteries\\nDocumenten\\nContact\\nZoeken")
True
>>> is_page_furniture("Kabinet wil Schiphol laten krimpen", "Het kabinet wil het aantal vluchten op Schiphol "
...     "terugbrengen naar 440.000 per jaar. Dat heeft minister Harbers dinsdag bekendgemaakt. De luchtvaartsector "
...     "is boos en spreekt van een zwarte dag. Omwonenden zijn blij met het besluit van het kabinet.")
False
"""

from __future__ import annotations

import re

from .guard import Guard, pieces

GENERIC_TITLES = {
    "home", "homepage", "home page", "start", "startpagina", "welkom", "welcome", "menu", "navigatie", "navigation",
    "zoeken", "search", "zoekresultaten", "search results", "contact", "contactgegevens", "inloggen", "login",
    "log in", "sign in", "registreren", "sitemap", "archief", "archive", "archives", "nieuws", "news",
    "laatste nieuws", "latest news", "alle nieuws", "all news", "nieuwsoverzicht", "overzicht", "overview",
    "index", "onderwerpen", "topics", "categorieën", "categories", "over ons", "about", "about us", "colofon",
    "privacy", "privacyverklaring", "privacy policy", "cookies", "cookiebeleid", "cookie policy", "disclaimer",
    "voorwaarden", "terms of use", "terms and conditions", "pagina niet gevonden", "page not found", "404",
    "403 forbidden", "toegang geweigerd", "access denied", "abonneren", "subscribe", "nieuwsbrief", "newsletter",
    "vacatures", "careers", "jobs", "adverteren", "advertise", "video", "video's", "videos", "foto's", "photos",
    "podcasts", "rss", "agenda", "events", "evenementen", "weer", "weather", "sport", "binnenland", "buitenland",
}
SHORT_PAGE = 600  # characters: a page under a site's or a generic name this short is no article
_SITE_NAME = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:nl|be|com|org|net|eu|uk|de|fr|info|nu|io|news)$", re.I)
_SECTION = re.compile(r"^(?:tag|tags|categorie|category|rubriek|section|archief|archive|onderwerp|topic|auteur|author)"
                      r"\s*[:\-–|]\s*\S"
                      # a clipping service's page named after the paper it comes from ("Clipping from The Daily Appeal")
                      r"|^(?:newspaper\s+)?(?:clipping|knipsel|krantenknipsel)s?\s+(?:from|of|uit|van)\s+\S"
                      # a consent page under the site's name ("Cookies op de Volkskrant", "Privacy settings")
                      r"|^(?:cookies?|privacy)(?:[\s-]?(?:settings|instellingen|beleid|policy|statement|verklaring))?"
                      r"(?:\s+(?:op|on|at|bij|van|of)\s+\S.*)?$", re.I)
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*[|»›]\s*")
_MORE = re.compile(r"\b(?:lees (?:meer|verder)|read (?:more|on)|meer nieuws|more news|bekijk (?:meer|alles)|"
                   r"view all|see all|toon meer|show more)\b", re.I)
# every match holds one of these (case-insensitively): most texts hold none and are never searched with `_MORE`
_MORE_GUARD = Guard(_MORE, pieces("lees meer", "lees verder", "read more", "read on", "meer nieuws", "more news",
                                  "bekijk meer", "bekijk alles", "view all", "see all", "toon meer", "show more"))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


def _own_sentences(text: str) -> int:
    """Sentences of eight words or more: what an article has and a menu does not."""
    return sum(1 for s in _SENTENCE_END.split(text) if s.rstrip().endswith((".", "!", "?")) and len(s.split()) >= 8)


def generic_title(title: str) -> bool:
    """A title naming a site or a kind of page, not an event ("Home", "Rijksoverheid.nl", "Home | NOS", "Tag: X").

    >>> generic_title("Home | NOS"), generic_title("nos.nl"), generic_title("Tag: vogelgriep"), generic_title("Brand in Venlo")
    (True, True, True, False)
    >>> generic_title("Clipping from The Daily Courier"), generic_title("Clipping fees rise in Texas")
    (True, False)
    >>> generic_title("Cookies op de Volkskrant"), generic_title("Privacy settings"), generic_title("Privacy law passes")
    (True, True, False)
    """
    flat = " ".join(title.split()).strip(" .:|-–—").lower()
    if not flat:
        return False
    if flat in GENERIC_TITLES or _SITE_NAME.match(flat) or _SECTION.match(flat):
        return True
    parts = [p.strip() for p in _TITLE_PARTS.split(flat) if p.strip()]
    return len(parts) > 1 and all(p in GENERIC_TITLES or _SITE_NAME.match(p) or len(p.split()) <= 2 for p in parts) \
        and any(p in GENERIC_TITLES for p in parts)


PLATFORMS = r"(?:Twitter|X|Facebook|Instagram|YouTube|TikTok|LinkedIn|Threads|Mastodon|Bluesky)"
_PLATFORM_TAG = re.compile(
    rf"\s*(?:\(@[\w.]+\)\s*)?(?:\s(?:on|op)\s+{PLATFORMS}\b.*|\s*[|/•-]\s*{PLATFORMS}\s*)$|\s*\(@[\w.]+\)\s*$")


def without_platform(title: str) -> str:
    """A social-media page's title without the platform's part: the account is what it names ("X on Twitter",
    "X (@x) / Twitter", "X | Facebook", "X op Instagram: …"). For boilerplate pages, whose text is the platform's.

    >>> without_platform("Apple Music on Twitter"), without_platform("Secretaría de Salud (@saludhn)")
    ('Apple Music', 'Secretaría de Salud')
    >>> without_platform('NOS op Instagram: "Kijk mee"'), without_platform("Gemeente Venlo | Facebook")
    ('NOS', 'Gemeente Venlo')
    """
    return _PLATFORM_TAG.sub("", title).strip()


def is_page_furniture(title: str, text: str) -> bool:
    """Whether a stored page is navigation, an index or a site page rather than an article (see the module)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    counted: list[int] = []

    def sentences() -> int:  # counted when a rule needs them (few texts get that far): the same answer, less work
        if not counted:
            counted.append(_own_sentences(text))
        return counted[0]

    if len(lines) >= 5:
        menu = [line for line in lines if len(line.split()) <= 5 and not line.endswith((".", "!", "?", ":", "”", '"'))]
        if len(menu) >= 0.7 * len(lines) and sentences() <= 2:
            return True
    more = 0 if _MORE_GUARD.search(text) is None else len(_MORE.findall(text))
    if more >= 3 and sentences() <= 3 * more:
        return True
    if consent_wall(text) or archive_note(text) or catalogue_record(text):
        return True
    return generic_title(title) and (sentences() < 4 or len(text) < SHORT_PAGE)


_COOKIE = re.compile(r"cookie", re.I)
_CONSENT = re.compile(r"cookie|privacy|consent|toestemming|accept|instellingen|settings", re.I)
CONSENT_WALL = 2500  # characters: a consent notice is short; an article about cookies is not judged by this rule


def consent_wall(text: str) -> bool:
    """Whether a page is a cookie or consent wall that a crawler stored instead of the article: short, naming cookies
    at least twice, and most of its sentences about cookies, privacy or consent.

    >>> consent_wall("De site gebruikt cookies. Accepteer de cookies om verder te lezen. Privacy-instellingen.")
    True
    >>> consent_wall("The chef baked cookies for the wedding. The cookies were served with tea. Guests danced all night. "
    ...              "The couple left at midnight.")
    False
    """
    if len(text) >= CONSENT_WALL or len(_COOKIE.findall(text)) < 2:
        return False
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    return 2 * sum(1 for s in sentences if _CONSENT.search(s)) > len(sentences) > 0


_ARCHIVE = re.compile(r"\b(?:crawl(?:s|ed|er|ing)?\b|webcrawl|WARC\b|seed\s?(?:list|URLs?|file)|seedsfile|seedlist|"
                      r"Wayback Machine|Internet Archive|web archiv\w*|Heritrix|Alexa Internet)", re.I)
ARCHIVE_NOTE = 3000  # characters: a note on a crawl is short; an archived article after such a note is not one


def archive_note(text: str) -> bool:
    """Whether a page is a web archive's note on its crawls, stored instead of the article: short, its first line
    (or the line after a headline line) about crawls, WARC files, seed lists or the Wayback Machine, and at least
    two such words in all.

    >>> archive_note("This collection holds web crawls of city sites. The WARC files are not public.")
    True
    >>> archive_note("Traffic slowed to a crawl on the A2 on Monday. Police closed two lanes after a crash.")
    False
    """
    if len(text) >= ARCHIVE_NOTE:
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    first = lines[0] if len(lines) < 2 or _ARCHIVE.search(lines[0]) else lines[1]
    return bool(_ARCHIVE.search(first[:300])) and len(_ARCHIVE.findall(text)) >= 2


_CATALOGUE = (re.compile(r"\bISBN\b", re.I), re.compile(r"\bLCCN\b", re.I), re.compile(r"\bOCLC\b", re.I),
              re.compile(r"\bIncludes bibliographical references\b", re.I), re.compile(r"\bIdentifier-ark\b", re.I),
              re.compile(r"\bOpen\s?library", re.I), re.compile(r"\b\d+\s*(?:p\.|pages)\s*(?:;|:)[^.|]{0,20}\b\d+\s*cm\b"))


def catalogue_record(text: str) -> bool:
    """Whether a page is a library's catalogue record of a book (pages and size, bibliography note, ISBN, LCCN,
    OCLC or Open Library numbers: three of these signs), stored as if it were an article. Its metadata read as names
    (Isbn, Lccn, Identifier-ark) and gathered unrelated books into one story.

    >>> catalogue_record("xii, 310 p. : 24 cm | Includes bibliographical references and index | Isbn 0000000000 Lccn 2001000000")
    True
    >>> catalogue_record("The author's new book (ISBN 0000000000) tells the story of the flood of 1953 in Zeeland.")
    False
    """
    return sum(1 for pattern in _CATALOGUE if pattern.search(text)) >= 3
