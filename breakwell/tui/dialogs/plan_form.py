"""Adding or editing a plan, checked as you type with the command line's own messages."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, RadioSet, SelectionList

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.durations import format_duration
from breakwell.domain.errors import BreakwellError
from breakwell.domain.plans import Plan, check_name
from breakwell.domain.recurrence import Recurrence, recurrence_from
from breakwell.services import Services
from breakwell.tui.dialog import Dialog
from breakwell.tui.tasks import run_task
from breakwell.tui.widgets.fields import (
    choice_group,
    choice_set,
    chosen,
    filled,
    platform_list,
    show_problem,
)

# Each field: its label, and a hint below it (a placeholder would look like a value).
# In the order they are shown: each kind shows some of them.
FIELDS = {
    "cron": ("Cron", "Minute hour day month weekday: 0 12 * * 1-5."),
    "every": ("Every", "Days, such as sunday, weekdays or mon,wed."),
    "at": ("At", "When each break starts, such as 09:00."),
    "for": ("For", "How long each lasts, such as 24h or 45m."),
    "from": ("From", "When the window opens, such as 21:00."),
    "to": ("To", "When it closes, such as 07:00."),
}

# The kinds of plan, each with the fields it takes, in the order they are asked.
KINDS = {
    "weekly": ("A weekly time", ("every", "at", "for")),
    "window": ("A nightly window", ("every", "from", "to")),
    "cron": ("A cron rule", ("cron", "for")),
}


KIND_LABELS = {kind: label for kind, (label, _) in KINDS.items()}


def kind_of(values: dict[str, str]) -> str:
    """Which kind of plan `form_values` describe."""
    if "cron" in values:
        return "cron"
    return "window" if "from" in values else "weekly"


def form_values(rule: Recurrence) -> dict[str, str]:
    """The friendly fields that give back `rule`, or its cron expression when none do."""
    minute, hour, dom, month, dow = rule.cron.split()
    if dom == month == "*" and minute.isdigit() and hour.isdigit():
        clock = f"{int(hour):02d}:{int(minute):02d}"
        if rule.until is not None:
            return {"every": dow, "from": clock, "to": rule.until.strftime("%H:%M")}
        return {"every": dow, "at": clock, "for": format_duration(rule.length)}
    return {"cron": rule.cron, "for": format_duration(rule.length)}


class PlanForm(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="plan.cancel", tooltip="Close without saving."),
        Binding("ctrl+s", "save", "Save", id="plan.save", tooltip="Save the plan."),
    ]

    def __init__(self, services: Services, plan: Plan | None = None) -> None:
        super().__init__()
        self.services = services
        self.plan = plan
        self._kind = kind_of(form_values(plan.recurrence)) if plan is not None else "weekly"

    def compose(self) -> ComposeResult:
        settings = self.services.preferences
        plan = self.plan
        values = form_values(plan.recurrence) if plan is not None else {}
        chosen_platforms = plan.platforms if plan is not None else settings.default_platforms
        mode = plan.mode if plan is not None else settings.default_mode
        strict = plan.strictness if plan is not None else settings.default_strictness
        with Vertical(id="dialog", classes="tall") as dialog:
            dialog.border_title = f"Edit {plan.label}" if plan is not None else "Add a plan"
            with VerticalScroll():
                yield Label("Repeats as", classes="section-label")
                yield choice_set(list(KINDS), self._kind, "plan-kind", labels=KIND_LABELS)
                for key, (label, hint) in FIELDS.items():
                    with Vertical(classes="plan-field", id=f"field-{key}"):
                        with Horizontal(classes="row"):
                            yield Label(label, classes="field-label")
                            yield Input(values.get(key, ""), id=f"plan-{key}")
                        yield Label(hint, classes="hint field-hint")
                yield Label("", id="plan-problem", classes="problem")
                with Vertical(classes="plan-field"):
                    with Horizontal(classes="row"):
                        yield Label("Name", classes="field-label")
                        yield Input(plan.name if plan is not None else "", id="plan-name")
                    yield Label(
                        "Optional: shown as each break's intention.", classes="hint field-hint"
                    )
                yield Label("Platforms", classes="section-label")
                yield platform_list(settings.catalogue, chosen_platforms, "plan-platforms")
                with Horizontal(classes="row choices"):
                    yield choice_group("Mode", [m.value for m in Mode], mode, "plan-mode")
                    yield choice_group(
                        "Strictness", [s.value for s in Strictness], strict, "plan-strictness"
                    )
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self._show_kind()
        if self.plan is not None:
            # Editing: the kind is chosen already, so its first field takes the cursor.
            self.query_one(f"#plan-{KINDS[self._kind][1][0]}", Input).focus()
            self.rule()
        else:
            self.query_one("#plan-kind", RadioSet).focus()

    def _show_kind(self) -> None:
        wanted = KINDS[self._kind][1]
        for key in FIELDS:
            self.query_one(f"#field-{key}").display = key in wanted

    @on(RadioSet.Changed, "#plan-kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        if event.pressed.name and event.pressed.name != self._kind:
            self._kind = event.pressed.name
            self._show_kind()
            self.rule()

    def _field(self, key: str) -> str | None:
        """What a field of the chosen kind says; the other kinds' fields are not asked."""
        if key not in KINDS[self._kind][1]:
            return None
        return filled(self.query_one(f"#plan-{key}", Input))

    def rule(self) -> Recurrence | None:
        problem = self.query_one("#plan-problem", Label)
        try:
            rule = recurrence_from(
                every=self._field("every"),
                at=self._field("at"),
                length=self._field("for"),
                start=self._field("from"),
                end=self._field("to"),
                cron=self._field("cron"),
            )
            check_name(self.query_one("#plan-name", Input).value)
            if not self.query_one("#plan-platforms", SelectionList).selected:
                show_problem(problem, "a plan needs at least one platform", error=True)
                return None
        except BreakwellError as error:
            show_problem(problem, str(error), error=True)
            return None
        described = rule.describe()
        show_problem(problem, described[:1].upper() + described[1:], error=False)
        return rule

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        self.rule()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        rule = self.rule()
        if rule is None:
            return
        platforms = list(self.query_one("#plan-platforms", SelectionList).selected)
        mode, strictness = (
            chosen(self.query_one("#plan-mode", RadioSet)),
            chosen(self.query_one("#plan-strictness", RadioSet)),
        )
        name = self.query_one("#plan-name", Input).value
        plans, plan = self.services.plans, self.plan

        def save() -> Plan:
            mode_value = Mode(mode) if mode else None
            strict_value = Strictness(strictness) if strictness else None
            if plan is not None and plan.id is not None:
                return plans.edit(
                    plan.id,
                    rule,
                    platforms=platforms,
                    mode=mode_value,
                    strictness=strict_value,
                    name=name,
                )
            return plans.add(
                rule, platforms=platforms, mode=mode_value, strictness=strict_value, name=name
            )

        run_task(self.app, save, self._saved, name="plan-save", writes=True)

    def _saved(self, plan: Plan) -> None:
        self.app.notify(f"{plan.label.capitalize()}: {plan.recurrence.describe()}.", title="Saved")
        if self.is_attached:
            self.dismiss()

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        self.dismiss()
