"""The optional abstractive summariser, against a real local HTTP server in a thread."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import storyline
from storyline.cli import main
from storyline.errors import ConfigError
from storyline.models import Precision, Timeline, TimelineEntry, TimelineSentence
from storyline.store import stories as q
from storyline.timeline.abstractive import SummaryConfig, messages, summarise

CANNED = "Kim Jong-un nodigde Donald Trump uit. De top in Singapore volgde op 12 juni."


class Server:
    """A local chat-completions server whose next answers the test sets: canned text, errors, or a long sleep."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.answer = CANNED
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.requests.append({"path": self.path, "headers": dict(self.headers),
                                        "body": json.loads(body.decode())})
                mode = server.mode
                if mode == "sleep":
                    time.sleep(1.5)
                if mode == "error":
                    payload, status = b'{"error": {"message": "model not loaded"}}', 503
                elif mode == "malformed":
                    payload, status = b"<html>not json</html>", 200
                elif mode == "empty":
                    payload, status = json.dumps({"choices": [{"message": {"content": "  <think>hmm</think> "}}]}).encode(), 200
                elif mode == "shape":
                    payload, status = json.dumps({"result": server.answer}).encode(), 200
                else:
                    payload, status = json.dumps({"choices": [{"index": 0, "message": {
                        "role": "assistant", "content": f"<think>plan</think>\n{server.answer}\n"}}]}).encode(), 200
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    for name in ("STORYLINE_SUMMARY_URL", "STORYLINE_SUMMARY_MODEL", "STORYLINE_SUMMARY_API_KEY",
                 "STORYLINE_SUMMARY_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)


def _timeline(lang: str = "nl") -> Timeline:
    s1 = TimelineSentence("Kim Jong-un heeft Donald Trump uitgenodigd voor een top.", ["a1"], ["nos"], lang)
    s2 = TimelineSentence("De top op 12 juni in Singapore werd afgeblazen.", ["a2"], ["nu.nl"], lang)
    return Timeline("Kim nodigt Trump uit", [s1], [TimelineEntry("2018-03", Precision.MONTH, [s1], ["a1"]),
                                                  TimelineEntry("2018-06-12", Precision.DAY, [s2], ["a2"])], lang, 2)


def test_canned_completion_is_used_and_the_request_is_well_formed(server):
    config = SummaryConfig(server.url, model="tiny", api_key="sekret", timeout=5)
    assert summarise(_timeline(), config) == CANNED
    (req,) = server.requests
    assert req["path"] == "/v1/chat/completions"
    assert req["headers"]["Authorization"] == "Bearer sekret"
    body = req["body"]
    assert body["model"] == "tiny" and body["stream"] is False
    system, user = body["messages"]
    assert system["role"] == "system" and "Dutch" in system["content"]
    assert "Kim nodigt Trump uit" in user["content"] and "2018-06-12: De top op 12 juni" in user["content"]


def test_no_model_no_key_sends_neither(server):
    assert summarise(_timeline("en"), SummaryConfig(server.url, timeout=5)) == CANNED
    req = server.requests[0]
    assert "model" not in req["body"] and "Authorization" not in req["headers"]
    assert "English" in req["body"]["messages"][0]["content"]


@pytest.mark.parametrize("mode", ["error", "malformed", "empty", "shape"])
def test_bad_answers_fall_back_with_a_warning(server, caplog, mode):
    server.mode = mode
    with caplog.at_level(logging.WARNING, logger="storyline.timeline.abstractive"):
        assert summarise(_timeline(), SummaryConfig(server.url, timeout=5)) is None
    assert len(server.requests) == 1
    assert any("extractive summary" in r.getMessage() for r in caplog.records)


def test_timeout_falls_back_quickly(server, caplog):
    server.mode = "sleep"
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="storyline.timeline.abstractive"):
        assert summarise(_timeline(), SummaryConfig(server.url, timeout=0.3)) is None
    assert time.perf_counter() - started < 1.4  # the server sleeps 1.5 s
    assert any("did not answer within 0.3s" in r.getMessage() for r in caplog.records)


def test_connection_refused_falls_back(caplog):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with caplog.at_level(logging.WARNING, logger="storyline.timeline.abstractive"):
        assert summarise(_timeline(), SummaryConfig(f"http://127.0.0.1:{port}/v1", timeout=2)) is None
    assert any("cannot reach" in r.getMessage() for r in caplog.records)


