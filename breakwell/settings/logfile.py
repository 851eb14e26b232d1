"""breakwell's log files: private (rotated ones too), created only when something is written."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from datetime import datetime
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from breakwell.private_files import PRIVATE_FILE, SAFE_OPEN, check_own_file, ensure_private_dir
from breakwell.settings.paths import resolve_paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def open_private_log(path: Path) -> TextIOWrapper:
    """Open a log file for appending: created 0600, never through a link, never widened.

    A log written before logs were kept private is narrowed to 0600 on the way.
    """
    ensure_private_dir(path.parent)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | SAFE_OPEN
    fd = os.open(path, flags, PRIVATE_FILE)
    try:
        info = check_own_file(fd, path)
        if info.st_mode & 0o077:
            os.fchmod(fd, PRIVATE_FILE)
        return os.fdopen(fd, "a", encoding="utf-8")
    except BaseException:
        os.close(fd)
        raise


class _Private:
    """What both handlers share: private files, and one line (not a traceback) on failure."""

    baseFilename: str
    _failed = False

    def _open(self) -> TextIOWrapper:
        return open_private_log(Path(self.baseFilename))

    def handleError(self, record: logging.LogRecord) -> None:
        # logging would print a traceback for every record it cannot write (a full disk, a
        # read-only home); say it once, in a line, and go on without the file.
        if self._failed:
            return
        self._failed = True
        error = sys.exc_info()[1]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        with contextlib.suppress(Exception):
            sys.stderr.write(f"breakwell: cannot write the log {self.baseFilename}: {reason}\n")


class PrivateFileHandler(_Private, logging.FileHandler):
    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)


class PrivateRotatingFileHandler(_Private, RotatingFileHandler):
    """Each new file after a rotation is opened through `_open` too, so every one is 0600."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(
            path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
        )


def log_to_file(path: Path) -> None:
    """Send breakwell's own log records (notifications included) to a private file."""
    handler = PrivateFileHandler(path)
    handler.setFormatter(logging.Formatter(FORMAT))
    logger = logging.getLogger("breakwell")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def write_traceback(error: BaseException) -> Path:
    """Record an unexpected error with its traceback in the log file; return the file.

    A file that cannot be written raises (OSError), so the caller can say so in one line.
    """
    path = resolve_paths().log_file
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    details = "".join(traceback.format_exception(error))
    with open_private_log(path) as stream:
        stream.write(f"{stamp} ERROR breakwell: unexpected error\n{details}")
    return path
