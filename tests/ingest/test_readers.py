"""Every reader on small inputs written by the test itself, and on the bundled sample corpus."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.cli import main
from storyline.config import IngestOptions
from storyline.data import sample_dir

NL = ("De gemeenteraad van Utrecht heeft dinsdagavond na een lang debat ingestemd met een nieuw verkeersplan "
      "voor de binnenstad. Het plan kost ruim twintig miljoen euro en moet de stad in vijf jaar autoluw maken.")
NL2 = ("Wethouder Anna de Vries sprak van een historische avond. ,,Dit is het begin van een gezondere stad,” zei ze "
       "na de stemming. De oppositie vreest dat bezoekers wegblijven en dat de kosten verder oplopen.")
EN = ("The city council of Utrecht approved a new traffic plan for the inner city on Tuesday evening after a long "
      "debate. The plan costs more than twenty million euros and should make the centre largely car-free.")
EN2 = ("Alderman Anna de Vries called it a historic evening. Opponents fear that visitors will stay away and that "
       "the costs will rise further; a motion to postpone the plan failed to win a majority.")


def _only(archive) -> dict[str, Any]:
    """The one stored article, with every field."""
    rows = archive.articles()
    assert len(rows) == 1, [r["title"] for r in rows]
    return archive.article(rows[0]["id"])


def _by_title(archive) -> dict[str, dict[str, Any]]:
    """Every stored article with every field, keyed by title."""
    return {r["title"]: archive.article(r["id"]) for r in archive.articles()}


def _jsonl(*records: dict[str, Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _ingest_text(archive, path: Path, content: str) -> dict[str, Any]:
    """Write `content` to `path`, ingest it and return the one article stored, with every field."""
    path.write_text(content, encoding="utf-8")
    archive.ingest(path)
    return _only(archive)


def _ingest_pair(archive, path: Path, content: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Write `content` (the Dutch and the English article of WIRE, RSS or ATOM) to `path`, ingest it and return
    the two articles stored, Dutch first."""
    path.write_text(content, encoding="utf-8")
    report = archive.ingest(path)
    assert report.accepted == 2 and not report.rejected
    arts = _by_title(archive)
    return arts["Raad stemt in met autoluwe binnenstad"], arts["Council backs car-free centre"]


# -- plain text ---------------------------------------------------------------------------------------


def test_text_with_month_prefix_is_dated_to_the_month(archive, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f" date 2018-05 Raad stemt in met autoluwe binnenstad\n\n{NL}\n", encoding="utf-8")
    report = archive.ingest(path)
    assert report.accepted == 1 and not report.rejected
    art = _only(archive)
    assert (art["published"], art["published_precision"], art["published_note"]) == ("2018-05", "month", None)
    assert art["title"] == "Raad stemt in met autoluwe binnenstad"
    assert not art["text"].lstrip().lower().startswith("date")
    assert "2018-05" not in art["text"]
    assert art["lang"] == "nl"


def test_text_with_day_prefix_is_dated_to_the_day(archive, tmp_path):
    art = _ingest_text(archive, tmp_path / "b.txt", f" date 2018-05-12 {NL}")
    assert (art["published"], art["published_precision"]) == ("2018-05-12", "day")
    assert art["text"].startswith("De gemeenteraad van Utrecht")


def test_text_without_prefix_is_undated_with_a_note(archive, tmp_path):
    art = _ingest_text(archive, tmp_path / "c.txt", f"Raad stemt in\n\n{NL}")
    assert art["published"] is None and art["published_precision"] is None
    assert art["published_note"] == "no publication date in the source"


@pytest.mark.parametrize("content, residue, title, published", [
    (f"update/videoAmerika en Noord-Korea gaan opnieuw praten\n\n{NL}", ("update", "video"),
     "Amerika en Noord-Korea gaan opnieuw praten", None),
    (f" date 2018-05 Liveblog|Verhoor van de directeur\n\n{NL}", ("liveblog",), "Verhoor van de directeur", "2018-05"),
], ids=["plain", "after-a-date-prefix"])
def test_text_scraper_residue_is_removed_from_title_and_text(archive, tmp_path, content, residue, title, published):
    art = _ingest_text(archive, tmp_path / "d.txt", content)
    assert art["title"] == title
    assert art["text"].startswith(title)
    for word in residue:
        assert word not in art["text"].lower(), word
    assert art["published"] == published


