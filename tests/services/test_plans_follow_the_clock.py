"""A plan's coming windows are reckoned from the injected clock, never the machine's own.

The clock here is set years away from any real date, before and after it: were any of the
cron arithmetic to read the machine's time, the windows would land near today instead.
"""

from datetime import UTC, datetime, timedelta

import pytest

from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.recurrence import recurrence_from
from breakwell.services import Services

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2041, 6, 12, 10, 0, tzinfo=UTC),  # a Wednesday, years ahead
        datetime(2009, 2, 4, 10, 0, tzinfo=UTC),  # a Wednesday, years back
    ],
)
def test_next_occurrences_follow_the_clock(
    services: Services, clock: FakeClock, now: datetime
) -> None:
    clock.set(now)
    daily = services.plans.add(
        recurrence_from(every="day", at="07:00", length="1h"),
        platforms=["x"],
        name="mornings",
        timezone="UTC",
    )
    weekly = services.plans.add(
        recurrence_from(every="monday", at="18:00", length="2h"),
        platforms=["x"],
        name="mondays",
        timezone="UTC",
    )
    assert daily.created_at == now

    tomorrow_7 = now.replace(hour=7) + DAY
    next_monday_18 = now.replace(hour=18) + 5 * DAY
    views = {view.plan.id: view.upcoming for view in services.plans.views()}
    assert views[daily.id] == (tomorrow_7, tomorrow_7 + DAY, tomorrow_7 + 2 * DAY)
    assert views[weekly.id] == (
        next_monday_18,
        next_monday_18 + 7 * DAY,
        next_monday_18 + 14 * DAY,
    )
    # Tomorrow's window is within a day, so it is made now; the next comes due a day before it.
    [made] = services.plans.materialize()
    assert (made.starts_at, made.ends_at) == (tomorrow_7, tomorrow_7 + timedelta(hours=1))
    assert made.status is BreakStatus.PLANNED
    assert services.plans.next_materialization() == tomorrow_7

    clock.set(tomorrow_7 + timedelta(minutes=5))
    services.settle()
    status = services.breaks.status()
    assert status.active is not None and status.active.id == made.id
    # The window under way is not a next one.
    later = {view.plan.id: view.upcoming for view in services.plans.views()}
    assert later[daily.id] == tuple(tomorrow_7 + n * DAY for n in (1, 2, 3))
