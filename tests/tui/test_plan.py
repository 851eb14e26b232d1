"""Plans in the app: the form checks as you type, then add, edit, pause and remove."""

from sqlalchemy import text
from textual.widgets import DataTable, Input

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.recurrence import recurrence_from
from breakwell.services import Services
from breakwell.tui.dialogs.confirm import ConfirmScreen
from breakwell.tui.dialogs.plan_form import PlanForm, form_values
from breakwell.tui.screens.plan import PlanScreen
from tests.journal import database_of
from tests.tui.helpers import new_app, settle, text_of, type_text

BIG = (120, 50)


async def test_add_edit_pause_and_remove_a_plan(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert "No plans yet" in text_of(app, "#plan-hint")
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PlanForm)
        form.query_one("#plan-every", Input).focus()
        await type_text(pilot, "sundays")
        form.query_one("#plan-at", Input).focus()
        await type_text(pilot, "09:00")
        # The command line's own words, while the form is still incomplete.
        assert text_of(app, "#plan-problem") == (
            "give --at TIME with --for LENGTH, or --from TIME with --to TIME"
        )
        form.query_one("#plan-for", Input).focus()
        await type_text(pilot, "24h")
        assert text_of(app, "#plan-problem") == "Every Sunday at 09:00 for 1d"
        form.query_one("#plan-name", Input).focus()
        await type_text(pilot, "Sunday off")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        table = app.screen.query_one("#plans")
        assert table.row_count == 1  # type: ignore[attr-defined]
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PlanForm)
        assert form.query_one("#plan-at", Input).value == "09:00"
        assert form.query_one("#plan-name", Input).value == "Sunday off"
        form.query_one("#plan-for", Input).value = "12h"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [view] = services.plans.views()
        assert view.plan.recurrence.length.total_seconds() == 12 * 3600
        assert view.plan.name == "Sunday off"
        await pilot.press("p")
        await settle(pilot)
        assert services.plans.views()[0].plan.paused
        await pilot.press("p")
        await settle(pilot)
        assert not services.plans.views()[0].plan.paused
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
    assert services.plans.views() == []


async def test_an_edit_keeps_what_was_not_changed(services: Services) -> None:
    rule = recurrence_from(every="weeknight", start="21:00", end="07:00")
    services.plans.add(rule, platforms=["x"], strictness=Strictness.FIRM, name="nights")
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    [view] = services.plans.views()
    assert view.plan.recurrence == rule
    assert view.plan.platforms == ("x",)
    assert view.plan.strictness is Strictness.FIRM and view.plan.name == "nights"


def test_form_values_give_back_the_rule() -> None:
    for options in (
        {"every": "sunday", "at": "09:00", "length": "1d"},
        {"every": "weeknight", "start": "21:00", "end": "07:00"},
        {"cron": "0 12 * * 1-5", "length": "45m"},
    ):
        rule = recurrence_from(**options)
        values = form_values(rule)
        again = recurrence_from(
            every=values.get("every"),
            at=values.get("at"),
            length=values.get("for"),
            start=values.get("from"),
            end=values.get("to"),
            cron=values.get("cron"),
        )
        assert again == rule


async def test_a_broken_plan_is_named_with_its_reason_and_the_others_listed(
    services: Services,
) -> None:
    for at in ("09:00", "10:00"):
        rule = recurrence_from(every="day", at=at, length="1h")
        services.plans.add(rule, platforms=["x"], timezone="UTC")
    with database_of(services).write() as session:
        session.execute(text("UPDATE plans SET rule = 'every full moon' WHERE id = 2"))
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one("#plans", DataTable).row_count == 1
        hint = text_of(app, "#plan-hint")
        assert "Plan #2 is broken and makes no breaks (invalid cron expression" in hint
        assert "breakwell plan remove 2" in hint
