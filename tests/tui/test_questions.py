"""Your questions in the app: add, reword, move, retire and restore, from Review or the palette."""

from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, RadioButton, RadioSet, Static

from breakwell.domain.clock import FakeClock
from breakwell.domain.prompts import Phase
from breakwell.services import Services
from breakwell.tui.dialogs.question_form import QuestionForm
from breakwell.tui.dialogs.reflect import ReflectScreen
from breakwell.tui.dialogs.start import StartScreen
from breakwell.tui.screens.detail import BreakDetailScreen
from breakwell.tui.screens.questions import QuestionsScreen
from breakwell.tui.widgets.prompts import PromptField
from tests.tui.helpers import Refusals, new_app, settle, text_of, type_text

BIG = (120, 50)


def asked(services: Services, phase: Phase) -> list[str]:
    return [p.key for p in services.reflections.prompts(phase)]


def keys_shown(screen: QuestionsScreen) -> list[str]:
    table = screen.query_one("#questions", DataTable)
    return [str(table.get_row_at(n)[4]) for n in range(table.row_count)]


async def open_questions(pilot: Pilot[None]) -> QuestionsScreen:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("k")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuestionsScreen)
    return screen


async def test_add_a_question_with_choices_checked_as_you_type(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        screen = await open_questions(pilot)
        assert keys_shown(screen)[:2] == ["expect_miss", "watch_for"]
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QuestionForm)
        assert not form.query_one("#choices-row").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#question-problem").startswith("a question needs some words")
        assert isinstance(app.screen, QuestionForm)
        await type_text(pilot, "Who did you miss?")
        kinds = form.query_one("#question-kind", RadioSet)
        kinds.query(RadioButton)[3].value = True  # choices
        await settle(pilot)
        assert form.query_one("#choices-row").display
        assert "needs 2 to 20 choices" in text_of(app, "#question-problem")
        form.query_one("#question-choices", Input).focus()
        await type_text(pilot, "family, friends")
        assert text_of(app, "#question-problem") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionsScreen)
        assert keys_shown(app.screen)[-1] == "who_did_you_miss"
        # The cursor follows the question just added.
        table = app.screen.query_one("#questions", DataTable)
        assert table.cursor_row == table.row_count - 1
    assert asked(services, Phase.AFTER)[-1] == "who_did_you_miss"
    added = next(q for q in services.prompts.all() if q.key == "who_did_you_miss")
    assert added.prompt.choices == ("family", "friends")


async def test_reword_move_retire_and_restore(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        screen = await open_questions(pilot)
        table = screen.query_one("#questions", DataTable)
        table.move_cursor(row=keys_shown(screen).index("learned"))
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QuestionForm)
        field = form.query_one("#question-text", Input)
        assert field.value == "What did you learn?"
        field.value = "What did this break teach you?"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionsScreen)
        await pilot.press("shift+up")
        await settle(pilot)
        assert asked(services, Phase.AFTER)[:2] == ["learned", "helpful"]
        assert table.get_row_at(table.cursor_row)[4] == "learned"
        await pilot.press("shift+down")
        await pilot.press("shift+down")
        await settle(pilot)
        assert asked(services, Phase.AFTER)[:3] == ["helpful", "noticed", "learned"]
        await pilot.press("x")
        await settle(pilot)
        assert "learned" not in asked(services, Phase.AFTER)
        row = table.get_row_at(table.cursor_row)
        assert (row[1], row[4]) == ("retired", "learned")
        await pilot.press("x")
        await settle(pilot)
        assert asked(services, Phase.AFTER)[-1] == "learned"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, QuestionsScreen)
    learned = next(q for q in services.prompts.all() if q.key == "learned")
    assert learned.prompt.text == "What did this break teach you?"


async def test_a_refused_change_is_said_and_changes_nothing(services: Services) -> None:
    refusals = Refusals()
    app = new_app(services)
    async with app.run_test(size=BIG, message_hook=refusals) as pilot:
        screen = await open_questions(pilot)
        screen.query_one("#questions", DataTable).move_cursor(row=0)
        await pilot.press("shift+up")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "What did you learn?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionForm)
    assert refusals.texts == [
        "'expect_miss' is at position 1 already",
        "'learned' asks that already",
    ]
    assert [q.key for q in services.prompts.all()][:1] == ["expect_miss"]
    assert "what_did_you_learn" not in [q.key for q in services.prompts.all()]


async def test_the_palette_opens_the_questions(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "Your questions"]
        await command.callback()
        await settle(pilot)
        assert isinstance(app.screen, QuestionsScreen)
        assert len(keys_shown(app.screen)) == len(services.prompts.all())


async def test_a_retired_questions_answers_stay_in_the_side_by_side(
    services: Services, clock: FakeClock
) -> None:
    item = services.breaks.start(services.breaks.plan(timedelta(hours=1)), {"expect_miss": "news"})
    assert item.id is not None
    clock.advance(timedelta(hours=2))
    services.settle()
    services.reflections.reflect(item.id, {"missed": "nothing much", "learned": "less is fine"})
    services.prompts.retire("learned")
    services.prompts.retire("expect_miss")
    services.prompts.reword("missed", "What did you really miss?")
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        app.push_screen(BreakDetailScreen(services, item.id))
        await settle(pilot)
        rows = [
            [str(cell.content) for cell in pair.query(".cell").results(Static)]
            for pair in app.screen.query("#pairs .pair")
        ]
    shown = "\n".join("\n".join(row) for row in rows)
    assert "What did you learn?[/b]\nless is fine" in shown
    assert "really" not in shown
    # Side by side as asked: the before-answer to a retired question beside its after-answer.
    assert [
        "[b]What do you expect to miss while you are away?[/b]\nnews",
        "[b]What did you actually miss?[/b]\nnothing much",
    ] in rows


async def test_the_app_asks_the_changed_lists(services: Services, clock: FakeClock) -> None:
    services.prompts.add(Phase.BEFORE, "yes_no", "Did you sleep well?")
    services.prompts.move("did_you_sleep_well", "first")
    services.prompts.retire("pulls")
    services.prompts.add(Phase.AFTER, "choices", "Where did the time go?", choices=["a", "b"])
    services.prompts.retire("learned")
    services.prompts.reword("helpful", "Did it help?")
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        start = StartScreen(services)
        app.push_screen(start)
        await settle(pilot)
        fields = [f.prompt.key for f in start.query(PromptField).results(PromptField)]
        assert fields == ["did_you_sleep_well", "expect_miss", "watch_for", "mood_before"]
        app.pop_screen()
        item = services.breaks.start(services.breaks.plan(timedelta(hours=1)))
        assert item.id is not None
        clock.advance(timedelta(hours=2))
        services.settle()
        reflect = ReflectScreen(services, item.id)
        app.push_screen(reflect)
        await settle(pilot)
        fields = [f.prompt.key for f in reflect.query(PromptField).results(PromptField)]
        assert fields[0] == "helpful"
        assert fields[-1] == "where_did_the_time_go"
        assert "learned" not in fields
        questions = [str(q.content) for q in reflect.query(".question").results(Label)]
        assert questions[0] == "Did it help?"
