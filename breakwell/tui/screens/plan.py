"""Plan: recurring breaks with their next occurrences; add, edit, pause and remove."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label

from breakwell.domain.plans import BrokenPlan, Plan
from breakwell.domain.timefmt import describe_moment
from breakwell.services import Services
from breakwell.services.plans import PlanView
from breakwell.tui.base import SectionScreen
from breakwell.tui.dialogs.confirm import ConfirmScreen
from breakwell.tui.dialogs.plan_form import PlanForm
from breakwell.tui.tasks import run_task
from breakwell.tui.text import cell, first_line, platform_summary

NEXT_SHOWN = 3


class Layout(NamedTuple):
    upcoming: int  # how many next breaks are listed
    strictness: bool  # whether the strictness has a column
    name: int  # the widest a name is shown


# From the fullest to the leanest: the first that leaves the platforms PLATFORMS_ROOM.
LAYOUTS = (
    Layout(upcoming=2, strictness=True, name=24),
    Layout(upcoming=1, strictness=True, name=24),
    Layout(upcoming=1, strictness=True, name=16),
    Layout(upcoming=1, strictness=False, name=12),
)
PLATFORMS_ROOM = 24
# The platform column never shrinks below this: "6 platforms" and the like.
MIN_PLATFORMS = 11


class PlansLoaded(Message):
    def __init__(self, views: list[PlanView], broken: list[BrokenPlan]) -> None:
        super().__init__()
        self.views = views
        self.broken = broken


class PlanScreen(SectionScreen):
    SECTION = "plan"
    AUTO_FOCUS = "#plans"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="plan.add", tooltip="Add a recurring plan."),
        Binding("e", "edit", "Edit", id="plan.edit", tooltip="Change the selected plan."),
        Binding(
            "p", "toggle_pause", "Pause/resume", id="plan.pause", tooltip="Pause or resume it."
        ),
        Binding("d", "remove", "Remove", id="plan.remove", tooltip="Remove the selected plan."),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self._views: list[PlanView] = []
        self._loaded: PlansLoaded | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="plan-body") as body:
            body.border_title = "Plans"
            yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
            yield Label("", id="plan-hint", classes="hint")

    def on_resize(self) -> None:
        # The platforms are fitted to the width: a new width fits them again.
        if self._loaded is not None:
            self._show(self._loaded)

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="plans-load")
    def _load(self) -> None:
        plans = self.services.plans
        self.post_message(PlansLoaded(plans.views(NEXT_SHOWN), plans.broken()))

    def on_plans_loaded(self, message: PlansLoaded) -> None:
        self._loaded = message
        self._show(message)

    def _show(self, message: PlansLoaded) -> None:
        self._views = message.views
        table = self.query_one("#plans", DataTable)
        row = table.cursor_row
        catalogue = self.services.preferences.catalogue
        width = table.size.width or self.app.size.width - 4
        # The fullest layout that leaves the platforms room to be read, else the leanest.
        for layout in LAYOUTS:
            headers, rows = self._cells(message.views, layout)
            # What the other columns leave (each has a cell of padding on either side, and
            # the platforms' own padding and a scrollbar's width are kept free).
            used = sum(
                max([len(header), *(len(r[i]) for r in rows)]) + 2
                for i, header in enumerate(headers)
            )
            room = width - used - 4
            if room >= PLATFORMS_ROOM:
                break
        room = max(MIN_PLATFORMS, room)
        table.clear(columns=True)
        table.add_columns(*headers, "Platforms")
        for view, cells in zip(message.views, rows, strict=True):
            table.add_row(
                *(cell(c) for c in cells),
                cell(platform_summary(view.plan.platforms, catalogue, room)),
                key=str(view.plan.id),
            )
        if message.views:
            table.move_cursor(row=min(row, len(message.views) - 1))
        hint = self.query_one("#plan-hint", Label)
        # A broken plan cannot be shown as a row (it has no rule to describe), only named.
        broken = [
            f"Plan #{b.id} is broken and makes no breaks ({b.reason}); remove it with: "
            f"breakwell plan remove {b.id}"
            for b in message.broken
        ]
        hint.update(
            "\n".join(
                [
                    "No plans yet. Press a to add one: a day off every Sunday, or screens off on "
                    "weeknights."
                    if not message.views
                    else "a add · e edit · p pause or resume · d remove",
                    # Where two windows meet, what happens (the same lines as plan list).
                    *dict.fromkeys(note for view in message.views for note in view.notes),
                    *broken,
                ]
            )
        )

    def _cells(self, views: list[PlanView], layout: Layout) -> tuple[list[str], list[list[str]]]:
        """The headers and rows but for the platforms, laid out as `layout` says."""
        now = self.services.clock.now()
        headers = ["#", "Name", "When", "Next breaks" if layout.upcoming > 1 else "Next"]
        if layout.strictness:
            headers.append("Strictness")
        rows = []
        for view in views:
            plan = view.plan
            upcoming = view.upcoming[: layout.upcoming]
            cells = [
                str(plan.id),
                first_line(plan.name, layout.name),
                plan.recurrence.describe(),
                "paused" if plan.paused else ", ".join(describe_moment(t, now) for t in upcoming),
            ]
            if layout.strictness:
                cells.append(plan.strictness.value)
            rows.append(cells)
        return headers, rows

    def selected_plan(self) -> Plan | None:
        table = self.query_one("#plans", DataTable)
        if not self._views or table.cursor_row >= len(self._views):
            return None
        return self._views[table.cursor_row].plan

    def action_add(self) -> None:
        self.app.push_screen(PlanForm(self.services))

    def action_edit(self) -> None:
        plan = self.selected_plan()
        if plan is not None:
            self.app.push_screen(PlanForm(self.services, plan))

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_toggle_pause(self) -> None:
        plan = self.selected_plan()
        if plan is None or plan.id is None:
            return
        plans, plan_id = self.services.plans, plan.id
        job = (lambda: plans.resume(plan_id)) if plan.paused else (lambda: plans.pause(plan_id))
        verb = "resumed" if plan.paused else "paused"
        run_task(
            self.app,
            job,
            lambda p: self.app.notify(f"{p.label.capitalize()} {verb}.", title="Plans"),
            name="plan-pause",
            writes=True,
        )

    def action_remove(self) -> None:
        plan = self.selected_plan()
        if plan is None or plan.id is None:
            return
        plan_id = plan.id

        def answered(yes: bool | None) -> None:
            if yes:
                run_task(
                    self.app,
                    lambda: self.services.plans.remove(plan_id),
                    lambda p: self.app.notify(f"{p.label.capitalize()} removed.", title="Plans"),
                    name="plan-remove",
                    writes=True,
                )

        question = f"Remove {plan.label} ({plan.recurrence.describe()})? Breaks it made stay."
        self.app.push_screen(ConfirmScreen("Remove plan", question, "Remove"), answered)
