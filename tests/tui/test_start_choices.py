"""The start form's choices: which platforms it opens with, all or none at once, and what
each mode and strictness means, in the app's own words."""

from pathlib import Path

from textual.widgets import Input, Label, RadioButton, SelectionList

from breakwell.domain.clock import FakeClock
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.tui.app import BreakwellApp
from breakwell.tui.dialogs.start import StartScreen
from tests.tui.helpers import new_app, settle, text_of, type_text

BIG = (120, 50)


def ticked(app: BreakwellApp) -> list[str]:
    return sorted(str(v) for v in app.screen.query_one("#platforms", SelectionList).selected)


async def test_all_and_none_tick_every_platform_or_none(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        every = sorted(p.id for p in services.preferences.catalogue.all())
        await pilot.click("#platforms-none")
        assert ticked(app) == []
        app.screen.query_one("#length").focus()
        await type_text(pilot, "2h")
        assert text_of(app, "#form-problem") == "tick at least one platform"
        await pilot.click("#platforms-all")
        assert ticked(app) == every
        assert text_of(app, "#form-problem") == "2h, starting now"


async def test_the_form_opens_with_the_configured_platforms(home: Path, clock: FakeClock) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[breaks]\ndefault_platforms = ['x', 'instagram']\n")
    services = build_services(load_settings(), clock)
    try:
        app = new_app(services)
        async with app.run_test(size=BIG) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert ticked(app) == ["instagram", "x"]
    finally:
        services.close()


async def test_the_form_opens_with_the_platforms_of_the_last_break_started_there(
    services: Services,
) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.click("#platforms-none")
        app.screen.query_one("#platforms", SelectionList).select("tiktok")
        app.screen.query_one("#length").focus()
        await type_text(pilot, "1h")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#go")
        await settle(pilot)
        assert not isinstance(app.screen, StartScreen)
        await pilot.press("s")
        await settle(pilot)
        assert ticked(app) == ["tiktok"]
    # Remembered between runs, too.
    again = new_app(services)
    async with again.run_test(size=BIG) as pilot:
        await settle(pilot)
        again.action_start_break()
        await settle(pilot)
        assert ticked(again) == ["tiktok"]


async def test_mode_and_strictness_are_named_and_each_choice_explained(
    services: Services,
) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        titles = [
            str(label.content) for label in app.screen.query(".choice-group > Label").results(Label)
        ]
        assert titles[0] == "Mode" and "Strictness" in titles
        assert text_of(app, "#mode-help").startswith("Unplug: no use at all")
        watch = next(b for b in app.screen.query(RadioButton) if b.name == "watch")
        await pilot.click(watch)
        assert text_of(app, "#mode-help").startswith("Watch: read and observe")


async def test_a_checklist_question_is_ticked_not_typed(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, "1h")
        await pilot.press("enter")
        await settle(pilot)
        field = app.screen.query_one("#field-pulls")
        hints = [str(label.content) for label in field.query(Label).filter(".hint")]
        assert hints == ["Tick any that apply (space ticks the highlighted one)."]


async def test_no_field_shows_a_made_up_value(services: Services) -> None:
    """Placeholders in the start form looked like values already typed; hints say it."""
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        fields = list(app.screen.query("#step-form Input").results(Input))
        assert fields and all(not field.placeholder for field in fields)
        hints = " ".join(str(label.render()) for label in app.screen.query(".field-hint"))
        assert "21:00" in hints and "sunday 9am" in hints
