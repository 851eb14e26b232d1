"""When a break ends, its own after-questions open, whatever else waits for a reflection;
what waits is listed by when each break actually ended, the last first."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Label, OptionList

from breakwell.domain.clock import FakeClock
from breakwell.services import Services
from breakwell.tui.dialogs.reflect import ReflectScreen
from tests.tui.helpers import new_app, settle

BIG = (120, 50)


def begin(services: Services, hours: float, miss: str) -> int:
    item = services.breaks.start(
        services.breaks.plan(timedelta(hours=hours), platforms=["x"]),
        {"expect_miss": miss, "mood_before": "3"},
    )
    assert item.id is not None
    return item.id


def two_older_breaks_waiting(services: Services, clock: FakeClock) -> tuple[int, int]:
    """A long break ended early, so its planned end lies far ahead, and one that completed."""
    early = begin(services, 10, "the long one")
    clock.advance(timedelta(minutes=5))
    assert services.breaks.stop("enough", early).ended
    completed = begin(services, 1, "the hour")
    clock.advance(timedelta(hours=1, minutes=1))
    return early, completed


async def test_the_break_that_ends_opens_its_own_questions_beside_its_answers(
    services: Services, clock: FakeClock
) -> None:
    early, completed = two_older_breaks_waiting(services, clock)
    latest = begin(services, 0.5, "the group chat")
    app = new_app(services, offer_reflections=True)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ReflectScreen)  # a break runs: nothing to ask yet
        clock.advance(timedelta(minutes=31))
        app.refresh_all()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectScreen) and screen.break_id == latest
        shown = [str(label.content) for label in screen.query(".before").results(Label)]
        assert shown[0] == "Before, you said: the group chat"
        await pilot.press("escape")
        await settle(pilot)
        waiting = app.screen.query_one("#waiting", OptionList)
        listed = [waiting.get_option_at_index(i).id for i in range(waiting.option_count)]
        assert listed == [str(latest), str(completed), str(early)]
    status = services.breaks.status()
    assert [b.id for b in status.awaiting_reflection] == [latest, completed, early]


async def test_on_launch_the_last_break_to_end_is_offered_not_the_latest_planned_end(
    services: Services, clock: FakeClock
) -> None:
    early, completed = two_older_breaks_waiting(services, clock)
    app = new_app(services, offer_reflections=True)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectScreen) and screen.break_id == completed
        shown = [str(label.content) for label in screen.query(".before").results(Label)]
        assert shown[0] == "Before, you said: the hour"
    assert early != completed
