"""Finding inputs (files, directories, globs, standard input), decompressing, decoding and telling formats apart."""

from __future__ import annotations

import codecs
import errno
import glob
import gzip
import io
import itertools
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, Reasons
from ..models import Rejection

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
    """One file (or standard input) to read, or one found in a folder that is reported, never opened."""

    location: str
    open: Callable[[], BinaryIO]
    size: int | None
    problem: Rejection | None = None

    @property
    def compressed(self) -> bool:
        """True when the name says gzip."""
        return self.location.endswith(".gz")


def expand(paths: list[str] | tuple[str, ...], stdin: BinaryIO | None = None, *,
           follow_links: bool = False) -> list[Input]:
    """Resolve paths, directories (recursively) and globs into inputs; fail early on a missing path.

    Only regular files are read. In folders (and glob matches), links that point outside the folder are
    skipped unless `follow_links`; loops, dangling links, pipes, sockets, devices and unreadable folders
    become inputs with a `problem` (reported, never opened). A named pipe given by name is read like
    standard input (opened so that a pipe nobody writes to is empty, not a hang).
    """
    found: list[Input] = []
    missing: list[str] = []
    seen: set[str] = set()  # real paths of files already listed: a file reached twice is read once
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            found.append(Input(STDIN, partial(_given, stream), None))
            continue
        path = Path(raw).expanduser()
        try:
            st = path.stat()
        except OSError as exc:
            if glob.has_magic(raw):
                matches = sorted(Path(m) for m in glob.glob(os.path.expanduser(raw), recursive=True))
                if not matches:
                    missing.append(f"{raw} (the pattern matches no file)")
                root = _glob_base(os.path.expanduser(raw)).resolve()
                for match in matches:
                    found.extend(_entry(match, root, follow_links, seen, {root}))
            elif path.is_symlink():
                kind = "a symbolic link loop" if exc.errno == errno.ELOOP else "a link to a missing file"
                missing.append(f"{raw} ({kind})")
            else:
                missing.append(f"{raw} (no such file or directory)")
            continue
        if stat.S_ISDIR(st.st_mode):
            root = path.resolve()
            found.extend(_walk(path, root, follow_links, seen, {root}))
        elif stat.S_ISREG(st.st_mode):
            found.extend(_regular(path, st, seen))
        elif stat.S_ISFIFO(st.st_mode):
            found.append(Input(display_path(path.absolute()), partial(_open_fifo, path), None))
        else:
            missing.append(f"{raw} (not a regular file or directory: {_kind(st.st_mode)})")
    if missing:
        raise InputError("cannot read " + "; ".join(missing))
    return found


def _glob_base(pattern: str) -> Path:
    """The folder a glob pattern starts from: its leading parts without wildcards."""
    literal = list(itertools.takewhile(lambda p: not glob.has_magic(p), Path(pattern).parts))
    return Path(*literal) if literal else Path(".")


