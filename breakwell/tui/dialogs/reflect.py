"""After a break: its after-questions, each beside what the person said before it began."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label

from breakwell.domain.break_detail import BreakDetail
from breakwell.domain.breaks import Break
from breakwell.domain.durations import format_duration
from breakwell.domain.prompts import Phase, Prompt
from breakwell.domain.timefmt import describe_moment
from breakwell.services import Services
from breakwell.tui.dialog import Dialog
from breakwell.tui.tasks import run_task
from breakwell.tui.text import plain, platform_names
from breakwell.tui.widgets.prompts import answers_of, focus_first_answer, prompt_fields


class ReflectScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Later", id="reflect.later", tooltip="Answer another time."),
        Binding("ctrl+s", "save", "Save", id="reflect.save", tooltip="Save your answers."),
    ]

    def __init__(self, services: Services, break_id: int) -> None:
        super().__init__()
        self.services = services
        self.break_id = break_id

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="tall") as dialog:
            dialog.border_title = f"Looking back on break #{self.break_id}"
            yield Label("Loading…", id="reflect-summary")
            yield Label("", id="reflect-intention")
            yield VerticalScroll(id="questions")
            with Horizontal(classes="buttons"):
                yield Button("Later", id="later")
                yield Button("Save answers", id="save", variant="primary")

    def on_mount(self) -> None:
        def load() -> tuple[BreakDetail, tuple[Prompt, ...]]:
            return (
                self.services.breaks.detail(self.break_id),
                self.services.reflections.prompts(Phase.AFTER),
            )

        run_task(self.app, load, self._loaded, name="reflect-load")

    def _loaded(self, loaded: tuple[BreakDetail, tuple[Prompt, ...]]) -> None:
        if not self.is_attached:
            return
        detail, prompts = loaded
        self.query_one("#reflect-summary", Label).update(plain(self._summary(detail.item)))
        if detail.item.intention:
            self.query_one("#reflect-intention", Label).update(
                plain(f"Your intention: {detail.item.intention}")
            )
        before = {a.prompt_key: a.value for a in detail.answers_for(Phase.BEFORE)}
        questions = self.query_one("#questions")
        questions.mount_all(prompt_fields(prompts, before))
        self.call_after_refresh(focus_first_answer, questions)

    def _summary(self, item: Break) -> str:
        now = self.services.clock.now()
        names = platform_names(item.platforms, self.services.preferences.catalogue)
        ended = item.ended_at or item.ends_at
        length = format_duration(ended - (item.started_at or item.starts_at))
        return f"{names}: {length}, {item.status.label} {describe_moment(ended, now)}."

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        answers = answers_of(self.query_one("#questions"))
        run_task(
            self.app,
            lambda: self.services.reflections.reflect(self.break_id, answers),
            self._saved,
            name="reflect-save",
            writes=True,
        )

    def _saved(self, item: Break) -> None:
        self.app.notify(f"Your reflection on {item.label} is saved.", title="Saved")
        if self.is_attached:
            self.dismiss()

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss()
