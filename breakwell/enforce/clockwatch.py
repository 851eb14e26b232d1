"""The enforcer's short tick, kept on the monotonic clock, and what a jump of the wall clock does.

APScheduler waits for moments of the wall clock but sleeps by the monotonic one. Set the clock
back an hour and an interval tick, or a break's end, waits an hour more; set it forward (or
put it right again) and the scheduler sleeps on through whatever came due. So the tick that
watches for changes, repairs the block and checks open apps runs here instead, every few
monotonic seconds whatever the wall clock does. Each tick compares how far the wall clock
moved with how far time really passed: on a jump either way it records the jump, has the
engine plan everything again at once, and wakes the scheduler to measure its waits afresh.
A machine that slept is planned again too, without calling that a jump.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from breakwell.domain.clock import SystemClock
from breakwell.domain.durations import format_duration
from breakwell.domain.errors import StoreUnavailable
from breakwell.domain.events import EventKind
from breakwell.enforce.engine import WATCH_JOB, Engine

log = logging.getLogger("breakwell.clockwatch")

# More than a busy machine delays a tick, or a clock is slewed between two ticks; less than
# anyone would notice a block or an end being late by.
JUMP = timedelta(seconds=5)
STOP_WAIT_SECONDS = 30.0


def _boottime() -> float:
    """Seconds that count the time the machine slept, where the platform can say so."""
    if hasattr(time, "CLOCK_BOOTTIME"):
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.monotonic()


class ClockWatch:
    """Takes over the engine's watch tick from the scheduler; `step` is one tick."""

    def __init__(
        self,
        engine: Engine,
        *,
        wall: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        boottime: Callable[[], float] = _boottime,
        still_in_charge: Callable[[], bool] = lambda: True,
    ) -> None:
        """Jumps are looked for on the system clock, or on `wall` where given; a test's
        clock, which jumps whenever the test moves it, only gets the tick."""
        self.engine = engine
        clock = engine.services.clock
        self._wall = wall or (clock.now if isinstance(clock, SystemClock) else None)
        self._monotonic = monotonic
        self._boottime = boottime
        # Asked before every tick: an enforcer that is no longer the only one stops acting.
        self._in_charge = still_in_charge
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Read before the engine's first pass, so a jump while it runs is seen at the first tick.
        self._last = self._readings()

    def _readings(self) -> tuple[datetime, float, float]:
        wall = self._wall or self.engine.services.clock.now
        return wall(), self._monotonic(), self._boottime()

    def start(self) -> None:
        """Tick from now on in a thread of its own, instead of the scheduler's interval job."""
        if self.engine.scheduler.get_job(WATCH_JOB) is not None:
            self.engine.scheduler.remove_job(WATCH_JOB)
        self._thread = threading.Thread(target=self._run, name="breakwell-clockwatch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_WAIT_SECONDS)

    def _run(self) -> None:
        if hasattr(signal, "pthread_sigmask"):
            # Stop signals are for the main thread, where the daemon handles them.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        while not self._stop.wait(self.engine.watch_seconds):
            if not self._in_charge():
                if self.engine.scheduler.running:
                    self.engine.scheduler.shutdown(wait=False)
                return
            try:
                self.step()
            except Exception:  # the tick must outlive any one failure, as a scheduler job does
                log.exception("the watch tick failed")

    def step(self) -> timedelta | None:
        """One tick: the engine's watch, or a fresh plan after a jump. Returns the jump."""
        if self._wall is None:
            self.engine.watch()
            self._wake_scheduler()
            return None
        wall_0, monotonic_0, boottime_0 = self._last
        wall, monotonic, boottime = self._last = self._readings()
        passed = timedelta(seconds=boottime - boottime_0)
        jumped = (wall - wall_0) - passed
        slept = passed - timedelta(seconds=monotonic - monotonic_0)
        if abs(jumped) > JUMP:
            self._record(jumped, wall)
            self.engine.reconcile()
        elif slept > JUMP:
            log.info("the machine slept for %s; planning again", format_duration(slept))
            self.engine.reconcile()
        else:
            self.engine.watch()
        self._wake_scheduler()
        return jumped if abs(jumped) > JUMP else None

    def _record(self, jumped: timedelta, at: datetime) -> None:
        detail = f"{'forward' if jumped > timedelta(0) else 'back'} {format_duration(abs(jumped))}"
        log.warning("the clock jumped %s; planning again", detail)
        try:
            self.engine.services.enforcement.record(EventKind.CLOCK_JUMPED, None, detail, at)
        except StoreUnavailable as problem:
            log.warning("the clock jump could not be recorded: %s", problem)

    def _wake_scheduler(self) -> None:
        """Every tick, as the scheduler's own interval job woke it: after a jump it measures
        its waits against the new wall clock, and a stop signal that landed on another
        thread is handled by the daemon's main thread within a tick, not when it next wakes."""
        if self.engine.scheduler.running:
            self.engine.scheduler.wakeup()
