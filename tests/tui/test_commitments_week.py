"""Commitments on Now, logged with Enter after a question; the Week tab in Review."""

from datetime import timedelta

from textual.widgets import OptionList, Static, TabbedContent

from breakwell.services import Services
from breakwell.tui.dialogs.confirm import ConfirmScreen
from breakwell.tui.screens.now import NowScreen
from breakwell.tui.screens.review import ReviewScreen
from tests.tui.helpers import new_app, settle

BIG = (120, 50)


async def test_a_commitment_is_shown_on_now_and_logged_after_asking(services: Services) -> None:
    item = services.commitments.add("one political post", 1, "week")
    assert item.id is not None
    services.commitments.log(item.id)
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NowScreen)
        listed = app.screen.query_one("#commitments", OptionList)
        assert listed.display and listed.option_count == 1
        assert "1 of 1 this week · one political post" in str(listed.get_option_at_index(0).prompt)
        listed.focus()
        listed.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert [s.count for s in services.commitments.standings()] == [2]
        prompt = str(app.screen.query_one("#commitments", OptionList).get_option_at_index(0).prompt)
        assert "over" in prompt and "2 of 1 this week, over by 1" in prompt
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")  # asked again, and declined: nothing logged
        await settle(pilot)
        assert [s.count for s in services.commitments.standings()] == [2]


async def test_without_commitments_the_list_is_hidden(services: Services) -> None:
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#commitments", OptionList).display


async def test_the_week_tab_reviews_this_week_and_moves_between_weeks(
    services: Services,
) -> None:
    services.breaks.start(services.breaks.plan(timedelta(hours=2), platforms=["x"]))
    services.journal.write("@anna copies @bob #emulation")
    services.clock.advance(timedelta(hours=2))  # type: ignore[attr-defined]
    services.reflections.reflect(1, {"learned": "loud is not leading"})
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.query_one("#review-tabs", TabbedContent).active == "week"
        text = str(app.screen.query_one("#week-text", Static).content)
        assert "Week 2026-W48" in text
        assert "Time away    2h over 1 break" in text
        assert "#emulation (1)" in text and "@anna (1)" in text
        assert "loud is not leading" in text
        await pilot.press("left_square_bracket")
        await settle(pilot)
        earlier = str(app.screen.query_one("#week-text", Static).content)
        assert "Week 2026-W47" in earlier and "A quiet week" in earlier
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "Week 2026-W48" in str(app.screen.query_one("#week-text", Static).content)
        await pilot.press("right_square_bracket")  # the future has no review
        await settle(pilot)
        assert "Week 2026-W48" in str(app.screen.query_one("#week-text", Static).content)
