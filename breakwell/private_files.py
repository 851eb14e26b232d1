"""Files and folders only their owner can read: a journal is private by default."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create a folder only its owner can enter; an existing folder is left as the person set it."""
    if not path.is_dir():
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        path.chmod(PRIVATE_DIR)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create an empty file readable only by its owner, so later writes never widen access."""
    ensure_private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
        os.close(fd)
        path.chmod(PRIVATE_FILE)
    return path
