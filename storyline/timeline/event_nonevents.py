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
from ..text.glued import AGENCY_CREDIT
from ..text.guard import Guard, pieces

_FURNITURE = re.compile(r"\b\d+\s+(?:hrs?|hours?|mins?|minutes?)\s+ago\b|\bBewerkt door\b|\bA version appeared on\b"
                       r"|\b(?:click|klik) (?:here|hier)\b|^\s*(?:PHOTO|Photo captions?|FOTO)\s*:|"
                       r"\bViews expressed in the comments\b|^\s*(?:Volledig scherm|Lees (?:ook|meer)|Bekijk ook|Read more|"
                       r"See also|Related(?: stories| topics)?)\b|\((?:Reporting|Editing|Writing|Additional reporting) by\b|"
                       r"\ball rights reserved\b|\bfollow us on\b|\b(?:sign up|subscribe) (?:for|to) (?:our|the)\b|"
                       r"\b(?:wrote|posted|schreef):|\bcan ?not play media\b|\b(?:e-?mail|share) this\b|"
                       r"\b(?:turn on|enable|activate|schakel|zet) javascript\b|\brequires? javascript\b|"
                       # a photo gallery's buttons ("… Volgende Vorige vergroot 1", "Previous Next")
                       r"\b(?:volgende\s+vorige|vorige\s+volgende|next\s+previous|previous\s+next)\b|\bjavascript (?:is )?(?:required|disabled|"
                       r"needed|uitgeschakeld|nodig|vereist)\b"
                       # cookie notices and a web archive's crawl notes ("This site uses cookies to …", "Accepteer de
                       # cookies om deze video te zien", "These files are not publicly accessible")
                       r"|\bcookies?\b(?=.*\b(?:accept\w*|aanvaard\w*|use|uses|gebruik\w*|toestaan|instellingen|settings|"
                       r"privacy|website|device|apparaat)\b)|\b(?:accept\w*|aanvaard\w*|uses?|gebruik\w*|toestaan)\b"
                       r".{0,40}\bcookies?\b|\bcrawl of outlinks\b|\bnot publicly accessible\b", re.IGNORECASE)
# "In this Oct. 18, 2011, file photo, …", "… in this November 12, 2015 photo after …", "Courtesy of …", a photo's
# credit and caption lines ("Image copyright Reuters Image caption The minister …", "Media caption …"), also glued
# inside a sentence after a page's date line ("Published duration 2 May … image copyright Reuters image caption …"): a caption;
# "Arlington, Va.: I heard you say …": a reader's question in a live chat (the reader's place opens it)
_CAPTION = re.compile(r"(?i)\bin this (?:[\w.,]+\s+){0,4}(?:file |handout |undated )?(?:photo|picture|image)\b"
                      r"|^\s*(?:courtesy of|pictured:|(?:image|media|picture) (?:copyright|caption)\b|published duration\b)"
                      r"|\b(?:image|media|picture) copyright\b.*\b(?:image|media|picture) caption\b"
                      # a caption that ends with its photo's credit ("… on 15 May. Photograph: David Mcnew/AFP")
                      rf"|(?-i:{AGENCY_CREDIT})\s*$"
                      r"|(?-i:\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s(?:[A-Z][a-z]{1,4}\.|[A-Z]{2}|D\.C\.)\s?:\s)")
_GLUED_CREDIT = re.compile(r"^\s*(?:Foto|FOTO|Photo|PHOTO)\s*:\s*(?:[A-Z][\w.&/-]*\s+){1,2}(?=[A-Z])")
# "… wonders, Are we accepting …?", "vraagt zich af: Is dit …?": a question reported by the sentence's own clause
_REPORTED_QUESTION = re.compile(r"\b(?:asks?|asked|wonders?|wondered|vraagt|vroeg|vragen|vroegen)\b[^?]{0,40}[,:]\s*"
                                r"[\"“„'‘]?[A-Z]")
