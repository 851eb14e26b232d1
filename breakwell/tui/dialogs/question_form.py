"""Adding a question of your own, or wording one anew, checked as you type with the rules the
command line applies."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from breakwell.domain.errors import BreakwellError
from breakwell.domain.prompts import Phase, PromptKind
from breakwell.domain.questions import (
    KIND_WORDS,
    Question,
    check_choices,
    check_hint,
    check_kind,
    check_wording,
)
from breakwell.services import Services
from breakwell.tui.dialog import Dialog
from breakwell.tui.tasks import run_task
from breakwell.tui.widgets.fields import chosen, show_problem


def labelled_set(options: list[tuple[str, str]], ticked: str, set_id: str) -> RadioSet:
    """Radio buttons named by value, labelled in words."""
    return RadioSet(
        *(RadioButton(label, value=value == ticked, name=value) for value, label in options),
        id=set_id,
        classes="inline-choices",
    )


def split_choices(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")] if text.strip() else []


class QuestionForm(Dialog[str | None]):
    """Dismissed with the key of the question saved, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="question.cancel", tooltip="Close without saving."),
        Binding("ctrl+s", "save", "Save", id="question.save", tooltip="Save the question."),
    ]

    def __init__(self, services: Services, question: Question | None = None) -> None:
        super().__init__()
        self.services = services
        self.question = question

    def compose(self) -> ComposeResult:
        question = self.question
        prompt = question.prompt if question is not None else None
        with Vertical(id="dialog") as dialog:
            dialog.border_title = (
                f"Reword '{question.key}'" if question is not None else "Add a question"
            )
            with VerticalScroll(id="question-fields"):
                if question is None:
                    with Horizontal(classes="row"):
                        yield Label("Asked", classes="field-label")
                        yield labelled_set(
                            [(p.value, f"{p.value} a break") for p in Phase],
                            Phase.AFTER,
                            "question-phase",
                        )
                    with Horizontal(classes="row"):
                        yield Label("Answer", classes="field-label")
                        yield labelled_set(
                            [(k.value, KIND_WORDS[k]) for k in PromptKind],
                            PromptKind.TEXT,
                            "question-kind",
                        )
                else:
                    kind = KIND_WORDS[question.prompt.kind]
                    yield Label(
                        f"Asked {question.phase.value} a break, answered {kind}. Past answers "
                        "keep the words they were asked with.",
                        classes="hint",
                    )
                with Horizontal(classes="row"):
                    yield Label("Question", classes="field-label")
                    yield Input(
                        prompt.text if prompt is not None else "",
                        placeholder="type the question",
                        id="question-text",
                    )
                with Horizontal(classes="row"):
                    yield Label("Hint", classes="field-label")
                    yield Input(
                        prompt.hint if prompt is not None else "",
                        placeholder="optional: a line shown under the question",
                        id="question-hint",
                    )
                if question is None:
                    with Horizontal(classes="row", id="choices-row"):
                        yield Label("Choices", classes="field-label")
                        yield Input(
                            placeholder="two or more, separated by commas", id="question-choices"
                        )
                yield Label("", id="question-problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#question-text", Input).focus()
        self._show_choices()

    def _kind(self) -> str:
        if self.question is not None:
            return self.question.prompt.kind.value
        return chosen(self.query_one("#question-kind", RadioSet)) or PromptKind.TEXT.value

    def _show_choices(self) -> None:
        if self.question is None:
            self.query_one("#choices-row").display = self._kind() == PromptKind.CHOICES.value

    def _choices(self) -> list[str]:
        if self.question is not None or self._kind() != PromptKind.CHOICES.value:
            return []
        return split_choices(self.query_one("#question-choices", Input).value)

    def check(self) -> bool:
        problem = self.query_one("#question-problem", Label)
        try:
            check_wording(self.query_one("#question-text", Input).value)
            check_hint(self.query_one("#question-hint", Input).value)
            check_choices(check_kind(self._kind()), self._choices())
        except BreakwellError as error:
            show_problem(problem, str(error), error=True)
            return False
        show_problem(problem, "", error=False)
        return True

    @on(RadioSet.Changed)
    def _kind_changed(self) -> None:
        self._show_choices()
        self.check()

    @on(Input.Changed)
    def _typed(self) -> None:
        self.check()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        if not self.check():
            return
        text = self.query_one("#question-text", Input).value
        hint = self.query_one("#question-hint", Input).value
        prompts, question = self.services.prompts, self.question
        if question is not None:
            key = question.key
            run_task(
                self.app,
                lambda: prompts.reword(key, text, hint),
                self._saved,
                name="question-save",
                writes=True,
            )
            return
        phase = Phase(chosen(self.query_one("#question-phase", RadioSet)) or Phase.AFTER.value)
        kind, choices = self._kind(), self._choices()
        run_task(
            self.app,
            lambda: prompts.add(phase, kind, text, hint=hint, choices=choices),
            self._saved,
            name="question-save",
            writes=True,
        )

    def _saved(self, question: Question) -> None:
        self.app.notify(f"“{question.prompt.text}” ({question.key}).", title="Saved")
        if self.is_attached:
            self.dismiss(question.key)

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        self.dismiss(None)
