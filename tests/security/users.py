"""Real processes under other local accounts, for the attacks one user can try on another.

Only root can start a process as another uid: elsewhere these tests skip with the reason,
except in CI, where they must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

VICTIM = 61001
ATTACKER = 61002


def require_root() -> None:
    if os.geteuid() == 0:
        return
    reason = "tests with two real users need root, to start processes as other uids"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the two-user tests: {reason}")
    pytest.skip(reason)


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder every uid can enter (pytest's own are root's alone), removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="breakwell-users-"))
    root.chmod(0o755)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class Account:
    """A local user: a uid (None: this process's own) and a home only it can enter."""

    uid: int | None
    home: Path

    @classmethod
    def make(cls, base: Path, uid: int | None, name: str) -> Account:
        home = base / name
        home.mkdir(mode=0o700)
        if uid is not None:
            os.chown(home, uid, uid)
        return cls(uid, home)

    def environment(self, **extra: str) -> dict[str, str]:
        """Platform folders inside the home; no BREAKWELL_HOME unless given."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "TZ": "UTC",
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_STATE_HOME": str(self.home / ".local" / "state"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_RUNTIME_DIR": str(self.home / "runtime"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        env.update(extra)
        return env

    def run(
        self, argv: list[str], env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        identity: dict[str, object] = {}
        if self.uid is not None:
            identity = {"user": self.uid, "group": self.uid, "extra_groups": []}
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            argv,
            env=self.environment() if env is None else env,
            cwd=self.home,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
            **identity,
        )

    def breakwell(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self.run([sys.executable, "-m", "breakwell", *args], env)

    def python(
        self, code: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self.run([sys.executable, "-c", code], env)

    def journal(self) -> Path:
        return self.home / ".local" / "share" / "breakwell" / "breakwell.db"
