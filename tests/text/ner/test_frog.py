"""The Frog backend's process management (with a stand-in server) and, when Frog is installed, the real thing."""

from __future__ import annotations

import os
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storyline.text.ner.frog import FrogError, FrogServer, frog_status, map_labels, parse_row

FAKE = textwrap.dedent('''
    import os, signal, socket, sys, time
    signal.signal(signal.SIGTERM, signal.SIG_IGN)   # like Frog, which ignores SIGTERM while busy
    mode = os.environ.get("FAKE_FROG_MODE", "ok")
    if mode == "exit":
        sys.exit(3)
    port = int(sys.argv[sys.argv.index("-S") + 1])
    srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port)); srv.listen(5)
    while True:
        conn, _ = srv.accept()
        f = conn.makefile("rwb")
        for raw in f:
            if mode == "silent":
                continue
            toks = raw.decode().split()
            out = []
            for i, tok in enumerate(toks, 1):
                cap = tok[:1].isupper() and i > 1
                out.append(f"{i}\\t{tok}\\t\\t\\t\\t{'SPEC(deeleigen)' if cap else 'N(soort)'}\\t1.0\\t{'B-PER' if cap else 'O'}\\t\\t")
            f.write(("\\n".join(out) + "\\n\\nREADY\\n").encode()); f.flush()
''')


@pytest.fixture
def fake_frog(tmp_path: Path) -> str:
    path = tmp_path / "frog"
    path.write_text(f"#!{sys.executable}\n{FAKE}")
    path.chmod(0o755)
    return str(path)


def _gone(pid: int) -> bool:
    """True when the process no longer exists (not even as a zombie)."""
    return not Path(f"/proc/{pid}").exists()


def test_stand_in_server_answers_and_is_reaped(fake_frog):
    server = FrogServer(binary=fake_frog, startup_timeout=20, term_grace=0.2)
    rows = server.analyse([["Toen", "zag", "Jan", "Piet", "."], ["Ja", "."]])
    assert [r[2] for r in rows[0]] == ["O", "O", "B-PER", "B-PER", "O"] and len(rows[1]) == 2
    pid = server.pid
    assert pid is not None
    server.stop()
    assert server.pid is None and _gone(pid), "frog process left behind after stop()"


def test_restarts_after_a_crash(fake_frog):
    server = FrogServer(binary=fake_frog, startup_timeout=20, term_grace=0.2)
    try:
        server.analyse([["Dag", "Jan", "."]])
        first = server.pid
        os.kill(first, signal.SIGKILL)
        time.sleep(0.2)
        rows = server.analyse([["Dag", "Piet", "."]])
        assert rows[0][1] == ("Piet", "SPEC(deeleigen)", "B-PER")
        assert server.restarts == 1 and server.pid != first
        assert _gone(first), "crashed frog left as a zombie"
    finally:
        server.stop()


def test_a_server_that_never_answers_times_out_and_is_killed(fake_frog, monkeypatch):
    monkeypatch.setenv("FAKE_FROG_MODE", "silent")
    server = FrogServer(binary=fake_frog, startup_timeout=20, request_timeout=0.5, term_grace=0.2)
    started = time.monotonic()
    with pytest.raises(FrogError, match="does not answer"):
        server.start()
    assert time.monotonic() - started < 15
    assert server.proc is None


def test_a_server_that_exits_at_start_is_reported(fake_frog, monkeypatch):
    monkeypatch.setenv("FAKE_FROG_MODE", "exit")
    with pytest.raises(FrogError, match="exited with status 3"):
        FrogServer(binary=fake_frog, startup_timeout=20, term_grace=0.2).start()


def test_missing_binary_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_FROG", str(tmp_path / "no-frog"))
    assert frog_status() == (False, "frog binary not found (apt-get install frog frogdata)")
    with pytest.raises(FrogError, match="not installed"):
        FrogServer().start()


def test_labels_map_to_conll_conventions():
    rows = [("De", "LID()", "O"), ("Belgische", "ADJ(prenom)", "B-LOC"), ("Tour", "SPEC()", "B-EVE"),
            ("de", "SPEC()", "I-EVE"), ("France", "SPEC()", "I-EVE"), ("Amerikanen", "N(eigen)", "B-LOC"),
            ("Jan", "SPEC()", "B-PER"), ("Peeters", "SPEC()", "I-PER")]
    assert map_labels(rows, 8) == ["O", "B-MISC", "B-MISC", "I-MISC", "I-MISC", "B-MISC", "B-PER", "I-PER"]
    assert map_labels(rows, 9) == ["O"] * 9  # a token-count mismatch leaves the sentence untagged
    assert parse_row("1\tJan\tJan\t[Jan]\tSPEC(deeleigen)\t1.0\tB-PER\tB-NP\t2\tsu") == ("Jan", "SPEC(deeleigen)", "B-PER")


needs_frog = pytest.mark.skipif(not frog_status()[0], reason=f"Frog not usable here: {frog_status()[1]}")


@needs_frog
def test_real_frog_and_hybrid_backends():
    from storyline.text.ner import extract_entities, get_backend

    text = "De Belgische premier Guy Verhofstadt sprak in Brussel met de NAVO. Verhofstadt las de krant De Morgen."
    try:
        frog = extract_entities(text, "nl", "frog")
        for ent in frog:
            assert text[ent.start:ent.end] == ent.text
        typed = {(e.text, e.type) for e in frog}
        assert ("Belgische", "MISC") in typed and ("Brussel", "LOC") in typed
        hybrid = {(e.text, e.type) for e in extract_entities(text, "nl", "hybrid")}
        assert {("Guy Verhofstadt", "PER"), ("NAVO", "ORG"), ("De Morgen", "ORG")} <= hybrid
        pid = get_backend("frog").server.pid
        assert pid is not None
    finally:
        get_backend("frog").server.stop()
    assert _gone(pid)
