"""The Journal opens with the cursor in the write box; letters typed in a text field are text,
never keys that quit or move; quitting with an unsaved entry asks first."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from breakwell.services import Services
from breakwell.tui.app import BreakwellApp
from breakwell.tui.dialogs.confirm import ConfirmScreen
from breakwell.tui.dialogs.quick import ObserveScreen
from breakwell.tui.screens.journal import JournalScreen
from breakwell.tui.screens.now import NowScreen
from tests.tui.helpers import new_app, settle, type_text

BIG = (120, 40)
# Every key that quits, moves between sections or opens a flow somewhere in the app.
LETTERS = "q1234sowalexab"


def editor(app: BreakwellApp) -> TextArea:
    return app.screen.query_one("#editor", TextArea)


async def test_opening_the_journal_puts_the_cursor_in_the_write_box(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert app.focused is editor(app)
        await type_text(pilot, "quiet mornings")
        assert editor(app).text == "quiet mornings"
        # Back again after another section: the cursor is in the write box once more.
        await pilot.press("escape", "1")
        await settle(pilot)
        assert isinstance(app.screen, NowScreen)
        await pilot.press("2")
        await settle(pilot)
        assert app.focused is editor(app)


async def test_letters_typed_in_the_journal_are_text(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await type_text(pilot, LETTERS)
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, JournalScreen)
        assert editor(app).text == LETTERS
        search = app.screen.query_one("#search", Input)
        search.focus()
        await type_text(pilot, LETTERS)
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, JournalScreen)
        assert search.value == LETTERS


async def test_quitting_with_an_unsaved_entry_asks_first(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await type_text(pilot, "half a thought")
        await pilot.press("ctrl+q")
        await settle(pilot)
        asking = app.screen
        assert isinstance(asking, ConfirmScreen) and app.is_running
        assert "The entry you are writing in the Journal is not saved" in asking._question
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen) and editor(app).text == "half a thought"
        # Left in the Journal while on another section, it is still asked about.
        await pilot.press("escape", "1")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("y")
        await settle(pilot)
        assert not app.is_running


async def test_quitting_with_nothing_written_does_not_ask(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await type_text(pilot, "   ")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_quitting_from_a_note_being_written_asks_first(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ObserveScreen)
        await type_text(pilot, "q")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ObserveScreen)