def test_settings_from_the_environment():
    assert SummaryConfig.from_env(environ={}) is None
    env = {"STORYLINE_SUMMARY_URL": "http://127.0.0.1:8080/v1", "STORYLINE_SUMMARY_MODEL": "m",
           "STORYLINE_SUMMARY_API_KEY": "k", "STORYLINE_SUMMARY_TIMEOUT": "7.5"}
    config = SummaryConfig.from_env(environ=env)
    assert (config.endpoint, config.model, config.api_key, config.timeout) == \
        ("http://127.0.0.1:8080/v1/chat/completions", "m", "k", 7.5)
    assert "k" not in config.key  # the key never lands in the database
    assert SummaryConfig.from_env("http://other:1/v1", "n", environ=env).key == "http://other:1/v1/chat/completions n"
    with pytest.raises(ConfigError, match="not an http"):
        SummaryConfig.from_env(environ={"STORYLINE_SUMMARY_URL": "file:///etc/passwd"})
    with pytest.raises(ConfigError, match="TIMEOUT"):
        SummaryConfig.from_env(environ={"STORYLINE_SUMMARY_URL": "http://x/v1", "STORYLINE_SUMMARY_TIMEOUT": "soon"})


def test_context_is_bounded():
    long = _timeline()
    entry = long.entries[1]
    long.entries.extend(TimelineEntry(f"2018-07-{d:02d}", Precision.DAY, entry.sentences * 2, ["a2"])
                        for d in range(1, 29) for _ in range(10))
    assert len(messages(long, max_chars=2000)[1]["content"]) <= 2000


# -- through the archive and the command ---------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    texts = [("n1", "2018-03-09", "Kim Jong-un heeft Donald Trump per brief uitgenodigd voor een topontmoeting. "
                                  "Trump heeft de uitnodiging geaccepteerd, meldt het Witte Huis."),
             ("n2", "2018-05-25", "De top op 12 juni tussen Kim en Trump in Singapore werd donderdag afgeblazen. "
                                  "Trump noemde de opstelling van Noord-Korea vijandig.")]
    with storyline.open(path) as arc:
        arc.ingest_records([{"id": i, "title": t[:40], "published": p, "text": t, "lang": "nl", "source": "nos"}
                            for i, p, t in texts])
        ids = [r["id"] for r in arc.articles()]
        with arc.store.atomic() as conn:
            q.write_assignments(conn, [(a, "e1", "s-korea", None, 0) for a in ids])
            q.tidy(conn)
    return path


def test_archive_uses_and_stores_the_abstract(server, db):
    config = SummaryConfig(server.url, model="tiny", timeout=5)
    with storyline.open(db) as arc:
        plain = arc.timeline("s-korea")
        assert plain.summary_kind == "extractive" and server.requests == []
        tl = arc.timeline("s-korea", summary=config)
        assert tl.summary_kind == "abstractive" and tl.summary_text == CANNED and tl.to_dict()["abstract"] == CANNED
        assert [s.text for s in tl.summary] == [s.text for s in plain.summary]  # the extractive one is kept beside it
        assert arc.timeline("s-korea", summary=config).abstract == CANNED and len(server.requests) == 1  # stored
        assert arc.timeline("s-korea").summary_kind == "extractive"  # not asked for, not shown
        server.answer = "Another model's summary."
        other = arc.timeline("s-korea", summary=SummaryConfig(server.url, model="big", timeout=5))
        assert other.abstract == "Another model's summary." and len(server.requests) == 2


def test_archive_falls_back_when_the_server_fails(server, db):
    server.mode = "error"
    with storyline.open(db) as arc:
        tl = arc.timeline("s-korea", summary=SummaryConfig(server.url, timeout=5))
    assert tl.summary_kind == "extractive" and tl.abstract is None and tl.summary_text
    assert len(server.requests) == 1


def test_command_with_summary_url(server, db, runner):
    result = runner.invoke(main, ["--db", str(db), "timeline", "s-korea", "--format", "json",
                                  "--summary-url", server.url, "--summary-model", "tiny"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"] == CANNED and data["summary_kind"] == "abstractive"
    assert server.requests[0]["body"]["model"] == "tiny"


def test_command_reads_the_environment_and_falls_back(server, db, runner, monkeypatch):
    monkeypatch.setenv("STORYLINE_SUMMARY_URL", server.url)
    monkeypatch.setenv("STORYLINE_SUMMARY_TIMEOUT", "0.3")
    server.mode = "sleep"
    result = runner.invoke(main, ["--db", str(db), "timeline", "s-korea", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary_kind"] == "extractive" and data["summary"] == " ".join(s["text"] for s in
                                                                                 data["summary_sentences"])
    assert len(server.requests) == 1


def test_nothing_is_contacted_unless_configured(db, runner, monkeypatch):
    calls: list[object] = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: calls.append(a))
    with storyline.open(db) as arc:
        assert arc.timeline("s-korea").summary_kind == "extractive"
    for fmt in ("text", "json", "html"):
        assert runner.invoke(main, ["--db", str(db), "timeline", "s-korea", "--format", fmt]).exit_code == 0
    assert calls == []


def test_bad_summary_url_is_a_clear_error(db, runner):
    result = runner.invoke(main, ["--db", str(db), "timeline", "s-korea", "--summary-url", "ftp://x/v1"])
    assert result.exit_code == 2 and "not an http(s) URL" in result.output
