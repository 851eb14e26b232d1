"""Your questions: what is asked before and after a break, in order; add, reword, move,
retire and restore them."""

from __future__ import annotations

from typing import ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from breakwell.domain.prompts import Phase
from breakwell.domain.questions import KIND_WORDS, Question
from breakwell.services import Services
from breakwell.tui.dialogs.question_form import QuestionForm
from breakwell.tui.host import Host
from breakwell.tui.tasks import run_task
from breakwell.tui.text import cell
from breakwell.tui.widgets.footer import Footer

HINT = "a add · w reword · shift+↑/↓ move · x retire or restore · escape back"


class QuestionsLoaded(Message):
    def __init__(self, questions: list[Question]) -> None:
        super().__init__()
        self.questions = questions


def rows_of(questions: list[Question]) -> list[tuple[Question, str]]:
    """Each question with its place: its number among those asked, or 'retired'."""
    out: list[tuple[Question, str]] = []
    for phase in Phase:
        asked = [q for q in questions if q.phase is phase and q.active]
        out.extend((q, str(n)) for n, q in enumerate(asked, start=1))
        out.extend((q, "retired") for q in questions if q.phase is phase and not q.active)
    return out


class QuestionsScreen(Screen[None]):
    AUTO_FOCUS = "#questions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="questions.back", tooltip="Back to where you were."),
        Binding("a", "add", "Add", id="questions.add", tooltip="Add a question of your own."),
        Binding("w", "reword", "Reword", id="questions.word", tooltip="Word it anew."),
        Binding("shift+up", "move('up')", "Up", id="questions.up", tooltip="Ask it earlier."),
        Binding("shift+down", "move('down')", "Down", id="questions.down", tooltip="Ask it later."),
        Binding(
            "x", "retire", "Retire/restore", id="questions.retire", tooltip="Stop or go on asking."
        ),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._rows: list[tuple[Question, str]] = []
        # The question the cursor stays on when the list is read again after a change.
        self._follow: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="questions-body") as body:
            body.border_title = "Your questions"
            yield Label(
                "Asked before a break starts (after its intention) and after it ends. "
                "Past answers keep the words they were asked with.",
                classes="hint",
            )
            yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            yield Label(HINT, id="questions-hint", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#questions", DataTable).add_columns("When", "#", "Question", "Kind", "Key")
        cast(Host, self.app).data_changed.subscribe(self, self._changed)
        self.reload()

    def _changed(self, _: None) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="questions-load")
    def reload(self) -> None:
        self.post_message(QuestionsLoaded(self.services.prompts.all()))

    def on_questions_loaded(self, message: QuestionsLoaded) -> None:
        table = self.query_one("#questions", DataTable)
        row = table.cursor_row
        table.clear()
        self._rows = rows_of(message.questions)
        previous: Phase | None = None
        for question, place in self._rows:
            prompt = question.prompt
            kind = KIND_WORDS[prompt.kind]
            if prompt.choices:
                kind = f"{kind} ({len(prompt.choices)})"
            table.add_row(
                prompt.phase.value if prompt.phase is not previous else "",
                place,
                cell(prompt.text),
                kind,
                prompt.key,
                key=prompt.key,
            )
            previous = prompt.phase
        keys = [q.key for q, _ in self._rows]
        if self._follow in keys:
            row = keys.index(self._follow)
        if self._rows:
            table.move_cursor(row=min(row, len(self._rows) - 1))

    def selected(self) -> Question | None:
        table = self.query_one("#questions", DataTable)
        if not self._rows or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row][0]

    def action_add(self) -> None:
        self.app.push_screen(QuestionForm(self.services), self._follow_key)

    def action_reword(self) -> None:
        question = self.selected()
        if question is not None:
            self.app.push_screen(QuestionForm(self.services, question), self._follow_key)

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_reword()

    def _follow_key(self, key: str | None) -> None:
        if key is not None:
            self._follow = key

    def action_move(self, where: str) -> None:
        question = self.selected()
        if question is None:
            return
        key, prompts = question.key, self.services.prompts
        self._follow = key
        run_task(self.app, lambda: prompts.move(key, where), name="question-move", writes=True)

    def action_retire(self) -> None:
        question = self.selected()
        if question is None:
            return
        key, prompts = question.key, self.services.prompts
        self._follow = key
        if question.active:
            job, said = (lambda: prompts.retire(key)), "no longer asked; past answers stay"
        else:
            job, said = (lambda: prompts.restore(key)), "asked again, last"
        run_task(
            self.app,
            job,
            lambda q: self.app.notify(f"“{q.prompt.text}”: {said}.", title="Questions"),
            name="question-retire",
            writes=True,
        )

    def action_close(self) -> None:
        self.dismiss()
