"""The `frog` backend: Frog (Dutch NLP suite, GPL-3) run as a separate managed server process.

storyline never imports or links Frog: it starts `frog -S PORT` on demand (Debian packages
`frog` and `frogdata`), checks that it answers, sends pre-tokenised sentences one per line
over a local socket, restarts it once after a crash or time-out, and kills and reaps it when
done (at exit, or `FrogServer.stop()`). Frog's labels are mapped to CoNLL conventions:
EVE and PRO become MISC, and a name used as an adjective or a demonym ("Belgische",
"Amerikanen") is MISC, as in CoNLL-2002.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

from ...errors import StorylineError
from .gazetteer import gazetteer
from .registry import register_backend

log = logging.getLogger(__name__)

ENV_BINARY = "STORYLINE_FROG"
DATA_DIR = Path("/usr/share/frog/nld")
LABELS = {"per": "PER", "loc": "LOC", "org": "ORG", "eve": "MISC", "pro": "MISC", "misc": "MISC"}
BATCH = 40
_POS_RE = re.compile(r"^[A-Z]+\(")
_NER_RE = re.compile(r"^(?:[BI]-[A-Za-z]+|O)$")


class FrogError(StorylineError):
    """Frog could not be started or did not answer."""


def frog_binary() -> str | None:
    """Path of the frog program ($STORYLINE_FROG, else `frog` on PATH), or None."""
    return shutil.which(os.environ.get(ENV_BINARY, "frog"))


def frog_status() -> tuple[bool, str]:
    """Whether Frog can run here (binary and Dutch data), and what was found."""
    binary = frog_binary()
    if not binary:
        return False, "frog binary not found (apt-get install frog frogdata)"
    if os.environ.get(ENV_BINARY) is None and not (DATA_DIR / "frog.cfg").exists():
        return False, f"frog data missing: {DATA_DIR}/frog.cfg (apt-get install frogdata)"
    return True, binary


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FrogServer:
    """One Frog server process: started on demand, health-checked, restarted after a crash."""

    def __init__(self, binary: str | None = None, startup_timeout: float = 180.0, request_timeout: float = 120.0,
                 extra_args: tuple[str, ...] = ("-n", "--skip=tmpacl"), term_grace: float = 5.0) -> None:
        self.binary = binary
        self.startup_timeout = startup_timeout
        self.request_timeout = request_timeout
        self.extra_args = extra_args
        self.term_grace = term_grace
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.sock: socket.socket | None = None
        self.restarts = 0
        self._lock = threading.Lock()
        atexit.register(self.stop)

    @property
    def pid(self) -> int | None:
        """Process id of the running server, if any."""
        return self.proc.pid if self.proc and self.proc.poll() is None else None

    def start(self) -> None:
        """Start the server and wait until it answers a probe sentence."""
        binary = self.binary or frog_binary()
        if not binary:
            raise FrogError("frog is not installed (apt-get install frog frogdata)")
        self.stop()
        self.port = _free_port()
        cmd = [binary, "-S", str(self.port), *self.extra_args]
        log.info("starting %s", " ".join(cmd))
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True, cwd="/tmp")
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                code = self.proc.returncode
                self.stop()
                raise FrogError(f"frog exited with status {code} while starting")
            try:
                self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=2)
                self.sock.settimeout(self.request_timeout)
                break
            except OSError:
                time.sleep(0.3)
        else:
            self.stop()
            raise FrogError(f"frog did not open port {self.port} within {self.startup_timeout:.0f} s")
        if not self.healthy():
            self.stop()
            raise FrogError("frog started but does not answer")

    def healthy(self) -> bool:
        """Whether the server is running and tags a probe sentence."""
        if self.pid is None:
            return False
        try:
            return len(self._request([["Test", "."]])[0]) == 2
        except (OSError, FrogError):
            return False

    def stop(self) -> None:
        """Kill the server (its whole process group) and reap it, so no zombie stays behind."""
        sock, self.sock = self.sock, None
        if sock is not None:
            sock.close()
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=self.term_grace)  # Frog ignores SIGTERM while it works
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=5)
        else:
            proc.wait()

    def analyse(self, sentences: list[list[str]]) -> list[list[tuple[str, str, str]]]:
        """(word, POS, NER) for every token of every sentence; starts or restarts the server as needed."""
        with self._lock:
            for attempt in (1, 2):
                if self.proc is not None and self.pid is None:
                    log.warning("frog exited (status %s); restarting it", self.proc.returncode)
                    self.restarts += 1
                    self.stop()
                if self.pid is None:
                    self.start()
                try:
                    out: list[list[tuple[str, str, str]]] = []
                    for k in range(0, len(sentences), BATCH):
                        out.extend(self._request(sentences[k:k + BATCH]))
                    return out
                except (OSError, FrogError) as exc:
                    if attempt == 2:
                        self.stop()
                        raise FrogError(f"frog failed twice: {exc}") from exc
                    log.warning("frog failed (%s); restarting it", exc)
                    self.restarts += 1
                    self.stop()
        raise AssertionError("unreachable")

    def _request(self, sentences: list[list[str]]) -> list[list[tuple[str, str, str]]]:
        """Send sentences one per line over the open connection; Frog ends each answer with READY."""
        if self.sock is None:
            raise FrogError("no connection to frog")
        lines = [" ".join("_".join(t.split()) or "_" for t in s) for s in sentences]
        self.sock.sendall("".join(line + "\n" for line in lines).encode("utf-8"))
        buf = b""
        results: list[list[tuple[str, str, str]]] = []
        rows: list[tuple[str, str, str]] = []
        while len(results) < len(lines):
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError as exc:
                raise FrogError(f"frog did not answer within {self.request_timeout:.0f} s") from exc
            if not chunk:
                raise FrogError("frog closed the connection")
            buf += chunk
            *complete, buf = buf.split(b"\n")
            for raw in complete:
                line = raw.decode("utf-8", "replace").rstrip("\r")
                if line == "READY":
                    results.append(rows)
                    rows = []
                elif line.strip():
                    rows.append(self.row(line))
        return results

    def row(self, line: str) -> tuple[str, str, str]:
        """One line of Frog's answer as the caller wants it (a subclass may keep more columns)."""
        return parse_row(line)


