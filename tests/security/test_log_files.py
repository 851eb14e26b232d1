"""Log files are private, rotated ones too; a log that cannot be written is one line, not a
traceback, and `daemon run` on a full disk says so in one line."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from breakwell.cli.outcome import _report_bug
from breakwell.enforce import daemon
from breakwell.settings.logfile import PrivateRotatingFileHandler, write_traceback
from tests.conftest import Cli


@pytest.fixture
def wide_umask() -> Iterator[None]:
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def breakwell_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("breakwell")
    handlers, level = list(logger.handlers), logger.level
    yield logger
    for handler in logger.handlers:
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)


def test_the_enforcer_log_and_every_rotated_one_is_private(
    tmp_path: Path, wide_umask: None, breakwell_logger: logging.Logger
) -> None:
    path = tmp_path / "logs" / "daemon.log"
    daemon._log_to(path, echo=False)
    for _ in range(12):
        breakwell_logger.info("x" * 400_000)  # the daemon rotates after 1 MB
    made = sorted(path.parent.iterdir())
    assert [file.name for file in made] == [
        "daemon.log",
        "daemon.log.1",
        "daemon.log.2",
        "daemon.log.3",
    ]
    assert {file.name: file.stat().st_mode & 0o777 for file in made} == {
        file.name: 0o600 for file in made
    }


def test_a_log_made_readable_before_is_narrowed(tmp_path: Path, wide_umask: None) -> None:
    path = tmp_path / "daemon.log"
    path.write_text("old line\n")
    path.chmod(0o644)
    handler = PrivateRotatingFileHandler(path, max_bytes=1000, backups=2)
    handler.emit(logging.makeLogRecord({"msg": "new line"}))
    handler.close()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text() == "old line\nnew line\n"


def test_a_log_that_is_a_link_is_not_followed(tmp_path: Path, breakwell_logger: object) -> None:
    journal = tmp_path / "breakwell.db"
    journal.write_bytes(b"journal")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "daemon.log").symlink_to(journal)
    with pytest.raises(daemon.CannotEnforce) as refused:
        daemon._log_to(tmp_path / "logs" / "daemon.log", echo=False)
    assert "daemon.log" in str(refused.value)
    assert journal.read_bytes() == b"journal"


def test_a_log_that_cannot_be_written_says_so_once_in_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handler = PrivateRotatingFileHandler(tmp_path / "daemon.log", max_bytes=10**6, backups=1)
    # Closing /dev/full fails too, flushing what is left: that is the point.
    with contextlib.suppress(OSError), Path("/dev/full").open("w", encoding="utf-8") as full:
        handler.stream = full
        for text in ("first", "second", "third"):
            handler.emit(logging.makeLogRecord({"msg": text}))
        handler.stream = None
    lines = capsys.readouterr().err.splitlines()
    where = tmp_path / "daemon.log"
    assert lines == [f"breakwell: cannot write the log {where}: No space left on device"]


def test_a_crash_whose_log_cannot_be_written_is_still_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir()
    (home / "logs").write_text("a file where the log folder should be")
    message = _report_bug(RuntimeError("boom"))
    assert message == "unexpected error: boom (set BREAKWELL_DEBUG=1 for details)"
    assert capsys.readouterr().err == ""
    with pytest.raises(OSError):
        write_traceback(RuntimeError("boom"))


def test_daemon_run_on_a_full_disk_is_one_line_and_not_a_crash(
    run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    monkeypatch.setattr(os, "pwrite", full)
    result = run("daemon", "run")
    assert result.exit_code not in (0, 70)
    assert result.output == "breakwell: cannot run the enforcer: No space left on device\n"
