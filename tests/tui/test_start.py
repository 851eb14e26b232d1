"""Starting a break from the app: the form, its checks as you type, then the before-questions."""

from textual.widgets import Input, RadioButton, SelectionList

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.prompts import Phase
from breakwell.services import Services
from breakwell.tui.dialogs.start import StartScreen
from tests.tui.helpers import Refusals, new_app, settle, text_of, type_text

BIG = (120, 50)


async def test_start_a_break_through_the_form_and_its_questions(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await type_text(pilot, "2x")
        assert "2x" in text_of(app, "#form-problem")
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "90m")
        assert text_of(app, "#form-problem") == "1h 30m, starting now"
        platforms = screen.query_one("#platforms", SelectionList)
        platforms.deselect_all()
        platforms.select("instagram")
        firm = next(b for b in screen.query(RadioButton) if b.name == "firm")
        await pilot.click(firm)
        assert "cool-down" in text_of(app, "#strictness-help")
        screen.query_one("#intention", Input).focus()
        await type_text(pilot, "notice who leads")
        await pilot.click("#next")
        await settle(pilot)
        assert screen.query_one("#step-questions").display
        screen.query_one("#q-expect_miss", Input).focus()
        await type_text(pilot, "the group chat")
        mood = next(
            b for b in screen.query_one("#q-mood_before").query(RadioButton) if b.name == "2"
        )
        await pilot.click(mood)
        screen.query_one("#q-pulls", SelectionList).select("news")
        await pilot.click("#go")
        await settle(pilot)
        assert not isinstance(app.screen, StartScreen)
        assert text_of(app, "#headline") == "On a break from Instagram"
    active = services.breaks.status().active
    assert active is not None and active.status is BreakStatus.ACTIVE
    assert active.platforms == ("instagram",)
    assert active.strictness is Strictness.FIRM and active.mode is Mode.UNPLUG
    assert active.intention == "notice who leads"
    assert active.planned_length.total_seconds() == 90 * 60
    assert active.id is not None
    answers = {a.prompt_key: a.value for a in services.reflections.answers(active.id)}
    assert answers == {"expect_miss": "the group chat", "mood_before": "2", "pulls": "news"}
    assert {a.phase for a in services.reflections.answers(active.id)} == {Phase.BEFORE}


async def test_a_break_that_would_overlap_is_refused_before_the_questions(
    services: Services,
) -> None:
    from datetime import timedelta

    services.breaks.start(services.breaks.plan(timedelta(hours=1)))
    app = new_app(services)
    refusals = Refusals()
    async with app.run_test(size=BIG, message_hook=refusals) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, "2h")
        await pilot.click("#next")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert not screen.query_one("#step-questions").display
        assert refusals.texts == [
            "break #1 is already running until today 21:00; extend it instead"
        ]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, StartScreen)
    assert len(services.breaks.open_breaks()) == 1


async def test_an_end_time_instead_of_a_length(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#until", Input).focus()
        await type_text(pilot, "23:00")
        assert text_of(app, "#form-problem") == "3h, starting now"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#go")
        await settle(pilot)
    active = services.breaks.status().active
    assert active is not None
    assert active.ends_at.hour == 23


async def test_a_new_person_is_welcomed_and_led_to_their_first_break(services: Services) -> None:
    from textual.widgets import Static

    app = new_app(services)
    async with app.run_test() as pilot:
        await settle(pilot)
        welcome = app.screen.query_one("#welcome", Static)
        assert welcome.display and "plan your first break" in str(welcome.content)
        await pilot.click("#start")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await type_text(pilot, "1h")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#go")
        await settle(pilot)
        assert not app.screen.query_one("#welcome", Static).display
    assert services.breaks.status().active is not None
