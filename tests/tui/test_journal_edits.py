"""Rewording and deleting entries in the Journal, and undoing a delete."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryQuery
from breakwell.domain.errors import NotFound
from breakwell.services import Services
from breakwell.tui.app import BreakwellApp
from breakwell.tui.dialogs.confirm import ConfirmScreen
from breakwell.tui.dialogs.entry import EntryScreen
from breakwell.tui.dialogs.quick import ObserveScreen
from breakwell.tui.screens.journal import JournalScreen
from breakwell.tui.widgets.paging import PagedTable
from tests.tui.helpers import Refusals, new_app, settle, text_of

BIG = (120, 40)


def table(app: BreakwellApp) -> PagedTable:
    return app.screen.query_one("#entries", PagedTable)


def toasts(app: BreakwellApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def open_list(pilot: Pilot[None], app: BreakwellApp) -> None:
    """The Journal, with the list focused on its first (newest) entry."""
    await pilot.press("2")
    await settle(pilot)
    assert isinstance(app.screen, JournalScreen)
    await pilot.press("escape")
    assert app.focused is table(app)


async def test_e_edits_the_selected_entry_in_the_writing_dialog(
    services: Services, clock: FakeClock
) -> None:
    services.journal.write("older one")
    entry = services.journal.write("the loud ones lead #echo")
    clock.advance(timedelta(minutes=30))
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await open_list(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ObserveScreen)
        editor = app.screen.query_one("#observation", TextArea)
        assert editor.text == "the loud ones lead #echo"
        editor.text = "quiet builders matter #craft @bob"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert table(app).get_row_at(0)[1] == "note (edited)"
        assert table(app).get_row_at(1)[1] == "note"
        assert "now reads as you edited it" in toasts(app)[-1]
    assert entry.id is not None
    stored = services.journal.get(entry.id)
    assert (stored.text, stored.tags, stored.people) == (
        "quiet builders matter #craft @bob",
        ("craft",),
        ("bob",),
    )
    assert stored.edited_at == clock.now()


async def test_an_empty_edit_is_refused_in_the_cli_words_and_nothing_changes(
    services: Services,
) -> None:
    entry = services.journal.write("kept as written")
    refusals = Refusals()
    app = new_app(services)
    async with app.run_test(size=BIG, message_hook=refusals) as pilot:
        await settle(pilot)
        await open_list(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#observation", TextArea).text = "   "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ObserveScreen)
    assert refusals.texts == ["an entry needs some text"]
    assert entry.id is not None
    assert services.journal.get(entry.id) == entry


async def test_d_deletes_after_asking_and_u_puts_it_back(services: Services) -> None:
    services.journal.write("stays")
    entry = services.journal.write("goes, then comes back #back @ann")
    assert entry.id is not None
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await open_list(pilot, app)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert not screen.check_action("undo", ())
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert table(app).row_count == 2
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table(app).row_count == 1
        assert text_of(app, "#count") == "1 shown"
        assert "Press u to undo" in toasts(app)[-1]
        assert screen.check_action("undo", ())
        with pytest.raises(NotFound):
            services.journal.get(entry.id)
        await pilot.press("u")
        await settle(pilot)
        assert table(app).row_count == 2
        assert toasts(app)[-1] == f"Entry #{entry.id} is back."
        assert not screen.check_action("undo", ())
    assert services.journal.get(entry.id) == entry
    assert [e.id for e in services.journal.search(EntryQuery(text="comes"))] == [entry.id]


async def test_undo_is_offered_only_for_a_while(services: Services) -> None:
    entry = services.journal.write("gone for good")
    assert entry.id is not None
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await open_list(pilot, app)
        await pilot.press("d", "y")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert screen.check_action("undo", ())
        # What the timer does when the offer runs out.
        screen._forget_undo()
        await pilot.press("u")
        await settle(pilot)
        assert table(app).row_count == 0
    with pytest.raises(NotFound):
        services.journal.get(entry.id)


async def test_the_entry_view_shows_edited_and_offers_edit_and_delete(
    services: Services, clock: FakeClock
) -> None:
    entry = services.journal.write("first words")
    assert entry.id is not None
    clock.advance(timedelta(minutes=5))
    services.journal.edit(entry.id, "second words")
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await open_list(pilot, app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        facts = str(app.screen.query_one(".hint").render())
        assert "edited today 20:05" in facts
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ObserveScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert table(app).row_count == 0


async def test_edit_and_delete_with_no_entry_say_so(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await open_list(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert "There is no entry to edit" in toasts(app)[-1]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert "There is no entry to delete" in toasts(app)[-1]
