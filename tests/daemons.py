"""Real `breakwell` processes for tests that need a real clock: run, spawn, wait, inspect."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "BREAKWELL_HOME": str(home), "PYTHONUNBUFFERED": "1"}


def breakwell(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breakwell", *args],
        env=environment(home),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


# Every enforcer a test started, until the test has ended (see conftest).
_SPAWNED: list[subprocess.Popen[str]] = []


def spawn_daemon(home: Path, *flags: str) -> subprocess.Popen[str]:
    return track(
        subprocess.Popen(
            [sys.executable, "-m", "breakwell", "daemon", "run", *flags],
            env=environment(home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )


def track(process: subprocess.Popen[str]) -> subprocess.Popen[str]:
    """Have the test fail if it leaves this process running."""
    _SPAWNED.append(process)
    return process


def still_running() -> list[int]:
    """The pids of tracked processes still running, killed now; the tracking starts afresh."""
    left = [process for process in _SPAWNED if process.poll() is None]
    for process in left:
        process.kill()
    for process in _SPAWNED:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=30)
    _SPAWNED.clear()
    return [process.pid for process in left]


def strays(under: Path) -> list[str]:
    """breakwell processes whose home is in `under` (the tests' folders), killed now: also
    those a command started in the background, which no test holds."""
    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        try:
            argv = process.info["cmdline"] or []
            named = "breakwell" in argv or any(Path(arg).name == "breakwell" for arg in argv)
            if process.pid == os.getpid() or not named:
                continue
            home = process.environ().get("BREAKWELL_HOME", "")
            if not Path(home).is_relative_to(under):
                continue
            found.append(f"pid {process.pid} ({' '.join(argv)}, home {home})")
            process.kill()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def query(home: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows, or none while the database is still being created by the enforcer."""
    url = os.environ.get("BREAKWELL_DATABASE_URL")
    if not url:
        journal = home / "breakwell.db"
        # Opening a missing file would create it empty, which breakwell rightly refuses as
        # a journal; until the enforcer has made it, there is nothing to read.
        if not journal.exists():
            return []
        url = f"sqlite:///{journal}"
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.exec_driver_sql(sql)]
    except (OperationalError, ProgrammingError):
        return []
    finally:
        engine.dispose()


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
