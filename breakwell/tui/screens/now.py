"""Now: the running break with its countdown, what is coming, what waits, what was noticed."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.widgets import Button, Digits, Label, OptionList, Static
from textual.widgets.option_list import Option

from breakwell.domain.timefmt import describe_moment
from breakwell.tui.base import SectionScreen
from breakwell.tui.messages import NowShown
from breakwell.tui.text import first_line, plain, platform_names

if TYPE_CHECKING:
    from breakwell.domain.commitments import Standing
    from breakwell.domain.entries import Entry
    from breakwell.domain.glance import Glance
    from breakwell.domain.status import Status
    from breakwell.services import Services

LATEST_SHOWN = 6

WELCOME = (
    "Welcome to breakwell.\n\n"
    "A break is time away from the platforms you choose. You say how long and why, answer a "
    "few questions, and breakwell keeps you to it. While you are away, write down what you "
    "notice; when it ends, look back.\n\n"
    "Press s or the button below to plan your first break."
)


PROGRESS_WIDTH = 40

# Seconds a long wait for the services stays told over the glance, unless they come first:
# an upgrade of a very large journal takes minutes.
WAITING_SHOWN = 600.0


def progress_bar(done: float) -> str:
    """How much of the break is behind, drawn by hand: the same picture at every redraw."""
    part = min(max(done, 0.0), 1.0)
    filled = round(part * PROGRESS_WIDTH)
    rest = PROGRESS_WIDTH - filled
    return f"[$accent]{'━' * filled}[/][$text-muted]{'─' * rest}[/] {part:.0%}"


def countdown(seconds: float) -> str:
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


class CommitmentsLoaded(Message):
    def __init__(self, standings: list[Standing]) -> None:
        super().__init__()
        self.standings = standings


def standing_text(standing: Standing) -> str:
    mark = "" if standing.kept else "[b $warning]over[/] "
    return f"{mark}{escape(standing.describe())} · {escape(standing.commitment.text)}"


class JournalPeek(Message):
    """The latest entries and whether the person has ever taken a break."""

    def __init__(self, latest: list[Entry], first_time: bool) -> None:
        super().__init__()
        self.latest = latest
        self.first_time = first_time


class NowScreen(SectionScreen):
    SECTION = "now"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "app.start_break", "Start", id="break.start", tooltip="Start a break."),
        Binding("o", "app.observe", "Note", id="entry.write", tooltip="Write what you noticed."),
        Binding("l", "app.slip", "Slip", id="break.slip", tooltip="Log giving in, honestly."),
        Binding("e", "app.extend", "Extend", id="break.extend", tooltip="Make the break longer."),
        Binding("x", "app.end_break", "End", id="break.end", tooltip="End the break early."),
        Binding(
            "a", "app.reflect", "Reflect", id="break.reflect", tooltip="Answer the after-questions."
        ),
        # Named in the commitments' title, in help and in the palette: the footer has no room
        # for them at 80 columns.
        Binding(
            "c",
            "app.add_commitment",
            "Commit",
            id="commitment.add",
            tooltip="Set yourself a commitment.",
            show=False,
        ),
        Binding(
            "d",
            "archive_commitment",
            "Archive",
            id="commitment.archive",
            tooltip="Archive the highlighted commitment.",
            show=False,
        ),
    ]

    def __init__(self, services: Services | None) -> None:
        """Without services, it shows a loading line, then a glance if one is given
        (`show_glance`), until they are attached."""
        super().__init__(services)
        self._glance: Glance | None = None
        self._standings: dict[str, Standing] = {}
        # Whether the welcome shows: it already says how to start, so the panel does not.
        self._first_time = False
        # What is on screen so far; once all of it is, the app is told (NowShown).
        self._shown: set[str] = set()
        # Whether the columns are in (_filled), or on their way (_filling): a Now screen made
        # before anything was read shows only a loading line until then.
        self._filled = False
        self._filling = self.ready
        # Whether a long wait for the services was told over the glance (show_waiting).
        self._waiting_told = False

    def compose_body(self) -> ComposeResult:
        if self.ready:
            yield self._columns()
        else:
            # The app's first frame: nothing read yet, so no more drawn than this line.
            yield Label("Loading…", id="loading")

    def _columns(self) -> VerticalScroll:
        panel = Vertical(
            Label("Loading…", id="headline"),
            Digits("", id="countdown"),
            Static("", id="progress"),
            Label("", id="detail"),
            Label("", id="intention"),
            Static("", id="welcome"),
            Button("Start a break", id="start", variant="primary"),
            Label("", id="enforcement"),
            id="break-panel",
        )
        panel.border_title = "Now"
        side = Vertical(
            self._titled(OptionList(id="waiting"), "Waiting for your reflection"),
            self._titled(OptionList(id="upcoming"), "Coming up"),
            self._titled(
                OptionList(id="commitments"), "Commitments · Enter logs one, c adds, d archives"
            ),
            self._titled(OptionList(id="latest"), "Latest in your journal"),
            id="side",
        )
        return VerticalScroll(Horizontal(panel, side, id="now-columns"), id="now-body")

    @staticmethod
    def _titled(widget: OptionList, title: str) -> OptionList:
        widget.border_title = title
        return widget

    def on_mount(self) -> None:
        self._filled = bool(self.query("#now-body"))
        self.watch(self.app, "status", self.show_status)
        self.set_interval(1, self.refresh_countdown)
        if self.ready and not self._filling:
            # Given the services after it was made but before it was mounted.
            self.call_next(self._fill)

    async def show_glance(self, glance: Glance) -> None:
        """What the services will read, read before they were built: shown until they are."""
        if self.ready or self._glance is not None:
            return
        self._glance = glance
        await self._fill()

    def show_waiting(self, line: str) -> None:
        """Why the services are long in coming (an upgrade of the journal): on the loading
        line while it is there, else over the glance, until they come."""
        if self.ready:
            return
        if not self._filling:
            # As written: a path may hold brackets, which markup would read.
            self.query_one("#loading", Label).update(Content(line))
            return
        self.notify(line, title="One moment", timeout=WAITING_SHOWN, markup=False)
        self._waiting_told = True

    def attach(self, services: Services) -> None:
        super().attach(services)
        if self._waiting_told:
            # The wait it told of is over. Every notice is cleared, as nothing else can have
            # been told yet: until the services come, only quitting works (ALLOWED_LOADING).
            self.app.clear_notifications()
            self._waiting_told = False
        if self.is_mounted and not self._filling:
            self.call_next(self._fill)

    async def _fill(self) -> None:
        """Put the columns where the loading line was, once, and show what is known."""
        if self._filling:
            return
        self._filling = True
        loading = self.query_one("#loading")
        # Drawn once, with what is known: not empty first and then again.
        columns = self._columns()
        with self.app.batch_update():
            await self.mount(columns, after=loading)
            await loading.remove()
            self._filled = True
            # Textual gives a screen its first focus as it is composed: these came after.
            if self.focused is None:
                self.set_focus(columns)
            if self.ready:
                self.reload()
            elif self._glance is not None:
                self._show_glance(self._glance)
            self.show_status(self.bw.status)

    def reload(self) -> None:
        if not self._filled:
            return
        self._load()
        self._load_commitments()

    def _show_glance(self, glance: Glance) -> None:
        self.on_journal_peek(JournalPeek(list(glance.latest), glance.first_time))
        self.on_commitments_loaded(CommitmentsLoaded(list(glance.standings)))

    def _part_shown(self, part: str) -> None:
        if part in self._shown:
            return
        self._shown.add(part)
        if self._shown >= {"status", "journal", "commitments"}:
            # After the refresh, so the app hears of it once it is drawn.
            self.call_after_refresh(self.app.post_message, NowShown())

    @work(thread=True, exclusive=True, group="now-commitments")
    def _load_commitments(self) -> None:
        self.post_message(CommitmentsLoaded(self.services.commitments.standings()))

    def on_commitments_loaded(self, message: CommitmentsLoaded) -> None:
        self._standings = {str(s.commitment.id): s for s in message.standings}
        self.refresh_bindings()
        listed = self.query_one("#commitments", OptionList)
        highlighted = listed.highlighted
        listed.clear_options()
        listed.add_options(
            Option(standing_text(s), id=str(s.commitment.id)) for s in message.standings
        )
        listed.display = bool(message.standings)
        self._show_side()
        if highlighted is not None and highlighted < listed.option_count:
            listed.highlighted = highlighted
        self._part_shown("commitments")

    @work(thread=True, exclusive=True, group="now-peek")
    def _load(self) -> None:
        # Here, not at the top: this screen is the first frame's, drawn before the entries'
        # code is loaded.
        from breakwell.domain.entries import EntryQuery
        from breakwell.domain.glance import first_time

        latest = self.services.journal.search(EntryQuery(limit=LATEST_SHOWN))
        any_break = bool(self.services.breaks.history(limit=1))
        self.post_message(JournalPeek(latest, first_time(latest, any_break)))

    def on_journal_peek(self, message: JournalPeek) -> None:
        now = self.bw.now()
        latest = self.query_one("#latest", OptionList)
        latest.clear_options()
        latest.add_options(
            Option(
                plain(f"{describe_moment(e.created_at, now)}  {first_line(e.text)}"), id=str(e.id)
            )
            for e in message.latest
        )
        latest.display = bool(message.latest)
        welcome = self.query_one("#welcome", Static)
        welcome.update(WELCOME if message.first_time else "")
        welcome.display = message.first_time
        self._first_time = message.first_time
        self._show_side()
        self._part_shown("journal")
        if self.bw.status is not None:
            self.show_status(self.bw.status)

    def show_status(self, status: Status | None) -> None:
        if status is None or not self._filled:
            return
        self.app.refresh_bindings()
        active = status.active
        catalogue = self.bw.catalogue
        for selector in ("#countdown", "#progress", "#intention"):
            self.query_one(selector).display = active is not None
        self.query_one("#start", Button).display = active is None
        headline = self.query_one("#headline", Label)
        detail = self.query_one("#detail", Label)
        if active is None:
            headline.update("No break is running")
            detail.update("" if self._first_time else "Press s to start one, now or for later.")
            detail.display = not self._first_time
        else:
            detail.display = True
            headline.update(plain("On a break from " + platform_names(active.platforms, catalogue)))
            until = describe_moment(active.ends_at, status.now)
            detail.update(f"until {until} · {active.strictness.value} · {active.mode.value}")
            self.query_one("#intention", Label).update(
                plain(active.intention or "(no intention written)")
            )
            self.refresh_countdown()
        self.query_one("#enforcement", Label).update(plain(self.bw.enforcement_text()))
        waiting = self.query_one("#waiting", OptionList)
        waiting.clear_options()
        waiting.add_options(
            Option(
                plain(
                    f"{b.label}: {platform_names(b.platforms, catalogue)}, ended "
                    f"{describe_moment(b.ended_at or b.ends_at, status.now)}"
                ),
                id=str(b.id),
            )
            for b in status.awaiting_reflection
        )
        waiting.display = bool(status.awaiting_reflection)
        upcoming = self.query_one("#upcoming", OptionList)
        upcoming.clear_options()
        upcoming.add_options(
            Option(
                plain(
                    f"{describe_moment(b.starts_at, status.now)}  "
                    f"{platform_names(b.platforms, catalogue)} · {b.strictness.value}"
                )
            )
            for b in status.upcoming
        )
        upcoming.display = bool(status.upcoming)
        self._show_side()
        self._part_shown("status")

    def _show_side(self) -> None:
        """The side column only when it lists something: empty, it would push the break
        panel into a corner of a wide terminal."""
        side = self.query_one("#side")
        side.display = any(listed.display for listed in side.query(OptionList))

    def refresh_countdown(self) -> None:
        """Recompute the countdown from the clock; runs every second, reads no database."""
        status = self.bw.status
        if status is None or status.active is None or not self._filled:
            return
        active = status.active
        now = self.bw.now()
        self.query_one("#countdown", Digits).update(
            countdown((active.ends_at - now).total_seconds())
        )
        begun = active.started_at or active.starts_at
        length = (active.ends_at - begun).total_seconds()
        done = (now - begun).total_seconds() / length if length > 0 else 1.0
        self.query_one("#progress", Static).update(progress_bar(done))
        # "Starting the block…" turns into the fault it is if the block never comes.
        self.query_one("#enforcement", Label).update(plain(self.bw.enforcement_text()))

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        if self.ready:
            self.bw.action_start_break()

    @on(OptionList.OptionSelected, "#commitments")
    def _log_commitment(self, event: OptionList.OptionSelected) -> None:
        standing = self._standings.get(event.option.id or "")
        if standing is not None and self.ready:
            self.bw.log_commitment(standing)

    def action_archive_commitment(self) -> None:
        listed = self.query_one("#commitments", OptionList)
        index = listed.highlighted
        option = listed.get_option_at_index(index) if index is not None else None
        standing = self._standings.get(option.id or "") if option is not None else None
        if standing is None:
            self.app.notify("Highlight a commitment first, in the list on the right.")
            return
        if self.ready:
            self.bw.archive_commitment(standing)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "archive_commitment":
            return bool(self._standings) and self.ready
        return True

    @on(OptionList.OptionSelected, "#waiting")
    def _reflect(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None and self.ready:
            self.bw.reflect_on(int(event.option.id))
