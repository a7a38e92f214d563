"""Page furniture (menus, indexes, site pages) is recognised at ingest and flagged as boilerplate; articles are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.text.furniture import generic_title, is_page_furniture

PAGES = Path(__file__).parent / "page_furniture" / "pages.jsonl"


def _pages() -> list[dict]:
    return [json.loads(line) for line in PAGES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p["title"])
def test_page_furniture_is_recognised(page):
    assert is_page_furniture(page["title"], page["text"]), page["why"]


def test_page_furniture_is_stored_flagged_as_boilerplate(archive):
    report = archive.ingest(PAGES)
    assert report.accepted == len(_pages()) and report.rejected == []
    assert report.boilerplate == len(_pages())
    assert archive.stats()["boilerplate"] == len(_pages())


def test_no_sample_article_is_taken_for_page_furniture(archive, sample):
    report = archive.ingest(sample)
    assert report.accepted == 48
    assert report.boilerplate == 0 and archive.stats()["boilerplate"] == 0


@pytest.mark.parametrize("title", ["Home wordt verkocht aan investeerder", "Zoeken naar vermiste wandelaar gestaakt",
                                   "Contact met Noord-Korea hersteld", "Nieuws uit Venlo: brand in loods"])
def test_a_headline_starting_with_a_menu_word_is_no_furniture(title):
    assert not generic_title(title)
    text = ("De politie heeft dinsdag het zoeken naar de vermiste wandelaar in het Nationaal Park gestaakt. "
            "Honderden vrijwilligers hielpen drie dagen lang mee in de bossen rond het meer. "
            "De familie van de man bedankt iedereen die heeft geholpen bij de zoektocht.")
    assert not is_page_furniture(title, text)


def test_regression_library_catalogue_records_of_unrelated_books_made_one_story():
    # Invented records in the form of a digital library's book page (session 16: seven such pages of DFN, on Central
    # Asian politics, a weather almanac and a city's history, were articles, and their metadata, read as names
    # (Isbn, Lccn, Identifier-ark, Boxid), joined unrelated books into one story).
    records = [
        ("Harbour towns of the northern coast : a social history",
         "xiv, 288 p. : ill., maps ; 24 cm | Includes bibliographical references (p. 270-281) and index | "
         "Access-restricted-item true Addeddate 2031-02-07 Boxid IA000001 Identifier harbourtowns0000abcd "
         "Identifier-ark ark:/00000/t0000000 Isbn 0000000001 Lccn 2030000001 Openlibrary_edition OL0000001M"),
        ("A weather almanac of the lake district",
         "x, 196 p. ; 23 cm | Isbn 0000000002 | Lccn 2030000002 | External-identifier urn:oclc:record:0000002"),
    ]
    for title, text in records:
        assert is_page_furniture(title, text)
    # A news report about a book, with its ISBN, is an article.
    assert not is_page_furniture("Historian tells the story of the northern harbour towns",
                                 "The historian spent ten years in the archives of the northern harbour towns. Her "
                                 "book (ISBN 0000000001) describes how the towns grew after the railway came. She "
                                 "will speak about it at the town library on Friday evening, the organisers said.")
