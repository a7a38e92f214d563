"""Undated articles in a timeline: at the time their content points to, estimated; last only when nothing is known
(issue 20, item 8)."""

from __future__ import annotations

import pytest

import storyline
from storyline.data import sample_articles_dir
from storyline.export.timeline import to_markdown, to_story_dict, to_timelinejs
from storyline.models import Precision, TimelineEntry
from storyline.timeline import build_timeline
from storyline.timeline.build import entry_order
from storyline.timeline.prepare import prepare
from storyline.timeline.undated import Placement, place_undated
from storyline.timeline.vectors import Vectorizer, tokens


def _art(id_, published, text, title="", lang="nl"):
    return {"id": id_, "title": title, "text": text, "lang": lang, "published": published,
            "published_precision": "day" if published and len(published) == 10 else "month" if published else None,
            "sources": [f"{id_}.txt"]}


def _placements(arts):
    docs, sents = prepare(arts)
    lists = [tokens(s.text) for s in sents]
    X = Vectorizer().fit([], lists).transform([], lists)
    return {docs[d].id: p for d, p in place_undated(docs, sents, X).items()}


# A story over months: a hack, an arrest, a trial; the dated articles of different months share few words.
HACK = _art("hack", "2023-03-14", "Bij zorgapp Meditrack zijn de gegevens van 1,2 miljoen gebruikers gestolen. "
            "Hackers eisen losgeld in bitcoin. Het bedrijf betaalt niet.")
ARREST = _art("arrest", "2023-06-08", "De politie heeft in Zwolle een 22-jarige verdachte aangehouden. "
              "Agenten namen laptops en telefoons in beslag in zijn woning in Stadshagen. "
              "Hij wordt voorgeleid aan de rechter-commissaris.")
TRIAL = _art("trial", "2023-11-28", "Het Openbaar Ministerie eist twee jaar cel. De advocaat vraagt vrijspraak. "
             "De rechtbank doet op 12 december uitspraak.")


def test_undated_arrest_report_sits_with_the_arrest_not_after_the_trial():
    undated = _art("u", None, "Politie houdt verdachte aan in Zwolle. Agenten namen laptops en telefoons in beslag "
                              "in de woning in Stadshagen. De verdachte wordt voorgeleid aan de rechter-commissaris.")
    assert _placements([HACK, ARREST, TRIAL, undated])["u"].basis == "neighbours"
    tl = build_timeline([HACK, ARREST, TRIAL, undated])
    [estimated] = [e for e in tl.entries if e.estimated]
    assert (estimated.date, estimated.estimate, estimated.article_ids) == ("2023-06-08", "neighbours", ["u"])
    assert not estimated.date_unknown
    order = [e.date for e in tl.entries]
    assert order == sorted(order) and tl.entries[-1] is not estimated  # before the trial, not "after Dec 2023"
    shown = next(e for e in to_story_dict(tl, "s")["entries"] if e["estimated"])
    assert shown["display_date"] == "about 8 June 2023 (estimated)" and shown["estimate"] == "neighbours"
    assert "## about 8 June 2023 (estimated)" in to_markdown(tl)
    assert any(e.get("group") == "estimated" for e in to_timelinejs(tl)["events"])


def test_own_time_expression_dates_an_undated_article():
    undated = _art("u", None, "Op 7 juni 2023 is in Zwolle een verdachte van de hack opgepakt. Hij zwijgt.")
    placed = _placements([HACK, ARREST, TRIAL, undated])["u"]
    assert (placed.date, placed.precision, placed.basis) == ("2023-06-07", "day", "text")


def test_a_date_named_later_in_the_text_places_it_when_nothing_else_does():
    undated = _art("u", None, "Het weer was slecht. De trein reed niet. Niemand kwam. "
                              "Het festival van 4 augustus 2023 ging niet door.")
    placed = _placements([HACK, ARREST, TRIAL, undated])["u"]
    assert (placed.date, placed.basis) == ("2023-08-04", "mentions")


