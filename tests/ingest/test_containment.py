"""Issue 14, must-fix 2: one malformed record or one failing reader/cleaner never stops the run."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import storyline
from storyline.cli import main
from storyline.ingest import readers

TEXT = "De gemeenteraad van {city} heeft dinsdagavond ingestemd met een nieuw verkeersplan voor de binnenstad."


def _line(city: str) -> str:
    return json.dumps({"title": f"Verkeersplan {city}", "text": TEXT.format(city=city)}) + "\n"


def _rejected(db: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["--db", str(db), "rejected", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_deep_json_line_and_huge_integer_reject_only_their_record(tmp_path):
    # The RecursionError and ValueError of json.loads used to crash the command: the good record before them
    # in the same batch and the later file were lost.
    first = tmp_path / "a.jsonl"
    first.write_text(_line("Utrecht") + "[" * 100_000 + "\n" + '{"text": "x", "id": ' + "9" * 5000 + "}\n"
                     + _line("Zwolle"), encoding="utf-8")
    later = tmp_path / "b.jsonl"
    later.write_text(_line("Breda"), encoding="utf-8")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--raw", "--json", str(first), str(later)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["accepted"] == 3
    rejected = {r["source"].rsplit("/", 1)[-1]: r for r in _rejected(db)}
    assert set(rejected) == {"a.jsonl:2", "a.jsonl:3"}
    assert "nested too deeply" in rejected["a.jsonl:2"]["reason"]
    assert "more than 4300 digits" in rejected["a.jsonl:3"]["reason"]
    with storyline.open(db, readonly=True) as arc:
        assert {a["title"] for a in arc.articles()} == {"Verkeersplan Utrecht", "Verkeersplan Zwolle", "Verkeersplan Breda"}


def test_deep_json_array_file_is_rejected_not_a_crash(archive, tmp_path):
    deep = tmp_path / "deep.json"  # "[[[..." is not an array of articles: read as one JSON line
    deep.write_text("[" * 50_000 + "]" * 50_000)
    broken = tmp_path / "broken.json"  # an array of articles whose second element is too deep
    broken.write_text('[{"title": "Eerste", "text": "' + TEXT.format(city="Assen") + '"}, ' + "[" * 50_000 + "]" * 50_000
                      + ', {"text": "nooit gelezen"}]')
    good = tmp_path / "good.jsonl"
    good.write_text(_line("Delft"))
    report = archive.ingest(deep, broken, good)
    assert report.accepted == 2 and [r.code for r in report.rejected] == ["R018", "R025"]
    assert "nested too deeply" in report.rejected[1].reason and report.rejected[1].source.endswith("broken.json:2")


def test_an_exception_in_a_reader_becomes_a_catch_all_rejection(archive, tmp_path, monkeypatch, caplog):
    def broken(item, stream, options):
        yield from ()
        raise KeyError("surprise")

    monkeypatch.setitem(readers._READERS, "csv", broken)
    bad = tmp_path / "a.csv"
    bad.write_text("title,text\nx,y\n")
    good = tmp_path / "b.jsonl"
    good.write_text(_line("Gouda"))
    with caplog.at_level("DEBUG", logger="storyline.ingest.readers"):
        report = archive.ingest(bad, good)
    assert report.accepted == 1
    [rejection] = report.rejected
    assert rejection.code == "R017" and rejection.source.endswith("a.csv")
    assert "KeyError: 'surprise'" in rejection.reason
    assert any(r.exc_info for r in caplog.records), "the traceback is logged at debug level"


def test_an_exception_while_cleaning_one_record_rejects_that_record(archive, tmp_path, monkeypatch):
    from storyline.ingest import prepare

    real = prepare.detect_language

    def flaky(text, languages):
        if "Haarlem" in text:
            raise RuntimeError("detector fell over")
        return real(text, languages)

    monkeypatch.setattr(prepare, "detect_language", flaky)
    path = tmp_path / "a.jsonl"
    path.write_text(_line("Haarlem") + _line("Leiden"))
    report = archive.ingest(path)
    assert report.accepted == 1
    assert [(r.source.rsplit("/", 1)[-1], r.code) for r in report.rejected] == [("a.jsonl:1", "R017")]
    assert "RuntimeError: detector fell over" in report.rejected[0].reason


def test_lone_surrogates_and_non_utf8_file_names_are_stored(archive, tmp_path):
    # Both used to stop the whole batch with a UnicodeEncodeError from SQLite.
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "De gemeenteraad \\ud800 van Utrecht stemde in met het plan.", "url": "http://x/\\udc00"}\n')
    odd = tmp_path / "b\udcff.txt"  # the file name holds the byte 0xff
    odd.write_bytes(TEXT.format(city="Ede").encode())
    report = archive.ingest(tmp_path)
    assert report.accepted == 2 and not report.rejected
    texts = [archive.article(a["id"])["text"] for a in archive.articles()]
    assert any("\ufffd van Utrecht" in t for t in texts)
    sources = [s for a in archive.articles() for s in a["sources"]]
    assert any(s.endswith("b\ufffd.txt") for s in sources), sources


def test_an_exception_in_the_text_stage_keeps_the_article_and_the_run(tmp_path, monkeypatch, caplog):
    from storyline.text import analyse

    real = analyse.analyse_text

    def flaky(text, *args, **kwargs):
        if "Haarlem" in text:
            raise ValueError("tagger fell over")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(analyse, "analyse_text", flaky)
    path = tmp_path / "a.jsonl"
    path.write_text(_line("Haarlem") + _line("Leiden"))
    with storyline.open(tmp_path / "t.db") as arc, caplog.at_level("WARNING", logger="storyline.text.analyse"):
        report = arc.ingest(path, cluster=True)
        assert report.accepted == 2 and not report.rejected
        assert len(arc.stories()) >= 1
    assert any("tagger fell over" in r.getMessage() for r in caplog.records)
