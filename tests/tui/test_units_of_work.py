"""The units of work the app opens for what a person does most, counted.

Every read settles due transitions first, so one break's end is settled by two worker threads
that each open a write (the status and the Now section), and the reflect dialog settles again.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.services import Services
from breakwell.tui.reflect import ReflectScreen
from breakwell.tui.start import StartScreen
from tests.tui.helpers import new_app, settle, text_of, type_text
from tests.units_of_work import Units

BIG = (120, 50)


@pytest.fixture
def units(services: Services, monkeypatch: pytest.MonkeyPatch) -> Units:
    return Units(services.database, monkeypatch)


def running_break(services: Services) -> int:
    item = services.breaks.start(services.breaks.plan(timedelta(hours=1), platforms=["x"]))
    assert item.id is not None
    return item.id


async def test_a_break_started_in_the_app(services: Services, units: Units) -> None:
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await type_text(pilot, "30m")
        await pilot.press("enter")
        await settle(pilot)
        units.taken()
        await pilot.click("#go")
        await settle(pilot)
        assert text_of(app, "#headline").startswith("On a break from")
        # The questions the answers are checked by and the break's one write, then one
        # refresh: the status and the Now section's entries, breaks and commitments, the
        # status and the breaks each settling first.
        assert units.taken() == (7, 1)


async def test_a_break_end_seen_by_the_app(
    services: Services, clock: FakeClock, units: Units
) -> None:
    running_break(services)
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        assert text_of(app, "#headline") == "On a break from X (Twitter)"
        clock.advance(timedelta(hours=1, minutes=5))
        units.taken()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert text_of(app, "#headline") == "No break is running"
        # The status and the Now section's breaks each settle, and each writes the end.
        assert units.taken() == (6, 2)


async def test_a_break_end_that_opens_the_reflect_dialog(
    services: Services, clock: FakeClock, units: Units
) -> None:
    break_id = running_break(services)
    app = new_app(services, offer_reflections=True)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        clock.advance(timedelta(hours=1, minutes=5))
        units.taken()
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectScreen) and screen.break_id == break_id
        # The refresh above, then the dialog's break (checked, settled, read) and questions.
        assert units.taken() == (10, 2)


async def test_opening_the_reflect_dialog(
    services: Services, clock: FakeClock, units: Units
) -> None:
    break_id = running_break(services)
    clock.advance(timedelta(hours=1, minutes=5))
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        units.taken()
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectScreen) and screen.break_id == break_id
        # The break (checked, settled, read) with its answers, and the questions.
        assert units.taken() == (4, 0)
