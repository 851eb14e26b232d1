"""Review: past breaks, trends over the weeks, and what the person learned, in their words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.widgets import Label, Static, TabbedContent, TabPane

from breakwell.domain.breaks import BreakStatus
from breakwell.domain.durations import format_duration
from breakwell.domain.prompts import SCALE_MAX
from breakwell.domain.timefmt import describe_moment
from breakwell.domain.weeks import week_label
from breakwell.services import Services
from breakwell.services.review import BreakSummary, Learned, Trends
from breakwell.tui.base import SectionScreen
from breakwell.tui.screens.detail import BreakDetailScreen
from breakwell.tui.screens.week import WeekLoaded, week_markup
from breakwell.tui.text import cell, platform_names
from breakwell.tui.widgets.charts import bar_rows
from breakwell.tui.widgets.paging import PagedTable

PAGE = 50
WEEKS = 8


class HistoryLoaded(Message):
    def __init__(self, rows: list[BreakSummary], *, first: bool, more: bool) -> None:
        super().__init__()
        self.rows, self.first, self.more = rows, first, more


class InsightsLoaded(Message):
    def __init__(self, trends: Trends, learned: list[Learned]) -> None:
        super().__init__()
        self.trends, self.learned = trends, learned


def mood_text(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return f"{before or '?'} → {after or '?'}"


def dots(mood: int) -> str:
    return "●" * mood + "·" * (SCALE_MAX - mood)


NO_TRENDS = "Nothing to chart yet: trends appear here once you have taken a break."


def trends_text(trends: Trends) -> str:
    # Eight empty weeks and empty charts say less than one line.
    if not (
        any(w.away for w in trends.weekly_away)
        or trends.mood_shifts
        or trends.top_tags
        or trends.completed
        or trends.ended_early
    ):
        return NO_TRENDS
    away = bar_rows(
        [
            (
                w.week_start.strftime("%d %b"),
                w.away.total_seconds(),
                format_duration(w.away) if w.away else "",
            )
            for w in trends.weekly_away
        ]
    )
    moods = (
        "\n".join(
            f"#{i:<4} {dots(before)} → {dots(after)}  {after - before:+d}"
            for i, before, after in trends.mood_shifts
        )
        or "Moods appear once you answer the questions before and after a break."
    )
    tags = bar_rows([(f"#{tag}", float(n), str(n)) for tag, n in trends.top_tags], width=20)
    endings = bar_rows(
        [
            ("completed", float(trends.completed), str(trends.completed)),
            ("ended early", float(trends.ended_early), str(trends.ended_early)),
        ],
        width=20,
    )
    return (
        f"[b]Time away, by week[/b]\n{away}\n\n[b]Mood before → after[/b]\n{moods}\n\n"
        f"[b]Most frequent tags[/b]\n{tags}\n\n[b]Completed vs ended early[/b]\n{endings}"
    )


class ReviewScreen(SectionScreen):
    SECTION = "review"
    AUTO_FOCUS = "#history"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "tab('breaks')", "Breaks", id="review.breaks", tooltip="Past breaks."),
        Binding("w", "tab('week')", "Week", id="review.week", tooltip="One week looked back on."),
        Binding("[", "week(-1)", "Earlier", id="review.earlier", tooltip="The week before."),
        Binding("]", "week(1)", "Later", id="review.later", tooltip="The week after."),
        Binding("t", "tab('trends')", "Trends", id="review.trends", tooltip="Charts over weeks."),
        Binding("l", "tab('learned')", "Learned", id="review.learned", tooltip="What you learned."),
        Binding(
            "k",
            "app.questions",
            "Questions",
            id="review.questions",
            tooltip="The questions asked before and after a break: yours to change.",
        ),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self._rows: list[BreakSummary] = []
        self._shown = 0
        self._loading = False
        self._monday: date | None = None

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="review-tabs"):
            with TabPane("Breaks", id="breaks"):
                yield PagedTable(id="history")
                yield Label("", id="history-hint", classes="hint")
            with TabPane("Week", id="week"), VerticalScroll():
                yield Static("Loading…", id="week-text")
            with TabPane("Trends", id="trends"), VerticalScroll():
                yield Static("Loading…", id="trends-text")
            with TabPane("Learned", id="learned"), VerticalScroll():
                yield Static("Loading…", id="learned-text")

    def on_mount(self) -> None:
        self.query_one("#history", PagedTable).add_columns(
            "#", "Started", "Length", "Status", "Mood", "Notes", "Platforms"
        )

    def reload(self) -> None:
        self._loading = True
        self.load_history(None)
        self.load_insights()
        self.load_week(self._monday)

    @work(thread=True, exclusive=True, group="review-week")
    def load_week(self, monday: date | None) -> None:
        week = week_label(monday) if monday is not None else None
        self.post_message(WeekLoaded(self.services.weekly.review(week)))

    def on_week_loaded(self, message: WeekLoaded) -> None:
        self._monday = message.review.monday
        self.query_one("#week-text", Static).update(week_markup(message.review))

    def action_week(self, step: int) -> None:
        if self._monday is None:
            return
        wanted = self._monday + timedelta(weeks=step)
        if wanted > self.services.weekly.monday():
            self.notify("That week has not begun yet.", title="Week")
            return
        self.action_tab("week")
        self.load_week(wanted)

    @work(thread=True, exclusive=True, group="review-history")
    def load_history(self, before_id: int | None) -> None:
        rows = self.services.review.summaries(PAGE + 1, before_id)
        self.post_message(
            HistoryLoaded(rows[:PAGE], first=before_id is None, more=len(rows) > PAGE)
        )

    @work(thread=True, exclusive=True, group="review-insights")
    def load_insights(self) -> None:
        self.post_message(
            InsightsLoaded(self.services.review.trends(WEEKS), self.services.review.learned())
        )

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        table = self.query_one("#history", PagedTable)
        if message.first:
            table.clear()
            self._rows = []
        now = self.services.clock.now()
        catalogue = self.services.preferences.catalogue
        for row in message.rows:
            item = row.item
            if item.status is BreakStatus.PLANNED:
                continue  # Not past yet: Now and Plan show what is coming.
            ended = item.ended_at or item.ends_at
            length = ended - (item.started_at or item.starts_at)
            table.add_row(
                str(item.id),
                describe_moment(item.started_at or item.starts_at, now),
                format_duration(length) if length.total_seconds() > 0 else "",
                item.status.label,
                mood_text(row.mood_before, row.mood_after),
                str(row.entries) if row.entries else "",
                cell(platform_names(item.platforms, catalogue)),
                key=str(item.id),
            )
        self._rows.extend(message.rows)
        self._shown = table.row_count
        table.has_more = message.more
        self._loading = False
        self.query_one("#history-hint", Label).update(
            "Enter opens a break." if self._shown else "No past breaks yet."
        )

    def on_insights_loaded(self, message: InsightsLoaded) -> None:
        self.query_one("#trends-text", Static).update(trends_text(message.trends))
        now = self.services.clock.now()
        learned = [
            f"[b]{describe_moment(item.answered_at, now)}[/b] · break #{item.break_id}\n"
            f"{escape(item.text)}"
            for item in message.learned
        ]
        self.query_one("#learned-text", Static).update(
            "\n\n".join(learned) or "Your answers to “What did you learn?” gather here."
        )

    def on_paged_table_near_end(self, _: PagedTable.NearEnd) -> None:
        if self._loading or not self._rows:
            return
        self._loading = True
        self.load_history(self._rows[-1].item.id)

    @on(PagedTable.RowSelected, "#history")
    def _open(self, event: PagedTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.push_screen(BreakDetailScreen(self.services, int(event.row_key.value)))

    def action_tab(self, tab: str) -> None:
        self.query_one("#review-tabs", TabbedContent).active = tab
