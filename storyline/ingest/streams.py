"""Bounded reading: lines, CSV lines and JSON array elements read piece by piece, never more than a cap at once.

Whatever a file holds (a gigabyte on one line, a gzip bomb of spaces), the readers keep at most about
`limit` bytes of it in memory: an overlong line is skipped to its end and reported, blank space is dropped
as it streams.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

_SKIP_CHUNK = 1 << 20
_JSON_CHUNK = 1 << 20
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def bounded_lines(stream: BinaryIO, limit: int, first: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """(line number from `first`, line) for every line, with None for one over `limit` bytes (skipped to its end).

    Blank space at the start of a line is dropped as it streams, so a line of a gigabyte of spaces
    followed by a record is that record.

    >>> import io
    >>> list(bounded_lines(io.BytesIO(b"ab\\n" + b"x" * 10 + b"\\n" + b" " * 20 + b"cd\\n"), 5))
    [(1, b'ab\\n'), (2, None), (3, b'cd\\n')]
    """
    number = first - 1
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        skipped = False
        while len(line) > limit and not line.endswith(b"\n") and not line.strip():
            line, skipped = stream.readline(limit + 1), True  # leading blank space: dropped, the line goes on
        line = line.lstrip(b" \t\r") if skipped or len(line) > limit else line
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


class LineTooLong(Exception):
    """A line of a text stream was longer than the cap (or had too many fields); it has been skipped to its end."""


class BoundedTextLines:
    """Lines of a text stream for `csv.reader`, each at most `limit` characters; a longer one raises LineTooLong.

    An iterator object rather than a generator, so that reading goes on after the exception.
    """

    def __init__(self, text: TextIO, limit: int, delimiter: str = ",", max_fields: int = 100_000) -> None:
        self.text = text
        self.limit = limit
        self.delimiter = delimiter
        self.max_fields = max_fields  # a line of a million commas would be a list of a million fields

    def __iter__(self) -> BoundedTextLines:
        return self

    def __next__(self) -> str:
        line = self.text.readline(self.limit + 1)
        if not line:
            raise StopIteration
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            while (rest := self.text.readline(_SKIP_CHUNK)) and not rest.endswith(("\n", "\r")):
                pass
            raise LineTooLong(f"longer than {self.limit} characters")
        if line.count(self.delimiter) >= self.max_fields:
            raise LineTooLong(f"with more than {self.max_fields} fields")
        return line


@dataclass(slots=True, frozen=True)
class Broken:
    """Where a JSON array could not be read on: why."""

    detail: str


def json_array_items(text: TextIO, limit: int) -> Iterator[tuple[int, Any]]:
    """(number, value) for every element of the JSON array the stream holds, read piece by piece.

    An element that cannot be read ends the array with a `Broken` value: an element over `limit`
    characters, invalid JSON, or JSON too deep or with too long a number.

    >>> import io
    >>> list(json_array_items(io.StringIO('[{"a": 1}, 2 ,"x"]'), 100))
    [(1, {'a': 1}), (2, 2), (3, 'x')]
    """
    decoder = json.JSONDecoder()
    buf, pos, eof = "", 0, False

    def more() -> bool:
        nonlocal buf, pos, eof
        chunk = "" if eof else text.read(_JSON_CHUNK)
        if not chunk:
            eof = True
            return False
        buf, pos = buf[pos:] + chunk, 0
        return True

    def next_char() -> str | None:
        nonlocal pos
        while True:
            match = _JSON_SPACE.match(buf, pos)
            pos = match.end() if match else pos
            if pos < len(buf):
                return buf[pos]
            if not more():
                return None

    if next_char() != "[":
        yield 1, Broken("the file does not start with [")
        return
    pos += 1
    if next_char() == "]":
        return
    number = 0
    while True:
        number += 1
        while True:
            try:
                value, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if len(buf) - pos > limit:
                    yield number, Broken(f"element {number} is longer than {limit} characters")
                    return
                if more():
                    continue  # the element goes on in the next piece
                yield number, Broken(f"element {number}: {exc.msg}")
                return
            except RecursionError:
                yield number, Broken("JSON nested too deeply (more than about 1,000 levels)")
                return
            except ValueError as exc:
                yield number, Broken(f"a number with more than {sys.get_int_max_str_digits()} digits"
                                     if "integer string conversion" in str(exc) else str(exc)[:200])
                return
            if end == len(buf) and more():
                continue  # a number at the end of a piece may go on in the next one
            break
        pos = end
        yield number, value
        separator = next_char()
        if separator == "]":
            return
        if separator != ",":
            yield number + 1, Broken(f"expected , or ] after element {number}")
            return
        pos += 1
        if next_char() == "]":
            return  # a trailing comma: tolerated


class Utf8Transcoder(io.RawIOBase):
    """The UTF-8 bytes of a stream in another encoding (UTF-16 or UTF-32 with a byte-order mark), piece by piece,
    so that the line, CSV and JSON readers (which split bytes on b"\\n") read it like any UTF-8 file."""

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        self._text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        self._pending = b""

    def readable(self) -> bool:
        """Always: this is an input stream."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]  # only memoryviews come here
        """Fill `buffer` with the next UTF-8 bytes."""
        while not self._pending:
            chunk = self._text.read(1 << 15)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8", errors="replace")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n
