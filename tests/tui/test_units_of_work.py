"""The units of work the app opens for what a person does most, counted.

Due transitions are settled once per refresh, in the app's worker, before the status and the
sections read; they only read. A break's end is written once, by one thread, where every
read used to settle it (two threads each opened a write), and the reflect dialog reads its
break and questions without settling again.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.services import Services
from breakwell.tui.dialogs.reflect import ReflectScreen
from breakwell.tui.dialogs.start import StartScreen
from tests.journal import database_of
from tests.tui.helpers import new_app, settle, text_of, type_text
from tests.units_of_work import Units

BIG = (120, 50)


@pytest.fixture
def units(services: Services, monkeypatch: pytest.MonkeyPatch) -> Units:
    return Units(database_of(services), monkeypatch)


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
        # refresh: settling, the status, the Now section's entries, breaks and commitments.
        # It was 7 reads.
        assert units.taken() == (6, 1)


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
        # One settling that writes the end, then the status and the Now section only read.
        # It was 6 reads and 2 writes.
        assert units.taken() == (5, 1)


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
        # The refresh above, then the dialog's break and questions. It was 10 reads, 2 writes.
        assert units.taken() == (7, 1)


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
        # The break with its answers, and the questions. It was 4 reads.
        assert units.taken() == (2, 0)
