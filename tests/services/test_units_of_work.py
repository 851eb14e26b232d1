"""Reads only read: settling what time has brought is a use case of its own, run once by
whoever is about to show or act on break state, never by a read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.services import Services
from breakwell.services.transfer import ExportFormat
from breakwell.store.transfer import Selection
from tests.journal import database_of
from tests.units_of_work import Units


@pytest.fixture
def units(services: Services, monkeypatch: pytest.MonkeyPatch) -> Units:
    return Units(database_of(services), monkeypatch)


def an_hour_break(services: Services) -> int:
    stored = services.breaks.start(services.breaks.plan(timedelta(hours=1), platforms=["x"]))
    assert stored.id is not None
    return stored.id


def test_no_read_writes_even_when_a_break_is_due_to_end(
    services: Services, clock: FakeClock, units: Units
) -> None:
    break_id = an_hour_break(services)
    clock.advance(timedelta(hours=2))
    reads: dict[str, Callable[[], object]] = {
        "status": services.breaks.status,
        "open breaks": services.breaks.open_breaks,
        "get": lambda: services.breaks.get(break_id),
        "history": services.breaks.history,
        "detail": lambda: services.breaks.detail(break_id),
        "awaiting": services.reflections.awaiting,
        "summaries": services.review.summaries,
        "trends": services.review.trends,
        "weekly review": services.weekly.review,
        "plans ahead": services.plans.ahead,
        "plan views": services.plans.views,
        "export": lambda: services.transfer.export(ExportFormat.JSON, Selection()),
        "calendar": lambda: services.transfer.export(ExportFormat.ICS, Selection()),
    }
    units.taken()
    for name, read in reads.items():
        read()
        reads_taken, writes_taken = units.taken()
        assert writes_taken == 0, name
        assert reads_taken >= 1, name
    assert services.breaks.get(break_id).status is BreakStatus.ACTIVE  # as stored: not settled


def test_settling_writes_a_due_end_once_and_then_only_reads(
    services: Services, clock: FakeClock, units: Units
) -> None:
    break_id = an_hour_break(services)
    units.taken()
    assert services.settle() == []
    assert units.taken() == (1, 0)  # nothing due: no write is even opened
    clock.advance(timedelta(hours=2))
    assert [b.id for b in services.settle()] == [break_id]
    assert units.taken() == (1, 1)
    assert services.settle() == []
    assert units.taken() == (1, 0)
    assert services.breaks.status().awaiting_reflection[0].id == break_id


def test_a_break_start_is_one_write(services: Services, units: Units) -> None:
    proposal = services.breaks.plan(timedelta(hours=1), platforms=["x"])
    units.taken()
    services.breaks.start(proposal)
    assert units.taken() == (0, 1)
