"""Issue 14, must-fix 3: folders with links, loops, pipes, sockets, devices and unreadable subfolders."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.ingest import inputs

TEXT = "De gemeenteraad van {city} heeft dinsdagavond ingestemd met een nieuw verkeersplan voor de binnenstad."


def _article(path: Path, city: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT.format(city=city))
    return path


def _codes(report) -> dict[str, str]:
    return {Path(r.source).name: r.code for r in report.rejected}


def _run_with_timeout(func, seconds: float = 30):
    """Run `func` in a thread; fail (instead of hanging the suite) when it does not finish in time."""
    result: dict = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", func()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "ingest hung"
    return result["value"]


def test_links_loops_pipes_and_sockets_in_a_folder_are_reported_and_skipped(archive, tmp_path):
    # Used to: abort with a traceback (loop, dangling link), hang forever (pipe), store /etc/passwd (outside link).
    folder = tmp_path / "in"
    _article(folder / "good.txt", "Utrecht")
    outside = _article(tmp_path / "elsewhere" / "secret.txt", "Geheim")
    (folder / "secret.txt").symlink_to(outside)
    (folder / "loop1").symlink_to(folder / "loop2")
    (folder / "loop2").symlink_to(folder / "loop1")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    os.mkfifo(folder / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock"))
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)  # a link back into the tree: read where it is, not again
    (folder / "sub" / "same.txt").symlink_to(folder / "good.txt")
    try:
        report = _run_with_timeout(lambda: archive.ingest(folder))
    finally:
        sock.close()
    assert report.accepted == 1 and report.already_stored == 0 and report.duplicates == 0
    assert _codes(report) == {"secret.txt": "R020", "loop1": "R022", "loop2": "R022", "dangling.txt": "R021",
                              "pipe.txt": "R019", "sock": "R019"}
    assert all(r.source.startswith(str(folder)) for r in report.rejected)
    assert "named pipe" in next(r.reason for r in report.rejected if r.source.endswith("pipe.txt"))
    assert [a["title"] for a in archive.articles()] == [TEXT.format(city="Utrecht")]


def test_follow_links_reads_links_outside_the_folder(tmp_path):
    folder = tmp_path / "in"
    _article(folder / "good.txt", "Utrecht")
    (folder / "secret.txt").symlink_to(_article(tmp_path / "elsewhere" / "secret.txt", "Arnhem"))
    (folder / "more").symlink_to(tmp_path / "elsewhere2")
    _article(tmp_path / "elsewhere2" / "x.txt", "Zwolle")
    (tmp_path / "elsewhere2" / "back").symlink_to(tmp_path / "elsewhere2")  # a loop inside the followed folder
    db = tmp_path / "t.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--raw", "--follow-links", str(folder)])
    assert result.exit_code == 0, result.output
    assert "3 accepted" in result.output
    plain = CliRunner().invoke(main, ["--db", str(tmp_path / "u.db"), "ingest", "--raw", "--strict", str(folder)])
    assert plain.exit_code == 1 and "1 accepted" in plain.output and "--follow-links" in plain.output


def test_a_device_in_a_folder_is_skipped(archive, tmp_path):
    folder = tmp_path / "in"
    _article(folder / "good.txt", "Utrecht")
    (folder / "zero").symlink_to("/dev/zero")  # outside the folder and a device: never opened either way
    report = _run_with_timeout(lambda: archive.ingest(folder, follow_links=True))
    assert report.accepted == 1 and _codes(report) == {"zero": "R019"}
    assert "a device" in report.rejected[0].reason


def test_an_unreadable_subfolder_is_reported(archive, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    _article(folder / "good.txt", "Utrecht")
    _article(folder / "locked" / "hidden.txt", "Delft")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":  # chmod 000 does not stop root, so the refusal is simulated
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(inputs.os, "scandir", scandir)
    report = archive.ingest(folder)
    assert report.accepted == 1 and _codes(report) == {"locked": "R023"}
    assert "Permission denied" in report.rejected[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their permissions")
def test_an_unreadable_subfolder_is_reported_for_real(archive, tmp_path):
    folder = tmp_path / "in"
    _article(folder / "good.txt", "Utrecht")
    _article(folder / "locked" / "hidden.txt", "Delft")
    (folder / "locked").chmod(0)
    try:
        report = archive.ingest(folder)
    finally:
        (folder / "locked").chmod(0o755)
    assert report.accepted == 1 and _codes(report) == {"locked": "R023"}


def test_a_named_pipe_given_by_name_does_not_hang(archive, tmp_path):
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)
    report = _run_with_timeout(lambda: archive.ingest(pipe, _article(tmp_path / "good.txt", "Utrecht")))
    assert report.accepted == 1 and _codes(report) == {"pipe.jsonl": "R001"}


def test_a_named_pipe_given_by_name_is_read_when_written(archive, tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    fd = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)  # a writer is present before storyline opens it
    os.write(fd, TEXT.format(city="Gouda").encode())
    writer = os.fdopen(fd, "wb")
    threading.Timer(1.0, writer.close).start()
    report = _run_with_timeout(lambda: archive.ingest(pipe))
    assert report.accepted == 1, report.rejected


def test_links_matched_by_a_glob_follow_the_same_rules(archive, tmp_path):
    folder = tmp_path / "in"
    _article(folder / "good.txt", "Utrecht")
    (folder / "secret.txt").symlink_to(_article(tmp_path / "elsewhere" / "secret.txt", "Arnhem"))
    os.mkfifo(folder / "pipe.txt")
    report = _run_with_timeout(lambda: archive.ingest(str(folder / "*.txt")))
    assert report.accepted == 1 and _codes(report) == {"secret.txt": "R020", "pipe.txt": "R019"}