@pytest.mark.parametrize("content, title", [
    (f"Historische avond in de Utrechtse raad\n{NL}", "Historische avond in de Utrechtse raad"),
    (NL + "\n\n" + NL2, "De gemeenteraad van Utrecht heeft dinsdagavond na een lang debat ingestemd met een nieuw "
                        "verkeersplan voor de binnenstad."),
], ids=["first-line-when-it-is-a-headline", "first-sentence-when-the-text-starts-with-the-lead"])
def test_text_title(archive, tmp_path, content, title):
    assert _ingest_text(archive, tmp_path / "f.txt", content)["title"] == title


def test_text_title_from_a_very_long_first_sentence_is_cut_at_a_word(archive, tmp_path):
    words = " ".join(["gemeenteraad"] * 40)
    title = _ingest_text(archive, tmp_path / "h.txt", f"De {words} stemde in. {NL}")["title"]
    assert title.endswith("…") and len(title) <= 161
    assert title[:-1].split(" ")[-1] == "gemeenteraad"


# -- JSON Lines and JSON arrays ------------------------------------------------------------------------


WIRE = [
    {"id": "ud-1", "title": "Raad stemt in met autoluwe binnenstad", "published": "2022-06-14T09:30:00+02:00",
     "url": "https://ud.example/1", "source": "Utrechts Dagblad", "text": NL + "\n\n" + NL2},
    {"id": "ud-2", "title": "Council backs car-free centre", "published": "2022-06-15", "url": "https://ud.example/2",
     "source": "Utrecht Times", "lang": "en", "text": EN + "\n\n" + EN2},
]


def test_jsonl_with_default_field_names(archive, tmp_path):
    nl, en = _ingest_pair(archive, tmp_path / "wire.jsonl", _jsonl(*WIRE))
    assert nl["published"] == "2022-06-14T09:30:00+02:00" and nl["published_precision"] == "minute"
    assert en["published"] == "2022-06-15" and en["published_precision"] == "day"
    assert nl["text"] == NL + "\n\n" + NL2
    assert (nl["lang"], en["lang"]) == ("nl", "en")
    src = nl["source_details"][0]
    assert (src["record"], src["url"], src["outlet"], src["external_id"]) == (
        "1", "https://ud.example/1", "Utrechts Dagblad", "ud-1")
    assert nl["sources"] == ["https://ud.example/1"]


