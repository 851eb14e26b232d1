"""The plan form asks the kind of plan first, then only that kind's fields; the Plans table
shows every plan's name, and its platforms in the room there is."""

from textual.widgets import DataTable, Input, RadioButton

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.recurrence import recurrence_from
from breakwell.services import Services
from breakwell.tui.dialogs.plan_form import PlanForm
from breakwell.tui.text import platform_summary
from tests.tui.helpers import new_app, settle, text_of, type_text

BIG = (120, 50)


def shown_fields(form: PlanForm) -> list[str]:
    return [f.id or "" for f in form.query(".plan-field") if f.display and f.id]


async def test_the_kind_comes_first_and_shows_only_its_fields(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("3", "a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PlanForm)
        assert form.focused is form.query_one("#plan-kind")
        assert shown_fields(form) == ["field-every", "field-at", "field-for"]
        # No field shows a made-up value: what to type is said in a hint beside it.
        assert all(not field.placeholder for field in form.query(Input))
        window = next(b for b in form.query(RadioButton) if b.name == "window")
        await pilot.click(window)
        assert shown_fields(form) == ["field-every", "field-from", "field-to"]
        form.query_one("#plan-every", Input).focus()
        await type_text(pilot, "weeknight")
        form.query_one("#plan-from", Input).focus()
        await type_text(pilot, "21:00")
        form.query_one("#plan-to", Input).focus()
        await type_text(pilot, "07:00")
        assert text_of(app, "#plan-problem") == "Weeknights at 21:00 for 10h"
        cron = next(b for b in form.query(RadioButton) if b.name == "cron")
        await pilot.click(cron)
        assert shown_fields(form) == ["field-cron", "field-for"]
        # What was typed for another kind is not read with this one.
        form.query_one("#plan-cron", Input).focus()
        await type_text(pilot, "0 12 * * 1-5")
        form.query_one("#plan-for", Input).focus()
        await type_text(pilot, "45m")
        assert "12:00" in text_of(app, "#plan-problem")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [view] = services.plans.views()
    assert view.plan.recurrence == recurrence_from(cron="0 12 * * 1-5", length="45m")


async def test_editing_opens_on_the_plans_own_kind(services: Services) -> None:
    rule = recurrence_from(every="weeknight", start="21:00", end="07:00")
    services.plans.add(rule, platforms=["x"], strictness=Strictness.FIRM, name="nights")
    app = new_app(services)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("3", "e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PlanForm)
        assert shown_fields(form) == ["field-every", "field-from", "field-to"]
        assert form.focused is form.query_one("#plan-every")


async def test_the_plans_table_shows_names_and_fits_platforms(services: Services) -> None:
    every = [p.id for p in services.preferences.catalogue.all()]
    weekly = recurrence_from(every="sunday", at="09:00", length="1d")
    services.plans.add(weekly, platforms=every, name="A day off every Sunday")
    nightly = recurrence_from(every="weeknight", start="22:00", end="07:00")
    services.plans.add(nightly, platforms=every[:6], name="Weeknights")
    for width in (80, 140):
        app = new_app(services)
        async with app.run_test(size=(width, 30)) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            table = app.screen.query_one("#plans", DataTable)
            headers = [str(c.label) for c in table.columns.values()]
            assert headers[1] == "Name"
            rows = [table.get_row_at(i) for i in range(table.row_count)]
            names = ["A day off every Sunday", "Weeknights"]
            assert [r[1] for r in rows] == (names if width == 140 else ["A day off e…", names[1]])
            assert rows[0][-1] == "all 15"
            fitted = "X (Twitter), Facebook +4 more" if width == 140 else "6 platforms"
            assert rows[1][-1] == fitted
            # Nothing is cut off the right-hand side.
            assert table.virtual_size.width <= table.size.width, width


def test_platforms_fit_their_room(services: Services) -> None:
    catalogue = services.preferences.catalogue
    ids = ["x", "instagram", "tiktok", "reddit"]
    assert platform_summary(ids, catalogue, 80) == "X (Twitter), Instagram, TikTok, Reddit"
    assert platform_summary(ids, catalogue, 30) == "X (Twitter), Instagram +2 more"
    assert platform_summary(ids, catalogue, 5) == "4 platforms"
