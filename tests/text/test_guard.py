"""The guarded searches (`storyline.text.guard`) answer exactly as their full patterns."""

from __future__ import annotations

import re
import sys

import pytest

from storyline.text import furniture
from storyline.text.guard import ODD, Guard, pieces
from storyline.timeline import dates, event_nonevents, select

GUARDS = {"TRIGGER": dates.TRIGGERED, "WIDE_TRIGGER": dates.WIDE_TRIGGERED,
          "FURNITURE": event_nonevents._FURNITURE_GUARD, "CAPTION": event_nonevents._CAPTION_GUARD,
          "AMENDED": event_nonevents._AMENDED_GUARD, "MORE": furniture._MORE_GUARD,
          "JUNK": select._JUNK_GUARD}

# at least one sentence for every alternative of every guarded pattern, and near misses
SENTENCES = [
    "De top op 12 juni gaat door.", "Trump arriveerde gisteren in Singapore.", "He left on Monday morning.",
    "Vanochtend landde het toestel.", "Zaterdagavond was het druk.", "this morning the talks began", "tonight!",
    "Heute Abend spricht er.", "heute morgen", "The summit is in May.", "On Mar 3 he spoke.", "Sep 12 was quiet.",
    "Published 2018-06-12T10:00.", "Ze sprak drie weken geleden.", "a week ago", "It happened in März.",
    "Le 12 décembre.", "Le 3 février, août", "Meeting on Dec 4", "Jan Peter Balkenende sprak.", "de markt",
    "mayday", "Mayday", "MAY", "1999-1-1", "the Tuesday after", "OP ZATERDAG", "TuEsDaY",
    "Volgende week beslist de raad.", "In 2015 begon het.", "Vorig jaar", "last summer the river flooded",
    "afgelopen zomer", "summer camp", "1850 and 2101", "weekend", "weekeinde", "the coming quarter", "kwartaal",
    "Posted 3 hours ago by the editor.", "12 mins ago", "Bewerkt door de redactie", "A version appeared on page 2",
    "Click here for more", "klik hier", "PHOTO: a boat", "Photo captions: x", "FOTO : een boot",
    "Views expressed in the comments are not ours", "Volledig scherm", "Lees ook: de top", "Lees meer",
    "Bekijk ook", "Read more", "See also", "Related stories", "Related topics", "(Reporting by Jan Smit)",
    "(Editing by X)", "(Writing by Y)", "(Additional reporting by Z)", "All rights reserved.", "Follow us on X",
    "Sign up for our newsletter", "Subscribe to the feed", "John wrote: hello", "posted: now", "Piet schreef: ja",
    "Cannot play media.", "can not play media", "E-mail this", "email this", "share this story",
    "In this Oct. 18, 2011, file photo, the boat sinks.", "in this undated image", "Courtesy of the museum",
    "Pictured: the mayor", "Arlington, Va.: I heard you say", "Washington, D.C.: a question", "Delft, NL: hoi",
    "This article was amended on 3 May.", "the story has been updated", "the post was changed",
    "Dit artikel is aangepast.", "Het bericht is gecorrigeerd", "Embed x Share", "EMBED  X  SHARE",
    "This is a developing story", "Comments are closed", "Dit bericht wordt voortdurend bijgewerkt",
    "Reageer op dit artikel", "Like us on Facebook", "Posted in News", "Get the latest news", "Continue reading",
    "Story continues below", "AP Photo / Jan", "ANP Foto/Piet", "Media playback is unsupported on your device",
    "Have a news tip?", "have a tip", "Share prices fell sharply.", "Lees het hele verhaal hier.",
    "Lees verder op de site", "Read on", "meer nieuws", "More news >", "bekijk alles", "Bekijk meer foto's",
    "View all", "see all", "Toon meer", "Show more", "bread online", "alreadymore", "Meer  nieuws", "showmore",
    "Jan wrote: yes", "POSTED: x", "updated:", "Added: a", "Piet schreef: nee", "bijgewerkt: 12.00",
    "Page last updated at 10:00", "laatst bijgewerkt 12 mei", "cannot play media", "Cannot Play Media",
    "at 12:30 GMT", "10:05 BST", "9:00 UK", "21:00 CET", "21:00CEST", "Click here", "e-mail this", "Email this",
    "Share this", "wrote :", "lastupdated", "12:3 GMT", "Stuk", "druk",
    "Please turn on JavaScript.", "Schakel JavaScript in", "JavaScript is disabled", "Oracle sued over JavaScript.",
    # the three characters str.lower() does not fold as IGNORECASE does, and look-alikes
    "ſeptember 12", "Wedneſday", "TOMORROW İN", "vandaag and dınsdag", "Dınsdag", "thıs morning",
    "Photo: ſhare this", "ſubscribe to our list", "Kelvin KLIK HIER", "ＭＯＮＤＡＹ", "١٩٩٩-٠١-٠١", "٢٠١٨",
]


def test_ignorecase_letters_lower_case_to_themselves_but_for_three_characters() -> None:
    """What `Guard` relies on, over every code point: apart from "İ", "ı" and "ſ", a character that IGNORECASE
    matches to a character of a guard's pieces lower-cases to that character, and str.lower keeps one character."""
    wanted = set("abcdefghijklmnopqrstuvwxyz0123456789 :.,-/()") | {ch for w in dates._WORDS for ch in w}
    assert wanted == {ch.lower() for ch in wanted}
    singles = [(x, re.compile("(?i)" + re.escape(x))) for x in sorted(wanted)]
    any_of = re.compile("(?i)[" + "".join(re.escape(x) for x in sorted(wanted)) + "]")
    digit = re.compile(r"\d")
    matched = 0
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if ODD.match(ch):
            continue
        assert len(ch.lower()) == 1, ch
        if digit.fullmatch(ch):
            assert ch.lower() == ch
        if any_of.fullmatch(ch):
            matched += 1
            assert [x for x, one in singles if one.fullmatch(ch)] == [ch.lower()], ch
    assert matched >= 2 * 26


@pytest.mark.parametrize("name", sorted(GUARDS))
def test_a_guarded_search_finds_what_the_full_pattern_finds(name: str) -> None:
    guard = GUARDS[name]
    found = 0
    for text in SENTENCES + [s.upper() for s in SENTENCES] + [s.lower() for s in SENTENCES]:
        full = guard.pattern.search(text)
        quick = guard.search(text)
        assert (quick and quick.span()) == (full and full.span()), (name, text)
        found += full is not None
    assert found >= 3, name  # the sentences exercise the pattern


def test_the_guarded_searches_agree_with_the_full_patterns_on_dfn_sentences(dfn_file) -> None:
    import json

    from storyline.text.sentences import split_sentences

    n = 0
    with open(dfn_file, encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            for a, b in split_sentences(text):
                s = text[a:b]
                for guard in GUARDS.values():
                    assert (guard.search(s) is None) == (guard.pattern.search(s) is None), s
                n += 1
            if n > 20000:
                break
    assert n > 1000


def test_pieces_is_a_trie_that_finds_every_word() -> None:
    words = ["januari", "janvier", "jan", "juni", "week", "weekend", "a.m.", "ago"]
    pattern = re.compile(pieces(*words))
    assert pattern.pattern.count("|") < len(words)
    for w in words:
        assert pattern.search(f"x{w}y").group(0).startswith(w[:2])
        assert pattern.fullmatch(w)
    assert pattern.search("nothing here") is None
    assert Guard(re.compile("(?i)weekend"), pieces("weekend")).search("WEEKEND").group(0) == "WEEKEND"
