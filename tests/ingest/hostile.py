"""Generators of large hostile inputs, written at test time (into tmp_path) instead of kept in the repository.

Gzip bombs are built from one compressed member repeated (a gzip file may hold many members), so that a
gigabyte of decompressed data costs a few kilobytes and no time to make.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

MB = 1 << 20
GOOD_TEXT = ("De gemeenteraad van Utrecht heeft dinsdagavond na een lang debat ingestemd met een nieuw "
             "verkeersplan voor de binnenstad. Het plan kost ruim twintig miljoen euro.")
GOOD_TITLE = "Verkeersplan Utrecht aangenomen"


def good_record(title: str = GOOD_TITLE) -> dict[str, str]:
    """A record that must be stored whatever surrounds it."""
    return {"title": title, "text": GOOD_TEXT}


def gzip_parts(path: Path, *parts: tuple[bytes, int]) -> Path:
    """A gzip file of `block` repeated `count` times for each (block, count), as concatenated members."""
    with path.open("wb") as out:
        for block, count in parts:
            member = gzip.compress(block, compresslevel=9, mtime=0)
            for _ in range(count):
                out.write(member)
    return path


def spaces(path: Path, megabytes: int) -> Path:
    """Nothing but spaces (the 2 MB .gz that used to peak at 2.1 GB)."""
    return gzip_parts(path, (b" " * MB, megabytes))


def blank_then_record(path: Path, megabytes: int) -> Path:
    """Spaces and line breaks, then one good JSON line."""
    return gzip_parts(path, (b" \n" * (MB // 2), megabytes), (json.dumps(good_record()).encode() + b"\n", 1))


def one_huge_line(path: Path, megabytes: int) -> Path:
    """One JSON line of `megabytes` (the 1 MB .gz that used to peak at 3.2 GB), then a good line."""
    return gzip_parts(path, (b'{"title": "huge", "text": "', 1), (b"a" * MB, megabytes),
                      (b'"}\n' + json.dumps(good_record()).encode() + b"\n", 1))


def huge_csv_line(path: Path, megabytes: int) -> Path:
    """A CSV header, one line of `megabytes`, then a good row."""
    return gzip_parts(path, (b"title,text\nhuge,", 1), (b"a" * MB, megabytes),
                      (f'\n"{GOOD_TITLE}","{GOOD_TEXT}"\n'.encode(), 1))


def many_commas(path: Path, megabytes: int) -> Path:
    """A CSV line of nothing but separators (millions of empty fields), then a good row."""
    return gzip_parts(path, (b"title,text\nx,", 1), (b"," * MB, megabytes),
                      (f'\n"{GOOD_TITLE}","{GOOD_TEXT}"\n'.encode(), 1))


def padded_array(path: Path, megabytes: int) -> Path:
    """A JSON array with `megabytes` of white space before its one good element."""
    return gzip_parts(path, (b"[", 1), (b" " * MB, megabytes), (json.dumps(good_record()).encode() + b"]", 1))


def huge_feed(path: Path, megabytes: int) -> Path:
    """An RSS feed of `megabytes` (over the limit for a file read whole)."""
    item = f"<item><title>{GOOD_TITLE}</title><description>{GOOD_TEXT}</description></item>".encode()
    return gzip_parts(path, (b"<rss><channel><title>x</title>", 1), (item * (MB // len(item)), megabytes),
                      (b"</channel></rss>", 1))


def huge_text(path: Path, megabytes: int) -> Path:
    """Plain text of `megabytes` (over the limit for one article)."""
    return gzip_parts(path, ((GOOD_TEXT + "\n").encode() * (MB // len(GOOD_TEXT)), megabytes))


def huge_html(path: Path, megabytes: int) -> Path:
    """An HTML page of `megabytes` of nested tags."""
    return gzip_parts(path, (b"<html><body>", 1), (b"<div><p>De raad <b>stemde</b> in.</p></div>" * (MB // 44), megabytes),
                      (b"</body></html>", 1))


def deep_json_line(path: Path, depth: int = 100_000) -> Path:
    """A JSON line nested `depth` levels deep, then a good line."""
    path.write_text("[" * depth + "]" * depth + "\n" + json.dumps(good_record()) + "\n")
    return path
