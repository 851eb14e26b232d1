"""A plan's windows next to other breaks: each its own break, none merged, nothing blocked early.

The block at any moment is the union of what the running windows ask for; a window starts,
ends and keeps its strictness on its own, and `plan list`, `status` and the app read one list
of what comes next.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import RuleRefused
from breakwell.domain.recurrence import recurrence_from
from breakwell.enforce.engine import Engine
from breakwell.enforce.hosts import read_blocked
from breakwell.services import Services
from tests.conftest import START, Cli
from tests.enforce import conftest as enforcing
from tests.enforce.conftest import Driver, Inbox

# The engine on the fake clock, from the enforcement tests.
enforced = enforcing.enforced
hosts_file = enforcing.hosts_file

Enforced = tuple[Services, Engine, Driver, Inbox]
MONDAY = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def daily(services: Services, at: str, length: str, **options: object) -> int:
    rule = recurrence_from(every="day", at=at, length=length)
    plan = services.plans.add(rule, platforms=["x"], timezone="UTC", **options)  # type: ignore[arg-type]
    assert plan.id is not None
    return plan.id


def blocked(path: Path) -> set[str]:
    return set(read_blocked(path))


def test_a_plan_added_while_a_break_runs_blocks_nothing_before_its_window(
    enforced: Enforced, clock: FakeClock, hosts_file: Path
) -> None:
    services, engine, driver, _ = enforced
    clock.set(MONDAY + timedelta(hours=3, minutes=13))
    manual = services.breaks.start(services.breaks.plan(8 * HOUR, platforms=["reddit"]))
    daily(services, "09:00", "2h", strictness=Strictness.LOCKED)
    engine.reconcile()

    # The running break is as it was: no longer, no wider, no stricter.
    assert services.breaks.get(manual.id or 0) == manual
    [window] = [b for b in services.breaks.open_breaks() if b.plan_id is not None]
    assert (window.status, window.starts_at) == (BreakStatus.PLANNED, MONDAY + 9 * HOUR)
    assert "reddit.com" in blocked(hosts_file)
    assert "x.com" not in blocked(hosts_file)
    driver.advance(timedelta(hours=5, minutes=46))  # 08:59
    assert "x.com" not in blocked(hosts_file)
    assert services.breaks.get(manual.id or 0).platforms == ("reddit",)

    driver.advance(2 * timedelta(minutes=1))  # 09:01: both run, the union is blocked
    assert {"x.com", "reddit.com"} <= blocked(hosts_file)
    assert [b.id for b in services.breaks.status().running] == [manual.id, window.id]
    # The gentle one ends early; the locked one keeps its own rules and its own end.
    services.breaks.stop()
    with pytest.raises(RuleRefused, match="locked"):
        services.breaks.stop()
    engine.reconcile()
    assert "reddit.com" not in blocked(hosts_file) and "x.com" in blocked(hosts_file)
    driver.advance(2 * HOUR)
    assert services.breaks.get(window.id or 0).status is BreakStatus.COMPLETED
    assert blocked(hosts_file) == set()


def test_ending_a_break_early_keeps_another_plans_future_windows(
    enforced: Enforced, clock: FakeClock, hosts_file: Path
) -> None:
    services, engine, driver, _ = enforced
    clock.set(MONDAY + 8 * HOUR)
    manual = services.breaks.start(services.breaks.plan(3 * HOUR, platforms=["reddit"]))
    plan_id = daily(services, "09:00", "1h")
    engine.reconcile()
    driver.advance(30 * timedelta(minutes=1))
    services.breaks.stop(break_id=manual.id)
    engine.reconcile()

    # Today's window and tomorrow's are still there, and today's runs at its time.
    assert services.plans.views()[0].upcoming[:2] == (MONDAY + 9 * HOUR, MONDAY + 33 * HOUR)
    driver.advance(31 * timedelta(minutes=1))  # 09:01
    [window] = services.breaks.status().running
    assert (window.plan_id, window.starts_at) == (plan_id, MONDAY + 9 * HOUR)
    assert "x.com" in blocked(hosts_file) and "reddit.com" not in blocked(hosts_file)
    assert services.events.recent(kinds=["break.merged"]) == []


def test_plan_list_status_and_the_app_read_the_same_next_windows(
    services: Services, run: Cli
) -> None:
    services.breaks.start(services.breaks.plan(2 * HOUR, platforms=["reddit"]))  # to 22:00
    first = daily(services, "21:00", "30m")
    second = daily(services, "06:00", "1h")
    services.plans.materialize()
    # A window taken back by hand is gone from what comes next, for all of them.
    cancelled = next(b for b in services.breaks.open_breaks() if b.plan_id == second)
    services.breaks.cancel(cancelled.id or 0)

    status = json.loads(run("status", "--json").stdout)
    listed = {p["id"]: p["next"] for p in json.loads(run("plan", "list", "--json").stdout)}
    app = {v.plan.id: v.upcoming for v in services.plans.views(3)}  # the Plan screen's call
    for plan_id in (first, second):
        made = [b["starts_at"] for b in status["upcoming"] if b["plan_id"] == plan_id]
        # plan list goes on past the breaks made a day ahead; where both say, they agree.
        assert listed[plan_id][: len(made)] == made
        assert [datetime.fromisoformat(t) for t in listed[plan_id]] == list(app[plan_id])
    assert made == []
    assert listed[first][0] == "2026-11-23T21:00:00+00:00"  # beside the running break
    assert listed[second][0] == "2026-11-25T06:00:00+00:00"  # not the cancelled Tuesday
    assert cancelled.starts_at == START + 10 * HOUR


def test_where_two_windows_meet_each_command_says_what_happens_in_one_line(
    services: Services, run: Cli
) -> None:
    run("start", "2h", "-p", "reddit", "--no-prompts")  # 20:00 to 22:00
    added = run("plan", "add", "--every", "day", "--at", "21:00", "--for", "2h", "-p", "x")
    assert added.exit_code == 0, added.output
    line = (
        "Break #1 overlaps plan #1's break from today 21:00 to 22:00: both apply; sites stay "
        "blocked until 23:00, the later end."
    )
    assert line in added.output.splitlines()
    assert f"  {line}" in run("status").output.splitlines()
    assert json.loads(run("plan", "list", "--json").stdout)[0]["meets"] == [line]

    services.plans.materialize()  # made into break #2, and named so
    made = line.replace("plan #1's break", "break #2")
    assert f"  {made}" in run("status").output.splitlines()
    assert services.breaks.status().notes == (made,)

    later = run("plan", "add", "--every", "day", "--at", "23:00", "--for", "1h", "-p", "reddit")
    assert (
        "Break #2 meets plan #2's break at today 23:00: each applies on its own, so sites stay "
        "blocked from 21:00 to tomorrow 00:00."
    ) in later.output.splitlines()