def test_jsonl_with_a_field_mapping(archive, tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(_jsonl({"body": NL, "dct": "2020-01-02", "text": "Dit is de verkeerde tekst van het verkeerde veld.",
                            "published": "1999-09-09"}), encoding="utf-8")
    report = archive.ingest(path, fields={"text": "body", "published": "dct"})
    assert report.accepted == 1, report.rejected
    art = _only(archive)
    assert art["text"] == NL
    assert art["published"] == "2020-01-02"


def test_jsonl_field_mapping_through_the_command_line(runner, db_path, tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(_jsonl({"body": NL, "kop": "Raad stemt in", "dct": "2020-01-02"}), encoding="utf-8")
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(path), "--field", "text=body",
                                  "--field", "published=dct", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["accepted"] == 1
    with storyline.open(db_path) as arc:
        art = _only(arc)
    assert (art["title"], art["text"], art["published"]) == ("Raad stemt in", NL, "2020-01-02")


def test_json_array_file(archive, tmp_path):
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(WIRE, indent=2, ensure_ascii=False), encoding="utf-8")
    report = archive.ingest(path)
    assert report.accepted == 2 and not report.rejected
    arts = _by_title(archive)
    assert set(arts) == {"Raad stemt in met autoluwe binnenstad", "Council backs car-free centre"}
    assert arts["Council backs car-free centre"]["source_details"][0]["external_id"] == "ud-2"


def test_jsonl_text_given_as_a_list_of_paragraphs(archive, tmp_path):
    art = _ingest_text(archive, tmp_path / "paras.jsonl", _jsonl({"title": "Raad stemt in", "text": [NL, NL2]}))
    assert art["text"] == NL + "\n\n" + NL2


# -- CSV and TSV ---------------------------------------------------------------------------------------


def test_csv_with_dutch_headers_dates_and_quoted_multiline_fields(archive, tmp_path):
    path = tmp_path / "export.csv"
    rows = [
        "kop,datum,tekst,link",
        f'"Raad, na lang debat, akkoord",14-06-2022,"{NL}\r\n{NL2.replace(chr(34), chr(34) * 2)}",https://ud.example/1',
        f'Council agrees,15-06-2022,"{EN}",https://ud.example/2',
    ]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8"))
    report = archive.ingest(path)
    assert report.accepted == 2 and not report.rejected
    arts = _by_title(archive)
    nl = arts["Raad, na lang debat, akkoord"]
    assert (nl["published"], nl["published_precision"]) == ("2022-06-14", "day")
    assert nl["text"] == NL + "\n" + NL2
    assert nl["sources"] == ["https://ud.example/1"]
    assert nl["source_details"][0]["record"] == "1"
    assert arts["Council agrees"]["published"] == "2022-06-15"
    assert arts["Council agrees"]["source_details"][0]["record"] == "2"


@pytest.mark.parametrize("name, content, nl_title", [
    ("export.csv", f"Title;Date;Text\nRaad stemt in, eindelijk;2022-06-14;{NL}\nCouncil agrees;2022-06-15;\"{EN}\"\n",
     "Raad stemt in, eindelijk"),
    ("export.tsv", f"title\tdate\ttext\nRaad stemt in\t2022-06-14\t{NL}\nCouncil agrees\t2022-06-15\t{EN}\n",
     "Raad stemt in"),
], ids=["csv-with-semicolons", "tsv"])
def test_delimited_text_with_another_separator(archive, tmp_path, name, content, nl_title):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    report = archive.ingest(path)
    assert report.accepted == 2 and not report.rejected
    arts = _by_title(archive)
    assert (arts[nl_title]["text"], arts[nl_title]["published"]) == (NL, "2022-06-14")
    assert (arts["Council agrees"]["text"], arts["Council agrees"]["published"]) == (EN, "2022-06-15")


# -- HTML ----------------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>Raad stemt in met autoluwe binnenstad | Utrechts Dagblad</title>
<meta property="og:title" content="Raad stemt in met autoluwe binnenstad">
<meta property="article:published_time" content="2022-03-01T10:00:00+01:00">
<script>window.dataLayer = [];</script>
</head><body>
<div id="cookie-banner"><p>Wij gebruiken cookies om de site te verbeteren en advertenties te tonen.
Klik op Akkoord om verder te gaan.</p><button>Akkoord</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/nieuws">Nieuws</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/regio">Regio</a></li></ul></nav>
<main><article><h1>Raad stemt in met autoluwe binnenstad</h1>
<time datetime="2022-03-01T10:00:00+01:00">1 maart 2022, 10:00</time>
<p>{NL}</p><p>{NL2}</p>
<p>Het nieuwe plan gaat in op 1 januari. Eerst worden de bussen en de fietspaden aangepakt, daarna volgen de
parkeergarages aan de rand van de stad.</p>
</article></main>
<footer><p>© 2022 Utrechts Dagblad. Alle rechten voorbehouden. Privacyverklaring · Contact · Adverteren</p></footer>
</body></html>"""


def test_html_main_text_is_extracted_without_page_chrome(archive, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    report = archive.ingest(path)
    assert report.accepted == 1, report.rejected
    text = _only(archive)["text"]
    assert NL in text and NL2 in text and "parkeergarages" in text
    for chrome in ("cookies", "Akkoord", "Home", "Sport", "rechten voorbehouden", "Privacyverklaring", "dataLayer"):
        assert chrome not in text, chrome


def test_html_title_date_and_language_are_found(archive, tmp_path):
    art = _ingest_text(archive, tmp_path / "page.html", PAGE)
    assert art["title"] == "Raad stemt in met autoluwe binnenstad"
    assert art["lang"] == "nl"
    assert art["published_precision"] == "minute"
    # the page's UTC offset is kept: 10:00 in Amsterdam is 09:00 UTC
    assert art["published"] == "2022-03-01T10:00:00+01:00"
    start = archive.store.conn.execute("SELECT published_start FROM articles").fetchone()[0]
    assert start == "2022-03-01T09:00:00Z"


# -- RSS and Atom --------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Utrechts Dagblad</title><link>https://ud.example/</link>
<description>Nieuws</description><language>nl</language>
<item><title>Raad stemt in met autoluwe binnenstad</title><link>https://ud.example/1</link>
<guid isPermaLink="true">https://ud.example/1</guid><pubDate>Tue, 01 Mar 2022 10:00:00 +0100</pubDate>
<description>&lt;p&gt;{NL}&lt;/p&gt;&lt;p&gt;{NL2} &lt;a href="https://ud.example/x"&gt;&lt;b&gt;Lees meer&lt;/b&gt;&lt;/a&gt;&lt;/p&gt;</description></item>
<item><title>Council backs car-free centre</title><link>https://ud.example/2</link>
<pubDate>Wed, 02 Mar 2022 08:30:00 GMT</pubDate><description><![CDATA[<p>{EN}</p><p>{EN2}</p>]]></description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Haven &amp; Stad</title><id>tag:hs.example,2022:feed</id>
<updated>2022-04-08T10:00:00Z</updated>
<entry><title>Raad stemt in met autoluwe binnenstad</title><id>tag:hs.example,2022:1</id>
<link href="https://hs.example/1"/><published>2022-04-07T08:00:00+02:00</published><updated>2022-04-07T09:00:00+02:00</updated>
<content type="html">&lt;p&gt;{NL}&lt;/p&gt;&lt;p&gt;{NL2}&lt;/p&gt;</content></entry>
<entry><title>Council backs car-free centre</title><id>tag:hs.example,2022:2</id><link href="https://hs.example/2"/>
<updated>2022-04-08T10:00:00Z</updated><summary type="html">&lt;b&gt;{EN}&lt;/b&gt; {EN2}</summary></entry>
</feed>"""


def test_rss_items_become_articles_with_title_link_date_and_plain_text(archive, tmp_path):
    nl, en = _ingest_pair(archive, tmp_path / "feed.rss", RSS)
    assert nl["published"] == "2022-03-01T10:00:00+01:00"
    assert en["published"].startswith("2022-03-02T08:30:00")
    assert nl["sources"] == ["https://ud.example/1"] and en["sources"] == ["https://ud.example/2"]
    assert nl["source_details"][0]["outlet"] == "Utrechts Dagblad"
    assert nl["text"].startswith(NL) and "Lees meer" in nl["text"]
    for art in (nl, en):
        assert "<" not in art["text"] and "&lt;" not in art["text"] and "&gt;" not in art["text"]
    assert en["text"] == EN + "\n\n" + EN2
    assert (nl["lang"], en["lang"]) == ("nl", "en")


def test_atom_entries_become_articles(archive, tmp_path):
    nl, en = _ingest_pair(archive, tmp_path / "feed.atom", ATOM)
    assert nl["published"] == "2022-04-07T08:00:00+02:00"  # <published>, not <updated>
    assert en["published"].startswith("2022-04-08T10:00:00")  # only <updated>
    assert nl["text"] == NL + "\n\n" + NL2
    assert en["text"].startswith(EN) and "<b>" not in en["text"]
    src = nl["source_details"][0]
    assert (src["url"], src["external_id"], src["outlet"]) == ("https://hs.example/1", "tag:hs.example,2022:1",
                                                               "Haven & Stad")


def test_feed_is_recognised_by_its_content_under_another_name(archive, tmp_path):
    path = tmp_path / "download.txt"
    path.write_text(RSS, encoding="utf-8")
    report = archive.ingest(path)
    assert report.accepted == 2, report.rejected
    assert "Council backs car-free centre" in _by_title(archive)


# -- gzip ------------------------------------------------------------------------------------------------


def test_gzip_jsonl(archive, tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl(*WIRE).encode("utf-8")))
    report = archive.ingest(path)
    assert report.accepted == 2 and not report.rejected
    assert set(_by_title(archive)) == {"Raad stemt in met autoluwe binnenstad", "Council backs car-free centre"}


