"""A Dutch and an English article on the same (invented) event, for the tests of timeline alternatives.

Written for these tests, not taken from any research data: the Zwolle city council approves a cycle bridge over the
IJssel on Tuesday 12 March 2024. The Dutch article is dated that day; the English one only to March 2024, so its
"on Tuesday" cannot be placed on a day and the timeline keeps its sentence as the *alternative* of the Dutch one
(`storyline.timeline.build.merge_same_events`): one entry, "12 March 2024", also reported in English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.models import Precision, Timeline, TimelineAlternative, TimelineEntry, TimelineSentence

NL_SENTENCE = "De gemeenteraad van Zwolle heeft dinsdag ingestemd met de bouw van een nieuwe fietsbrug over de IJssel."
EN_SENTENCE = ("The city council of Zwolle on Tuesday approved the construction of a new cycle bridge across the "
               "IJssel river.")
NL_SOURCE, EN_SOURCE = "Zwolse Courant", "Overijssel Observer"

NL_ARTICLE = {
    "id": "nl-brug", "lang": "nl", "source": NL_SOURCE, "url": "https://zwolsecourant.example/brug",
    "title": "Gemeenteraad Zwolle stemt in met nieuwe fietsbrug over de IJssel",
    "published": "2024-03-12T18:00:00+01:00",
    "text": NL_SENTENCE + " De brug moet in 2027 klaar zijn en kost ongeveer 38 miljoen euro.\n\n"
            "Wethouder Anouk Verbeek noemde het besluit een belangrijke stap voor fietsers uit Hattem en Zwolle. "
            "De provincie Overijssel betaalt een derde van de kosten.\n\n"
            "Omwonenden maken zich zorgen over geluidsoverlast tijdens de bouw. De gemeente belooft een klankbordgroep.",
}
EN_ARTICLE = {
    "id": "en-bridge", "lang": "en", "source": EN_SOURCE, "url": "https://observer.example/bridge",
    "title": "Zwolle council approves new cycle bridge across the IJssel",
    "published": "2024-03",
    "text": EN_SENTENCE + " The bridge is due to be finished in 2027 and will cost about 38 million euros.\n\n"
            "Alderman Anouk Verbeek called the decision an important step for cyclists from Hattem and Zwolle. "
            "The province of Overijssel will pay a third of the cost.\n\n"
            "Residents are worried about noise during construction. The city promised a sounding board group.",
}


def timeline(en_text: str = EN_SENTENCE) -> Timeline:
    """The timeline the pipeline builds of the two articles, written out (no encoder needed): one entry with the Dutch
    sentence and the English one as its alternative, and a later entry without any."""
    alt = TimelineAlternative(en_text, "2024-03", Precision.MONTH, ["en1"], [EN_SOURCE], "en")
    bridge = TimelineSentence(NL_SENTENCE, ["nl1", "en1"], [NL_SOURCE, EN_SOURCE], "nl", 0.9, None, [alt])
    later = TimelineSentence("De bouw begint in de zomer.", ["nl1"], [NL_SOURCE], "nl", 0.5)
    return Timeline("Nieuwe fietsbrug over de IJssel", [bridge],
                    [TimelineEntry("2024-03-12", Precision.DAY, [bridge], ["nl1", "en1"]),
                     TimelineEntry("2024-03-20", Precision.DAY, [later], ["nl1"])], "nl", 2)


def build_database(path: Path) -> str:
    """Ingest both articles into a new database at `path`, cluster them and build the story's timeline through the
    real pipeline (the multilingual encoder decides the merge; skips without it); returns the story id."""
    pytest.importorskip("storyline.cluster.embed", reason="the same-event merge needs the multilingual encoder")
    with storyline.open(path) as archive:
        report = archive.ingest_records([NL_ARTICLE, EN_ARTICLE])
        assert not report.rejected, report.rejected
        archive.cluster()
        stories = archive.stories()
        assert len(stories) == 1, stories
        story_id = stories[0]["id"]
        built = archive.timeline(story_id)
        assert built is not None
        alts = [a for e in built.entries for s in e.sentences for a in s.alternatives]
        assert [(a.lang, a.text) for a in alts] == [("en", EN_SENTENCE)], built.to_dict()
    return story_id
