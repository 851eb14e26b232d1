"""Ending a break early from the app, as its strictness allows."""

from datetime import timedelta

from textual.widgets import Button, Input

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.services import Services
from breakwell.tui.dialogs.end import EndScreen
from breakwell.tui.dialogs.quick import ExtendScreen
from breakwell.tui.dialogs.reflect import ReflectScreen
from tests.tui.helpers import Refusals, new_app, settle, text_of, type_text

BIG = (120, 40)


def start(services: Services, strictness: Strictness) -> None:
    services.breaks.start(
        services.breaks.plan(timedelta(hours=2), platforms=["x"], strictness=strictness)
    )


async def test_a_firm_break_ends_with_a_reason_after_the_cool_down(services: Services) -> None:
    start(services, Strictness.FIRM)
    app = new_app(services)
    refusals = Refusals()
    async with app.run_test(size=BIG, message_hook=refusals) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EndScreen)
        await pilot.click("#ask")
        await settle(pilot)
        assert refusals.texts == ["break #1 is firm: ending it early needs a reason"]
        screen.query_one("#reason", Input).focus()
        await type_text(pilot, "family group needs me")
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(app, "#cooldown") == "Cooling down: you can end it in 1:00."
        assert screen.query_one("#end", Button).disabled
        services.clock.advance(timedelta(seconds=30))  # type: ignore[attr-defined]
        screen.refresh_cooldown()
        assert text_of(app, "#cooldown") == "Cooling down: you can end it in 0:30."
        assert services.breaks.status().active is not None
        services.clock.advance(timedelta(seconds=31))  # type: ignore[attr-defined]
        screen.refresh_cooldown()
        assert not screen.query_one("#end", Button).disabled
        await pilot.click("#end")
        await settle(pilot)
        # Ended, its after-questions open at once.
        assert isinstance(app.screen, ReflectScreen)
        assert app.screen.break_id == 1
    item = services.breaks.get(1)
    assert item.status is BreakStatus.ENDED_EARLY
    assert item.end_reason == "family group needs me"


async def test_reopening_during_the_cool_down_keeps_counting(services: Services) -> None:
    start(services, Strictness.FIRM)
    services.breaks.stop("tired of it")
    services.clock.advance(timedelta(seconds=45))  # type: ignore[attr-defined]
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert text_of(app, "#cooldown") == "Cooling down: you can end it in 0:15."
        assert not app.screen.query_one("#ask", Button).display


async def test_a_locked_break_explains_that_it_cannot_end(services: Services) -> None:
    start(services, Strictness.LOCKED)
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, EndScreen)
        assert "locked: it cannot be ended early" in text_of(app, "#end-explain")
        assert not app.screen.query("#end") and not app.screen.query("#reason")
        await pilot.click("#extend")
        await settle(pilot)
        assert isinstance(app.screen, ExtendScreen)
        await type_text(pilot, "1h")
        await pilot.press("enter")
        await settle(pilot)
    item = services.breaks.get(1)
    assert item.status is BreakStatus.ACTIVE
    assert item.planned_length == timedelta(hours=3)


async def test_a_gentle_break_ends_at_once(services: Services) -> None:
    start(services, Strictness.GENTLE)
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.click("#end")
        await settle(pilot)
    assert services.breaks.get(1).status is BreakStatus.ENDED_EARLY


async def test_keys_for_a_running_break_are_hidden_without_one(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "app.start_break" in shown
        assert app.check_action("end_break", ()) is False
        await pilot.press("x")
        await settle(pilot)
        assert not isinstance(app.screen, EndScreen)
        start(services, Strictness.GENTLE)
        app.refresh_all()
        await settle(pilot)
        assert app.check_action("end_break", ()) is True


async def test_enter_keeps_going_in_the_cool_down_and_ends_after_it(services: Services) -> None:
    start(services, Strictness.FIRM)
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EndScreen)
        await type_text(pilot, "family group needs me")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is screen.query_one("#keep", Button)
        services.clock.advance(timedelta(seconds=61))  # type: ignore[attr-defined]
        screen.refresh_cooldown()
        await pilot.pause()
        assert screen.focused is screen.query_one("#end", Button)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, EndScreen)
    assert services.breaks.get(1).status is BreakStatus.ENDED_EARLY


async def test_a_cool_down_over_before_reopening_has_its_end_button_ready(
    services: Services,
) -> None:
    start(services, Strictness.FIRM)
    services.breaks.stop("tired of it")
    services.clock.advance(timedelta(seconds=90))  # type: ignore[attr-defined]
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EndScreen)
        assert screen.focused is screen.query_one("#end", Button)
