"""One command in a child process: its wall time and its own peak memory (from wait4).

A command that runs past its time limit or grows past its memory limit is stopped (SIGKILL) by
a watchdog thread and reported as such, so one measure that cannot finish never stops the run
or takes the shared machine's memory with it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mib: float
    output: str = ""


class CommandFailed(RuntimeError):
    pass


# Between looks at a running child's size: often enough to stop it near the limit, seldom
# enough to cost the measured command nothing that shows.
WATCH_EVERY = 0.05


@dataclass(frozen=True)
class Limits:
    seconds: float = 600.0
    mib: float = 4096.0


class _Watchdog(threading.Thread):
    def __init__(self, pid: int, limits: Limits) -> None:
        super().__init__(daemon=True)
        self.pid, self.limits = pid, limits
        self.done = threading.Event()
        self.reason = ""

    def run(self) -> None:
        ends = time.monotonic() + self.limits.seconds
        while not self.done.wait(WATCH_EVERY):
            if time.monotonic() > ends:
                self._kill(f"stopped after {self.limits.seconds:.0f} s (the time limit)")
            elif _rss_mib(self.pid) > self.limits.mib:
                self._kill(f"stopped at {self.limits.mib:.0f} MiB (the memory limit)")
            if self.reason:
                return

    def _kill(self, reason: str) -> None:
        self.reason = reason
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)


def _rss_mib(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(
    argv: Sequence[str | Path],
    env: Mapping[str, str],
    *,
    keep_output: bool = False,
    limits: Limits | None = None,
) -> Sample:
    """Run once; output is discarded unless kept (both tools print the same amount anyway)."""
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(arg) for arg in argv],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=output if keep_output else subprocess.DEVNULL,
            stderr=errors,
        )
        watchdog = _Watchdog(child.pid, limits or Limits())
        watchdog.start()
        # wait4 gives this child's own peak RSS; getrusage(CHILDREN) would give the largest
        # of every child so far.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        watchdog.done.set()
        watchdog.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        if watchdog.reason:
            raise CommandFailed(f"{Path(str(argv[0])).name}: {watchdog.reason}")
        if child.returncode != 0:
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise CommandFailed(
                f"{' '.join(map(str, argv))} exited {child.returncode}: {said[-1:] or ''}"
            )
        output.seek(0)
        said_out = output.read().decode("utf-8", "replace")
    # Linux reports ru_maxrss in KiB.
    return Sample(seconds, usage.ru_maxrss / 1024, said_out)
