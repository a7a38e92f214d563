"""Issue 14, should-fix: stray bytes, UTF-16/32 with a BOM, a stray NUL, a CSV with only a header, bidi controls."""

from __future__ import annotations

import codecs
import json

import pytest

from storyline.ingest.inputs import decode_noted
from storyline.ingest.normalize import normalize_text, strip_bidi_controls

TEXT = "De coöperatie van Zoë in Café Één heeft dinsdag ingestemd met het plan voor de binnenstad van Utrecht."
TITLE = "Coöperatie Zoë stemt in"


def _one(archive, path):
    report = archive.ingest(path)
    assert report.accepted == 1, report.rejected
    return archive.article(report.new_ids[0])


def test_utf8_with_one_stray_cp1252_byte_stays_utf8_and_is_noted(archive, tmp_path):
    # Used to be decoded whole as Windows-1252: every accented letter became mojibake ("coÃ¶peratie"), silently.
    path = tmp_path / "stray.txt"
    path.write_bytes(f"{TITLE}\n\n{TEXT}".encode() + b" Prijs: " + b"\x80" + b"5.")
    art = _one(archive, path)
    assert TEXT in art["text"] and "Prijs: €5." in art["text"] and "Ã" not in art["text"]
    assert art["text_note"] == "1 byte that is not UTF-8 read as Windows-1252"


def test_stray_byte_in_a_json_line_is_noted_on_that_record(archive, tmp_path):
    path = tmp_path / "stray.jsonl"
    line = json.dumps({"title": TITLE, "text": TEXT + " Prijs: X5."}, ensure_ascii=False).encode()
    path.write_bytes(line.replace(b"X", b"\x80") + b"\n")
    art = _one(archive, path)
    assert "Prijs: €5." in art["text"] and TEXT in art["text"] and art["text_note"]


def test_a_file_wholly_in_cp1252_is_read_so_and_noted(archive, tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes(f"{TITLE}\n\n{TEXT}".encode("cp1252"))
    art = _one(archive, path)
    assert TEXT in art["text"] and art["text_note"] == "not UTF-8; read as Windows-1252"


def test_plain_utf8_has_no_note():
    assert decode_noted(TEXT.encode()) == ((TEXT, "utf-8"), None)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("name", ["a.jsonl", "a.csv", "a.txt"])
def test_utf16_and_utf32_with_a_bom_are_read(archive, tmp_path, codec, name):
    # UTF-16 JSON Lines used to be refused as "not valid JSON": lines were split on the byte b"\n".
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    content = {"a.jsonl": json.dumps({"title": TITLE, "text": TEXT}, ensure_ascii=False) + "\r\n",
               "a.csv": f'title,text\r\n"{TITLE}","{TEXT}"\r\n',
               "a.txt": f"{TITLE}\n\n{TEXT}"}[name]
    path = tmp_path / name
    path.write_bytes(bom + content.encode(codec))
    art = _one(archive, path)
    assert art["title"] == TITLE and TEXT in art["text"]


def test_one_nul_byte_in_a_csv_does_not_make_it_binary(archive, tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(f'title,text\n"{TITLE}","{TEXT}"\n"Tweede","{TEXT.replace("Utrecht", "Zwolle")}\x00"\n'.encode())
    report = archive.ingest(path)
    assert report.accepted == 2 and not report.rejected
    assert all("\x00" not in archive.article(i)["text"] for i in report.new_ids)


def test_a_csv_with_only_a_header_is_reported(archive, tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("title,text,published\n")
    report = archive.ingest(path)
    [rejection] = report.rejected
    assert rejection.code == "R026" and "header" in rejection.reason and "title, text, published" in rejection.reason


def test_bidi_controls_are_removed_from_titles_texts_and_sources(archive, tmp_path):
    path = tmp_path / "bidi.jsonl"
    path.write_text(json.dumps({"title": "Factuur \u202egnp.exe\u202c bijgevoegd", "source": "Krant\u2066\u2067",
                                "text": "\u200fDe \u202dgemeenteraad\u202c van Utrecht heeft \u2068dinsdag\u2069 ingestemd."}) + "\n")
    art = _one(archive, path)
    assert art["title"] == "Factuur gnp.exe bijgevoegd"
    assert art["text"] == "De gemeenteraad van Utrecht heeft dinsdag ingestemd."
    assert all(not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in s["outlet"] or "")
               for s in art["source_details"])


def test_direction_marks_stay_in_right_to_left_text():
    hebrew = "\u05e9\u05dc\u05d5\u05dd 2024\u200f \u202bx\u202c"
    assert strip_bidi_controls(hebrew) == "\u05e9\u05dc\u05d5\u05dd 2024\u200f x"
    assert normalize_text(normalize_text(hebrew)) == normalize_text(hebrew)