# "Lees het hele verhaal hier.", "Ask for the press office.", "Kijk naar de rellen van vorig jaar": an imperative to the reader
# opens the sentence (verbs of reading, watching, asking, following a link; not those that are nouns too:
# "Share prices fell", "Call centres", "Deel van de weg")
_IMPERATIVE = re.compile(r"^\s*(?:Lees|Bekijk|Kijk|Klik|Bel|Volg|Abonneer|Download|Stuur|Luister|Meld je aan|"
                         r"Schrijf je in|Read|Watch|See|Look|Click|Follow|Subscribe|Ask|Visit|Listen|Go to|Sign up|"
                         r"Log in|Register)"
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
                      r"|\bhave a (?:news )?tip\b"
                      # a closed comment thread, a comment's "Report abuse" link, a live blog's header, a market
                      # table's note, a contact line ("Questions can be directed to the editor.")
                      r"|\b(?:this )?discussion is (?:now )?closed\b|\|\s*Report abuse\b|\(all times local\)"
                      r"|\bindexes are shown in real time\b|^\s*questions (?:can|may|should) be (?:directed|sent|addressed) to\b"
                      # a news agency's closing line ("The agency is solely responsible for all content.") and a
                      # reference book's cross-reference ("For the results of the next race, see …")
                      r"|\bis solely responsible for all content\b|^\s*(?:For|Voor)\b[^.;]{3,80},\s*(?:see|zie)\b"
                      # a page's own history and contact lines ("Copyright 2018 The Agency.", "This article was first
                      # published on 12 May.", "Updated 12:34 pm", "X contributed to this report.", "Leave a comment")
                      r"|^\s*(?:copyright|©)\s*(?:\(c\)\s*)?\d{4}\b"
                      r"|\bthis (?:article|story|report) (?:was )?(?:first |originally )?(?:published|appeared)\b"
                      r"|\bdit (?:artikel|verhaal|bericht) (?:verscheen|is eerder verschenen|werd eerder gepubliceerd)\b"
                      r"|\bcontributed to this (?:report|story|article)\b|^\s*(?:comments?|reacties?)\s*$"
                      r"|^\s*(?:updated|posted|published|last modified|bijgewerkt|gepubliceerd|geplaatst)\b(?=\s*(?::|by\b|on\b|at\b|op\b|om\b|door\b|\d))(?=.{0,40}$)"
                      r"|\b(?:e-?mail|write to|contact) us at\b|\bleave a comment\b|^\s*all times (?:are )?(?:local|ET|GMT)\b")

# The same searches behind a cheap exact pre-check (`guard.py`): a piece of each alternative every match holds.
_FURNITURE_GUARD = Guard(_FURNITURE, pieces(
    "ago", "bewerkt door", "a version appeared on", "click", "klik", "photo", "foto", "views expressed",
    "volledig scherm", "lees ", "bekijk ook", "read more", "see also", "related", "reporting by", "editing by",
    "writing by", "all rights reserved", "follow us on", "sign up", "subscribe", "wrote:", "posted:", "schreef:",
    "play media", "mail this", "share this", "javascript", "cookie", "crawl of outlinks", "publicly accessible",
    "volgende", "vorige", "previous"))
_CAPTION_GUARD = Guard(_CAPTION, pieces("in this", "courtesy of", "pictured:", "image copyright", "image caption",
                                        "published duration", "/afp", "/ap", "/reuters", "/epa", "/anp", "/getty",
                                        "/shutterstock", "/bloomberg", "/pool", "/ afp", "/ ap", "/ reuters", "/ getty",
                                        "media copyright", "media caption", "picture copyright", "picture caption"),
                       r",\s(?:[A-Z][a-z]{1,4}\.|[A-Z]{2}|D\.C\.)\s?:\s")
