"""One question on screen, in the form its kind calls for, with an earlier answer beside it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, SelectionList

from breakwell.domain.prompts import CHOICES_HINT, SCALE_MAX, SCALE_MIN, Prompt, PromptKind
from breakwell.tui.text import plain
from breakwell.tui.widgets.fields import chosen

# A checklist is ticked, not typed into.
TICK_HINT = "Tick any that apply (space ticks the highlighted one)."


def app_hint(prompt: Prompt) -> str:
    """The question's hint as the app shows it: the terminal's way of typing several choices
    is said as the app's way of ticking them."""
    if prompt.kind is PromptKind.CHOICES and prompt.hint in ("", CHOICES_HINT):
        return TICK_HINT
    return prompt.hint


class PromptField(Vertical):
    def __init__(self, prompt: Prompt, before: str | None = None) -> None:
        super().__init__(classes="prompt-field", id=f"field-{prompt.key}")
        self.prompt = prompt
        self._before = before

    def compose(self) -> ComposeResult:
        yield Label(plain(self.prompt.text), classes="question")
        hint = app_hint(self.prompt)
        if hint:
            yield Label(plain(hint), classes="hint")
        if self._before:
            yield Label(plain(f"Before, you said: {self._before}"), classes="before")
        yield self._answer_widget()

    def _answer_widget(self) -> Widget:
        kind, key = self.prompt.kind, self.prompt.key
        if kind is PromptKind.SCALE:
            numbers = range(SCALE_MIN, SCALE_MAX + 1)
            return RadioSet(*(RadioButton(str(n), name=str(n)) for n in numbers), id=f"q-{key}")
        if kind is PromptKind.YES_NO:
            return RadioSet(
                RadioButton("yes", name="yes"), RadioButton("no", name="no"), id=f"q-{key}"
            )
        if kind is PromptKind.CHOICES:
            return SelectionList[str](*((plain(c), c) for c in self.prompt.choices), id=f"q-{key}")
        return Input(placeholder="Your answer (or leave blank)", id=f"q-{key}")

    def value(self) -> str:
        """The answer as the command line would take it; blank means skipped."""
        widget = self.query_one(f"#q-{self.prompt.key}")
        if isinstance(widget, RadioSet):
            return chosen(widget) or ""
        if isinstance(widget, SelectionList):
            return ", ".join(str(v) for v in widget.selected)
        assert isinstance(widget, Input)
        return widget.value


def prompt_fields(prompts: Iterable[Prompt], before: Mapping[str, str]) -> list[PromptField]:
    return [PromptField(p, before.get(p.pairs_with) if p.pairs_with else None) for p in prompts]


def answers_of(container: Widget) -> dict[str, str]:
    return {field.prompt.key: field.value() for field in container.query(PromptField)}


def focus_first_answer(container: Widget) -> None:
    """Put the cursor in the first question's answer, so answering starts at once, with the
    questions shown from the top: scrolling to the answer would hide the question above it."""
    answers = container.query("Input, RadioSet, SelectionList")
    if answers:
        answers.first().focus(scroll_visible=False)
    container.scroll_home(animate=False, immediate=True)