def test_gzip_text_keeps_its_date_prefix(archive, tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(f" date 2019-03 Raad stemt in\n\n{NL}".encode()))
    archive.ingest(path)
    art = _only(archive)
    assert (art["title"], art["published"]) == ("Raad stemt in", "2019-03")


@pytest.mark.parametrize("name", ["wire.jsonl", "wire.dat", "wire"])
def test_gzip_jsonl_under_a_name_without_gz_is_decompressed(archive, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(_jsonl(*WIRE).encode("utf-8")))
    report = archive.ingest(path)
    assert report.accepted == 2 and not report.rejected
    assert "Council backs car-free centre" in _by_title(archive)


def test_gzip_text_under_a_plain_text_name_is_decompressed(archive, tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(gzip.compress(f" date 2019-03-04 Raad stemt in\n\n{NL}".encode()))
    archive.ingest(path)
    art = _only(archive)
    assert (art["title"], art["published"], art["text"].endswith(NL)) == ("Raad stemt in", "2019-03-04", True)


def test_plain_text_named_gz_is_read_as_it_is(archive, tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_text(f"Raad stemt in\n\n{NL}", encoding="utf-8")
    report = archive.ingest(path)
    assert report.accepted == 1, report.rejected
    assert _only(archive)["title"] == "Raad stemt in"


# -- standard input --------------------------------------------------------------------------------------


def test_stdin_jsonl(archive):
    report = archive.ingest("-", stdin=io.BytesIO(_jsonl(*WIRE).encode("utf-8")))
    assert report.accepted == 2 and not report.rejected
    art = _by_title(archive)["Raad stemt in met autoluwe binnenstad"]
    assert art["source_details"][0]["location"] == "<stdin>"
    assert art["source_details"][0]["external_id"] == "ud-1"


def test_stdin_plain_text_with_date_prefix(archive):
    archive.ingest("-", stdin=io.BytesIO(f" date 2018-05-12 Raad stemt in\n\n{NL}".encode()))
    art = _only(archive)
    assert (art["title"], art["published"], art["published_precision"]) == ("Raad stemt in", "2018-05-12", "day")


def test_stdin_gzip(archive):
    report = archive.ingest("-", stdin=io.BytesIO(gzip.compress(_jsonl(*WIRE).encode("utf-8"))))
    assert report.accepted == 2 and not report.rejected


def test_stdin_together_with_a_file(archive, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Council agrees\n\n{EN}", encoding="utf-8")
    report = archive.ingest(path, "-", stdin=io.BytesIO(f"Raad stemt in\n\n{NL}".encode()))
    assert report.accepted == 2
    locations = {a["source_details"][0]["location"] for a in _by_title(archive).values()}
    assert locations == {str(path.resolve()), "<stdin>"}


# -- directories, globs, forced format --------------------------------------------------------------------


def _tree(root: Path) -> Path:
    (root / "2022" / "juni").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "een.txt").write_text(f"Artikel een\n\n{NL}", encoding="utf-8")
    (root / "2022" / "twee.txt").write_text(f"Artikel twee\n\n{EN}", encoding="utf-8")
    (root / "2022" / "juni" / "drie.jsonl").write_text(_jsonl({"title": "Artikel drie", "text": NL2}), encoding="utf-8")
    (root / "2022" / "juni" / "vier.txt.gz").write_bytes(gzip.compress(f"Artikel vier\n\n{EN2}".encode()))
    (root / ".verborgen.txt").write_text(f"Verborgen bestand\n\n{NL} Een.", encoding="utf-8")
    (root / ".cache" / "vijf.txt").write_text(f"Verborgen map\n\n{NL} Twee.", encoding="utf-8")
    (root / "README.md").write_text(f"# Over deze map\n\n{EN} Readme.", encoding="utf-8")
    (root / "2022" / "README.txt").write_text(f"Over deze map\n\n{EN} Readme.", encoding="utf-8")
    (root / "2022" / "LICENSE").write_text(f"Licentie\n\n{EN} Licence.", encoding="utf-8")
    return root


def test_directory_is_read_recursively_skipping_hidden_files_and_readmes(archive, tmp_path):
    root = _tree(tmp_path / "corpus")
    report = archive.ingest(root)
    assert not report.rejected
    assert set(_by_title(archive)) == {"Artikel een", "Artikel twee", "Artikel drie", "Artikel vier"}


def test_glob_pattern_selects_matching_files(archive, tmp_path):
    root = _tree(tmp_path / "corpus")
    report = archive.ingest(str(root / "*.txt"))
    assert report.accepted == 1
    assert set(_by_title(archive)) == {"Artikel een"}


def test_recursive_glob_pattern(archive, tmp_path):
    root = _tree(tmp_path / "corpus")
    archive.ingest(str(root / "**" / "*.jsonl"), str(root / "**" / "*.gz"))
    assert set(_by_title(archive)) == {"Artikel drie", "Artikel vier"}


def test_format_option_forces_the_reader(archive, tmp_path):
    path = tmp_path / "records.txt"
    path.write_text(_jsonl(*WIRE), encoding="utf-8")
    report = archive.ingest(path, format="jsonl")
    assert report.accepted == 2 and not report.rejected
    art = _by_title(archive)["Raad stemt in met autoluwe binnenstad"]
    assert art["text"] == NL + "\n\n" + NL2 and art["source_details"][0]["external_id"] == "ud-1"


def test_format_option_can_force_plain_text(archive, tmp_path):
    path = tmp_path / "note.html"
    path.write_text(f"Raad stemt in\n\n{NL}", encoding="utf-8")
    archive.ingest(path, options=IngestOptions(format="text"))
    assert _only(archive)["title"] == "Raad stemt in"


# -- the bundled sample corpus ---------------------------------------------------------------------------


def _gold(prefix: str = "") -> list[dict[str, Any]]:
    """Gold rows whose source starts with `prefix` (relative to the sample folder)."""
    with (sample_dir() / "gold.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if r["source"].startswith(prefix)]


def _find(archive, row: dict[str, Any]) -> dict[str, Any]:
    """The stored article a gold row describes (by file and record), with every field."""
    location = str((sample_dir() / row["source"]).resolve())
    record = row["record"]
    found = []
    for art in archive.articles():
        full = archive.article(art["id"])
        for src in full["source_details"]:
            if src["location"] != location:
                continue
            if (record is None or src["external_id"] == record or src["url"] == record
                    or (isinstance(record, int) and src["record"] == str(record))):
                found.append(full)
    assert len(found) == 1, (row, [f["title"] for f in found])
    return found[0]


def _check_gold(archive, rows: list[dict[str, Any]]) -> None:
    """Every gold article is stored, in its language, dated as the source dates it."""
    for row in rows:
        art = _find(archive, row)
        assert art["lang"] == row["lang"], (row, art["title"])
        if row["published"] is None:
            assert art["published"] is None and art["published_note"], row
        else:
            assert art["published"] == row["published"] or art["published"].startswith(row["published"] + "T"), (
                row, art["published"])


def _ingest_gold(archive, sample: Path, source: str, expected: int) -> list[dict[str, Any]]:
    """Ingest `source` (a file or folder in the sample folder), check that its `expected` gold articles were all
    stored as the gold says and nothing was rejected, and return its gold rows."""
    rows = _gold(f"articles/{source}")
    assert len(rows) == expected
    report = archive.ingest(sample / source)
    assert (report.accepted, report.rejected) == (expected, [])
    _check_gold(archive, rows)
    return rows


def test_sample_plain_text_files(archive, sample):
    rows = _gold("articles/txt/")
    assert len(rows) == 22
    report = archive.ingest(sample / "txt")
    assert (report.accepted, report.duplicates, report.rejected) == (22, 0, [])
    _check_gold(archive, rows)
    by_file = {Path(r["source"]).name[:3]: _find(archive, r) for r in rows}
    assert {k for k, a in by_file.items() if a["published_precision"] == "day"} == {"006", "012", "015", "016", "017"}
    assert {k for k, a in by_file.items() if a["published"] is None} == {"001", "007", "019"}
    assert by_file["001"]["title"].startswith("De politie heeft in Zwolle een 22-jarige man aangehouden")
    assert by_file["001"]["text"].startswith("De politie heeft")
    assert by_file["007"]["title"] == "Verhoor Horizon-directeur Smit: ‘Ik heb nooit iets verborgen gehouden’"
    assert by_file["003"]["title"] == "Bewoners Arcen weer thuis: ‘De tuin is één grote modderpoel’"
    assert by_file["006"]["title"].startswith("Het Waterschap Limburg heeft") and by_file["006"]["title"].endswith(".")
    for key in ("003", "017"):
        assert "Volledig scherm" not in by_file[key]["text"] and "© ANP" not in by_file[key]["text"]
    assert "Foto: Belga" not in by_file["016"]["text"]
    assert all(not a["text"].startswith(" date") for a in by_file.values())


def test_sample_wire_jsonl(archive, sample):
    rows = _gold("articles/wire.jsonl")
    assert len(rows) == 11
    report = archive.ingest(sample / "wire.jsonl")
    assert (report.accepted, report.duplicates, report.near_duplicates, report.rejected) == (10, 1, 1, [])
    _check_gold(archive, rows)
    ids = {r["record"]: _find(archive, r) for r in rows}
    # the syndicated copy is one article with both sources
    assert ids["ddp-2022-02-22-rotterdam-strike"]["id"] == ids["epn-88213"]["id"]
    assert {s["external_id"] for s in ids["epn-88213"]["source_details"]} == {"ddp-2022-02-22-rotterdam-strike",
                                                                              "epn-88213"}
    # the near-duplicate with a new headline is linked to its original
    assert ids["hte-5521"]["copy_of"] == ids["btr-2023-0315-meditrack"]["id"]
    assert ids["btr-2023-0315-meditrack"]["copy_of"] is None
    # HTML entities are decoded
    assert "€140 million" in ids["nlt-0906-meuse-dike"]["title"]
    assert "&" in ids["bt-20221022-103000-birdflu"]["title"]
    assert "naïe" in ids["vd-2022-0614-0930"]["title"]
    for art in ids.values():
        for entity in ("&euro;", "&amp;", "&quot;", "&#239;", "&euml;", "&ecirc;"):
            assert entity not in art["title"] and entity not in art["text"], (entity, art["title"])


def test_sample_gzip_jsonl(archive, sample):
    rows = _ingest_gold(archive, sample, "archive-2021.jsonl.gz", 3)
    art = _find(archive, rows[0])
    assert art["published"] == "2021-07-15T07:45:00+02:00"
    assert art["title"] == "Waterschap waarschuwt: kade bij Arcen staat onder druk"
    assert art["source_details"][0]["outlet"] == "Maas en Peel Courant"


def test_sample_rss_feed(archive, sample):
    # a feed that says <language>nl</language> holds two English items, each stored in its own language
    rows = _ingest_gold(archive, sample, "feeds/nieuwsnet-rss.xml", 4)
    for row in rows:
        art = _find(archive, row)
        assert art["sources"] == [row["record"]]
        assert art["source_details"][0]["outlet"] == "NieuwsNet – Binnenland, Sport & Buitenland"
        assert "<p>" not in art["text"] and "&lt;" not in art["text"]
        assert "\n\n" in art["text"]  # paragraphs kept


def test_sample_atom_feed(archive, sample):
    rows = _ingest_gold(archive, sample, "feeds/havenenluchtvaart-atom.xml", 2)
    art = _find(archive, rows[0])
    assert art["source_details"][0]["outlet"] == "Haven & Luchtvaart"
    assert "<" not in art["text"]


def test_sample_html_pages(archive, sample):
    rows = _ingest_gold(archive, sample, "html", 3)
    titles = {_find(archive, r)["title"] for r in rows}
    assert titles == {"Eerste schop in de grond voor nieuwe Maasdijk bij Arcen",
                      "KNVB clears Kessler takeover of SC Veluwe after six-week review",
                      "Hof: kabinet mag Schiphol toch laten krimpen"}
    for row in rows:
        text = _find(archive, row)["text"]
        for chrome in ("cookies", "Akkoord", "Accept all", "Privacyverklaring", "Meer over dit onderwerp",
                       "Alle rechten voorbehouden", "WhatsApp"):
            assert chrome not in text, (row["source"], chrome)
    schiphol = _find(archive, next(r for r in rows if "randstadnieuws" in r["source"]))
    assert schiphol["published"] == "2023-07-07T14:25:00+02:00"  # the page's own offset


def test_sample_csv(archive, sample):
    rows = _ingest_gold(archive, sample, "csv/nieuwsexport.csv", 4)
    first = _find(archive, rows[0])
    assert first["title"] == "Arcenaren boos na dijkrapport: ‘Wij zeiden het al jaren’"
    assert (first["published"], first["published_precision"]) == ("2022-02-12", "day")
    assert first["sources"] == ["https://www.maasenpeelcourant.nl/venlo/20220212/arcenaren-boos-na-dijkrapport"]
    assert "\n,,Wij hebben in 2018 nog een petitie aangeboden" in first["text"]  # embedded newline kept
    assert "\r" not in first["text"]


def test_sample_whole_corpus(archive, sample):
    rows = _gold()
    assert len(rows) == 49
    report = archive.ingest(sample)
    assert (report.accepted, report.duplicates, report.near_duplicates, report.rejected) == (48, 1, 1, [])
    assert len(archive) == 48
    _check_gold(archive, rows)
    assert sum(1 for a in archive.articles() if a["copy_of"]) == 1
    assert {a["lang"] for a in archive.articles()} == {"nl", "en"}
