"""Bad input: each gets a clear one-line reason, and none stops the rest of the batch."""

from __future__ import annotations

import gzip
import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.cli import main
from storyline.models import IngestReport, Rejection

NL = ("De gemeenteraad van Utrecht heeft dinsdagavond na een lang debat ingestemd met een nieuw verkeersplan "
      "voor de binnenstad. Het plan kost ruim twintig miljoen euro en moet de stad in vijf jaar autoluw maken.")
GOOD_TITLE = "Goed artikel naast het slechte"
GOOD = f"{GOOD_TITLE}\n\nDe provincie Gelderland trekt volgend jaar tien miljoen euro uit voor nieuwe fietspaden " \
       "langs de IJssel. Gedeputeerde Mark Jansen noemde het plan dinsdag een belangrijke stap."


def _good(tmp_path: Path) -> Path:
    """A plain-text article that must be stored whatever else is in the batch."""
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _ingest(archive, tmp_path: Path, *bad: Path, **options: Any) -> IngestReport:
    """Ingest the bad inputs together with a good file, and check the good one was stored."""
    report = archive.ingest(*bad, _good(tmp_path), **options)
    titles = [a["title"] for a in archive.articles()]
    assert GOOD_TITLE in titles, (titles, report.rejected)
    return report


def _rejection(report: IngestReport, code: str) -> Rejection:
    """The one rejection with `code`, checked to be a one-line message."""
    found = [r for r in report.rejected if r.code == code]
    assert len(found) == 1, report.rejected
    assert "\n" not in found[0].reason and found[0].reason.strip() == found[0].reason
    return found[0]


def _jsonl(*records: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def _by_title(archive) -> dict[str, dict[str, Any]]:
    return {r["title"]: archive.article(r["id"]) for r in archive.articles()}


# -- encodings ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding, title, sentence", [
    ("cp1252", "Café Zoë vraagt €5 voor koffie",
     "Het café van Zoë rekent € 12,50 voor een lunch met één drankje."),
    ("latin-1", "Naïeve coöperatie in Zoë's café",
     "De coöperatie à la carte verkoopt ½ liter voor ¼ van de prijs."),
])
def test_legacy_encoded_text_is_decoded_not_rejected(archive, tmp_path, encoding, title, sentence):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(f"{title}\n\n{NL} {sentence}".encode(encoding))
    report = _ingest(archive, tmp_path, path)
    assert not report.rejected
    text = _by_title(archive)[title]["text"]
    assert sentence in text and "\ufffd" not in text


def test_cp1252_jsonl_line_is_decoded(archive, tmp_path):
    path = tmp_path / "cp1252.jsonl"
    path.write_bytes(_jsonl({"title": "Prijs €5 in Café Zoë", "text": NL + " Café Zoë."}).encode("cp1252"))
    report = _ingest(archive, tmp_path, path)
    assert not report.rejected
    assert "Prijs €5 in Café Zoë" in _by_title(archive)


def test_cp1252_csv_is_decoded_even_when_the_first_rows_are_ascii(archive, tmp_path):
    path = tmp_path / "cp1252.csv"
    rows = [f"Bericht {i},14-06-2022,\"{NL} Nummer {i}.\"" for i in range(150)]  # well over 16 KB of ASCII first
    rows.append(f"Café Zoë vraagt €5,15-06-2022,\"{NL} Het café van Zoë.\"")
    path.write_bytes(("kop,datum,tekst\r\n" + "\r\n".join(rows) + "\r\n").encode("cp1252"))
    report = _ingest(archive, tmp_path, path)
    assert report.accepted == 152 and not report.rejected
    art = _by_title(archive)["Café Zoë vraagt €5"]
    assert art["text"].endswith("Het café van Zoë.")


# -- empty, binary, too large --------------------------------------------------------------------------------


