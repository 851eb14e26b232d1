"""Two writers racing on one database: the check and the insert must not interleave."""

import contextlib
import threading
from datetime import timedelta

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import RuleRefused
from breakwell.services import build_services
from breakwell.services.breaks import BreakService
from breakwell.settings import Settings
from tests.conftest import run_together


def test_two_simultaneous_starts_make_one_break(
    settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_services(settings, clock)
    first.breaks.history()  # migrate before the race
    # Hold each writer between its overlap check and its insert. If both could get there
    # together, both would insert; the write lock taken at BEGIN must keep the second out
    # until the first commits, so the barrier times out instead.
    barrier = threading.Barrier(2, timeout=1)
    check = BreakService._refuse_overlap

    def check_then_wait(self: BreakService, *args: object) -> None:
        check(self, *args)  # type: ignore[arg-type]
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()

    monkeypatch.setattr(BreakService, "_refuse_overlap", check_then_wait)
    outcomes: list[str] = []

    def attempt() -> None:
        services = build_services(settings, clock)
        try:
            services.breaks.start(services.breaks.plan(timedelta(minutes=30)))
            outcomes.append("started")
        except RuleRefused:
            outcomes.append("refused")
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            services.close()

    run_together(attempt, 2)
    assert sorted(outcomes) == ["refused", "started"]
    assert len(first.breaks.history()) == 1
    first.close()
