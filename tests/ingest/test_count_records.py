"""count_records: the total of the reading progress bar (issue 20), an estimate that is cheap or none."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from storyline.ingest.inputs import count_records, expand


def test_lines_rows_and_pages_are_counted(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "een"}\n\n{"text": "twee"}\n{"text": "drie"}\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text("kop,tekst\nA,een\nB,twee\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Een artikel.", encoding="utf-8")
    (tmp_path / "d.html").write_text("<p>Een pagina.</p>", encoding="utf-8")
    assert count_records(expand([str(tmp_path)])) == 3 + 2 + 1 + 1
    assert count_records(expand([str(tmp_path / "a.jsonl")])) == 3


def test_gzip_and_feeds_are_counted_inside(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write('{"text": "een"}\n{"text": "twee"}\n')
    (tmp_path / "feed.xml").write_text("<rss><channel><item><title>A</title></item>\n<item><title>B</title>"
                                       "</item></channel></rss>", encoding="utf-8")
    assert count_records(expand([str(tmp_path / "a.jsonl.gz")])) == 2
    assert count_records(expand([str(tmp_path / "feed.xml")])) == 2


def test_what_is_not_cheap_to_count_has_no_total(tmp_path: Path) -> None:
    (tmp_path / "array.json").write_text('[{"text": "een"},\n {"text": "twee"}]', encoding="utf-8")
    assert count_records(expand([str(tmp_path / "array.json")])) is None
    assert count_records(expand(["-"], stdin=io.BytesIO(b'{"text": "een"}\n'))) is None
    (tmp_path / "big.jsonl").write_text('{"text": "een"}\n' * 10, encoding="utf-8")
    assert count_records(expand([str(tmp_path / "big.jsonl")]), max_bytes=50) is None


def test_the_sample_corpus_count_is_its_articles() -> None:
    from storyline.data import sample_articles_dir

    assert count_records(expand([str(sample_articles_dir())])) == 49
