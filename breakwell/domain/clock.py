"""The single source of time. Everything asks a Clock; tests move a fake one.

A process's own clock can be wrong, or made to lie (libfaketime, a clock set by hand), so a
clock also offers a reference: the time by a source that process cannot bend. Time is only
allowed to end a break where the two agree (see services/timeline.py).
"""

# No `from __future__ import annotations`: NamedTuple would compile its fields' annotation
# strings at import, and every command reads the clock.
from datetime import UTC, datetime, timedelta
from typing import NamedTuple, Protocol

from breakwell.domain.kernel_clock import kernel_now


class TrustedTime(NamedTuple):
    """A reading of a reference clock, and which clock it was, for the log."""

    at: datetime
    source: str


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...

    def reference(self) -> TrustedTime | None:
        """The time by a source this process's own clock cannot bend, or None without one."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def reference(self) -> TrustedTime | None:
        moment = kernel_now()
        return None if moment is None else TrustedTime(moment, "the kernel's clock")


class FakeClock:
    """A clock that only moves when told to.

    It has no reference unless told to run ahead of (or behind) one, so tests stay the same
    whatever the machine's clock says.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._ahead: timedelta | None = None

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)

    def run_ahead(self, by: timedelta | None) -> None:
        """Read `by` ahead of a reference from now on (behind it if negative); None: no
        reference at all."""
        self._ahead = by

    def reference(self) -> TrustedTime | None:
        if self._ahead is None:
            return None
        return TrustedTime(self._now - self._ahead, "the reference clock")
