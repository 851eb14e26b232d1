"""After a break: its questions open by themselves once, and the break is found in Review."""

from datetime import timedelta

from textual.widgets import Input, Label, RadioButton, Static

from breakwell.domain.clock import FakeClock
from breakwell.domain.prompts import Phase
from breakwell.services import Services
from breakwell.settings.uistate import load_ui_state, ui_state_path
from breakwell.tui.dialogs.reflect import ReflectScreen
from breakwell.tui.screens.detail import BreakDetailScreen
from breakwell.tui.screens.review import ReviewScreen
from breakwell.tui.widgets.paging import PagedTable
from tests.tui.helpers import new_app, settle, type_text

BIG = (120, 50)


def finished_break(services: Services) -> int:
    item = services.breaks.start(
        services.breaks.plan(timedelta(hours=1), platforms=["x"], intention="see who leads"),
        {"expect_miss": "the group chat", "mood_before": "2"},
    )
    services.journal.write("replies come from the same ten people #echo")
    services.clock.advance(timedelta(hours=1, minutes=5))  # type: ignore[attr-defined]
    assert item.id is not None
    return item.id


async def test_after_questions_open_on_launch_with_the_before_answers(services: Services) -> None:
    break_id = finished_break(services)
    app = new_app(services, offer_reflections=True)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectScreen) and screen.break_id == break_id
        shown = [str(label.content) for label in screen.query(".before").results(Label)]
        assert shown == ["Before, you said: the group chat", "Before, you said: 2"]
        screen.query_one("#q-learned", Input).focus()
        await type_text(pilot, "I do not miss the noise")
        mood = next(
            b for b in screen.query_one("#q-mood_after").query(RadioButton) if b.name == "4"
        )
        await pilot.click(mood)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ReflectScreen)
    answers = {a.prompt_key: a.value for a in services.reflections.answers(break_id)}
    assert answers["learned"] == "I do not miss the noise"
    assert answers["mood_after"] == "4"
    assert services.breaks.get(break_id).reflected_at is not None
    assert services.reflections.awaiting() == []
    assert {a.phase for a in services.reflections.answers(break_id)} == {
        Phase.BEFORE,
        Phase.AFTER,
    }


async def test_later_is_remembered_and_the_break_waits_on_now(services: Services) -> None:
    break_id = finished_break(services)
    app = new_app(services, offer_reflections=True)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press("escape")
        await settle(pilot)
    assert load_ui_state(ui_state_path(services.preferences.data_dir)).offered == (break_id,)
    again = new_app(services, offer_reflections=True)
    async with again.run_test(size=BIG) as pilot:
        await settle(pilot)
        assert not isinstance(again.screen, ReflectScreen)
        waiting = again.screen.query_one("#waiting")
        assert waiting.display
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(again.screen, ReflectScreen)


async def test_the_break_is_found_in_review_with_its_answers_side_by_side(
    services: Services,
) -> None:
    break_id = finished_break(services)
    services.reflections.reflect(
        break_id, {"missed": "almost nothing", "mood_after": "4", "learned": "less is fine"}
    )
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        history = app.screen.query_one("#history", PagedTable)
        assert history.row_count == 1
        row = history.get_row_at(0)
        assert row[0] == str(break_id) and row[3] == "completed" and row[4] == "2 → 4"
        assert row[5] == "1" and row[6] == "X (Twitter)"
        history.focus()
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, BreakDetailScreen)
        pairs = [
            [str(cell.content) for cell in pair.query(Static)]
            for pair in detail.query("#pairs .pair")
        ]
        assert [
            "[b]What do you expect to miss while you are away?[/b]\nthe group chat",
            "[b]What did you actually miss?[/b]\nalmost nothing",
        ] in pairs
        entries = [str(e.content) for e in detail.query(".detail-entry").results(Static)]
        assert len(entries) == 1 and "same ten people" in entries[0]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        learned = str(app.screen.query_one("#learned-text", Static).content)
        assert "less is fine" in learned and f"break #{break_id}" in learned


async def test_the_after_questions_open_at_the_top_with_the_first_one_focused(
    services: Services,
) -> None:
    finished_break(services)
    app = new_app(services, offer_reflections=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectScreen)
        questions = screen.query_one("#questions")
        assert questions.scroll_y == 0
        assert screen.focused is screen.query_one("#q-helpful")


async def test_one_break_shows_its_mode_and_each_entrys_platform_and_edit(
    services: Services, clock: FakeClock
) -> None:
    from breakwell.domain.break_kinds import Mode

    item = services.breaks.start(
        services.breaks.plan(timedelta(hours=1), platforms=["x"], mode=Mode.WATCH)
    )
    services.journal.write("the same ten people reply", platform="x")
    unnamed = services.journal.write("no platform named")
    assert item.id is not None and unnamed.id is not None
    clock.advance(timedelta(minutes=5))
    services.journal.edit(unnamed.id, "no platform named, on second thought")
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        app.push_screen(BreakDetailScreen(services, item.id))
        await settle(pilot)
        summary = str(app.screen.query_one("#detail-summary", Label).content)
        assert " · watch · " in summary
        entries = [str(e.content) for e in app.screen.query(".detail-entry").results(Static)]
        assert entries[0].splitlines()[0].endswith("· observation · X (Twitter)")
        assert entries[1].splitlines()[0].endswith("· observation · edited today 20:05")
