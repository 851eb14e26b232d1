"""The native messaging host a test browser starts: this checkout's `breakwell browser-host`,
run by a launcher that gives it the environment (the breakwell home) of the test at hand.

A browser is shared by a module's tests while each test has its own home: `point_at` writes
the new environment and stops the running host, and the extension, which reconnects when its
host goes away, starts a fresh host in the new home."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path

HOST_NAME = "org.breakwell.companion"
ROOT = Path(__file__).resolve().parent.parent.parent
# What a test's own `home` fixture sets, and so what the host must share with the test.
PASSED_ON = (
    "BREAKWELL_HOME",
    "BREAKWELL_DATABASE_URL",
    "BREAKWELL_HOSTS_FILE",
    "BREAKWELL_AUTOSTART",
    "XDG_RUNTIME_DIR",
)

LAUNCHER = """#!{python}
# Runs `breakwell browser-host` for the browser tests, in the test's environment.
import json, os, sys
with open({env!r}, encoding="utf-8") as file:
    os.environ.update(json.load(file))
os.environ["PYTHONPATH"] = {root!r}
log = os.open({log!r}, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
os.dup2(log, 2)
with open({pid!r}, "w", encoding="utf-8") as file:
    file.write(str(os.getpid()))
os.execv(sys.executable, [sys.executable, "-m", "breakwell", "browser-host", *sys.argv[1:]])
"""


class HostLink:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.launcher = folder / "breakwell-browser-host"
        self._env = folder / "host-env.json"
        self._pid = folder / "host.pid"
        self._log = folder / "host.log"
        self._env.write_text("{}", encoding="utf-8")
        self.launcher.write_text(
            LAUNCHER.format(
                python=sys.executable,
                env=str(self._env),
                root=str(ROOT),
                log=str(self._log),
                pid=str(self._pid),
            ),
            encoding="utf-8",
        )
        self.launcher.chmod(0o700)

    def manifest(self, **allowed: list[str]) -> dict[str, object]:
        """The host manifest a browser reads, allowing the callers given (`allowed_origins`
        for Chromium, `allowed_extensions` for Firefox)."""
        return {
            "name": HOST_NAME,
            "description": "breakwell (browser tests)",
            "path": str(self.launcher),
            "type": "stdio",
            **allowed,
        }

    def write_manifest(self, folder: Path, **allowed: list[str]) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{HOST_NAME}.json"
        path.write_text(json.dumps(self.manifest(**allowed), indent=2), encoding="utf-8")
        return path

    def point_at(self, environ: Mapping[str, str]) -> None:
        """Give the next host the test's environment, and stop the one running, if any."""
        passed = {name: environ[name] for name in PASSED_ON if name in environ}
        scratch = self._env.with_suffix(".new")
        scratch.write_text(json.dumps(passed), encoding="utf-8")
        scratch.replace(self._env)
        self.stop()

    def running(self) -> int | None:
        """The pid of the host the browser started last, while it runs."""
        try:
            pid = int(self._pid.read_text(encoding="utf-8"))
            os.kill(pid, 0)
        except (OSError, ValueError):
            return None
        return pid

    def stop(self) -> None:
        pid = self.running()
        if pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)

    def log(self) -> str:
        """The end of what the hosts wrote to their standard error, for a failing test."""
        try:
            return self._log.read_text(encoding="utf-8", errors="replace")[-3000:]
        except OSError:
            return ""
