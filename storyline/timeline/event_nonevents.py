"""Sentences that report no event: page furniture, captions, bylines, link lines, headlines, questions (pure).

`event_dates.attribute` gives such a sentence the kind "none" (the guideline's *none*: "a caption, a byline, a
link list, a question to the reader, … a fragment"). The rules look at the sentence's form only: the words of
page furniture ("Read more", "(Reporting by …)", "This article was amended on …", a video player's "Embed x
Share"), a caption's opening ("In this … photo"), an imperative addressed to the reader ("Lees het hele verhaal hier.",
"Ask for the press office."), and the shape of a teaser or a section label ("Omwonenden: dit is onacceptabel",
"LIVE UPDATES: the storm": a short label, a colon, no closing punctuation). A line wholly between
single quotes is not taken for a repeated headline: Dutch articles write quotations so too.

>>> no_event("Lees het hele verhaal hier."), no_event("Share prices fell sharply.")
(True, False)
>>> no_event("Watch the video: The council will decide on the new bridge in the autumn, the mayor said.")
False
>>> question("Wat gebeurde er?"), question("Hij vraagt zich af: Is dit het einde?")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import TimeMention
from ..text.guard import Guard, pieces

_FURNITURE = re.compile(r"\b\d+\s+(?:hrs?|hours?|mins?|minutes?)\s+ago\b|\bBewerkt door\b|\bA version appeared on\b"
                       r"|\b(?:click|klik) (?:here|hier)\b|^\s*(?:PHOTO|Photo captions?|FOTO)\s*:|"
                       r"\bViews expressed in the comments\b|^\s*(?:Volledig scherm|Lees (?:ook|meer)|Bekijk ook|Read more|"
                       r"See also|Related(?: stories| topics)?)\b|\((?:Reporting|Editing|Writing|Additional reporting) by\b|"
                       r"\ball rights reserved\b|\bfollow us on\b|\b(?:sign up|subscribe) (?:for|to) (?:our|the)\b|"
                       r"\b(?:wrote|posted|schreef):|\bcan ?not play media\b|\b(?:e-?mail|share) this\b|"
                       r"\b(?:turn on|enable|activate|schakel|zet) javascript\b|\bjavascript (?:is )?(?:required|disabled|"
                       r"needed|uitgeschakeld|nodig|vereist)\b"
                       # cookie notices and a web archive's crawl notes ("This site uses cookies to …", "Accepteer de
                       # cookies om deze video te zien", "These files are not publicly accessible")
                       r"|\bcookies?\b(?=.*\b(?:accept\w*|aanvaard\w*|use|uses|gebruik\w*|toestaan|instellingen|settings|"
                       r"privacy|website|device|apparaat)\b)|\b(?:accept\w*|aanvaard\w*|uses?|gebruik\w*|toestaan)\b"
                       r".{0,40}\bcookies?\b|\bcrawl of outlinks\b|\bnot publicly accessible\b", re.IGNORECASE)
# "In this Oct. 18, 2011, file photo, …", "… in this November 12, 2015 photo after …", "Courtesy of …", a photo's
# credit and caption lines ("Image copyright Reuters Image caption The minister …", "Media caption …"): a caption;
# "Arlington, Va.: I heard you say …": a reader's question in a live chat (the reader's place opens it)
_CAPTION = re.compile(r"(?i)\bin this (?:[\w.,]+\s+){0,4}(?:file |handout |undated )?(?:photo|picture|image)\b"
                      r"|^\s*(?:courtesy of|pictured:|(?:image|media|picture) (?:copyright|caption)\b)"
                      r"|(?-i:\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s(?:[A-Z][a-z]{1,4}\.|[A-Z]{2}|D\.C\.)\s?:\s)")
_GLUED_CREDIT = re.compile(r"^\s*(?:Foto|FOTO|Photo|PHOTO)\s*:\s*(?:[A-Z][\w.&/-]*\s+){1,2}(?=[A-Z])")
# "… wonders, Are we accepting …?", "vraagt zich af: Is dit …?": a question reported by the sentence's own clause
_REPORTED_QUESTION = re.compile(r"\b(?:asks?|asked|wonders?|wondered|vraagt|vroeg|vragen|vroegen)\b[^?]{0,40}[,:]\s*"
                                r"[\"“„'‘]?[A-Z]")
# "Lees het hele verhaal hier.", "Ask for the press office.", "Kijk naar de rellen van vorig jaar": an imperative to the reader
# opens the sentence (verbs of reading, watching, asking, following a link; not those that are nouns too:
# "Share prices fell", "Call centres", "Deel van de weg")
_IMPERATIVE = re.compile(r"^\s*(?:Lees|Bekijk|Kijk|Klik|Bel|Volg|Abonneer|Download|Stuur|Luister|"
                         r"Read|Watch|See|Look|Click|Follow|Subscribe|Ask|Visit|Listen|Go to)"
                         r"\b(?!\s*[,:])(?!.*\b(?:zei|zegt|said|says|aldus)\b)")
# a teaser or a section label: "Omwonenden: dit is onacceptabel", "LIVE UPDATES: the storm"
_LABEL_LINE = re.compile(r"^\s*[\w][\w .'’-]{1,40}:\s+\S.{0,100}[^\W_]\s*$")
_AMENDED = re.compile(r"(?i)\b(?:this|the) (?:article|story|post) (?:was|has been) (?:amended|updated|corrected|changed)\b"
                      r"|\b(?:dit|het) (?:artikel|bericht) is (?:aangepast|bijgewerkt|gewijzigd|gecorrigeerd)\b"
                      r"|\bEmbed\s+x\s+Share\b|^\s*(?:this is a developing story|comments are closed|"
                      r"dit (?:artikel|bericht) wordt (?:voortdurend )?bijgewerkt)\b"
                      # more page furniture: sharing and comment prompts, photo credits, player notices
                      r"|^\s*(?:Reageer op|Like us on|Posted in|Get the latest|Continue reading|Story continues)\b"
                      r"|\b(?:AP|AFP|Reuters|EPA|ANP)\s+(?:Photo|Foto)\s*/|\bMedia playback is unsupported\b"
                      r"|\bhave a (?:news )?tip\b")

# The same searches behind a cheap exact pre-check (`guard.py`): a piece of each alternative every match holds.
_FURNITURE_GUARD = Guard(_FURNITURE, pieces(
    "ago", "bewerkt door", "a version appeared on", "click", "klik", "photo", "foto", "views expressed",
    "volledig scherm", "lees ", "bekijk ook", "read more", "see also", "related", "reporting by", "editing by",
    "writing by", "all rights reserved", "follow us on", "sign up", "subscribe", "wrote:", "posted:", "schreef:",
    "play media", "mail this", "share this", "javascript", "cookie", "crawl of outlinks", "publicly accessible"))
_CAPTION_GUARD = Guard(_CAPTION, pieces("in this", "courtesy of", "pictured:", "image copyright", "image caption",
                                        "media copyright", "media caption", "picture copyright", "picture caption"),
                       r",\s(?:[A-Z][a-z]{1,4}\.|[A-Z]{2}|D\.C\.)\s?:\s")
_AMENDED_GUARD = Guard(_AMENDED, pieces(
    "amended", "updated", "corrected", "changed", "aangepast", "bijgewerkt", "gewijzigd", "gecorrigeerd", "embed",
    "developing story", "comments are closed", "reageer op", "like us on", "posted in", "get the latest",
    "continue reading", "story continues", "photo", "foto", "media playback", "have a "))

def no_event(sentence: str) -> bool:
    """Whether the sentence is page furniture, a caption, a byline, a link line or a headline line (no event)."""
    credit = _GLUED_CREDIT.match(sentence)  # "Foto: Reuters In het rapport staat …": the sentence after counts
    if _FURNITURE_GUARD.search(sentence[credit.end():] if credit and len(sentence) - credit.end() > 40 else sentence) \
            or _CAPTION_GUARD.search(sentence) or _AMENDED_GUARD.search(sentence):
        return True
    if _IMPERATIVE.match(sentence):  # "Watch the video: The council will …": the sentence after counts
        glued = re.search(r":\s+[A-Z]", sentence)
        return not (glued and len(sentence) - glued.end() > 40)
    return bool(_LABEL_LINE.match(sentence))


def question(sentence: str) -> bool:
    """A question (to the reader, or a rhetorical one), not one the sentence's own clause reports ("… wonders,
    Are we …?")."""
    return sentence.rstrip().endswith("?") and not _REPORTED_QUESTION.search(sentence)


def only_time(sentence: str, mentions: Sequence[TimeMention]) -> bool:
    """ "dinsdag 3 maart 2015 14:10", "Updated: 12 May 2010 10:04": a line that holds nothing but its time
    expressions (and at most a label word) is a dateline or a time stamp, not a sentence reporting an event."""
    rest = sentence
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        rest = rest[:m.start] + " " + rest[m.end:]
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return len(words) <= 4 and all(w.lower() in _STAMP_LABELS for w in words) and \
        sum(w.lower() not in _ZONES for w in words) <= 1


_ZONES = frozenset("am pm et est edt gmt bst cet cest utc pst pdt cst cdt".split())
_STAMP_LABELS = frozenset("updated update posted published gepubliceerd bijgewerkt aangepast laatste last "
                          "modified gewijzigd uur".split()) | _ZONES
