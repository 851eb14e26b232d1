"""What the app says once: its own toast, not the engine's notice of the same event too, and
never a pointer to the command line for what the app is showing."""

from datetime import timedelta

import pytest

from breakwell.services import Services
from breakwell.tui.app import BreakwellApp
from breakwell.tui.messages import EngineNotice
from tests.tui.helpers import new_app, settle, type_text

BIG = (120, 50)


class Toasts:
    def __init__(self, app: BreakwellApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.said: list[tuple[str, str]] = []

        def notify(message: str, *, title: str = "", **_: object) -> None:
            self.said.append((title, str(message)))

        monkeypatch.setattr(app, "notify", notify)


async def engine_tells(app: BreakwellApp, services: Services) -> None:
    """Deliver what the engine would: the notices this device has not been told yet."""
    notices = services.notifications.due(first=False)
    assert notices  # Something to say twice, or this proves nothing.
    for notice in notices:
        app.post_message(EngineNotice(notice.title, notice.body))


async def test_starting_and_ending_early_are_each_said_once(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.notifications.start_listening()
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        toasts = Toasts(app, monkeypatch)
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, "1h")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#go")
        await settle(pilot)
        await engine_tells(app, services)
        await settle(pilot)
        assert [title for title, _ in toasts.said] == ["Break started"]
        await pilot.press("x")
        await settle(pilot)
        await pilot.click("#end")
        await settle(pilot)
        await engine_tells(app, services)
        await settle(pilot)
        assert [title for title, _ in toasts.said] == ["Break started", "Break ended"]


async def test_a_completed_break_is_told_with_the_apps_words(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.notifications.start_listening()
    services.breaks.start(services.breaks.plan(timedelta(minutes=30)))
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        toasts = Toasts(app, monkeypatch)
        await settle(pilot)
        services.clock.advance(timedelta(minutes=31))  # type: ignore[attr-defined]
        app.refresh_all()
        await settle(pilot)
        await engine_tells(app, services)
        await settle(pilot)
    told = dict(toasts.said)
    assert list(told) == ["Break #1 has started", "Break #1 is complete"]
    assert (
        told["Break #1 is complete"] == "How was it? Its after-questions are waiting for you here."
    )


async def test_a_slip_logged_in_the_app_is_said_once(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.breaks.start(services.breaks.plan(timedelta(hours=1)))
    services.notifications.start_listening()
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        toasts = Toasts(app, monkeypatch)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await type_text(pilot, "opened it on the bus")
        await pilot.press("enter")
        await settle(pilot)
        await engine_tells(app, services)
        await settle(pilot)
    assert [title for title, _ in toasts.said] == ["Slip"]
