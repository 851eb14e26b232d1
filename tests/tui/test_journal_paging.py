"""The journal's list: Home and End go to its first and last rows, and it says how many in all."""

from datetime import timedelta

from breakwell.services import Services
from breakwell.tui.screens.journal import PAGE
from breakwell.tui.widgets.paging import PagedTable
from tests.tui.helpers import new_app, settle, text_of

BIG = (120, 40)


async def test_end_and_home_go_to_the_last_and_first_entry(services: Services) -> None:
    total = PAGE + 5
    for n in range(total):
        services.clock.advance(timedelta(minutes=1))  # type: ignore[attr-defined]
        services.journal.write(f"entry number {n}")
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("2", "escape")
        await settle(pilot)
        table = app.screen.query_one("#entries", PagedTable)
        assert app.focused is table
        assert text_of(app, "#count") == f"{PAGE} of {total} shown, more below"
        await pilot.press("end")
        await settle(pilot)
        # The last row asks for the next page; End again reaches the very last entry.
        await pilot.press("end")
        await settle(pilot)
        assert table.row_count == total
        assert table.cursor_row == total - 1
        assert table.scroll_x == 0
        assert text_of(app, "#count") == f"{total} shown"
        await pilot.press("home")
        assert table.cursor_row == 0
