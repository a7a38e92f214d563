"""The text stage over stored articles: what it reads of each one."""

from __future__ import annotations

from storyline.text.analyse import analysed_text


def test_regression_a_web_archive_note_gave_the_story_the_names_internet_archive_and_wayback_machine(archive):
    # read in the seeds + DFN archive: "Internet Archive" was the 41st most named entity (98 articles), from pages
    # whose text is the archive's note on its crawls, not the article (texts written for this test)
    note = ("The Example Archive discovers and captures web pages through many different web crawls. At any given "
            "time several distinct crawls are running. View the web archive through the Wayback Machine.")
    archive.ingest_records([
        {"title": "Flood reaches Maastricht", "text": note, "lang": "en", "published": "2021-07-15"},
        {"title": "River Meuse floods Maastricht", "text": "The river Meuse flooded streets in Maastricht on "
         "Thursday. The mayor of Maastricht ordered the evacuation of the old town.", "lang": "en",
         "published": "2021-07-15"}])
    archive.analyse()
    names = {e["normalized"] for e in archive.entity_counts()}
    assert "Maastricht" in names
    assert not names & {"Wayback Machine", "Example Archive"}, names


def test_page_furniture_is_read_by_its_headline_and_a_generic_headline_gives_nothing():
    menu = "Home\nNieuws\nSport\nWeer\nContact\nZoeken"
    assert analysed_text("Flood reaches Maastricht", menu) == "Flood reaches Maastricht"
    assert analysed_text("Home", menu) == ""
    assert analysed_text(None, menu) == menu  # without a title nothing can be judged
