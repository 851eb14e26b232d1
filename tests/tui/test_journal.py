"""Writing observations and finding them again, a page at a time."""

from datetime import timedelta

import pytest
from textual.widgets import Input, TextArea

from breakwell.domain.entries import EntryKind, EntryQuery
from breakwell.services import Services
from breakwell.tui.app import BreakwellApp
from breakwell.tui.dialogs.quick import ObserveScreen
from breakwell.tui.screens.journal import PAGE, JournalScreen
from breakwell.tui.widgets.paging import PagedTable
from tests.tui.helpers import new_app, settle, text_of, type_text

BIG = (120, 40)


@pytest.fixture(autouse=True)
def instant_search(monkeypatch: pytest.MonkeyPatch) -> None:
    # The pause between keystrokes and the search is for people; tests need no wait.
    monkeypatch.setattr("breakwell.tui.screens.journal.SEARCH_DELAY", 0)


def table(app: BreakwellApp) -> PagedTable:
    return app.screen.query_one("#entries", PagedTable)


async def test_an_observation_written_on_now_shows_in_the_journal_and_search(
    services: Services,
) -> None:
    services.breaks.start(services.breaks.plan(timedelta(hours=2), platforms=["x"]))
    services.journal.write("an older note about the weather")
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ObserveScreen)
        await type_text(pilot, "people echo the loudest accounts #emulation @bigaccount")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ObserveScreen)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert table(app).row_count == 2
        assert table(app).get_row_at(0)[1:3] == ["observation", "#1"]
        await pilot.press("ctrl+f")
        await type_text(pilot, "loud")
        await settle(pilot)
        assert table(app).row_count == 1
        assert "loudest" in table(app).get_row_at(0)[3]
        assert text_of(app, "#count") == "1 shown"
        await pilot.press("ctrl+l")
        await settle(pilot)
        app.screen.query_one("#tag", Input).focus()
        await type_text(pilot, "emulation")
        await settle(pilot)
        assert table(app).row_count == 1
    found = services.journal.search(EntryQuery(tags=("emulation",)))
    assert [e.kind for e in found] == [EntryKind.OBSERVATION]
    assert found[0].break_id == 1 and found[0].people == ("bigaccount",)


async def test_the_editor_writes_a_note_when_no_break_runs(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "saved as a note" in text_of(app, "#link-hint")
        await pilot.press("w")
        await type_text(pilot, "a quiet morning")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#editor", TextArea).text == ""
        assert table(app).row_count == 1
    assert [e.kind for e in services.journal.search(EntryQuery())] == [EntryKind.NOTE]


async def test_the_list_loads_a_page_at_a_time(services: Services) -> None:
    total = PAGE * 2 + 17
    for n in range(total):
        services.clock.advance(timedelta(minutes=1))  # type: ignore[attr-defined]
        services.journal.write(f"entry number {n}")
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert table(app).row_count == PAGE
        assert table(app).get_row_at(0)[3] == f"entry number {total - 1}"
        table(app).focus()
        for expected in (PAGE * 2, total):
            await pilot.press("ctrl+end")
            await settle(pilot)
            assert table(app).row_count == expected
        assert table(app).get_row_at(total - 1)[3] == "entry number 0"
        assert not table(app).has_more
        assert text_of(app, "#count") == f"{total} shown"


async def test_a_filter_that_cannot_be_read_says_why_and_keeps_the_list(
    services: Services,
) -> None:
    services.journal.write("kept")
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one("#since", Input).focus()
        await type_text(pilot, "the day after never")
        await settle(pilot)
        assert "the day after never" in text_of(app, "#count")
        assert table(app).row_count == 1
