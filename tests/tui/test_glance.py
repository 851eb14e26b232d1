"""Given a glance, the app shows the Now screen's data before its services are built: the same
data the services then read, on the same screen, which nothing can act on until they are here."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import timedelta

from textual.widgets import Label, OptionList

from breakwell.cli.context import CliContext
from breakwell.cli.glance import glance_reader
from breakwell.domain.blocking import MachineLook
from breakwell.domain.clock import FakeClock
from breakwell.domain.glance import Glance
from breakwell.services import Services
from breakwell.tui.app import BreakwellApp, GlanceReader
from breakwell.tui.screens.now import NowScreen
from tests.journal import settings_of
from tests.tui.helpers import settle
from tests.tui.test_app import start_break
from tests.tui.test_launch import PATIENCE

SHOWN_LABELS = ("#headline", "#detail", "#intention", "#enforcement")
SHOWN_LISTS = ("#waiting", "#upcoming", "#commitments", "#latest")


def shown(app: BreakwellApp) -> dict[str, object]:
    """What the Now screen says, widget by widget."""
    screen = app.screen
    said: dict[str, object] = {s: str(screen.query_one(s, Label).content) for s in SHOWN_LABELS}
    for selector in SHOWN_LISTS:
        listed = screen.query_one(selector, OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        said[selector] = (listed.display, prompts)
    return said


def arrange(services: Services, clock: FakeClock) -> None:
    """A break waiting for its reflection, a running one, entries, and commitments."""
    services.breaks.start(services.breaks.plan(timedelta(minutes=20), platforms=["reddit"]))
    services.journal.write("before it ended #coffee")
    clock.advance(timedelta(minutes=30))
    services.settle()
    start_break(services)
    services.journal.write("noticed @mira was quiet")
    kept = services.commitments.add("at most 1 political post", 1, "week")
    services.commitments.add("no doomscrolling", 0, "day")
    assert kept.id is not None
    services.commitments.log(kept.id)


def reader(clock: FakeClock) -> GlanceReader:
    return glance_reader(CliContext(clock=clock))


async def until(condition: Callable[[], bool]) -> None:
    """Until a worker thread has done its part; bounded, never a measure of time."""
    for _ in range(int(PATIENCE / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app never got there")


async def test_the_glance_shows_what_the_services_then_show(
    services: Services, clock: FakeClock
) -> None:
    arrange(services, clock)
    read_by_services = BreakwellApp(services, settings_of(services), enforce=False)
    async with read_by_services.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        expected = shown(read_by_services)
        picture = read_by_services.export_screenshot()
    assert "On a break from X (Twitter), Instagram" in str(expected["#headline"])

    gate = threading.Event()
    built: list[Services] = []

    def build(_: Callable[[str], None]) -> Services:
        gate.wait(PATIENCE)
        built.append(services)
        return services

    app = BreakwellApp(
        build, settings_of(services), enforce=False, glance=reader(clock), clock=clock
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.now_shown)
        await pilot.pause()
        glanced = app.screen
        assert isinstance(glanced, NowScreen)
        assert not glanced.ready and built == []
        assert shown(app) == expected
        # Focused as a screen composed with its columns is, so the arrows scroll them.
        assert glanced.focused is glanced.query_one("#now-body")
        # Nothing can be started, written or opened before the services are here.
        for key in ("s", "o", "l", "2", "c", "d", "enter"):
            await pilot.press(key)
        await pilot.click("#start")
        assert app.screen is glanced and built == []
        gate.set()
        await settle(pilot)
        assert app.screen is glanced and glanced.ready
        assert glanced.services is services and app.launched
        assert shown(app) == expected
        # Drawn alike, to the colour: the screen made early is styled as one made later.
        assert app.export_screenshot() == picture
        await pilot.press("o")
        assert app.screen is not glanced  # the note dialog opens now
        await pilot.press("escape")
        await pilot.press("2")
        await settle(pilot)
        assert app.screen is not glanced
        # The Now section is still the screen the glance made.
        await app.switch_mode("now")
        await settle(pilot)
        assert app.screen is glanced


async def test_without_a_glance_the_now_screen_waits_for_the_services(
    services: Services, clock: FakeClock
) -> None:
    """A journal the glance leaves to the services (here a transition is due) shows the
    Now screen's loading line until they have settled it."""
    start_break(services)
    clock.advance(timedelta(hours=1))
    gate = threading.Event()
    asked: list[Glance | None] = []
    read = reader(clock)

    def glance(look: MachineLook | None, latest: int) -> Glance | None:
        found = read(look, latest)
        asked.append(found)
        return found

    def build(_: Callable[[str], None]) -> Services:
        gate.wait(PATIENCE)
        return services

    settings = settings_of(services)
    options = {"enforce": False, "offer_reflections": False}
    app = BreakwellApp(build, settings, glance=glance, clock=clock, **options)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: bool(asked))
        await pilot.pause()
        assert asked == [None]
        first = app.screen
        assert isinstance(first, NowScreen) and not app.now_shown
        assert first.query("#loading") and not first.query("#now-body")
        gate.set()
        await settle(pilot)
        # The same screen, filled in: nothing was pushed over it.
        assert app.screen is first and app.now_shown and app.screen_stack == [first]
        assert not first.query("#loading")
        assert first.focused is first.query_one("#now-body")
        assert str(app.screen.query_one("#headline", Label).content) == "No break is running"


async def test_a_glance_that_fails_leaves_the_app_to_the_services(services: Services) -> None:
    """The glance is only a head start: whatever stops it, the services open the app."""
    start_break(services)

    def glance(look: MachineLook | None, latest: int) -> Glance | None:
        raise ValueError("a row edited by hand")

    app = BreakwellApp(lambda _: services, settings_of(services), enforce=False, glance=glance)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NowScreen) and app.screen.ready and app.launched
        assert "On a break from X (Twitter), Instagram" in str(
            app.screen.query_one("#headline", Label).content
        )