def test_empty_file(archive, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    rej = _rejection(_ingest(archive, tmp_path, path), "R001")
    assert rej.source == str(path.resolve()) and "empty" in rej.reason


@pytest.mark.parametrize("name", ["blank.txt", "blank.jsonl", "blank.csv", "blank.html"])
def test_whitespace_only_file(archive, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"  \n\t\r\n   \n\n" * 2000)  # more blank bytes than the sniffer looks at
    rej = _rejection(_ingest(archive, tmp_path, path), "R001")
    assert "empty" in rej.reason


@pytest.mark.parametrize("name", ["padded.txt", "padded.jsonl"])
def test_text_after_many_blank_lines_is_not_taken_for_an_empty_file(archive, tmp_path, name):
    path = tmp_path / name
    body = _jsonl({"title": "Na de witregels", "text": NL}) if name.endswith(".jsonl") else f"Na de witregels\n\n{NL}"
    path.write_text("\n" * 9000 + body, encoding="utf-8")
    report = _ingest(archive, tmp_path, path)
    assert not report.rejected and report.accepted == 2
    art = _by_title(archive)["Na de witregels"]
    if name.endswith(".jsonl"):
        assert art["source_details"][0]["record"] == "9001"  # line numbers still count the blank lines


def test_empty_gzip_file(archive, tmp_path):
    path = tmp_path / "empty.txt.gz"
    path.write_bytes(gzip.compress(b""))
    assert "empty" in _rejection(_ingest(archive, tmp_path, path), "R001").reason


@pytest.mark.parametrize("name, data, words", [
    ("plaatje.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "PNG image"),
    ("ruis.txt", random.Random(7).randbytes(3000) + b"\x00" * 16, "NUL bytes"),
    ("rapport.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", "PDF"),
    ("rapport.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
], ids=["png", "random-with-nul", "pdf", "pdf-named-txt"])
def test_binary_file(archive, tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    rej = _rejection(_ingest(archive, tmp_path, path), "R002")
    assert "binary" in rej.reason and words in rej.reason


def test_fifty_megabyte_text_file_is_too_large_for_one_article(archive, tmp_path):
    path = tmp_path / "enorm.txt"
    line = (NL + "\n").encode("utf-8")
    try:
        with path.open("wb") as fh:
            fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
        size = path.stat().st_size
        assert size >= 50 * 1024 * 1024
        rej = _rejection(_ingest(archive, tmp_path, path), "R007")
    finally:
        path.unlink(missing_ok=True)
    assert f"{size} bytes" in rej.reason and "limit" in rej.reason
    assert len(archive) == 1


# -- HTML without an article ---------------------------------------------------------------------------------

LOGIN = """<!DOCTYPE html><html lang="nl"><head><title>Inloggen | Utrechts Dagblad</title></head><body>
<nav><a href="/">Home</a> <a href="/nieuws">Nieuws</a></nav>
<form action="/login" method="post"><h1>Inloggen</h1><label>E-mailadres</label><input name="email">
<label>Wachtwoord</label><input name="password" type="password"><button>Inloggen</button>
<a href="/wachtwoord">Wachtwoord vergeten?</a></form><footer>© 2022 Utrechts Dagblad</footer></body></html>"""
INDEX = ("<!DOCTYPE html><html><head><title>Nieuws | Utrechts Dagblad</title></head><body><h1>Laatste nieuws</h1><ul>"
         + "".join(f'<li><a href="/nieuws/{i}">Raad stemt in met plan nummer {i} voor de binnenstad</a></li>'
                   for i in range(40))
         + "</ul></body></html>")


@pytest.mark.parametrize("page", [LOGIN, INDEX], ids=["login", "index"])
def test_html_page_without_an_article(archive, tmp_path, page):
    path = tmp_path / "pagina.html"
    path.write_text(page, encoding="utf-8")
    rej = _rejection(_ingest(archive, tmp_path, path), "R005")
    assert "no article text" in rej.reason
    assert len(archive) == 1


# -- JSON Lines records ----------------------------------------------------------------------------------------


def test_jsonl_broken_line_is_rejected_with_its_number_and_the_others_kept(archive, tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(_jsonl({"title": "Een", "text": NL + " Een."}, '{"title": "Twee", "text": "De raad',
                           {"title": "Drie", "text": NL + " Drie."}, {"title": "Vier", "text": NL + " Vier."}),
                    encoding="utf-8")
    report = _ingest(archive, tmp_path, path)
    rej = _rejection(report, "R004")
    assert rej.source == f"{path.resolve()}:2"
    assert "line 2" in rej.reason and "not valid JSON" in rej.reason and "column" in rej.reason
    assert report.accepted == 4
    assert {"Een", "Drie", "Vier"} <= set(_by_title(archive))


@pytest.mark.parametrize("name, content, options, code, line, words, kept", [
    ("wire.jsonl", _jsonl({"title": "Een", "text": NL}, [NL, "tweede"]), {},
     "R012", 2, ["not a JSON object", "line 2"], {"Een"}),
    ("wire.json", json.dumps([{"title": "Een", "text": NL}, "losse tekst"]), {},
     "R012", 2, ["line 2"], {"Een"}),
    ("wire.jsonl", _jsonl({"title": "Alleen een kop", "url": "https://ud.example/1"}, {"title": "Een", "text": NL}), {},
     "R003", 1, ["no text", "'text'"], {"Een"}),
    ("wire.jsonl", _jsonl({"title": "Geen body", "text": NL}), {"fields": {"text": "body"}},
     "R003", 1, ["'body'", "--field text=NAME"], set()),
    ("wire.jsonl", _jsonl({"title": "Getal", "text": 12345}, {"title": "Een", "text": NL}), {},
     "R014", 1, ["'text'", "int", "expected text"], {"Een"}),
    ("wire.jsonl", _jsonl({"title": "Object", "text": {"nl": NL}}), {},
     "R014", 1, ["dict"], set()),
], ids=["jsonl-line-that-is-a-list", "json-array-element-that-is-not-an-object", "record-without-text",
        "record-without-the-mapped-text-field-names-that-field", "record-whose-text-is-a-number",
        "record-whose-text-is-an-object"])
def test_bad_record_is_rejected_with_its_line_and_reason(archive, tmp_path, name, content, options, code, line, words,
                                                         kept):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    rej = _rejection(_ingest(archive, tmp_path, path, **options), code)
    assert rej.source == f"{path.resolve()}:{line}"
    for word in words:
        assert word in rej.reason, (word, rej.reason)
    assert kept <= set(_by_title(archive))


def test_html_soup_in_a_jsonl_text_field_is_cleaned(archive, tmp_path):
    path = tmp_path / "wire.jsonl"
    soup = (f"<p>Raad &amp; college zijn het eens.</p><br><script>track('x');</script><p>{NL}<br/>"
            "Tweede regel met <b>nadruk</b> en een <a href=\"https://ud.example\">link</a>.</p>"
            "<style>p {color: red}</style><!-- advertentie -->")
    path.write_text(_jsonl({"title": "Soep", "text": soup}), encoding="utf-8")
    report = _ingest(archive, tmp_path, path)
    assert not report.rejected
    text = _by_title(archive)["Soep"]["text"]
    for junk in ("<p>", "</p>", "<br", "<b>", "<a ", "&amp;", "<script", "track(", "<style", "color: red", "<!--"):
        assert junk not in text, junk
    assert text.startswith("Raad & college zijn het eens.")
    assert NL in text and "Tweede regel met nadruk en een link." in text


# -- dates ---------------------------------------------------------------------------------------------------------


def _dated(archive, tmp_path: Path, published: str) -> dict[str, Any]:
    path = tmp_path / "dated.jsonl"
    path.write_text(_jsonl({"title": "Gedateerd", "text": NL, "published": published}), encoding="utf-8")
    report = _ingest(archive, tmp_path, path)
    assert not report.rejected and report.accepted == 2
    return _by_title(archive)["Gedateerd"]


def test_future_date_is_stored_as_unknown_with_a_note(archive, tmp_path):
    future = f"{datetime.now(UTC).year + 2}-03-01T10:00:00+01:00"
    art = _dated(archive, tmp_path, future)
    assert art["published"] is None and art["published_precision"] is None
    assert "future" in art["published_note"] and future in art["published_note"]


@pytest.mark.parametrize("raw", ["0001-01-01T00:00:00UTC", "1-01-01T00:00:00UTC"])
def test_placeholder_date_is_stored_as_unknown_with_a_note(archive, tmp_path, raw):
    art = _dated(archive, tmp_path, raw)
    assert art["published"] is None
    assert art["published_note"].startswith("placeholder date") and raw in art["published_note"]


def test_impossible_date_is_stored_as_unknown_with_a_note(archive, tmp_path):
    art = _dated(archive, tmp_path, "2019-02-30")
    assert art["published"] is None
    assert "2019-02-30" in art["published_note"] and "not a valid calendar date" in art["published_note"]


def _dated_at(archive, tmp_path: Path, published: str | None, url: str) -> dict[str, Any]:
    path = tmp_path / "dated_url.jsonl"
    path.write_text(_jsonl({"title": "Gedateerd", "text": NL, "published": published, "url": url}), encoding="utf-8")
    report = _ingest(archive, tmp_path, path)
    assert not report.rejected and report.accepted == 2
    return _by_title(archive)["Gedateerd"]


def test_a_date_years_away_from_the_urls_date_is_replaced_by_it_with_a_note(archive, tmp_path):
    # Regression: an article of July 2009 (its URL says so) stored under 1905 opened a story of the 2009 riots in 1905.
    url = "https://web.archive.org/web/20090819051121/http://example.org/news/2009/07/20/riots.html"
    art = _dated_at(archive, tmp_path, "1905-11-21T00:00:00UTC", url)
    assert art["published"] == "2009-07-20" and art["published_precision"] == "day"
    assert "1905-11-21" in art["published_note"] and "URL" in art["published_note"]


def test_a_date_after_the_web_archive_captured_the_page_is_unknown(archive, tmp_path):
    url = "https://web.archive.org/web/20120301000000/http://example.org/news/story.html"
    art = _dated_at(archive, tmp_path, "2021-05-26", url)
    assert art["published"] is None and "capture" in art["published_note"] and "2012-03-01" in art["published_note"]


def test_a_missing_date_is_taken_from_the_url(archive, tmp_path):
    art = _dated_at(archive, tmp_path, None, "https://example.org/2017/03/some-story")
    assert art["published"] == "2017-03" and art["published_precision"] == "month" and "URL" in art["published_note"]


def test_regression_a_missing_date_is_taken_from_a_url_with_sections_or_short_months(archive, tmp_path):
    # 43 DFN articles were undated although their address carries the day: /2010/CRIME/08/03/, /2009/7/9/,
    # /news/2002/mar/26/
    art = _dated_at(archive, tmp_path, None, "http://www.example.com/2010/CRIME/08/03/some.story/index.html")
    assert art["published"] == "2010-08-03" and art["published_precision"] == "day"


def test_regression_a_crawl_date_is_replaced_by_a_url_date_with_a_one_digit_month(archive, tmp_path):
    art = _dated_at(archive, tmp_path, "2021-05-21", "http://example.org/2009/7/9/report_from_somewhere")
    assert art["published"] == "2009-07-09" and "2021-05-21" in art["published_note"]


def test_regression_a_crawl_date_years_after_the_urls_year_is_replaced_by_the_year(archive, tmp_path):
    # a page of a March 2008 snow storm filed under /events/2008/ carried the date 2025-12-19 and made a story of
    # the 2007 winter storms start and end in December 2025
    art = _dated_at(archive, tmp_path, "2025-12-19T00:00:00UTC", "http://example.org/events/2008/Mar78snow/index.php")
    assert art["published"] == "2008" and art["published_precision"] == "year"
    assert "2025-12-19" in art["published_note"]


def test_a_year_alone_in_the_url_does_not_fill_a_missing_date(archive, tmp_path):
    assert _dated_at(archive, tmp_path, None, "http://example.org/events/2008/snow/")["published"] is None


def test_a_year_alone_in_the_url_does_not_move_a_date_of_the_next_year(archive, tmp_path):
    assert _dated_at(archive, tmp_path, "2009-02-01", "http://example.org/events/2008/snow/")["published"] == "2009-02-01"


def test_a_date_within_a_year_of_the_urls_date_is_kept(archive, tmp_path):
    art = _dated_at(archive, tmp_path, "2017-04-02", "https://example.org/2017/03/some-story")
    assert art["published"] == "2017-04-02" and art["published_note"] is None


# -- identity ---------------------------------------------------------------------------------------------------


def test_duplicate_id_with_different_text_in_one_file(archive, tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(_jsonl({"id": "ud-1", "title": "Eerste versie", "text": NL},
                           {"id": "ud-1", "title": "Tweede versie", "text": NL + " Met een extra zin."}),
                    encoding="utf-8")
    report = _ingest(archive, tmp_path, path)
    rej = _rejection(report, "R006")
    assert rej.source == f"{path.resolve()}:2"
    assert "'ud-1'" in rej.reason and "already ingested" in rej.reason and "different text" in rej.reason
    arts = _by_title(archive)
    assert "Tweede versie" not in arts
    assert arts["Eerste versie"]["text"] == NL and arts["Eerste versie"]["id"] in rej.reason


# -- compression -------------------------------------------------------------------------------------------------


def _records_gz() -> bytes:
    return gzip.compress(_jsonl(*({"id": f"r{i}", "title": f"Record {i}", "text": f"{NL} Nummer {i}."}
                                  for i in range(40))).encode("utf-8"))


@pytest.mark.parametrize("name, data", [
    ("wire.jsonl.gz", _records_gz()[:-40]),  # truncated
    ("story.txt.gz", gzip.compress(f"Kop\n\n{NL}".encode())[:14]),  # only the header survives
    ("story.txt.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"rommel" * 50),  # corrupt deflate data
    ("wire.jsonl", _records_gz()[:-40]),  # truncated, and the name does not say gzip
    ("story.txt", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"rommel" * 50),
    ("story.txt", b"\x1f\x8b\x08\x00" + b"rommel" * 50),  # the gzip header itself is cut short
], ids=["truncated", "header-only", "corrupt", "truncated-misnamed", "corrupt-misnamed", "bad-header-misnamed"])
def test_truncated_or_corrupt_gzip(archive, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    rej = _rejection(_ingest(archive, tmp_path, path), "R013")
    assert rej.source == str(path.resolve())
    assert "gzip data is corrupt or truncated" in rej.reason and "()" not in rej.reason


# -- whole runs ----------------------------------------------------------------------------------------------------


def _bad_batch(tmp_path: Path) -> list[Path]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "wire.jsonl").write_text(_jsonl({"id": "a", "title": "Een", "text": NL}, "{kapot",
                                                {"id": "a", "title": "Anders", "text": NL + " Anders."},
                                                {"title": "Geen tekst"}), encoding="utf-8")
    return [tmp_path / "empty.txt", tmp_path / "image.png", tmp_path / "wire.jsonl"]


def test_rerun_of_a_bad_batch_reports_the_same_rejections_and_stores_nothing_twice(archive, tmp_path):
    batch = _bad_batch(tmp_path)
    first = _ingest(archive, tmp_path, *batch)
    stored = archive.store.dump()
    second = _ingest(archive, tmp_path, *batch)
    assert [(r.source, r.code) for r in first.rejected] == [(r.source, r.code) for r in second.rejected]
    assert sorted(r.code for r in first.rejected) == ["R001", "R002", "R003", "R004", "R006"]
    assert (first.accepted, second.accepted, second.duplicates, second.already_stored) == (2, 0, 0, 2)
    assert archive.store.dump() == stored and len(archive) == 2
    assert len(archive.store.rejections()) == 5


def test_cli_reports_rejections_and_goes_on(runner, db_path, tmp_path):
    batch = _bad_batch(tmp_path)
    result = runner.invoke(main, ["--db", str(db_path), "ingest", *map(str, batch), str(_good(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "2 accepted" in result.stdout and "5 rejected" in result.stdout
    assert f"rejected {batch[0].resolve()}: file is empty" in result.stdout
    strict = runner.invoke(main, ["--db", str(db_path), "ingest", "--strict", *map(str, batch)])
    assert strict.exit_code == 1 and "0 accepted" in strict.stdout


def test_cli_nonexistent_path_is_an_error_not_a_traceback(runner, db_path, tmp_path):
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output and "nope.txt" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_cli_nonexistent_path_among_good_ones_stops_before_ingesting(runner, db_path, tmp_path):
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(_good(tmp_path)), "nope.txt", "ook-niet/*.txt"])
    assert result.exit_code == 2
    assert "nope.txt (no such file or directory)" in result.output and "matches no file" in result.output
    if db_path.exists():
        with storyline.open(db_path) as arc:
            assert len(arc) == 0


def test_cli_database_with_garbage_bytes_is_an_error_naming_it(runner, tmp_path):
    db = tmp_path / "kapot.db"
    db.write_bytes(random.Random(3).randbytes(8192))
    result = runner.invoke(main, ["--db", str(db), "ingest", str(_good(tmp_path))])
    assert result.exit_code == 2
    assert str(db) in result.output and "database" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert len(result.output.strip().splitlines()) == 1


def test_regression_a_tweet_is_dated_by_the_time_in_its_id_not_by_a_crawl_date(archive, tmp_path):
    # a post of the day after a royal wedding in May 2018 carried the date 2021-05-20 (three years later) and
    # stretched its story to 2021; the id of a post holds the time it was written
    art = _dated_at(archive, tmp_path, "2021-05-20T00:00:00UTC", "https://twitter.com/example/status/997809089541058617")
    assert art["published"] == "2018-05-19T12:00:00+00:00" and art["published_precision"] == "minute"
    assert "2021-05-20" in art["published_note"] and "id" in art["published_note"]


def test_a_tweet_without_a_date_is_dated_by_its_id(archive, tmp_path):
    url = "https://web.archive.org/web/20200629091345/https://twitter.com/example/status/1277527223301047049"
    art = _dated_at(archive, tmp_path, None, url)
    assert art["published"] == "2020-06-29T09:00:00+00:00" and "no publication date" in art["published_note"]


def test_a_twitter_profile_page_keeps_its_date(archive, tmp_path):
    assert _dated_at(archive, tmp_path, "2021-06-30", "https://twitter.com/example")["published"] == "2021-06-30"


def test_regression_an_encyclopedia_page_has_no_publication_date(archive, tmp_path):
    # 95 encyclopedia pages about shootings of 2009-2016 all carried their crawl day, 2019-07-20, and each made its
    # story end on that day with an entry "20 July 2019: <the shooting>"
    art = _dated_at(archive, tmp_path, "2019-07-20T00:00:00UTC", "https://en.wikipedia.org/wiki/Some_shooting")
    assert art["published"] is None and "2019-07-20" in art["published_note"] and "reference" in art["published_note"]


def test_a_wiki_path_on_a_news_site_keeps_its_date(archive, tmp_path):
    assert _dated_at(archive, tmp_path, "2019-07-20", "https://example.org/wiki/Page")["published"] == "2019-07-20"


def test_regression_an_undated_article_is_dated_by_the_dateline_at_its_top(archive):
    # read in the seeds + DFN archive: "Bloedbad in winkelcentrum …" had a placeholder date although its text opens
    # with "RTL Nieuws | 09 april 2011, 12:56" (texts written for this test)
    body = ("Bij een brand in een loods in het centrum van het dorp is veel schade ontstaan. De brandweer was de hele "
            "nacht bezig met blussen en de omgeving werd afgezet.")
    report = archive.ingest_records([
        {"title": "Brand in loods", "text": f"Brand in loods.\n\nOmroep West | 09 april 2011, 12:56\n{body}",
         "published": "0001-01-01T00:00:00UTC"},
        {"title": "Brand in schuur", "text": f"02/12/2006\n{body} Ook een schuur brandde af."},
        {"title": "Brand in stal", "text": f"{body} Het gebeurde op 9 april 2011.", "published": None}])
    assert report.accepted == 3
    got = {a["title"]: archive.article(a["id"]) for a in archive.articles()}
    assert got["Brand in loods"]["published"] == "2011-04-09T12:56:00+00:00"
    assert "dateline" in got["Brand in loods"]["published_note"] and "placeholder" in got["Brand in loods"]["published_note"]
    assert got["Brand in schuur"]["published"] is None  # digits only: day and month order unknown
    assert got["Brand in stal"]["published"] is None  # a date in the text is no dateline


def test_regression_an_undated_page_is_dated_by_an_eight_digit_day_in_its_address(archive):
    # read in the seeds + DFN archive: pages at ".../algemeen/20140717/vlaggen-halfstok-na-…" with a placeholder date
    # were shown "after 27 August 2014 (undated)" in a story of July 2014 (texts written for this test)
    body = ("Bij een brand in een loods in het centrum van het dorp is veel schade ontstaan. De brandweer was de hele "
            "nacht bezig met blussen en de omgeving werd afgezet.")
    report = archive.ingest_records([
        {"title": "Vlaggen", "text": body, "published": "1-01-01T00:00:00UTC",
         "url": "https://web.archive.org/web/20140726214011/http://www.example.nl/algemeen/20140717/vlaggen-halfstok"},
        # it only fills a missing date: a stated one stays, even a year away (an id may look like a day)
        {"title": "Winkelcentrum", "text": body + " Ook een winkel brandde af.", "published": "2010-01-01",
         "url": "http://example.org/en/20061231-mall-shooting"},
        # a day after the web archive's capture is no publication date
        {"title": "Later", "text": body + " Ook een stal brandde af.", "published": None,
         "url": "https://web.archive.org/web/20140701000000/http://example.nl/nieuws/20140717/later"},
        # a stated date after the capture is impossible: the address's day stands in for it
        {"title": "Festival", "text": body + " Ook een tent brandde af.", "published": "2021-07-25T09:52:00UTC",
         "url": "https://web.archive.org/web/20100726000000/http://example.com/5/20100725/nineteen-dead-at-festival"}])
    assert report.accepted == 4
    got = {a["title"]: archive.article(a["id"]) for a in archive.articles()}
    assert got["Vlaggen"]["published"] == "2014-07-17" and got["Vlaggen"]["published_precision"] == "day"
    assert got["Winkelcentrum"]["published"] == "2010-01-01"
    assert got["Later"]["published"] is None
    assert got["Festival"]["published"] == "2010-07-25"
