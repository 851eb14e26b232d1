"""One past break: before and after answers side by side, then its entries in time order."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from breakwell.domain.break_detail import BreakDetail
from breakwell.domain.durations import format_duration
from breakwell.domain.prompts import DEFAULT_PROMPTS, Answer, Phase
from breakwell.domain.timefmt import describe_moment
from breakwell.services import Services
from breakwell.tui.tasks import run_task
from breakwell.tui.text import plain, platform_names
from breakwell.tui.widgets.footer import Footer

_PAIRS = {p.key: p.pairs_with for p in DEFAULT_PROMPTS if p.pairs_with}


def side_by_side(detail: BreakDetail) -> list[tuple[Answer | None, Answer | None]]:
    """Rows of (before, after): an after-answer sits beside the before-answer it looks back on."""
    before = list(detail.answers_for(Phase.BEFORE))
    after = list(detail.answers_for(Phase.AFTER))
    rows: list[tuple[Answer | None, Answer | None]] = []
    used: set[str] = set()
    for answer in before:
        partner = next((a for a in after if _PAIRS.get(a.prompt_key) == answer.prompt_key), None)
        if partner is not None:
            used.add(partner.prompt_key)
        rows.append((answer, partner))
    rows.extend((None, a) for a in after if a.prompt_key not in used)
    return rows


def _cell(answer: Answer | None) -> str:
    if answer is None:
        return ""
    return f"[b]{escape(answer.question)}[/b]\n{escape(answer.value)}"


class BreakDetailScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="detail.back", tooltip="Back to the list."),
    ]

    def __init__(self, services: Services, break_id: int) -> None:
        super().__init__()
        self.services = services
        self.break_id = break_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail-body") as body:
            body.border_title = f"Break #{self.break_id}"
            yield Label("Loading…", id="detail-summary")
            yield Label("", id="detail-intention")
            with Horizontal(classes="pair heading"):
                yield Label("Before", classes="cell")
                yield Label("After", classes="cell")
            yield VerticalScroll(id="pairs")
            yield Label("Entries", classes="section-label")
            yield VerticalScroll(id="detail-entries")
        yield Footer()

    def on_mount(self) -> None:
        run_task(
            self.app,
            lambda: self.services.breaks.detail(self.break_id),
            self._loaded,
            name="detail-load",
        )

    def _loaded(self, detail: BreakDetail) -> None:
        if not self.is_attached:
            return
        item = detail.item
        now = self.services.clock.now()
        begun = item.started_at or item.starts_at
        ended = item.ended_at or item.ends_at
        names = platform_names(item.platforms, self.services.preferences.catalogue)
        summary = (
            f"{names} · {describe_moment(begun, now)} to {describe_moment(ended, now)} "
            f"({format_duration(ended - begun)}) · {item.status.label} · {item.mode.value}"
            f" · {item.strictness.value}"
            f" · {detail.slips} slip{'s' if detail.slips != 1 else ''}"
        )
        if item.end_reason:
            summary += f"\nEnded because: {item.end_reason}"
        self.query_one("#detail-summary", Label).update(plain(summary))
        if item.intention:
            self.query_one("#detail-intention", Label).update(plain(f"Intention: {item.intention}"))
        self.query_one("#pairs").mount_all(
            Horizontal(
                Static(_cell(before), classes="cell"),
                Static(_cell(after), classes="cell"),
                classes="pair",
            )
            for before, after in side_by_side(detail)
        )
        catalogue = self.services.preferences.catalogue
        entries = [
            Static(
                f"[b]{describe_moment(e.created_at, now)}[/b] · {e.kind.value}"
                + (f" · {escape(catalogue.name_of(e.platform))}" if e.platform else "")
                + (f" · edited {describe_moment(e.edited_at, now)}" if e.edited_at else "")
                + f"\n{escape(e.text)}",
                classes="detail-entry",
            )
            for e in detail.entries
        ]
        self.query_one("#detail-entries").mount_all(
            entries or [Label("No entries were written during this break.", classes="hint")]
        )

    def action_close(self) -> None:
        self.dismiss()
