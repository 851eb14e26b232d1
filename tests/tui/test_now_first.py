"""The first screen a new person sees: said once, in plain words, in the middle of a wide
terminal; and Review's trends say in one line that there is nothing yet."""

from datetime import timedelta

from textual.widgets import Static

from breakwell.services import Services
from breakwell.tui.role import Role
from breakwell.tui.screens.review import NO_TRENDS
from tests.tui.helpers import new_app, settle


async def test_a_new_journal_says_press_s_once(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = [
            str(widget.render())
            for widget in app.screen.query("#break-panel > *").results(Static)
            if widget.display
        ]
        assert sum(text.count("Press s") for text in shown) == 1


async def test_without_a_side_column_the_panel_sits_in_the_middle(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#break-panel").region
        assert not app.screen.query_one("#side").display
        left, right = panel.x, 200 - panel.right
        assert abs(left - right) <= 1 and left > 0


async def test_once_there_is_more_the_side_column_shows(services: Services) -> None:
    later = services.clock.now() + timedelta(hours=2)
    services.breaks.start(services.breaks.plan(timedelta(hours=1), at=later))
    app = new_app(services)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#side").display


def test_who_keeps_breaks_is_said_in_plain_words() -> None:
    for role in Role:
        assert "enforc" not in role.value


async def test_a_new_journal_has_one_line_for_trends(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4", "t")
        await settle(pilot)
        trends = app.screen.query_one("#trends-text", Static)
        assert str(trends.render()) == NO_TRENDS