def test_nothing_known_goes_after_everything_as_date_unknown():
    undated = _art("u", None, "Een korte mededeling zonder verdere aanwijzingen over wie wat deed.")
    assert _placements([HACK, ARREST, TRIAL, undated])["u"].basis == "unknown"
    tl = build_timeline([HACK, ARREST, TRIAL, undated])
    last = tl.entries[-1]
    assert last.estimated and last.date_unknown and last.article_ids == ["u"] and last.date >= "2023-11-28"
    assert to_story_dict(tl, "s")["entries"][-1]["display_date"].startswith("after ")


def test_an_article_like_every_other_is_not_placed_by_its_nearest_neighbour():
    """In a long-running story every article is about as like every other: the best match says nothing about when
    (the seed articles' DMZ meeting of 2019 was placed in May 2018 by its nearest neighbour)."""
    common = "Trump en Kim praten over de denuclearisatie van Noord-Korea en de top tussen beide leiders."
    arts = [_art(f"d{m}", f"2018-0{m}-10", f"{common} Nieuws van maand {m} over brief{m} en delegatie{m}.")
            for m in (3, 4, 5)]
    arts.append(_art("u", None, f"{common} Trump stak de grens over in de gedemilitariseerde zone."))
    assert _placements(arts)["u"].basis == "unknown"


def test_entry_order_puts_stated_before_estimated_and_unknown_last():
    def entry(day, estimated=False, estimate=None):
        return TimelineEntry(day, Precision.DAY, [], [], estimated=estimated, estimate=estimate)

    entries = [entry("2023-01-01", True, "unknown"), entry("2023-06-08", True, "neighbours"), entry("2023-06-08"),
               entry("2023-12-12"), entry("2023-02-01", True)]  # the last: stored before estimates had a basis
    ordered = sorted(entries, key=entry_order)
    assert [(e.date, e.estimate) for e in ordered] == [("2023-06-08", None), ("2023-06-08", "neighbours"),
                                                      ("2023-12-12", None), ("2023-01-01", "unknown"),
                                                      ("2023-02-01", None)]


def test_estimate_survives_the_stored_form():
    from storyline.models import Timeline

    tl = build_timeline([HACK, ARREST, TRIAL, _art("u", None, "Op 7 juni 2023 is een verdachte opgepakt.")])
    again = Timeline.from_dict(tl.to_dict())
    assert [(e.date, e.estimated, e.estimate) for e in again.entries] == \
        [(e.date, e.estimated, e.estimate) for e in tl.entries]
    assert any(e.estimate == "text" for e in again.entries)


@pytest.fixture(scope="module")
def meditrack():
    """The sample corpus's Meditrack articles (one of them, the arrest report, has no date)."""
    archive = storyline.open(":memory:")
    archive.ingest(sample_articles_dir())
    rows = [dict(r, text=archive.article(r["id"])["text"]) for r in archive.articles()]
    return [r for r in rows if "meditrack" in (r["title"] + r["text"]).casefold()]


def test_demo_arrest_article_is_shown_at_the_arrest_not_after_the_prosecution(meditrack):
    """Issue 20: in the demo the undated arrest article was shown after the prosecution half a year later
    ("after Dec 2023"); it belongs with the report of the arrest of 8 June 2023."""
    undated = [a["id"] for a in meditrack if not a["published"]]
    assert len(undated) == 1
    tl = build_timeline(meditrack)
    [entry] = [e for e in tl.entries if undated[0] in e.article_ids and e.estimated]
    assert (entry.date, entry.estimate, entry.date_unknown) == ("2023-06-08", "neighbours", False)
    later = [e.date for e in tl.entries if not e.estimated and e.date > "2023-06-08"]
    assert later and tl.entries.index(entry) < min(i for i, e in enumerate(tl.entries) if e.date in later)