_AMENDED_GUARD = Guard(_AMENDED, pieces(
    "amended", "updated", "corrected", "changed", "aangepast", "bijgewerkt", "gewijzigd", "gecorrigeerd", "embed",
    "developing story", "comments are closed", "reageer op", "like us on", "posted in", "get the latest",
    "continue reading", "story continues", "photo", "foto", "media playback", "have a ", "discussion is",
    "report abuse", "all times local", "in real time", "questions", "solely responsible", "see", "zie", "copyright", "©", "published", "appeared", "verscheen",
    "verschenen", "gepubliceerd", "contributed to this", "comment", "reactie", "updated", "posted", "modified",
    "bijgewerkt", "geplaatst", "us at", "all times"))
# the reader addressed about the page ("You can change these settings at any time.", "U kunt zich hier afmelden.") or told
# a general rule ("You cannot rush a court."); not reported speech ("You never know," the mayor said.)
# nor a scene described now ("You can hear the sirens right now.")
_YOU = re.compile(r"^\s*(?:You|Je|U|Jij)\s+(?:can(?:not|'t|’t)?|may|must|need|should|always have|kunt|kan|moet|mag|"
                  r"hoeft)\b(?!.*\b(?:said|says|told|zei|zegt|aldus|vertelde|now|today|tonight|nu|vandaag|vanavond)\b)"
                  # Dutch puts the verb before "je"/"u" after an opening phrase: "In dat geval moet je een formulier …"
                  r"|^\s*(?:[\w'’]+\s+){1,6}(?:moet|moeten|kun|kunt|kan|mag|hoef|hoeft)\s+(?:je|u|jij)\b"
                  r"(?!.*\b(?:zei|zegt|aldus|vertelde|vertelt|nu|vandaag|vanavond)\b)")
# a request to the reader ("To install the latest version of the Flash Player please visit the Adobe Website.",
# "Please click on the boxes below to learn more.", "Gelieve het formulier in te vullen."), not a plea reported by
# the sentence ("'Please help us,' she said.")
_PLEASE = re.compile(r"(?i)\b(?:please|gelieve)\s+(?:(?:do\s+)?(?:click|visit|select|note|enable|update|install|"
                     r"contact|call|e-?mail|read|see|refer|log|sign|register|subscribe|try|check|enter|use|share|"
                     r"download|upgrade|choose|scroll|reload|refresh|go)\b|(?:het|de|uw|je|dit|deze)\b)")
_REPORTED = re.compile(r"(?i)\b(?:said|says|told|asked|urged|appealed|wrote|zei|zegt|vroeg|riep|schreef|aldus)\b")


def _pleads(sentence: str) -> bool:
    """Whether the sentence asks the reader to do something on the page (`_PLEASE`), in its own voice."""
    return ("lease" in sentence or "elieve" in sentence) and bool(_PLEASE.search(sentence)) \
        and not _REPORTED.search(sentence)


# a piece of a broken line, an address or a catalogue line: a small letter opens it and nothing closes it ("the
# opening of the new bridge in the town was", "urn:isbn:0000000000"; not "iPhone sales rose")
_BROKEN_LINE = re.compile(r"^\s*[a-z](?![a-z]*[A-Z])(?!.*[.!?\"”’')\]:;]\s*$)")
# a teaser of another article: its headline, its date and the opening of its text run together ("Nieuwe brug
# gaat open 3 juni ARNHEM - De gemeente …", "… 3 juni De 15-jarige …"): a date between a word and a dateline
# (not after a preposition: "Het kabinet benoemde op 3 juni De Haan")
_TEASER = re.compile(r"[^\W\d]"
                     r"(?<!\b[Oo]p)(?<!\b[Ss]inds)(?<!\b[Tt]ot)(?<!\b[Vv]anaf)(?<!\b[Vv]oor)(?<!\b[Nn]a)"
                     r"(?<!\b[Vv]an)(?<!\b[Ee]n)(?<!\b[Pp]er)(?<!\b[Rr]ond)(?<!\b[Oo]m)(?<!\b[Ii]n)"
                     r"(?<!\b[Tt]ussen)(?<!\b[Uu]iterlijk)"
                     r"\s+\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                     r"november|december)\s+(?:[A-Z]{3,}(?:/[A-Z]{3,})*\s+[-–]\s|(?:De|Het)\s)")
