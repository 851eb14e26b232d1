"""The breakwell app: five sections over one set of services, built elsewhere and passed in.

Its first frame is drawn from Textual and the settings alone; the services (and with them
the database code) are built after it, in a thread, unless they are passed in ready-made.
While they are built, a glance (a quick read that needs no database code) can put the Now
screen's data on screen: the Now screen is then given the services once they are built."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import get_current_worker

from breakwell.domain.clock import Clock, SystemClock
from breakwell.domain.errors import BreakwellError
from breakwell.domain.values import replace
from breakwell.settings.uistate import UiState, load_ui_state, save_ui_state, ui_state_path
from breakwell.tui import collector
from breakwell.tui.base import SectionScreen, built
from breakwell.tui.messages import (
    EngineChanged,
    EngineNotice,
    Glanced,
    NowShown,
    ServicesBuilt,
    ServicesFailed,
    Settled,
    StatusLoaded,
    TaskDone,
    TaskFailed,
    Waiting,
)
from breakwell.tui.role import Role
from breakwell.tui.screens.now import LATEST_SHOWN, NowScreen
from breakwell.tui.tasks import run_task

if TYPE_CHECKING:
    from breakwell.domain.blocking import MachineLook
    from breakwell.domain.breaks import Break
    from breakwell.domain.commitments import Commitment, Standing
    from breakwell.domain.events import EventKind
    from breakwell.domain.glance import Glance
    from breakwell.domain.platforms import Catalogue
    from breakwell.domain.status import Status
    from breakwell.enforce.probe import MachineProbe
    from breakwell.services import Services
    from breakwell.settings import Settings
    from breakwell.tui.enforcement import AppEnforcement

# Reads what the Now screen shows before the services are built, looking at the machine with
# the look given; None where only the services can tell.
GlanceReader = Callable[["MachineLook | None", int], "Glance | None"]

# Builds the services in the app's thread, telling the function it is given of a long wait
# as it begins (an upgrade of the journal), for the app to say on screen.
ServicesBuild = Callable[[Callable[[str], None]], "Services"]

# What works while the Now screen waits for the services: leaving, and Textual's own keys.
ALLOWED_LOADING = frozenset({"leave", "quit", "focus_next", "focus_previous", "bell"})

# Reflections offered on their own are remembered, so a person who says "later" is not asked
# again on every launch; the Now screen keeps listing them.
OFFERED_KEPT = 50

# The most the services' build waits for a glance to be drawn, in seconds: on a busy
# machine the drawing may be slow, and the services are what everything else needs.
GLANCE_DRAWING = 1.0

IN_APP_REFLECTION = "Its after-questions are waiting for you here."


def _nav(key: str, mode: str, title: str) -> Binding:
    return Binding(
        key, f"switch_mode('{mode}')", title, id=f"go.{mode}", show=False, tooltip=f"Go to {title}."
    )


class BreakwellApp(App[None]):
    CSS_PATH = "breakwell.tcss"
    TITLE = "breakwell"
    # The first screen is the Now section's, with a loading line until it has something to show.
    DEFAULT_MODE = "now"
    # Textual declares this without ClassVar, so annotating it here would clash.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (100, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        _nav("1", "now", "Now"),
        _nav("2", "journal", "Journal"),
        _nav("3", "plan", "Plan"),
        _nav("4", "review", "Review"),
        _nav("5", "people", "People"),
        Binding("question_mark", "help", "Help", id="help", tooltip="What each key does here."),
        Binding("q", "leave", "Quit", id="quit", tooltip="Close the app; breaks keep running."),
        # Textual's own ctrl+q, which works from a text field too, asks first as q does.
        Binding("ctrl+q", "leave", "Quit", show=False, priority=True),
        Binding(
            "ctrl+r", "reload", "Reload", id="reload", show=False, tooltip="Read the journal again."
        ),
    ]

    status: reactive[Status | None] = reactive(None, always_update=True)
    role_text: reactive[str] = reactive("")

    def __init__(
        self,
        services: Services | ServicesBuild,
        settings: Settings,
        *,
        enforce: bool = True,
        offer_reflections: bool = True,
        glance: GlanceReader | None = None,
        clock: Clock | None = None,
    ) -> None:
        """`services` ready-made, or a function that builds them, called once in a thread
        after the first frame. `settings` go only to the app's own state and the enforcing
        plumbing; the screens get `services`. With a function, `glance` reads what the Now
        screen shows before they are built, on `clock` (the clock the services will read)."""
        super().__init__()
        self._glance = glance
        self._clock = clock or SystemClock()
        self._services: Services | None = None
        self._build: ServicesBuild | None = None
        if callable(services):
            self._build = services
        else:
            self._services = services
        self._settings = settings
        self._enforce = enforce
        # Made with the services: both need the database code the first frame goes without.
        self.enforcement: AppEnforcement | None = None
        self._probe: MachineProbe | None = None
        # The takeover waits for the Now screen's first data, and is begun once.
        self._takeover_begun = False
        self.blocked: tuple[str, ...] = ()
        self.data_changed: Signal[None] = Signal(self, "data-changed")
        self._offer_reflections = offer_reflections
        self._ui_path = ui_state_path(settings.paths.data_dir)
        self._ui = load_ui_state(self._ui_path)
        self._event_loop: asyncio.AbstractEventLoop | None = None
        # Said in the terminal once the app has closed: who keeps the running break now.
        self.farewell: str | None = None
        # Why the services could not be built, said as one line once the app has closed.
        self.failure: BreakwellError | None = None
        # The breaks seen running at the last status: one gone from it has just ended here.
        self._seen_running: frozenset[int] = frozenset()
        # Titles of engine notices about what the app has just said itself.
        self._told: set[str] = set()
        self._asking_to_quit = False
        # Whether enforcement has been taken over or left to a daemon: a status read before
        # that is the Now screen's first data, not yet the launch's end.
        self._enforcement_decided = enforce is False
        # True once the Now screen shows a status read after enforcement was decided: the
        # launch is over, and bench/first_screen.py waits on it.
        self.launched = False
        # True once the Now screen has shown its status, latest entries and commitments.
        self.now_shown = False
        # The Now section's screen, the first one drawn: a loading line until a glance or the
        # services give it something to show.
        self._now = NowScreen(self._services)
        # Set once the Now screen has drawn its data: the services' build waits for it.
        self._drawn = threading.Event()
        if self._ui.theme in self.available_themes:
            self.theme = self._ui.theme
        self.set_keymap(dict(settings.config.keys))

    @property
    def services(self) -> Services:
        return built(self._services)

    @property
    def catalogue(self) -> Catalogue:
        return self._settings.catalogue

    def now(self) -> datetime:
        clock = self._services.clock if self._services is not None else self._clock
        return clock.now()

    def get_default_screen(self) -> Screen[None]:
        return self._now

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.role_text = "starting…" if self._enforce else Role.OFF.value
        if self._services is not None:
            self._open(self._services)

    def on_ready(self) -> None:
        """The first frame is drawn: only now is the database code imported and built."""
        collector.first_frame()
        if self._services is None:
            self._build_services()

    @work(thread=True, exclusive=True, group="services")
    def _build_services(self) -> None:
        assert self._build is not None
        if self._glance is not None and self._take_glance(self._glance):
            # First, and in this same thread: a glance is only worth having before the
            # services. Their imports wait until it is drawn, so as not to slow the drawing.
            self._drawn.wait(GLANCE_DRAWING)
        try:
            services = self._build(self._tell_waiting)
            # Opens the journal here, where a journal that cannot be opened is said in one
            # line, not in each of the sections' workers as they fail.
            services.settle()
        except BreakwellError as error:
            self.post_message(ServicesFailed(error))
            return
        # What opening the sections and taking over enforcement import, imported here rather
        # than on the UI thread.
        import breakwell.enforce.build
        import breakwell.enforce.probe
        import breakwell.tui.screens.journal
        import breakwell.tui.screens.now
        import breakwell.tui.screens.people
        import breakwell.tui.screens.plan
        import breakwell.tui.screens.review  # noqa: F401

        self.post_message(ServicesBuilt(services))

    def _tell_waiting(self, line: str) -> None:
        # Called in the services' thread; posting is safe from any thread.
        self.post_message(Waiting(line))

    def on_waiting(self, message: Waiting) -> None:
        self._now.show_waiting(message.line)

    def _take_glance(self, read: GlanceReader) -> bool:
        """Read and post a glance; whether there was one."""
        probe = None
        if self._enforce:
            from breakwell.enforce.probe import MachineProbe

            probe = MachineProbe(self._settings)
        try:
            glance = read(probe, LATEST_SHOWN)
            blocked = self._blocked(glance.status) if glance is not None else ()
        except Exception:
            # Only a head start: whatever it cannot read (a row edited by hand, a file gone),
            # the services read again and say in their own words.
            return False
        if glance is None:
            return False
        self.post_message(Glanced(glance, blocked))
        return True

    async def on_glanced(self, message: Glanced) -> None:
        if self._services is not None:
            return  # the services came first: the Now screen reads through them
        self.blocked = message.blocked
        self.status = message.glance.status
        await self._now.show_glance(message.glance)

    def on_now_shown(self, _: NowShown) -> None:
        self.now_shown = True
        self._drawn.set()

    def on_services_built(self, message: ServicesBuilt) -> None:
        self._open(message.services)

    def on_services_failed(self, message: ServicesFailed) -> None:
        self.failure = message.error
        self.exit(return_code=message.error.exit_code)

    def _open(self, services: Services) -> None:
        """Show the sections over the services, and read what the Now screen shows."""
        from breakwell.tui.screens.journal import JournalScreen
        from breakwell.tui.screens.people import PeopleScreen
        from breakwell.tui.screens.plan import PlanScreen
        from breakwell.tui.screens.review import ReviewScreen

        self._services = services
        # Not the sections: the first reads as it mounts, nothing it shows waits on settling.
        self._settle(sections=False)
        if self._enforce:
            from breakwell.enforce.probe import MachineProbe
            from breakwell.tui.enforcement import AppEnforcement

            self.enforcement = AppEnforcement(services, self._settings)
            # Whether running breaks are really blocked is only asked where the app enforces.
            self._probe = MachineProbe(self._settings)
        # Each section is made when first shown, given the services as every dialog is; the
        # Now screen, drawn first, is given them now.
        if not self._now.ready:
            self._now.attach(services)
        # The Now section's stack already holds its screen: named, so it can be gone back to.
        self.add_mode("now", partial(NowScreen, services))
        self.add_mode("journal", partial(JournalScreen, services))
        self.add_mode("plan", partial(PlanScreen, services))
        self.add_mode("review", partial(ReviewScreen, services))
        self.add_mode("people", partial(PeopleScreen, services))
        self.switch_mode("now")
        self.refresh_bindings()

    def on_unmount(self) -> None:
        if self.enforcement is not None:
            from breakwell.enforce.autostart import hand_over

            self.enforcement.close()
            # Released first, so the enforcer started in the background can take the lock.
            self.farewell = hand_over(self.services, self._settings)

    # Status and enforcement --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="settle")
    def _settle(self, *, sections: bool) -> None:
        """Apply what time has brought, once for the whole app, before anything reads: the
        status and the sections only read, so a transition is written by one thread."""
        self.services.settle()
        # Replaced by a newer settling, which reports for every section: one report is enough.
        if not get_current_worker().is_cancelled:
            self.post_message(Settled(sections=sections))

    def on_settled(self, message: Settled) -> None:
        self.load_status()
        if message.sections:
            self.data_changed.publish(None)

    @work(thread=True, exclusive=True, group="status")
    def load_status(self) -> None:
        # Taken before reading: it is set on the app's loop once the takeover's thread has
        # finished, so a read that sees it set sees enforcement in place.
        after_takeover = self._enforcement_decided
        status = self.services.breaks.status(self._probe)
        blocked = self._blocked(status)
        # Replaced by a newer read, which shows what this one would have and more recently.
        if not get_current_worker().is_cancelled:
            self.post_message(StatusLoaded(status, blocked, after_takeover=after_takeover))

    def _blocked(self, status: Status) -> tuple[str, ...]:
        """What the hosts file blocks now. It only matters while a break runs; otherwise it
        is not read at all."""
        from breakwell.enforce import hosts

        return tuple(hosts.read_blocked(self._settings.hosts_file)) if status.active else ()

    def on_status_loaded(self, message: StatusLoaded) -> None:
        if message.after_takeover and not self.launched:
            self.launched = True
            collector.launched()
        self.blocked = message.blocked
        self.status = message.status
        running = frozenset(b.id for b in message.status.running if b.id is not None)
        just_ended, self._seen_running = self._seen_running - running, running
        if self._offer_reflections and message.status.active is None:
            self._offer_reflection(message.status, just_ended)
        if self.enforcement is not None and not self._takeover_begun:
            self._takeover_begun = True
            # Enforcement is taken over only once the Now screen has drawn its first data.
            self.call_after_refresh(self._begin_takeover)

    def _begin_takeover(self) -> None:
        # The engine's scheduler lives on this loop; its jobs run in worker threads.
        self._event_loop = asyncio.get_running_loop()
        self.take_over_enforcement(self._event_loop)
        self.set_interval(2, self.check_for_changes)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Toasts are plain text unless a caller asks for markup: most quote what the person
        wrote (an entry, a rule, a question), where `[/]` would crash the app."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def enforcement_text(self) -> str:
        from breakwell.tui.enforcement import describe_enforcement

        status = self.status
        role = self.enforcement.role if self.enforcement is not None else Role.OFF
        pid = self.enforcement.daemon_pid if self.enforcement is not None else None
        active = status.active if status is not None else None
        not_blocked = status.not_blocked() if status is not None else ()
        return describe_enforcement(
            role,
            active,
            self.blocked,
            self._settings.hosts_file,
            daemon_pid=pid,
            not_blocked=not_blocked,
            running=status.running if status is not None else (),
            now=self.now(),
            posting_open=bool(status.posting_open) if status is not None else False,
        )

    @work(thread=True, exclusive=True, group="enforcement")
    def take_over_enforcement(self, loop: asyncio.AbstractEventLoop) -> None:
        assert self.enforcement is not None
        # The engine calls these from its own threads while holding its lock, so they must
        # not wait for the UI: post_message queues and returns (call_from_thread would block,
        # and the UI closing the engine would then wait on that lock forever).
        role = self.enforcement.take_over(
            loop, toast=self._engine_notice, changed=self._engine_pass
        )
        self.call_from_thread(self._enforcement_ready, role)

    def _engine_notice(self, title: str, body: str) -> None:
        self.post_message(EngineNotice(title, body))

    def _engine_pass(self) -> None:
        self.post_message(EngineChanged())

    def _enforcement_ready(self, role: Role) -> None:
        assert self.enforcement is not None
        self.enforcement.start_scheduler()
        self.role_text = role.value
        if self.enforcement.problem is not None:
            self.notify(self.enforcement.problem, title="Not enforcing", severity="error")
        self._enforcement_decided = True
        # The takeover follows the first status: read again, now knowing who enforces.
        self.load_status()

    def told(self, kind: EventKind, item: Break | None = None) -> None:
        """The app has just said this itself (a break it started, ended or slipped): the
        engine's notice of the same event, in the words notifications use, is not shown too."""
        from breakwell.domain.events import Event
        from breakwell.domain.notices import message_for

        event = Event(self.services.clock.now(), kind, item.id if item is not None else None)
        said = message_for(event, item, self.services.preferences.catalogue.name_of)
        if said is not None:
            self._told.add(said[0])

    def on_engine_notice(self, message: EngineNotice) -> None:
        from breakwell.domain.notices import REFLECTION_WAITING

        if message.title in self._told:
            self._told.discard(message.title)
            return
        # The app shows the after-questions itself: it never sends the person to the CLI.
        body = message.body.replace(REFLECTION_WAITING, IN_APP_REFLECTION)
        self.notify(body, title=message.title)

    def on_engine_changed(self, _: EngineChanged) -> None:
        self.refresh_all()

    @work(thread=True, exclusive=True, group="changes")
    def check_for_changes(self) -> None:
        enforcement = self.enforcement
        if enforcement is None or enforcement.role is not Role.WATCHING:
            return
        if enforcement.daemon_gone():
            # The daemon stopped: take over here rather than leave breaks unenforced.
            self.call_from_thread(self.take_over_enforcement, self._event_loop)
        elif enforcement.changed_elsewhere():
            self.post_message(EngineChanged())

    def refresh_all(self) -> None:
        """Something was written, or time moved on: settle once, then every section reads
        again."""
        self._settle(sections=True)

    def action_reload(self) -> None:
        self.refresh_all()

    # Tasks -------------------------------------------------------------------------------

    def on_task_done(self, message: TaskDone) -> None:
        message.apply()
        if message.changed:
            self.refresh_all()

    def on_task_failed(self, message: TaskFailed) -> None:
        self.notify(message.text, title="Not done", severity="error")

    # Reflections -------------------------------------------------------------------------

    def _offer_reflection(self, status: Status, just_ended: frozenset[int]) -> None:
        """Open the after-questions of the break that has just ended; on launch, of the last
        break to end that was never offered. Older breaks keep waiting on the Now screen."""
        waiting = [b.id for b in status.awaiting_reflection if b.id is not None]
        ended_here = [i for i in waiting if i in just_ended]
        fresh = ended_here or [i for i in waiting if i not in self._ui.offered]
        if not fresh or not isinstance(self.screen, SectionScreen):
            return
        offered = (*self._ui.offered, fresh[0])[-OFFERED_KEPT:]
        self._save_ui(replace(self._ui, offered=offered))
        self.reflect_on(fresh[0])

    def reflect_on(self, break_id: int) -> None:
        from breakwell.tui.dialogs.reflect import ReflectScreen

        self.push_screen(ReflectScreen(self.services, break_id))

    def log_commitment(self, standing: Standing) -> None:
        """Ask, then log one use of a commitment's quota; going over is logged too."""
        from breakwell.tui.dialogs.confirm import ConfirmScreen

        item = standing.commitment
        if item.id is None:
            return
        commitment_id = item.id

        def logged(after: Standing) -> None:
            self.notify(f"{after.commitment.text}: {after.describe()}", title="Logged")

        def answered(yes: bool | None) -> None:
            if yes:
                job = partial(self.services.commitments.log, commitment_id)
                run_task(self, job, logged, name="commitment-log", writes=True)

        question = f"Log one against “{item.text}”? So far: {standing.describe()}."
        self.push_screen(ConfirmScreen("Commitment", question, "Log one"), answered)

    def action_add_commitment(self) -> None:
        from breakwell.tui.dialogs.commitment_form import CommitmentForm

        self.push_screen(CommitmentForm(self.services))

    def archive_commitment(self, standing: Standing) -> None:
        """Ask, then archive a commitment: it takes no more logs, its history stays."""
        from breakwell.tui.dialogs.confirm import ConfirmScreen

        item = standing.commitment
        if item.id is None:
            return
        commitment_id = item.id

        def archived(after: Commitment) -> None:
            self.notify(f"Archived: {after.text}. Its history stays.", title="Commitment")

        def answered(yes: bool | None) -> None:
            if yes:
                job = partial(self.services.commitments.archive, commitment_id)
                run_task(self, job, archived, name="commitment-archive", writes=True)

        question = f"Archive “{item.text}”? It takes no more logs; reviews and exports keep it."
        self.push_screen(ConfirmScreen("Commitment", question, "Archive"), answered)

    def journal_about(self, name: str) -> None:
        """The Journal, filtered to the entries that mention @name."""
        from breakwell.tui.screens.journal import JournalScreen

        self.switch_mode("journal")

        def filtered() -> None:
            screen = self.screen
            if isinstance(screen, JournalScreen):
                screen.filter_person(name)

        self.call_after_refresh(filtered)

    # Themes and help ---------------------------------------------------------------------

    def _remember_theme(self, _: object) -> None:
        if self.theme != self._ui.theme:
            self._save_ui(replace(self._ui, theme=self.theme))

    @property
    def last_platforms(self) -> tuple[str, ...] | None:
        return self._ui.platforms

    def remember_platforms(self, platforms: tuple[str, ...]) -> None:
        if platforms != self._ui.platforms:
            self._save_ui(replace(self._ui, platforms=platforms))

    def _save_ui(self, state: UiState) -> None:
        self._ui = state
        self._write_ui(state)

    @work(thread=True, exclusive=False, group="ui-state")
    def _write_ui(self, state: UiState) -> None:
        save_ui_state(self._ui_path, state)

    async def action_leave(self) -> None:
        """Quit, asking first if something written would be lost."""
        from breakwell.tui.dialogs.confirm import ConfirmScreen
        from breakwell.tui.drafts import unsaved_writing

        draft = unsaved_writing(self)
        if draft is None:
            await self.action_quit()
            return
        if self._asking_to_quit:
            return

        def answered(yes: bool | None) -> None:
            self._asking_to_quit = False
            if yes:
                self.call_later(self.action_quit)

        self._asking_to_quit = True
        question = f"{draft[:1].upper()}{draft[1:]} is not saved. Quit and lose it?"
        self.push_screen(ConfirmScreen("Not saved", question, "Quit without saving"), answered)

    def action_help(self) -> None:
        from breakwell.tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from breakwell.tui.commands import breakwell_commands

        yield from breakwell_commands(self, self.add_plan)
        # Textual's "Keys" panel says less than the app's own Help, listed above.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Saved beside the journal unless told where: Textual's default, the Downloads
        folder, need not exist. Textual's own toast then says where it went."""
        if path is None:
            try:
                path = str(self._settings.paths.screenshots_dir())
            except OSError as error:  # a full disk, a read-only home: said, never a crash
                self.notify(f"Cannot save the screenshot: {error}", severity="error")
                return None
        return super().deliver_screenshot(filename, path, time_format)

    # Actions that open a flow, from any section, the footer or the command palette --------

    def action_start_break(self) -> None:
        from breakwell.tui.dialogs.start import StartScreen

        self.push_screen(StartScreen(self.services))

    def action_observe(self) -> None:
        from breakwell.tui.dialogs.quick import ObserveScreen

        self.push_screen(ObserveScreen(self.services, self.status))

    def action_slip(self) -> None:
        from breakwell.tui.dialogs.quick import SlipScreen

        if self._running_break() is not None:
            self.push_screen(SlipScreen(self.services))

    def action_extend(self) -> None:
        from breakwell.tui.dialogs.quick import ExtendScreen

        active = self._running_break()
        if active is not None:
            self.push_screen(ExtendScreen(self.services, active))

    def action_end_break(self) -> None:
        from breakwell.tui.dialogs.end import EndScreen

        active = self._running_break()
        if active is not None:
            self.push_screen(EndScreen(self.services, active))

    def add_plan(self) -> None:
        from breakwell.tui.dialogs.plan_form import PlanForm

        self.switch_mode("plan")
        self.push_screen(PlanForm(self.services))

    def action_questions(self) -> None:
        from breakwell.tui.screens.questions import QuestionsScreen

        if not isinstance(self.screen, QuestionsScreen):
            self.push_screen(QuestionsScreen(self.services))

    def action_reflect(self) -> None:
        waiting = self.status.awaiting_reflection if self.status is not None else ()
        if not waiting or waiting[0].id is None:
            self.notify("No break is waiting for your reflection.", title="Reflect")
            return
        self.reflect_on(waiting[0].id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what cannot apply now, so the footer shows only keys that do something."""
        if self._services is None:
            # Until the services are built there are no sections to go to or read.
            return action in ALLOWED_LOADING
        status = self.status
        if action in {"slip", "extend", "end_break"}:
            return status is not None and status.active is not None
        if action == "reflect":
            return status is not None and bool(status.awaiting_reflection)
        return True

    def _running_break(self) -> Break | None:
        active = self.status.active if self.status is not None else None
        if active is None:
            self.notify("No break is running. Press s to start one.", title="No break")
        return active