def test_regression_an_undated_page_is_not_placed_after_a_web_archive_captured_it():
    # read in the Eurovision 2019 story of the DFN archive: an undated page that a web archive captured on 28 May 2018
    # was shown at "about 29 January 2019 (estimated)" (articles written for this test)
    def archived(art, day):
        return {**art, "sources": [f"https://web.archive.org/web/{day}120000/https://example.org/{art['id']}"]}

    later = _art("later", "2023-12-20", "Hackers eisen opnieuw losgeld in bitcoin van zorgapp Meditrack.")
    undated = _art("u", None, "Bij zorgapp Meditrack eisen hackers losgeld in bitcoin. Het bedrijf betaalt niet.")
    assert _placements([HACK, ARREST, TRIAL, later, undated])["u"].basis == "neighbours"
    placed = _placements([HACK, ARREST, TRIAL, later, archived(undated, "20230320")])["u"]
    assert placed.date <= "2023-03-20", placed  # the hack of 14 March, not the demand of 20 December
    mentioned = _art("m", None, "Het weer was slecht. De trein reed niet. Niemand kwam. "
                                "Het festival van 4 augustus 2023 ging niet door, net als dat van 2 juni 2023.")
    assert _placements([HACK, ARREST, TRIAL, archived(mentioned, "20230701")])["m"].date == "2023-06-02"


def test_regression_an_estimated_entry_shows_no_sentence_stating_another_date_nor_page_furniture():
    # read in the royal weddings story of the seeds + DFN archive: an undated page estimated "about 4 April 2005"
    # showed its caption "… visit Morocco on April 4, 2011 …", another estimated entry "To install the latest
    # version of the Flash Player please visit the Adobe Website."; the COVID-19 story's "about 22 January 2020"
    # showed "On March 11 the WHO officially declared …" (articles written for this test)
    from storyline.timeline.build import _fits_estimate

    undated = _art("u", None, "Politie houdt verdachte aan in Zwolle. Gelieve het formulier in te vullen voor een "
                              "afspraak met de wijkagent. Agenten namen laptops en telefoons in beslag in de woning "
                              "in Stadshagen. De burgemeester opende op 2 februari 2021 een politiebureau in "
                              "Stadshagen. Op 11 maart opende de burgemeester er nog een politiebureau.")
    docs, sents = prepare([undated])
    fits = {s.text[:12]: _fits_estimate(sents, "2023-06-08", lambda i: True, i) for i, s in enumerate(sents)}
    assert fits == {"Politie houd": True, "Gelieve het ": False, "De burgemees": False, "Op 11 maart ": False,
                    "Agenten name": True}
    assert _fits_estimate(sents, "2021-02", lambda i: True, 3)  # the month it names is the estimate's
    tl = build_timeline([HACK, ARREST, TRIAL, undated])
    [estimated] = [e for e in tl.entries if e.estimated]
    assert estimated.date == "2023-06-08" and "Politie houdt" in " ".join(s.text for s in estimated.sentences)


def test_regression_an_undated_page_is_placed_at_the_latest_date_its_opening_reports():
    # read in the royal weddings story of the seeds + DFN archive: an undated page on a wedding, whose opening told
    # the groom's birth, was placed "about 14 November 1948" (article written for this test)
    page = _art("u", None, "De bruidegom werd op 3 mei 1970 in Utrecht geboren. Op 12 juni 2023 trouwde hij in "
                           "Zwolle met zijn vriendin. Het feest duurde tot diep in de nacht.")
    assert _placements([HACK, ARREST, TRIAL, page])["u"] == Placement("2023-06-12", "day", "text")


def test_the_latest_date_an_opening_reports_is_taken_only_up_to_the_web_archives_capture():
    # (the latest own date of the opening, but not one after the day a web archive captured the page)
    page = _art("u", None, "Op 12 juni 2023 trouwde hij in Zwolle met zijn vriendin. Het stel gaat op 3 mei 2025 "
                           "op reis naar Japan.")
    page["sources"] = ["https://web.archive.org/web/20230701000000/https://example.org/bruiloft"]
    assert _placements([HACK, ARREST, TRIAL, page])["u"] == Placement("2023-06-12", "day", "text")
