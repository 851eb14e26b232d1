"""The sample journal: the same every time, shaped like a real one, consistent in time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from breakwell.demo import DemoSummary, fill_demo
from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus, overlaps
from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryKind, EntryQuery
from breakwell.domain.errors import InvalidInput
from breakwell.domain.prompts import Phase
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from tests.conftest import START


def fresh(folder: Path, clock: FakeClock) -> Services:
    return build_services(load_settings({"BREAKWELL_HOME": str(folder)}), clock)


def everything(services: Services) -> dict[str, Any]:
    """What a person can read back of their journal, without the parts a machine adds."""
    history = services.breaks.history(limit=100)
    return {
        "breaks": history,
        "entries": services.journal.search(EntryQuery(limit=1000)),
        "answers": {b.id: services.reflections.answers(b.id) for b in history if b.id},
        "plans": [view.plan for view in services.plans.views()],
    }


@pytest.fixture
def filled(services: Services, clock: FakeClock) -> Iterator[tuple[Services, DemoSummary]]:
    yield services, fill_demo(services, clock)


def test_the_same_start_gives_the_same_journal(tmp_path: Path) -> None:
    journals = []
    for name in ("one", "two"):
        clock = FakeClock(START)
        services = fresh(tmp_path / name, clock)
        fill_demo(services, clock)
        journals.append(everything(services))
        services.close()
    assert journals[0] == journals[1]
    assert len(journals[0]["breaks"]) >= 12


def test_a_later_start_moves_the_journal_with_it(tmp_path: Path) -> None:
    clock = FakeClock(START + timedelta(days=3))
    services = fresh(tmp_path / "later", clock)
    fill_demo(services, clock)
    active = services.breaks.status().active
    assert active is not None
    assert active.started_at == START + timedelta(days=3) - timedelta(hours=5)
    services.close()


def test_it_ends_at_the_clock_it_was_given(filled: tuple[Services, DemoSummary]) -> None:
    services, summary = filled
    assert services.clock.now() == START
    status = services.breaks.status()
    assert status.active is not None
    assert status.active.id == summary.running_break_id
    assert status.active.strictness is Strictness.FIRM
    assert status.active.mode is Mode.WATCH
    assert set(status.active.platforms) == {"x", "instagram"}
    assert status.active.intention
    assert START - timedelta(hours=8) < status.active.starts_at < START
    assert [b.id for b in status.awaiting_reflection] == [summary.waiting_break_id]
    assert len(status.upcoming) == 1


def test_a_journal_worth_looking_at(filled: tuple[Services, DemoSummary]) -> None:
    services, summary = filled
    history = services.breaks.history(limit=100)
    statuses = Counter(b.status for b in history)
    past = [b for b in history if not b.status.is_open]
    assert 12 <= len(past) <= 16
    assert summary.breaks == len(history)
    assert 1 <= statuses[BreakStatus.ENDED_EARLY] <= 2
    assert {b.strictness for b in history} == set(Strictness)
    assert {b.mode for b in history} == set(Mode)
    lengths = [b.planned_length for b in past]
    assert min(lengths) <= timedelta(hours=2)
    assert max(lengths) >= timedelta(days=3)
    assert summary.plans == len(services.plans.views()) == 2

    entries = services.journal.search(EntryQuery(limit=1000))
    assert summary.entries == len(entries)
    assert 40 <= len(entries) <= 80
    assert sum(bool(e.tags) for e in entries) > len(entries) / 2
    assert len({p for e in entries for p in e.people}) >= 5
    assert {e.kind for e in entries} >= {EntryKind.OBSERVATION, EntryKind.NOTE, EntryKind.SLIP}
    running = services.breaks.detail(summary.running_break_id)
    assert len(running.entries) >= 3
    assert sum(services.breaks.detail(b.id).slips for b in past if b.id) == 2


def test_before_and_after_answers(filled: tuple[Services, DemoSummary]) -> None:
    services, summary = filled
    ended = [
        b
        for b in services.breaks.history(limit=100)
        if b.status in {BreakStatus.COMPLETED, BreakStatus.ENDED_EARLY}
    ]
    for item in ended:
        detail = services.breaks.detail(item.id or 0)
        before = {a.prompt_key for a in detail.answers_for(Phase.BEFORE)}
        after = {a.prompt_key for a in detail.answers_for(Phase.AFTER)}
        assert {"pulls", "mood_before"} <= before
        if item.id == summary.waiting_break_id:
            assert not after and item.reflected_at is None
        else:
            assert {"helpful", "mood_after"} <= after
            assert item.reflected_at is not None
    full = [b for b in ended if len(services.reflections.answers(b.id or 0)) == 11]
    assert len(full) > len(ended) / 2


def test_every_moment_follows_the_one_before(filled: tuple[Services, DemoSummary]) -> None:
    services, _ = filled
    events = services.events.recent(limit=1000)
    oldest_first = sorted(events, key=lambda e: e.id or 0)
    assert [e.at for e in oldest_first] == sorted(e.at for e in events)
    assert oldest_first[0].at >= START - timedelta(weeks=10)
    assert oldest_first[-1].at <= START
    history = services.breaks.history(limit=100)
    for item in history:
        for other in history:
            if item.id != other.id and BreakStatus.CANCELLED not in {item.status, other.status}:
                assert not overlaps(item.starts_at, item.ends_at, other.starts_at, other.ends_at)
    for entry in services.journal.search(EntryQuery(limit=1000)):
        if entry.break_id is not None and entry.kind is not EntryKind.NOTE:
            owner = services.breaks.get(entry.break_id)
            assert owner.starts_at <= entry.created_at <= (owner.ended_at or START)


def test_fewer_weeks_and_another_zone_still_fit(tmp_path: Path) -> None:
    clock = FakeClock(START)
    services = fresh(tmp_path / "short", clock)
    summary = fill_demo(services, clock, weeks=4, zone="America/New_York")
    assert clock.now() == START
    oldest = min(b.starts_at for b in services.breaks.history(limit=100))
    assert oldest >= START - timedelta(weeks=4)
    assert [b.id for b in services.reflections.awaiting()] == [summary.waiting_break_id]
    services.close()


def test_the_clock_must_be_the_services_own(services: Services) -> None:
    with pytest.raises(ValueError, match="clock"):
        fill_demo(services, FakeClock(START))
    assert services.breaks.history(limit=5) == []


@pytest.mark.parametrize("weeks", [0, 3, 53])
def test_weeks_out_of_range_are_refused(services: Services, clock: FakeClock, weeks: int) -> None:
    with pytest.raises(InvalidInput, match="weeks"):
        fill_demo(services, clock, weeks=weeks)
    assert clock.now() == START
