"""The bench's own environment for jrnl, apart from breakwell's, created on first use."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

BENCH = Path(__file__).resolve().parent
WORK = BENCH / ".work"
JRNL_VENV = BENCH / ".jrnl-venv"
REQUIREMENTS = BENCH / "jrnl-requirements.txt"


def jrnl_executable() -> Path:
    """jrnl from PyPI in `bench/.jrnl-venv`, installed again only when its pins change."""
    executable = JRNL_VENV / "bin" / "jrnl"
    stamp = JRNL_VENV / ".installed"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if executable.exists() and stamp.exists() and stamp.read_text() == wanted:
        return executable
    print("bench: installing jrnl into bench/.jrnl-venv", file=sys.stderr)
    venv.create(JRNL_VENV, with_pip=True, clear=True)
    pip = [str(JRNL_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--disable-pip-version-check", "-r", str(REQUIREMENTS)], check=True)
    stamp.write_text(wanted)
    return executable