def parse_row(line: str) -> tuple[str, str, str]:
    """(word, POS, NER) of one line of Frog's tab-separated output, whichever modules were skipped.

    >>> parse_row("\\t".join(["2", "Jan", "", "", "", "SPEC(deeleigen)", "1.000000", "B-PER", ""]))
    ('Jan', 'SPEC(deeleigen)', 'B-PER')
    """
    cols = line.split("\t")
    word = cols[1] if len(cols) > 1 else ""
    pos_at = next((i for i in range(2, len(cols)) if _POS_RE.match(cols[i])), None)
    if pos_at is None:
        return word, "", "O"
    ner = next((c for c in cols[pos_at + 1:] if _NER_RE.match(c)), "O")
    return word, cols[pos_at], ner


def map_labels(rows: list[tuple[str, str, str]], length: int) -> list[str]:
    """Frog's (word, POS, NER) rows as CoNLL IOB2 labels; adjectives and demonyms become MISC.

    >>> map_labels([("De", "LID()", "O"), ("Belgische", "ADJ(prenom)", "B-LOC"), ("VN", "SPEC()", "B-ORG")], 3)
    ['O', 'B-MISC', 'B-ORG']
    """
    if len(rows) != length:
        log.warning("frog returned %d tokens for a sentence of %d; sentence left untagged", len(rows), length)
        return ["O"] * length
    demonyms = gazetteer().demonym_country
    labels = []
    for word, pos, ner in rows:
        if ner[:2] not in ("B-", "I-"):
            labels.append("O")
            continue
        kind = LABELS.get(ner[2:].lower(), "MISC")
        if pos.startswith("ADJ") or (word in demonyms and ner.startswith("B-")):
            kind = "MISC"
        labels.append(ner[:2] + kind)
    # a span's type is the type of its first token (an adjective inside a name does not split it)
    for i in range(1, len(labels)):
        if labels[i].startswith("I-") and labels[i - 1] != "O":
            labels[i] = "I-" + labels[i - 1][2:]
    return labels


class FrogBackend:
    """Frog's named-entity tagger for Dutch; other languages fall back to the built-in backend."""

    name = "frog"

    def __init__(self) -> None:
        self.server = FrogServer()

    def available(self) -> tuple[bool, str]:
        """Whether the frog binary and its Dutch data are installed."""
        return frog_status()

    def tag(self, sentences: list[list[str]], lang: str) -> list[list[str]]:
        """IOB2 labels for one document's sentences."""
        if lang != "nl":
            from .builtin import tag_document

            return tag_document(sentences, lang)
        ok, why = self.available()
        if not ok:
            raise FrogError(why)
        keep = [i for i, s in enumerate(sentences) if s]
        rows = self.server.analyse([sentences[i] for i in keep])
        labels = [["O"] * len(s) for s in sentences]
        for i, r in zip(keep, rows, strict=True):
            labels[i] = map_labels(r, len(sentences[i]))
        return labels


@register_backend("frog")
def _make() -> FrogBackend:
    return FrogBackend()