def _walk(directory: Path, root: Path, follow: bool, seen: set[str], dirs_seen: set[Path]) -> Iterator[Input]:
    """Files of a folder in name order (hidden files and README-like files skipped), then its subfolders."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield _problem(directory, "R023", detail=exc.strerror or type(exc).__name__)
        return
    subfolders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            subfolders.append(Path(entry.path))
        elif not entry.name.lower().startswith(_SKIPPED_NAMES):
            yield from _entry(Path(entry.path), root, follow, seen, dirs_seen)
    for sub in subfolders:
        yield from _walk(sub, root, follow, seen, dirs_seen)


def _entry(path: Path, root: Path, follow: bool, seen: set[str], dirs_seen: set[Path]) -> Iterator[Input]:
    """One path found in a folder or by a glob: read, walked, or reported with the reason."""
    try:
        lst = path.lstat()
    except OSError as exc:
        yield _problem(path, "R009", detail=exc.strerror or type(exc).__name__)
        return
    st = lst
    if stat.S_ISLNK(lst.st_mode):
        try:
            st = path.stat()
        except OSError as exc:
            yield _problem(path, "R022" if exc.errno == errno.ELOOP else "R021")
            return
        real = path.resolve()
        inside = real.is_relative_to(root)
        if not follow and not inside:
            yield _problem(path, "R020", target=display_path(real))
            return
        if stat.S_ISDIR(st.st_mode):
            if inside:
                return  # a folder inside the tree is read where it is
            if any(real.is_relative_to(d) or d.is_relative_to(real) for d in dirs_seen):
                yield _problem(path, "R022")
                return
            dirs_seen.add(real)
            yield from _walk(path, root, follow, seen, dirs_seen)
            return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, root, follow, seen, dirs_seen)
    elif stat.S_ISREG(st.st_mode):
        yield from _regular(path, st, seen)
    else:
        yield _problem(path, "R019", kind=_kind(st.st_mode))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _problem(path: Path, code: str, **kwargs: object) -> Input:
    location = display_path(path.absolute())
    return Input(location, _never_opened, None, Rejection(location, Reasons.format(code, **kwargs), code))


def _never_opened() -> BinaryIO:
    raise OSError("this input is reported, not read")


def _regular(path: Path, st: os.stat_result, seen: set[str]) -> Iterator[Input]:
    resolved = path.resolve()
    key = str(resolved)
    if key in seen:
        return
    seen.add(key)
    yield Input(display_path(resolved), partial(_open_regular, resolved), st.st_size)


def _open_regular(path: Path) -> BinaryIO:
    """Open a file that was a regular file when listed, without blocking if it became a pipe since."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(f"{_kind(mode)}, no longer a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _open_fifo(path: Path) -> BinaryIO:
    """A named pipe given by name: opened without waiting for a writer (no writer reads as empty)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def display_path(path: Path | str) -> str:
    """A path as text that can be stored and shown: bytes of the name that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def _given(stream: BinaryIO) -> BinaryIO:
    """The stream itself (standard input is opened by the caller)."""
    return stream


def open_stream(item: Input) -> BinaryIO:
    """The input's bytes, decompressed when gzip (by name or by magic number)."""
    raw = item.open()
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)  # type: ignore[type-var]  # typeshed: RawIOBase; any readinto stream does
    head = raw.peek(2)[:2]
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]  # a binary stream, not declared a BinaryIO
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
    if head.startswith((b"\xff\xfe", b"\xfe\xff", codecs.BOM_UTF32_BE)):
        return None  # UTF-16 or UTF-32 with a byte-order mark
    sample = head[:4096]
    nul = sample.count(b"\x00")
    if nul > 1 and nul * 1000 > len(sample):  # a stray NUL is dropped by the cleaner; more than 0.1 % mean binary
        return f"{nul} NUL bytes in the first {len(sample)}"
    if sample:
        controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
        if controls / len(sample) > 0.05:
            return f"{controls} control bytes in the first {len(sample)}"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read in: UTF-8 (with or without BOM), UTF-16/32 with BOM, else cp1252.

    UTF-8 with a few stray bytes that are not UTF-8 (a Windows-1252 character pasted in) stays UTF-8, those
    bytes read as Windows-1252 ("utf-8+cp1252"); text that is mostly not UTF-8 is read whole as cp1252.
    """
    return decode_noted(data)[0]


def decode_noted(data: bytes) -> tuple[tuple[str, str], str | None]:
    """(text, encoding) as `decode` gives them, and a note when bytes were not what the encoding said."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = (data[len(bom):] if codec == "utf-8" else data).decode(codec, errors="replace")
            return (text, codec), _replaced_note(text, data, codec)
    try:
        return (data.decode("utf-8"), "utf-8"), None
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    if valid_multibyte >= bad:  # nearly all of it is UTF-8: keep it so, read only the stray bytes as cp1252
        text = data.decode("utf-8", errors=CP1252_FALLBACK)
        return (text, "utf-8+cp1252"), f"{bad} byte{'s' if bad > 1 else ''} that {'are' if bad > 1 else 'is'} " \
                                         f"not UTF-8 read as Windows-1252"
    try:
        return (data.decode("cp1252"), "cp1252"), "not UTF-8; read as Windows-1252"
    except UnicodeDecodeError:
        return (data.decode("latin-1"), "latin-1"), "not UTF-8; read as Latin-1"


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _replaced_note(text: str, data: bytes, codec: str) -> str | None:
    replaced = text.count("\ufffd") - (data.count("\ufffd".encode()) if codec == "utf-8" else 0)
    return f"{replaced} invalid {codec.upper()} sequence{'s' if replaced > 1 else ''} replaced by U+FFFD" \
        if replaced > 0 else None


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
    """A stream that starts blank, re-read as a peekable stream from its first non-blank byte, and its first
    bytes (b"" if all blank). Blank chunks are dropped as they stream: a gigabyte of spaces costs no memory.
    The line breaks dropped are counted in `newlines_skipped`, so that line numbers stay those of the file."""
    newlines = 0
    while chunk := stream.read(1 << 16):
        if chunk.strip():
            rest = chunk.lstrip()
            newlines += chunk.count(b"\n", 0, len(chunk) - len(rest))
            reader = _Resumed(_Rejoined(rest, stream), buffer_size=1 << 16)
            reader.newlines_skipped = newlines
            return reader, reader.peek(8192)[:8192]
        newlines += chunk.count(b"\n")
    return stream, b""


