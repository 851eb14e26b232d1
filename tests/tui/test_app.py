from datetime import timedelta

from textual.widgets import Digits, Label

from breakwell.domain.breaks import Strictness
from breakwell.services import Services
from breakwell.tui.app import BreakwellApp, StatusLoaded
from breakwell.tui.now import NowPanel, countdown


def start_break(services: Services) -> None:
    services.breaks.start(
        services.breaks.plan(
            timedelta(minutes=30),
            platforms=["x", "instagram"],
            strictness=Strictness.FIRM,
            intention="notice who leads",
        )
    )


def text_of(app: BreakwellApp, selector: str) -> str:
    return str(app.query_one(selector, Label).content)


async def test_now_shows_the_running_break_and_counts_down(services: Services) -> None:
    start_break(services)
    app = BreakwellApp(services)
    messages: list[StatusLoaded] = []

    def record(message: object) -> None:
        if isinstance(message, StatusLoaded):
            messages.append(message)

    async with app.run_test(message_hook=record) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(app, "#headline") == "On a break from X (Twitter), Instagram"
        assert text_of(app, "#detail") == "until today 20:30 · firm · unplug"
        assert text_of(app, "#intention") == "notice who leads"
        assert app.query_one("#countdown", Digits).value == "00:30:00"
        services.clock.advance(timedelta(minutes=5, seconds=3))  # type: ignore[attr-defined]
        app.query_one(NowPanel).refresh_countdown()
        assert app.query_one("#countdown", Digits).value == "00:24:57"
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(messages) == 2
        assert all(m.status.active is not None for m in messages)
        await pilot.press("q")
    assert not app.is_running


async def test_without_a_break_it_says_how_to_start_one(services: Services) -> None:
    app = BreakwellApp(services)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(app, "#headline") == "No break is running"
        assert "breakwell start 2h" in text_of(app, "#detail")
        assert not app.query_one("#countdown", Digits).display


def test_countdown_format() -> None:
    assert countdown(3 * 3600 + 62) == "03:01:02"
    assert countdown(-5) == "00:00:00"
