"""The attack catalogue of issue 14: every hostile input class, each beside good files in the same batch.

Each case writes its input(s) into a folder between two good files (read first and last, in name order),
runs `storyline ingest` on the folder and checks: exit status 0, the case's input stored or rejected with
the expected reason code, every rejection listed by `storyline rejected` with a one-line reason, and both
good files stored (so nothing before or after the hostile input was lost). A last test runs the whole
catalogue as one batch, without --raw (the text and story stages run too), with and without --strict.
Large inputs are generated at test time by tests/ingest/hostile.py.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main

from . import hostile

T = ("De gemeenteraad van Utrecht heeft dinsdagavond na een lang debat ingestemd met een nieuw verkeersplan voor "
     "de binnenstad. Het plan kost ruim twintig miljoen euro.")
FIRST, LAST = "Eerste goede artikel in de map", "Laatste goede artikel in de map"
MB = 1 << 20


def _t(n: int) -> str:
    """A distinct good article text."""
    return T.replace("Utrecht", f"Utrecht-{n}")


def w(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def jl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


@dataclass
class Case:
    """One class of hostile input: how to make it, which rejection codes it gives, how many articles it adds."""

    name: str
    make: Callable[[Path], object]
    codes: list[str] = field(default_factory=list)
    stored: int = 0
    check: Callable[[list[dict]], bool] | None = None


def _socket(folder: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "m-sock"))
    sock.close()  # the socket file stays


def _titles(*titles: str) -> Callable[[list[dict]], bool]:
    return lambda arts: all(t in [a["title"] for a in arts] for t in titles)


def _text_has(fragment: str, absent: str | None = None) -> Callable[[list[dict]], bool]:
    return lambda arts: any(fragment in a["text"] and (absent is None or absent not in a["text"]) for a in arts)


CASES = [
    # -- empty and blank -------------------------------------------------------------------------------------------
    Case("empty file", lambda d: w(d, "m.txt", b""), ["R001"]),
    Case("empty gzip", lambda d: w(d, "m.txt.gz", gzip.compress(b"")), ["R001"]),
    Case("only white space", lambda d: w(d, "m.txt", " \t\n\r\n" * 1000), ["R001"]),
    Case("gzip bomb of spaces", lambda d: hostile.spaces(d / "m.txt.gz", 64), ["R001"]),
    Case("blank then a record", lambda d: hostile.blank_then_record(d / "m.jsonl.gz", 16), [], 1),
    # -- huge ---------------------------------------------------------------------------------------------------------
    Case("text over the file limit", lambda d: hostile.huge_text(d / "m.txt.gz", 32), ["R007"]),
    Case("text over the character limit", lambda d: w(d, "m.txt", (T + "\n") * 9000), ["R016"]),
    Case("one huge JSON line", lambda d: hostile.one_huge_line(d / "m.jsonl.gz", 64), ["R024"], 1),
    Case("one huge CSV line", lambda d: hostile.huge_csv_line(d / "m.csv.gz", 64), ["R024"], 1),
    Case("CSV line of separators", lambda d: hostile.many_commas(d / "m.csv.gz", 2), ["R024"], 1),
    Case("feed over the whole-file limit", lambda d: hostile.huge_feed(d / "m.xml.gz", 32), ["R015"]),
    Case("HTML over the file limit", lambda d: hostile.huge_html(d / "m.html.gz", 32), ["R007"]),
    Case("giant title field", lambda d: w(d, "m.jsonl", jl({"title": "kop " * 500_000, "text": _t(1)})), [], 1,
         lambda arts: all(len(a["title"]) <= 1001 for a in arts)),
    Case("too short", lambda d: w(d, "m.txt", "Kort."), ["R008"]),
    # -- binary -------------------------------------------------------------------------------------------------------
    Case("random bytes", lambda d: w(d, "m.txt", random.Random(1).randbytes(5000)), ["R002"]),
    Case("PNG image", lambda d: w(d, "m.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), ["R002"]),
    Case("PDF named .txt", lambda d: w(d, "m.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), ["R002"]),
    Case("ZIP archive", lambda d: w(d, "m.jsonl", b"PK\x03\x04" + bytes(200)), ["R002"]),
    Case("executable", lambda d: w(d, "m", b"\x7fELF\x02\x01\x01" + bytes(500)), ["R002"]),
    Case("SQLite database", lambda d: w(d, "m.db", b"SQLite format 3\x00" + bytes(500)), ["R002"]),
    Case("gzip inside gzip", lambda d: w(d, "m.txt.gz", gzip.compress(gzip.compress(T.encode()))), ["R002"]),
    # -- encodings ----------------------------------------------------------------------------------------------------
    Case("Windows-1252 file", lambda d: w(d, "m.txt", ("Café Zoë\n\n" + T + " Prijs €5.").encode("cp1252")), [], 1,
         _text_has("Prijs €5.")),
    Case("Latin-1 file", lambda d: w(d, "m.txt", ("Naïef\n\n" + T + " ½ liter.").encode("latin-1")), [], 1,
         _text_has("½ liter.")),
    Case("UTF-8 with one stray byte", lambda d: w(d, "m.txt", ("Coöperatie\n\n" + T + " coöperatie ").encode() + b"\xe9"),
         [], 1, _text_has("coöperatie é")),
    Case("UTF-8 with BOM", lambda d: w(d, "m.jsonl", b"\xef\xbb\xbf" + jl({"title": "BOM", "text": _t(2)}).encode()),
         [], 1, _titles("BOM")),
    Case("UTF-16 JSON Lines with BOM", lambda d: w(d, "m.jsonl", jl({"title": "Zestien", "text": _t(3)}).encode("utf-16")),
         [], 1, _titles("Zestien")),
    Case("UTF-16 BE text with BOM", lambda d: w(d, "m.txt", b"\xfe\xff" + f"Groot\n\n{T}".encode("utf-16-be")), [], 1),
    Case("UTF-32 CSV with BOM", lambda d: w(d, "m.csv", f'title,text\n"Twee",{json.dumps(_t(4))}\n'.encode("utf-32")),
         [], 1, _titles("Twee")),
    Case("lone surrogate escapes", lambda d: w(d, "m.jsonl", '{"title": "Half \\ud800", "text": "' + _t(5) + ' \\udc00"}\n'),
         [], 1, _text_has("\ufffd")),
    Case("file name not UTF-8", lambda d: w(d, "m-\udcff.txt", _t(6)), [], 1),
    Case("file name with a line break", lambda d: w(d, "m-\nx.txt", _t(7)), [], 1),
    # -- markup and hidden characters ---------------------------------------------------------------------------------
    Case("HTML tag soup", lambda d: w(d, "m.html", "<html><body><div><p>" + T + "<b><i>nog<p>meer</div></span>" * 20
                                      + "&nbsp;&amp;amp;&#x27;&#9999999;</body>"), [], 1),
    Case("HTML with only scripts", lambda d: w(d, "m.html", "<html><body><script>" + "alert(1);" * 500
                                               + "</script></body></html>"), ["R005"]),
    Case("HTML nested 100,000 deep", lambda d: w(d, "m.html", "<html><body>" + "<div>" * 100_000 + T + "</body></html>"),
         ["R005"]),
    Case("script in a JSON text field", lambda d: w(d, "m.jsonl", jl({"title": "<script>alert(1)</script>Kop",
                                                                      "text": f"<script>alert(2)</script>{T}"})),
         [], 1, lambda arts: all("<script" not in a["title"] + a["text"] and "alert" not in a["text"] for a in arts)),
    Case("entity bomb in text", lambda d: w(d, "m.jsonl", jl({"title": "Ent", "text": "&amp;" * 100 + "amp; " + _t(8)})),
         [], 1),
    Case("zero-width characters", lambda d: w(d, "m.jsonl", jl({"title": "Z\u200bero\u200d wi\ufeffdth", "text": _t(9)})),
         [], 1, _titles("Zero width")),
    Case("bidi override in title", lambda d: w(d, "m.jsonl", jl({"title": "Factuur \u202egnp.exe", "text": _t(10)})),
         [], 1, _titles("Factuur gnp.exe")),
    Case("control characters", lambda d: w(d, "m.txt", "Kop\x07\x1b[31m\n\n" + _t(11) + "\x00\x08"), [], 1,
         lambda arts: all(not any(ord(c) < 10 and c != "\n" for c in a["text"]) for a in arts)),
    Case("mixed line endings", lambda d: w(d, "m.jsonl", json.dumps({"title": "Een", "text": _t(12)}) + "\r\n"
                                           + json.dumps({"title": "Twee", "text": _t(13)}) + "\n"), [], 2),
    Case("old Mac line endings", lambda d: w(d, "m.txt", "Kop\r\r" + _t(14).replace(". ", ".\r")), [], 1),
    # -- dates ---------------------------------------------------------------------------------------------------------
    Case("impossible date", lambda d: w(d, "m.jsonl", jl({"title": "D1", "text": _t(15), "published": "2019-02-30"})),
         [], 1, lambda arts: any(a["title"] == "D1" and a["published"] is None for a in arts)),
    Case("future date", lambda d: w(d, "m.jsonl", jl({"title": "D2", "text": _t(16), "published": "2999-01-01"})),
         [], 1, lambda arts: any(a["title"] == "D2" and a["published"] is None for a in arts)),
    Case("placeholder date", lambda d: w(d, "m.jsonl", jl({"title": "D3", "text": _t(17), "published": "0001-01-01"})),
         [], 1, lambda arts: any(a["title"] == "D3" and a["published"] is None for a in arts)),
    Case("garbage and overflowing dates", lambda d: w(d, "m.jsonl", jl(
        {"title": "D4", "text": _t(18), "published": "99999999999999999999"},
        {"title": "D5", "text": _t(19), "published": "2022-06-24T25:61:99+99:00"},
        {"title": "D6", "text": _t(20), "published": "x" * 100_000})), [], 3),
    # -- duplicates ----------------------------------------------------------------------------------------------------
    Case("exact duplicates", lambda d: w(d, "m.jsonl", jl(*[{"title": "Dup", "text": _t(21)}] * 3)), [], 1),
    Case("same id, different text", lambda d: w(d, "m.jsonl", jl({"id": "x1", "title": "A", "text": _t(22)},
                                                                 {"id": "x1", "title": "A", "text": _t(23)})),
         ["R006"], 1),
    # -- JSON ---------------------------------------------------------------------------------------------------------
    Case("JSON nested 100,000 deep", lambda d: hostile.deep_json_line(d / "m.jsonl"), ["R018"], 1),
    Case("5,000-digit integer", lambda d: w(d, "m.jsonl", '{"text": "x", "id": ' + "9" * 5000 + "}\n"), ["R018"]),
    Case("NaN and Infinity", lambda d: w(d, "m.jsonl", '{"title": "NaN", "text": ' + json.dumps(_t(24))
                                         + ', "published": Infinity, "id": NaN}\n{"text": NaN}\n'), ["R014"], 1),
    Case("JSON values that are not objects", lambda d: w(d, "m.jsonl", '[1, 2]\n"tekst"\n42\nnull\ntrue\n'),
         ["R012"] * 5),
    Case("invalid JSON line", lambda d: w(d, "m.jsonl", '{"text": "niet af\n{oops}\n'), ["R004"] * 2),
    Case("text field of the wrong type", lambda d: w(d, "m.jsonl", jl({"text": {"a": 1}}, {"text": 42})), ["R014"] * 2),
    Case("no text field", lambda d: w(d, "m.jsonl", jl({"title": "Alleen een kop"})), ["R003"]),
    Case("duplicate keys", lambda d: w(d, "m.jsonl", '{"text": "x", "text": ' + json.dumps(_t(25)) + '}\n'), [], 1),
    Case("JSON array with odd elements", lambda d: w(d, "m.json", json.dumps([{"title": "Arr", "text": _t(26)}, 3, None])),
         ["R012"] * 2, 1),
    Case("empty JSON array", lambda d: w(d, "m.json", "[ ]"), ["R026"]),
    Case("truncated JSON array", lambda d: w(d, "m.json", json.dumps([{"title": "Arr", "text": _t(27)},
                                                                       {"title": "Arr2", "text": _t(38)}])[:-5]),
         ["R025"], 1, _titles("Arr")),
    Case("JSON array padded with white space", lambda d: hostile.padded_array(d / "m.json.gz", 16), [], 1),
    # -- CSV ----------------------------------------------------------------------------------------------------------
    Case("CSV with only a header", lambda d: w(d, "m.csv", "title,text,published\n"), ["R026"]),
    Case("CSV with semicolons", lambda d: w(d, "m.csv", f'titel;tekst\n"Semi";"{_t(28)}"\n'), [], 1, _titles("Semi")),
    Case("TSV", lambda d: w(d, "m.tsv", f"title\ttext\nTab\t{_t(29)}\n"), [], 1, _titles("Tab")),
    Case("CSV with ragged rows", lambda d: w(d, "m.csv", f'title,text\n"R1","{_t(30)}",extra,more\n"R2"\n'),
         ["R003"], 1),
    Case("CSV with a NUL byte", lambda d: w(d, "m.csv", f'title,text\n"Nul","{_t(31)}\x00"\n'), [], 1, _titles("Nul")),
    # the open quote swallows the rest of the file into one title: that record has no text
    Case("CSV with an unbalanced quote", lambda d: w(d, "m.csv", f'title,text\n"Open,{_t(32)}\nB,{_t(33)}\n'), ["R003"]),
    Case("CSV with duplicate columns", lambda d: w(d, "m.csv", f'title,text,text\nDubbel,{_t(34)},\n'), ["R003"]),
    # -- gzip -----------------------------------------------------------------------------------------------------------
    Case("truncated gzip", lambda d: w(d, "m.jsonl.gz", gzip.compress(jl({"text": _t(35)}).encode() * 50)[:-30]),
         ["R013"], 1),
    Case("gzip magic then garbage", lambda d: w(d, "m.txt.gz", b"\x1f\x8b\x08\x00" + random.Random(2).randbytes(400)),
         ["R013"]),
    # -- feeds --------------------------------------------------------------------------------------------------------
    Case("feed with an entity bomb", lambda d: w(d, "m.xml", '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                                                 + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in
                                                           zip("abcdefgh", "bcdefghi", strict=True))
                                                 + ']><rss><channel><title>x</title><item><title>Bom</title><description>'
                                                 + "&i; " + _t(36) + "</description></item></channel></rss>"), [], 1,
         lambda arts: all(len(a["text"]) < 10_000 for a in arts)),
    Case("feed with an external entity", lambda d: w(d, "m.xml", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM '
                                                     '"file:///etc/passwd">]><rss><channel><title>x</title><item><title>'
                                                     'XXE</title><description>&x; ' + _t(37)
                                                     + "</description></item></channel></rss>"), [], 1,
         lambda arts: all("root:" not in a["text"] for a in arts)),
    Case("broken feed", lambda d: w(d, "m.xml", "<rss><channel><item><title>kapot"), ["R003"]),
    Case("not a feed at all", lambda d: w(d, "m.xml", "<?xml version='1.0'?><nothing/>"), ["R010"]),
    # -- special files ------------------------------------------------------------------------------------------------
    Case("named pipe", lambda d: os.mkfifo(d / "m.txt"), ["R019"]),
    Case("socket", _socket, ["R019"]),
    Case("link outside the folder", lambda d: (d / "m.txt").symlink_to("/etc/passwd"), ["R020"]),
    Case("dangling link", lambda d: (d / "m.txt").symlink_to(d / "missing.txt"), ["R021"]),
    Case("link loop", lambda d: ((d / "m1").symlink_to(d / "m2"), (d / "m2").symlink_to(d / "m1")), ["R022"] * 2),
    Case("link to a device", lambda d: (d / "m.txt").symlink_to("/dev/zero"), ["R020"]),
]


def _batch(folder: Path, case: Case) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    w(folder, "a-first.txt", f"{FIRST}\n\n{_t(1000)}")
    sub = folder / "m"
    sub.mkdir()
    case.make(sub)
    w(folder, "z-last.txt", f"{LAST}\n\n{_t(1001)}")


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_the_catalogue_has_at_least_53_input_classes():
    assert len(CASES) >= 53 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_stored_or_rejected_with_a_reason_and_the_batch_goes_on(tmp_path, case):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    _batch(folder, case)
    status, output = _run(["--db", str(db), "ingest", "--raw", "--json", str(folder)])
    assert status == 0, output
    report = json.loads(output)
    assert sorted(r["code"] for r in report["rejected"]) == sorted(case.codes), report["rejected"]
    status, listed = _run(["--db", str(db), "rejected", "--json"])
    assert status == 0
    listed_codes = sorted(r["code"] for r in json.loads(listed))
    assert listed_codes == sorted(case.codes)  # each rejection kept, with its reason
    assert all(r["reason"] and "\n" not in r["reason"] for r in json.loads(listed))
    with storyline.open(db, readonly=True) as archive:
        arts = [archive.article(a["id"]) for a in archive.articles()]
    titles = [a["title"] for a in arts]
    assert FIRST in titles and LAST in titles, titles
    assert len(arts) - 2 == case.stored, titles
    if case.check is not None:
        assert case.check(arts)


def test_the_whole_catalogue_in_one_batch_with_every_stage(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, case in enumerate(CASES):
        sub = folder / f"c{n:03d}"
        sub.mkdir()
        case.make(sub)
    w(folder, "a-first.txt", f"{FIRST}\n\n{_t(1000)}")
    w(folder, "z-last.txt", f"{LAST}\n\n{_t(1001)}")
    db = tmp_path / "t.db"
    status, output = _run(["--db", str(db), "ingest", "--json", "--strict", str(folder)])
    assert status == 1  # --strict: inputs were rejected
    report = json.loads(output)
    assert len(report["rejected"]) == sum(len(c.codes) for c in CASES)
    # every record stored alone is stored here too, as a new article or merged into an identical one
    # (the cases built on hostile.good_record share one text, and some cases hold copies)
    assert report["accepted"] + report["duplicates"] >= 2 + sum(c.stored for c in CASES), report
    status, _ = _run(["--db", str(db), "ingest", "--json", str(folder)])  # the rerun finds everything stored
    assert status == 0
    with storyline.open(db, readonly=True) as archive:
        titles = {a["title"] for a in archive.articles()}
        assert {FIRST, LAST} <= titles
        assert len(archive) == report["accepted"]
        arts = [archive.article(a["id"]) for a in archive.articles()]
        assert len(archive.stories()) >= 1  # the text and story stages ran over the hostile articles
    assert all(case.check(arts) for case in CASES if case.check is not None)
