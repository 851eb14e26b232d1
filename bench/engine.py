"""The enforcer as people run it, `breakwell daemon run`, on a bench journal: how late it makes
scheduled transitions happen, how soon a restarted one catches up on what came due while none
ran, and how much CPU it takes while nothing is due."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bench.homes import breakwell_env

if TYPE_CHECKING:
    from breakwell.services import Services

BREAKS = 10  # a start and an end each: 20 transitions
LENGTH = timedelta(seconds=2)
GAP = timedelta(seconds=3)
LEAD = timedelta(seconds=6)
CATCH_UPS = 5
# Long enough for the enforcer to see the break (at its next watch tick) and block before
# it is killed.
CATCH_UP_LENGTH = timedelta(seconds=8)


@dataclass(frozen=True)
class Daemon:
    process: subprocess.Popen[bytes]

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        # utime and stime, fields 14 and 15 of stat, counted from the state field (3).
        ticks = int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def running_daemon(breakwell: Path, home: Path) -> Iterator[Daemon]:
    log = (home / "daemon-stderr.txt").open("wb")
    process = subprocess.Popen(
        [str(breakwell), "daemon", "run"],
        env=breakwell_env(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        _wait_for_start(process, home)
        yield Daemon(process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_for_start(process: subprocess.Popen[bytes], home: Path) -> None:
    services = _services(home)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the enforcer stopped: see {home / 'daemon-stderr.txt'}")
            if services.events.recent(1, kinds=["enforcer.started"]):
                return
            time.sleep(0.1)
        raise RuntimeError("the enforcer did not start within two minutes")
    finally:
        services.close()


def _services(home: Path) -> Services:
    from breakwell.services import build_services
    from breakwell.settings import load_settings

    return build_services(load_settings(breakwell_env(home)))


def transition_delays(home: Path) -> list[float]:
    """Plan breaks a few seconds apart, let the daemon start and end them, and compare each
    recorded transition with the moment it was due. Returns seconds late, one per transition."""
    services = _services(home)
    try:
        first = services.clock.now() + LEAD
        made = []
        for number in range(BREAKS):
            at = first + (LENGTH + GAP) * number
            proposed = services.breaks.plan(LENGTH, at=at, intention="bench")
            made.append(services.breaks.start(proposed))
        last_end = made[-1].ends_at
        while services.clock.now() < last_end + timedelta(seconds=3):
            time.sleep(0.5)
        delays: list[float] = []
        for item in made:
            assert item.id is not None
            happened = {e.kind.value: e.at for e in services.events.recent(50, break_id=item.id)}
            for kind, due in (("break.started", item.starts_at), ("break.completed", item.ends_at)):
                if kind not in happened:
                    print(f"bench: break #{item.id} has no {kind} event", file=sys.stderr)
                    continue
                delays.append((happened[kind] - due).total_seconds())
        return delays
    finally:
        services.close()


@dataclass(frozen=True)
class CatchUp:
    """Seconds from launching a new `daemon run` (interpreter start included) to..."""

    completed: float  # the ended break's completion recorded
    lifted: float  # its block lifted


def catch_up_delays(breakwell: Path, home: Path, rounds: int = CATCH_UPS) -> list[CatchUp]:
    """Kill the enforcer (SIGKILL: no goodbye) while a break runs, wait past the break's end,
    start a new enforcer and time how soon it completes the break and lifts its block."""
    return [_catch_up(breakwell, home) for _ in range(rounds)]


@contextmanager
def _opened(home: Path) -> Iterator[Services]:
    # Never two at once in this process: opening the journal file again while a connection
    # holds it would drop that connection's SQLite locks (POSIX locks are per process).
    services = _services(home)
    try:
        yield services
    finally:
        services.close()


def _catch_up(breakwell: Path, home: Path) -> CatchUp:
    with running_daemon(breakwell, home) as daemon, _opened(home) as services:
        began = services.clock.now()
        item = services.breaks.start(services.breaks.plan(CATCH_UP_LENGTH, intention="bench"))
        _until(lambda: _recorded(services, "block.applied", began), "the block")
        daemon.process.kill()
        daemon.process.wait()
    # Nothing here may read the break meanwhile: reading settles it, which would leave the new
    # enforcer nothing to catch up on.
    time.sleep(max(0.0, (item.ends_at - datetime.now(UTC)).total_seconds()) + 1)
    launched = datetime.now(UTC)
    with running_daemon(breakwell, home), _opened(home) as services:
        completed = _until(lambda: _recorded(services, "break.completed", launched), "catch-up")
        lifted = _until(lambda: _recorded(services, "block.removed", launched), "the block to go")
    return CatchUp((completed - launched).total_seconds(), (lifted - launched).total_seconds())


def _recorded(services: Services, kind: str, since: datetime) -> datetime | None:
    """When the first `kind` event at or after `since` was recorded, if one was."""
    return min(
        (e.at for e in services.events.recent(20, kinds=[kind]) if e.at >= since), default=None
    )


def _until(recorded: Callable[[], datetime | None], what: str) -> datetime:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (moment := recorded()) is not None:
            return moment
        time.sleep(0.05)
    raise RuntimeError(f"gave up after two minutes waiting for {what}")


def idle_cpu_percent(daemon: Daemon, seconds: float) -> float:
    """Share of one core the daemon used over `seconds` with no break running."""
    time.sleep(3)  # let the last pass after the bench breaks finish
    before_cpu, before = daemon.cpu_seconds(), time.monotonic()
    time.sleep(seconds)
    used = daemon.cpu_seconds() - before_cpu
    return 100 * used / (time.monotonic() - before)
