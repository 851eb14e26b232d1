"""breakwell's log file: private, created only when something is written to it."""

from __future__ import annotations

import logging
from pathlib import Path

from breakwell.private_files import ensure_private_file
from breakwell.settings.paths import resolve_paths


class PrivateFileHandler(logging.FileHandler):
    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def _open(self):  # type: ignore[no-untyped-def]
        ensure_private_file(Path(self.baseFilename))
        return super()._open()


def log_to_file(path: Path) -> None:
    """Send breakwell's own log records (notifications included) to a private file."""
    handler = PrivateFileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("breakwell")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def write_traceback(error: BaseException) -> Path:
    """Record an unexpected error with its traceback in the log file; return the file."""
    path = resolve_paths().log_file
    handler = PrivateFileHandler(path)
    logger = logging.getLogger("breakwell")
    logger.addHandler(handler)
    try:
        logger.error("unexpected error", exc_info=error)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return path
