"""The People section: who you wrote about, the line on why, their entries; and the Journal
filtered to one person."""

from datetime import timedelta

import pytest
from textual.widgets import DataTable, Input

from breakwell.services import Services
from breakwell.tui.app import BreakwellApp
from breakwell.tui.dialogs.entry import EntryScreen
from breakwell.tui.dialogs.why import WhyForm
from breakwell.tui.screens.journal import JournalScreen
from breakwell.tui.screens.people import PeopleScreen
from breakwell.tui.widgets.paging import PagedTable
from tests.tui.helpers import Refusals, new_app, settle, text_of, type_text

BIG = (120, 40)


@pytest.fixture(autouse=True)
def instant_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("breakwell.tui.screens.journal.SEARCH_DELAY", 0)


def _write(services: Services) -> None:
    services.journal.write("@Anna shares what she learns, unlike @bob")
    services.clock.advance(timedelta(hours=1))  # type: ignore[attr-defined]
    services.journal.write("@anna asked before quoting")
    services.clock.advance(timedelta(hours=1))  # type: ignore[attr-defined]
    services.journal.write("no one named here")


def rows(app: BreakwellApp, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_people_lists_who_you_wrote_about_with_their_entries(services: Services) -> None:
    _write(services)
    services.people.set_why("anna", "gives more than she takes")
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert rows(app, "#people") == [
            ["@anna", "2", "today 21:00", "gives more than she takes"],
            ["@bob", "1", "today 20:00", ""],
        ]
        assert "gives more than she takes" in text_of(app, "#person-why")
        assert [r[2] for r in rows(app, "#person-entries")] == [
            "@anna asked before quoting",
            "@Anna shares what she learns, unlike @bob",
        ]
        await pilot.press("down")
        await settle(pilot)
        assert "No line yet" in text_of(app, "#person-why")
        assert [r[2] for r in rows(app, "#person-entries")] == [
            "@Anna shares what she learns, unlike @bob"
        ]
        await pilot.press("enter")  # to the entries, then open one
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert "unlike @bob" in app.screen.entry.text
        # Edit and delete belong to the Journal: here they are not offered, and do nothing.
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert not {"e", "d"} & shown
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert len(services.people.entries("bob")) == 1


async def test_without_people_the_section_says_how_they_come(services: Services) -> None:
    services.journal.write("no one named here")
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert rows(app, "#people") == []
        assert text_of(app, "#people-hint").startswith("No one yet. Name someone as @name")
        await pilot.press("w")  # no one to say anything about: nothing opens
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)


async def test_the_why_line_is_written_checked_and_cleared_in_a_dialog(
    services: Services,
) -> None:
    _write(services)
    refusals = Refusals()
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG, message_hook=refusals) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WhyForm)
        assert text_of(app, "#why-problem") == ""  # nothing is wrong before typing
        await pilot.press("space", "enter")  # only a space: refused, nothing written
        await settle(pilot)
        assert isinstance(app.screen, WhyForm)
        assert text_of(app, "#why-problem") == "a why line needs some words; --clear removes one"
        assert [p.why for p in services.people.everyone()] == ["", ""]
        await type_text(pilot, "asks before she quotes")
        await settle(pilot)
        assert text_of(app, "#why-problem") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert services.people.everyone()[0].why == "asks before she quotes"
        assert rows(app, "#people")[0][3] == "asks before she quotes"
        assert "asks before she quotes" in text_of(app, "#person-why")
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.query_one("#why", Input).value == "asks before she quotes"
        await pilot.click("#clear")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert services.people.everyone()[0].why == ""
        assert refusals.texts == []


async def test_j_shows_the_persons_entries_in_the_journal_and_the_filter_clears(
    services: Services,
) -> None:
    _write(services)
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("down", "j")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.query_one("#person", Input).value == "@bob"
        entries = app.screen.query_one("#entries", PagedTable)
        assert [entries.get_row_at(n)[3] for n in range(entries.row_count)] == [
            "@Anna shares what she learns, unlike @bob"
        ]
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.screen.query_one("#person", Input).value == ""
        assert entries.row_count == 3


async def test_the_journal_person_filter_is_typed_and_checked_by_the_journals_rule(
    services: Services,
) -> None:
    _write(services)
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one("#person", Input).focus()
        await type_text(pilot, "ANNA")
        await settle(pilot)
        entries = app.screen.query_one("#entries", PagedTable)
        assert entries.row_count == 2
        assert text_of(app, "#count") == "2 shown"
        await type_text(pilot, ".")
        await settle(pilot)
        assert text_of(app, "#count") == (
            "'ANNA.' is not a name the journal picks up, such as @alice"
        )


async def test_a_long_list_of_entries_says_how_many_more_the_journal_has(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("breakwell.tui.screens.people.ENTRIES_SHOWN", 2)
    for n in range(3):
        services.journal.write(f"@fay number {n}")
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert len(rows(app, "#person-entries")) == 2
        box = app.screen.query_one("#person-detail")
        assert box.border_subtitle == "newest 2 of 3 · j shows all"
