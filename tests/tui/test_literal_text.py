"""What a person wrote is shown as written everywhere in the app: brackets are their words, never
Textual markup, so `[/]` cannot crash the app and `[x] done` keeps its `[x]`."""

from datetime import timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, OptionList
from textual.widgets._toast import Toast

from breakwell.domain.prompts import Phase
from breakwell.services import Services
from breakwell.tui.app import BreakwellApp
from breakwell.tui.dialogs.commitment_form import CommitmentForm
from breakwell.tui.dialogs.confirm import ConfirmScreen
from breakwell.tui.dialogs.entry import EntryScreen
from breakwell.tui.dialogs.start import StartScreen
from breakwell.tui.screens.journal import JournalScreen
from breakwell.tui.screens.people import PeopleScreen
from breakwell.tui.screens.questions import QuestionsScreen
from tests.tui.helpers import new_app, settle

WIDE = (160, 50)
# Each is markup to Textual or Rich: a bare close, a style, a checkbox, an action.
HOSTILE = "[x] done [/] [b]x [@click=quit]"


def screen_text(app: BreakwellApp) -> str:
    """The screen as drawn, line by line: what the person reads, not what was handed over."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def toasts(app: BreakwellApp) -> list[str]:
    """The toasts as drawn, each whole: the screen wraps them at their width."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def go(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def test_now_shows_entries_commitments_and_the_intention_as_written(
    services: Services,
) -> None:
    services.journal.write(f"note {HOSTILE}")
    services.commitments.add(f"rule {HOSTILE}", 2, "day")
    services.breaks.start(services.breaks.plan(timedelta(hours=1), intention=f"aim {HOSTILE}"))
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        for said in (f"note {HOSTILE}", f"rule {HOSTILE}", f"aim {HOSTILE}"):
            assert said in shown


async def test_the_commitment_form_and_archive_confirm_quote_the_rule_as_written(
    services: Services,
) -> None:
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await go(pilot, "c")
        assert isinstance(app.screen, CommitmentForm)
        app.screen.query_one("#commit-text", Input).value = HOSTILE
        await settle(pilot)
        assert f"{HOSTILE}: at most 1 per week." in screen_text(app)
        await go(pilot, "ctrl+s")
        assert f"Set\nCommitment #1: {HOSTILE} (at most 1 per week)." in toasts(app)
        app.screen.query_one("#commitments", OptionList).highlighted = 0
        await go(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Archive “{HOSTILE}”?" in screen_text(app)
        await go(pilot, "y")
        assert f"Commitment\nArchived: {HOSTILE}. Its history stays." in toasts(app)


async def test_the_journal_list_entry_and_delete_confirm_show_the_entry_as_written(
    services: Services,
) -> None:
    services.journal.write(HOSTILE)
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await go(pilot, "2")
        assert isinstance(app.screen, JournalScreen)
        await go(pilot, "escape")
        assert HOSTILE in screen_text(app)
        await go(pilot, "enter")
        assert isinstance(app.screen, EntryScreen)
        assert HOSTILE in screen_text(app)
        await go(pilot, "escape")
        await go(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Delete entry #1, “{HOSTILE}”?" in screen_text(app)


async def test_people_show_the_why_line_as_written(services: Services) -> None:
    services.journal.write(f"@anna {HOSTILE}")
    services.people.set_why("anna", f"why {HOSTILE}")
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await go(pilot, "5")
        assert isinstance(app.screen, PeopleScreen)
        shown = screen_text(app)
        assert f"Why: why {HOSTILE}" in shown  # the detail
        assert shown.count(f"why {HOSTILE}") == 2  # and the table's column
        assert f"@anna {HOSTILE}" in shown  # their entries


async def test_questions_and_their_choices_are_shown_as_written(services: Services) -> None:
    question = services.prompts.add(
        Phase.BEFORE, "choices", f"Which {HOSTILE}?", choices=[f"one {HOSTILE}", "two"]
    )
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await go(pilot, "4", "k")
        assert isinstance(app.screen, QuestionsScreen)
        assert f"Which {HOSTILE}?" in screen_text(app)
        table = app.screen.query_one("#questions", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(question.key))
        await settle(pilot)
        await go(pilot, "x")  # retired, and the toast quotes it
        assert f"Questions\n“Which {HOSTILE}?”: no longer asked; past answers stay." in toasts(app)
        await go(pilot, "x")  # restored, to be asked below
        await go(pilot, "escape", "1", "s")
        start = app.screen
        assert isinstance(start, StartScreen)
        start.query_one("#length", Input).value = "2h"
        await settle(pilot)
        start.query_one("#next", Button).press()
        await settle(pilot)
        shown = screen_text(app)
        assert f"Which {HOSTILE}?" in shown
        assert f"one {HOSTILE}" in shown


async def test_the_start_forms_problem_line_quotes_what_was_typed(services: Services) -> None:
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await go(pilot, "s")
        assert isinstance(app.screen, StartScreen)
        app.screen.query_one("#length", Input).value = "[/]"
        await settle(pilot)
        assert "[/]" in screen_text(app)


async def test_a_refused_journal_filter_quotes_what_was_typed(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("breakwell.tui.screens.journal.SEARCH_DELAY", 0)
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=WIDE) as pilot:
        await go(pilot, "2")
        app.screen.query_one("#since", Input).value = "[/]"
        await settle(pilot)
        assert "[/]" in screen_text(app)
