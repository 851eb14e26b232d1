from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.domain.commitments import Period, period_containing, periods_between
from breakwell.domain.errors import InvalidInput, NotFound, RuleRefused
from breakwell.services import Services
from breakwell.services.commitments import CommitmentService
from tests.conftest import START
from tests.journal import database_of

SECOND = timedelta(seconds=1)


def counts(services: Services) -> list[int]:
    return [standing.count for standing in services.commitments.standings()]


def test_periods_follow_the_calendar() -> None:
    wednesday = date(2026, 11, 25)
    assert period_containing(Period.DAY, wednesday) == (wednesday, date(2026, 11, 26))
    assert period_containing(Period.WEEK, wednesday) == (date(2026, 11, 23), date(2026, 11, 30))
    assert period_containing(Period.MONTH, date(2026, 12, 31)) == (
        date(2026, 12, 1),
        date(2027, 1, 1),
    )
    assert period_containing(Period.MONTH, date(2028, 2, 29)) == (
        date(2028, 2, 1),
        date(2028, 3, 1),
    )
    spans = periods_between(Period.MONTH, date(2026, 11, 30), date(2026, 12, 7))
    assert spans == [
        (date(2026, 11, 1), date(2026, 12, 1)),
        (date(2026, 12, 1), date(2027, 1, 1)),
    ]


def test_a_weekly_quota_counts_until_sunday_midnight_then_starts_again(
    services: Services, clock: FakeClock
) -> None:
    item = services.commitments.add("at most 1 political post", 1, "week")
    assert item.id is not None
    first = services.commitments.log(item.id, "shared a thread")
    assert (first.count, first.kept, first.left) == (1, True, 0)
    clock.set(datetime(2026, 11, 29, 23, 59, 59, tzinfo=UTC))  # Sunday, last second
    second = services.commitments.log(item.id)
    assert (second.count, second.kept) == (2, False)
    assert second.describe() == "2 of 1 this week, over by 1"
    assert second.starts == date(2026, 11, 23)
    clock.advance(SECOND)  # Monday 00:00: a new week
    assert counts(services) == [0]
    fresh = services.commitments.log(item.id)
    assert (fresh.count, fresh.kept, fresh.starts) == (1, True, date(2026, 11, 30))


def test_daily_and_monthly_quotas_turn_over_at_midnight(
    services: Services, clock: FakeClock
) -> None:
    daily = services.commitments.add("no doomscrolling sessions", 0, "day")
    monthly = services.commitments.add("two replies to strangers", 2, "MONTH")
    assert daily.id is not None and monthly.id is not None
    clock.set(datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC))
    assert services.commitments.log(daily.id).kept is False
    services.commitments.log(monthly.id)
    assert counts(services) == [1, 1]
    clock.advance(SECOND)  # 1 December
    assert counts(services) == [0, 0]
    services.commitments.log(monthly.id)
    clock.set(datetime(2026, 12, 31, 23, 0, tzinfo=UTC))
    assert counts(services) == [0, 1]


def test_periods_begin_at_local_midnight(services: Services, clock: FakeClock) -> None:
    berlin = CommitmentService(database_of(services), clock, "laptop", ZoneInfo("Europe/Berlin"))
    item = berlin.add("one post", 1, "week")
    assert item.id is not None
    # Sunday 23:30 in UTC is already Monday 00:30 in Berlin: the new week there.
    clock.set(datetime(2026, 11, 29, 23, 30, tzinfo=UTC))
    standing = berlin.log(item.id)
    assert standing.starts == date(2026, 11, 30)
    assert counts(services) == [1]  # in UTC the log still falls in the old week
    clock.set(datetime(2026, 11, 30, 0, 0, tzinfo=UTC))
    assert counts(services) == [0]
    assert [s.count for s in berlin.standings()] == [1]


def test_the_week_shows_each_period_since_the_commitment_began(
    services: Services, clock: FakeClock
) -> None:
    clock.set(START + timedelta(days=2))  # Wednesday
    item = services.commitments.add("at most one check a day", 1, "day")
    assert item.id is not None
    services.commitments.log(item.id)
    clock.advance(timedelta(days=1))  # Thursday: twice, over
    services.commitments.log(item.id)
    services.commitments.log(item.id)
    clock.advance(timedelta(days=1))  # Friday, nothing logged yet
    [week] = services.commitments.week(date(2026, 11, 23))
    assert [(p.starts.day, p.count, p.kept) for p in week.periods] == [
        (25, 1, True),
        (26, 2, False),
        (27, 0, True),
    ]
    assert (week.kept, week.count) == (2, 3)
    clock.set(datetime(2026, 12, 10, tzinfo=UTC))
    [whole] = services.commitments.week(date(2026, 11, 23))
    assert len(whole.periods) == 5  # Wednesday to Sunday
    assert services.commitments.week(date(2026, 11, 16)) == []  # before it existed


def test_archived_commitments_leave_the_list_and_take_no_logs(services: Services) -> None:
    item = services.commitments.add("one post", 1, "week")
    assert item.id is not None
    services.commitments.log(item.id)
    archived = services.commitments.archive(item.id)
    assert archived.archived_at is not None
    assert services.commitments.archive(item.id) == archived  # idempotent
    assert services.commitments.standings() == []
    with pytest.raises(RuleRefused, match="archived"):
        services.commitments.log(item.id)
    [week] = services.commitments.week(date(2026, 11, 23))
    assert week.count == 1
    kinds = [e.kind.value for e in services.events.recent(10)]
    assert kinds.count("commitment.archived") == 1


@pytest.mark.parametrize(
    ("text", "most", "per", "message"),
    [
        ("  ", 1, "week", "needs some words"),
        ("x" * 201, 1, "week", "at most 200"),
        ("one post", -1, "week", "from 0 to 1000"),
        ("one post", 1, "year", "not day, week or month"),
    ],
)
def test_bad_commitments_are_refused_and_nothing_is_saved(
    services: Services, text: str, most: int, per: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        services.commitments.add(text, most, per)
    assert services.commitments.standings() == []


def test_logging_an_unknown_commitment_says_so(services: Services) -> None:
    with pytest.raises(NotFound, match="no commitment #9"):
        services.commitments.log(9)
