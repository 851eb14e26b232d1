"""The engine's weekly review and the turn of a commitment's period, on a fake clock."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from breakwell.domain.review_days import due_review, next_review
from breakwell.services import Services
from tests.enforce.test_engine import Enforced, start


def test_the_review_is_due_on_monday_morning_local_time() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    monday_early = datetime(2026, 11, 30, 7, 59, tzinfo=UTC)  # 08:59 in Berlin
    assert due_review(monday_early, berlin) is None
    assert next_review(monday_early, berlin) == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert due_review(datetime(2026, 11, 30, 8, 0, tzinfo=UTC), berlin) == "2026-W48"
    assert due_review(datetime(2026, 12, 2, 8, 0, tzinfo=UTC), berlin) is None  # stale
    assert next_review(datetime(2026, 12, 2, tzinfo=UTC), berlin) == datetime(
        2026, 12, 7, 8, 0, tzinfo=UTC
    )


def reviews(services: Services) -> list[str]:
    return [e.detail for e in services.events.recent(50, kinds=["review.sent"])]


def test_one_weekly_review_per_week_about_the_week_before(enforced: Enforced) -> None:
    services, engine, driver, inbox = enforced
    assert reviews(services) == ["2026-W47"]  # due at start (Monday 20:00), nothing to say
    assert inbox.titles == []
    start(services, minutes=90)
    item = services.commitments.add("one political post", 1, "week")
    assert item.id is not None
    services.commitments.log(item.id)
    engine.reconcile()
    driver.advance(timedelta(days=6, hours=12))  # Monday 08:00: not yet
    assert reviews(services) == ["2026-W47"]
    driver.advance(timedelta(hours=1, minutes=1))  # 09:01, the job has run
    assert reviews(services) == ["2026-W48", "2026-W47"]
    assert inbox.titles[-1] == "Your week 2026-W48"
    engine.reconcile()
    engine.reconcile()
    assert reviews(services) == ["2026-W48", "2026-W47"]  # once


def test_a_new_period_wakes_the_engine_at_local_midnight(enforced: Enforced) -> None:
    services, engine, driver, _ = enforced
    passes: list[datetime] = []
    engine.after_pass = lambda: passes.append(services.clock.now())
    item = services.commitments.add("one check a day", 1, "day")
    assert item.id is not None
    services.commitments.log(item.id)
    engine.reconcile()
    midnight = datetime(2026, 11, 24, tzinfo=UTC)
    assert (midnight, "review") in driver.due()
    driver.advance(timedelta(hours=4, minutes=1))
    assert midnight in passes
    assert [s.count for s in services.commitments.standings()] == [0]