def newlines_skipped(stream: BinaryIO) -> int:
    """How many line breaks `skip_blank` dropped before the stream's first byte."""
    return getattr(stream, "newlines_skipped", 0)


class _Resumed(io.BufferedReader):
    """A buffered stream that remembers how many line breaks were dropped before it."""

    newlines_skipped = 0


class _Rejoined(io.RawIOBase):
    """Bytes already read from a stream, followed by the rest of that stream."""

    def __init__(self, first: bytes, rest: BinaryIO) -> None:
        self._first = memoryview(first)
        self._rest = rest

    def readable(self) -> bool:
        """Always: this is an input stream."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]  # only memoryviews come here
        """Fill `buffer` from the bytes already read, then from the rest of the stream."""
        n = 0
        if self._first:
            n = min(len(buffer), len(self._first))
            buffer[:n] = self._first[:n]
            self._first = self._first[n:]
            if n == len(buffer):
                return n
        data = self._rest.read(len(buffer) - n)
        buffer[n:n + len(data)] = data
        return n + len(data)


class CorruptInput(Exception):
    """A compressed stream broke off or could not be decompressed."""


def count_records(inputs: list[Input], *, max_bytes: int = 1 << 30) -> int | None:
    """About how many records `inputs` hold, for a progress bar's total; None when that is not cheap to know.

    A JSON Lines file counts its non-blank lines, a CSV/TSV file its lines after the header, a feed its
    items and entries, a text or HTML page one, gzip as what it holds; standard input, JSON arrays, files
    of unknown kind and more than `max_bytes` read in all give None. Records a reader later skips or splits
    make the count an estimate, never a promise.
    """
    total, size = 0, 0
    for item in inputs:
        if item.problem is not None:
            total += 1  # reported as one rejection
            continue
        name = inner_name(item.location.lower())
        kind = _EXTENSIONS.get(os.path.splitext(name)[1])
        if item.location == STDIN or kind is None:
            return None
        if kind in ("text", "html"):
            total += 1
            continue
        size += item.size or 0
        if size > max_bytes:
            return None
        found = _count_in(item, kind, name.endswith(".json"), "\t" if name.endswith(".tsv") else ",")
        if found is None:
            return None
        total += found
    return total


def _count_in(item: Input, kind: str, json_file: bool, delimiter: str) -> int | None:
    """The records of one JSON Lines, CSV or feed input (decompressed); None for a JSON array."""
    import csv

    lines = tags = 0
    first = True
    with open_stream(item) as stream:
        if kind == "csv":  # quoted fields may hold line breaks
            text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
            try:
                return max(0, sum(1 for row in csv.reader(text, delimiter=delimiter) if any(row)) - 1)
            except csv.Error:  # a field beyond the csv module's limit: the reader reports it; no total here
                return None
        for line in stream:
            if first and line.strip():
                first = False
                if json_file and line.lstrip().startswith(b"["):
                    return None
            lines += bool(line.strip())
            if kind == "feed":
                tags += line.count(b"<item") + line.count(b"<entry")
    return tags if kind == "feed" else lines
