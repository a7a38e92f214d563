"""Finding inputs (files, directories, globs, standard input), decompressing, decoding and telling formats apart."""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

STDIN = "<stdin>"
_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".jsonlines": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".txt": "text", ".text": "text",
}
_SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "manifest")
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive or office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
    b"BZh": "bzip2 data",
    b"\xfd7zXZ": "xz data",
}


@dataclass(slots=True, frozen=True)
class Input:
    """One file (or standard input) to read."""

    location: str
    open: Callable[[], BinaryIO]
    size: int | None

    @property
    def compressed(self) -> bool:
        """True when the name says gzip."""
        return self.location.endswith(".gz")


def expand(paths: list[str] | tuple[str, ...], stdin: BinaryIO | None = None) -> list[Input]:
    """Resolve paths, directories (recursively) and globs into inputs; fail early on a missing path."""
    found: list[Input] = []
    missing: list[str] = []
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            found.append(Input(STDIN, lambda s=stream: s, None))
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            found.extend(_file_input(p) for p in _walk(path))
        elif path.is_file():
            found.append(_file_input(path))
        elif any(ch in raw for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(os.path.expanduser(raw), recursive=True))
            files = [m for m in matches if m.is_file()]
            files += [f for m in matches if m.is_dir() for f in _walk(m)]
            if not files:
                missing.append(f"{raw} (the pattern matches no file)")
            found.extend(_file_input(f) for f in files)
        elif path.exists():
            missing.append(f"{raw} (not a regular file or directory)")
        else:
            missing.append(f"{raw} (no such file or directory)")
    if missing:
        raise InputError("cannot read " + "; ".join(missing))
    return found


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower().startswith(_SKIPPED_NAMES):
                continue
            yield Path(root) / name


def _file_input(path: Path) -> Input:
    resolved = path.resolve()
    return Input(display_path(resolved), lambda p=resolved: open(p, "rb"), resolved.stat().st_size)


def display_path(path: Path | str) -> str:
    """A path as text that can be stored and shown: bytes of the name that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def open_stream(item: Input) -> BinaryIO:
    """The input's bytes, decompressed when gzip (by name or by magic number)."""
    raw = item.open()
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)  # type: ignore[arg-type]
    head = raw.peek(2)[:2]
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw


def inner_name(location: str) -> str:
    """The file name with a trailing .gz removed."""
    return location[:-3] if location.endswith(".gz") else location


def sniff_format(location: str, head: bytes) -> str:
    """Format of a file from its name, and from its first bytes where the name says nothing."""
    suffix = Path(inner_name(location)).suffix.lower()
    by_name = _EXTENSIONS.get(suffix)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if by_name in ("jsonl", "csv"):
        return by_name
    if text.startswith(b"<?xml") or text.startswith(b"<rss") or text.startswith(b"<feed") or b"<rss" in text[:500] or b"<feed" in text[:500]:
        if b"<html" not in text[:500]:
            return "feed"
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:1000] or b"<body" in text[:2000]:
        return "html"
    if text.startswith(b"{") and _first_line_is_json_object(text):
        return "jsonl"  # JSON Lines saved as .txt (or with no name) are still records, not one article
    return by_name or "text"


def _first_line_is_json_object(head: bytes) -> bool:
    line = head.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes look binary, or None for text."""
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark
    sample = head[:4096]
    if b"\x00" in sample:
        return "contains NUL bytes"
    if sample:
        controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
        if controls / len(sample) > 0.05:
            return f"{controls} control bytes in the first {len(sample)}"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read in: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 or latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes a UTF-8 decoder refused as cp1252 (latin-1 where cp1252 has no character)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


# Error handler name for decoding streams that are UTF-8 with stray cp1252 bytes.
CP1252_FALLBACK = "storyline-cp1252"
codecs.register_error(CP1252_FALLBACK, _cp1252_fallback)


def read_limited(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Up to `limit` bytes, and whether there was more."""
    try:
        data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise CorruptInput(str(exc) or type(exc).__name__) from exc
    return data[:limit], len(data) > limit


def drain(stream: BinaryIO, limit: int) -> None:
    """Read on, up to `limit` bytes, so that a corrupt gzip stream raises CorruptInput now."""
    done = 0
    try:
        while done <= limit and (chunk := stream.read(1 << 20)):
            done += len(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise CorruptInput(str(exc) or type(exc).__name__) from exc


def skip_blank(stream: BinaryIO) -> tuple[BinaryIO, bytes]:
    """A stream that starts blank, re-read as a peekable stream, and its first non-blank bytes (b"" if all blank)."""
    seen = bytearray()
    while chunk := stream.read(1 << 16):
        seen += chunk
        if chunk.strip():
            return io.BufferedReader(_Rejoined(bytes(seen), stream)), bytes(seen).lstrip()[:8192]
    return stream, b""


class _Rejoined(io.RawIOBase):
    """Bytes already read from a stream, followed by the rest of that stream."""

    def __init__(self, first: bytes, rest: BinaryIO) -> None:
        self._first = memoryview(first)
        self._rest = rest

    def readable(self) -> bool:
        """Always: this is an input stream."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill `buffer` from the bytes already read, then from the rest of the stream."""
        if self._first:
            n = min(len(buffer), len(self._first))
            buffer[:n] = self._first[:n]
            self._first = self._first[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


class CorruptInput(Exception):
    """A compressed stream broke off or could not be decompressed."""