# a broadcaster's byline under a video: "Anna Jansen reports from Brussels."
_REPORTS_FROM = re.compile(r"^\s*(?:[A-Z][\w'’.-]+\s+){1,3}(?:reports|doet verslag|bericht)\s+(?:from|vanuit|uit)\s+"
                           r"(?:[A-Z][\w'’.-]+\s*){1,3}\.?\s*$")

def no_event(sentence: str) -> bool:
    """Whether the sentence is page furniture, a caption, a byline, a link line or a headline line (no event)."""
    credit = _GLUED_CREDIT.match(sentence)  # "Foto: Reuters In het rapport staat …": the sentence after counts
    if _FURNITURE_GUARD.search(sentence[credit.end():] if credit and len(sentence) - credit.end() > 40 else sentence) \
            or _CAPTION_GUARD.search(sentence) or _AMENDED_GUARD.search(sentence):
        return True
    if _IMPERATIVE.match(sentence):  # "Watch the video: The council will …": the sentence after counts
        glued = re.search(r":\s+[A-Z]", sentence)
        return not (glued and len(sentence) - glued.end() > 40)
    return bool(_LABEL_LINE.match(sentence) or _YOU.match(sentence) or _REPORTS_FROM.match(sentence)
                or _pleads(sentence)
                or _BROKEN_LINE.match(sentence) or _TEASER.search(sentence))


# a photo's credit and caption glued before the sentence that follows them ("Image copyright Reuters Image caption
# Fans waited outside the stadium "We came early," one of them said.", "Media playback is unsupported on your device
# Media caption Witness: "It was loud" The hearing resumes in the autumn."): the caption has no full stop, so the
# sentence after it starts at a quotation opened after a word, or after a quotation closed before a capital
_CAPTION_LEAD = re.compile(r"^\s*(?:Media playback is unsupported on your device\s+)?(?:(?:Image|Media|Picture) "
                           r"copyright\b.{0,60}?\s)?(?:Image|Media|Picture) caption\s+")
_AFTER_CAPTION = re.compile(r"(?<=\w)\s+(?=[\"“][A-Z])|(?<=\w)[\"”]\s+(?=[A-Z])")


def after_caption(sentence: str) -> int:
    """Where the sentence glued after a leading caption starts (0: no caption, or no sentence after it)."""
    lead = _CAPTION_LEAD.match(sentence)
    if lead is None:
        return 0
    cut = _AFTER_CAPTION.search(sentence, lead.end())
    if cut is None:
        return 0
    rest = sentence[cut.end():]
    return cut.end() if len(rest.split()) >= 5 and rest.rstrip()[-1:] in ".!?\"”" else 0


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


# a line of a quotation, or a columnist's, that gives an opinion in the first person and is attributed to no one
# ("“I think that is what everybody needs.”", ",,Ik denk dat het goed komt."): no event; a wish or a feeling ("I
# hope …", "I am angry") and reported speech ("…, she said") stay reported
_OPINION = re.compile(r"^\s*(?:[\"“„‘']|,,)?\s*(?:(?:But|And|Maar|En)\s+)?(?:I|We|Ik|Wij)\s+"
                      r"(?:(?:do\s*n[o'’]?t|don[’']t|really|just|still|also|niet|ook|echt)\s+)?"
                      r"(?:think|believe|suspect|guess|doubt|denk|denken|vind|vinden|geloof|geloven)\b", re.IGNORECASE)
_ATTRIBUTED = re.compile(r"(?i)\b(?:said|says|told|tells|added|adds|asked|explained|wrote|stated|argued|insisted|"
                         r"recalled|noted|warned|stressed|declared|announced|according|zei|zegt|zeggen|vertelde|vertelt|"
                         r"aldus|schreef|voegde|volgens)\b")


def opinion_line(sentence: str) -> bool:
    """Whether the sentence is an unattributed first-person opinion ("I think …", "Ik vind …")."""
    return bool(_OPINION.match(sentence)) and not _ATTRIBUTED.search(sentence)
