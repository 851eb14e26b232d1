"""Setting yourself a commitment, checked as you type by the rules `commit add` follows."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet

from breakwell.domain.commitments import MAX_TEXT, Commitment, Period, new_commitment, parse_quota
from breakwell.domain.errors import BreakwellError
from breakwell.services import Services
from breakwell.tui.dialog import Dialog
from breakwell.tui.tasks import run_task
from breakwell.tui.widgets.fields import choice_set, chosen, show_problem


class CommitmentForm(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="dialog.close", tooltip="Close without saving."),
        Binding("ctrl+s", "save", "Save", id="commitment.save", tooltip="Set the commitment."),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        # An empty rule is only called wrong once something was typed or saving was tried.
        self._begun = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            dialog.border_title = "Add a commitment"
            yield Label("A rule you set yourself, counted honestly each period.", classes="hint")
            with Horizontal(classes="row"):
                yield Label("Rule", classes="field-label")
                yield Input(
                    placeholder="at most 1 political post", max_length=MAX_TEXT, id="commit-text"
                )
            with Horizontal(classes="row"):
                yield Label("At most", classes="field-label")
                yield Input("1", placeholder="times", id="commit-max")
            with Horizontal(classes="row choices"):
                yield Label("Per", classes="field-label")
                yield choice_set([p.value for p in Period], Period.WEEK.value, "commit-per")
            yield Label("", id="commit-problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#commit-text", Input).focus()

    def draft(self) -> Commitment | None:
        """The commitment as `commit add` would keep it, or None with the reason shown."""
        problem = self.query_one("#commit-problem", Label)
        try:
            quota = parse_quota(self.query_one("#commit-max", Input).value)
            per = chosen(self.query_one("#commit-per", RadioSet)) or Period.WEEK.value
            item = new_commitment(self.query_one("#commit-text", Input).value, quota, per)
        except BreakwellError as error:
            show_problem(problem, str(error), error=True)
            return None
        show_problem(problem, f"{item.text}: {item.quota}.", error=False)
        return item

    @on(Input.Changed)
    @on(RadioSet.Changed)
    def _changed(self) -> None:
        self._begun = self._begun or bool(self.query_one("#commit-text", Input).value)
        if self._begun:
            self.draft()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        self._begun = True
        item = self.draft()
        if item is None:
            return
        commitments = self.services.commitments

        def add() -> Commitment:
            return commitments.add(item.text, item.max_count, item.period.value)

        run_task(self.app, add, self._saved, name="commitment-add", writes=True)

    def _saved(self, item: Commitment) -> None:
        self.app.notify(f"Commitment #{item.id}: {item.text} ({item.quota}).", title="Set")
        if self.is_attached:
            self.dismiss()

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        self.dismiss()
