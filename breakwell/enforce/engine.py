"""The enforcement engine: keeps the machine in line with the database, on schedule.

Every pass of `reconcile` is idempotent: it turns plans into breaks, applies transitions that
have come due, makes the hosts file block exactly what the running breaks need (every one of
them, each with the domains it keeps from its start), tells the person about new events, and
rebuilds the scheduler's jobs from what the database says.

The jobs are this engine's own bound methods, each given the break id it was made for. They
hold no state of their own: each asks the engine to bring things in line with the database,
which is the only truth, so a job that fires late, or twice, does the right thing once.

On taking over, the engine first makes the event log agree with the hosts file: a block
found other than the log last said (an enforcer killed between writing the file and logging
it) is recorded, and a hosts file used before the config named another is cleared of
breakwell's block, or what is left there is recorded and shown.

When the database cannot be reached (a server restarting, a laptop off the network), nothing
is decided without it: the block stays exactly as it was, every tick tries again, and the
first pass that succeeds catches up on whatever came due meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.errors import StoreUnavailable
from breakwell.domain.events import EventKind
from breakwell.enforce.apps import AppWatcher
from breakwell.enforce.blocker import Blocker, BlockUnavailable
from breakwell.enforce.found import FoundBlock, domains_text, said_domains
from breakwell.enforce.notify import Notifier
from breakwell.services import Services

log = logging.getLogger("breakwell.engine")

WATCH_JOB = "watch"
JOB_DEFAULTS = {
    # Run however late: a transition that came due while the machine slept must still happen
    # (APScheduler's default grace of one second would silently drop it).
    "misfire_grace_time": None,
    "coalesce": True,
    "max_instances": 1,
}


class Engine:
    def __init__(
        self,
        services: Services,
        scheduler: Any,
        notifier: Notifier,
        blocker: Blocker | None = None,
        apps: AppWatcher | None = None,
        *,
        watch_seconds: float = 2.0,
        full_pass_every: int = 30,
        after_pass: Callable[[], None] | None = None,
    ) -> None:
        self.services = services
        self.scheduler = scheduler
        self.notifier = notifier
        self.blocker = blocker
        self.apps = apps
        self.watch_seconds = watch_seconds
        self._full_pass_every = full_pass_every
        self._enforcing = services.enforcement
        self._changes = self._enforcing.watch_changes()
        self._lock = threading.RLock()
        self._ticks = 0
        self._running: tuple[Break, ...] = ()
        # The break the block's events are told under: the first running break it holds for.
        self._block_owner: int | None = None
        self._applied: tuple[str, ...] | None = None
        self._block_problem: str | None = None
        self._lost_at: datetime | None = None
        # Called after every full pass, from the thread that ran it (the app refreshes).
        self.after_pass = after_pass

    @property
    def device(self) -> str:
        return self._enforcing.device

    # Life cycle -------------------------------------------------------------------------

    def prepare(self) -> None:
        """Take over: reconcile with the database and add the watch tick. Start the scheduler
        afterwards (a blocking scheduler's start does not return)."""
        # A new device starts listening here, before its first pass, so what that pass
        # does (a block that failed, a break it completed) is told too.
        self.services.notifications.start_listening()
        self._account_for_hosts_files()
        self._log(EventKind.ENFORCER_STARTED, None, f"{self.device}")
        self.reconcile()
        self.scheduler.add_job(
            self.watch,
            "interval",
            seconds=self.watch_seconds,
            id=WATCH_JOB,
            replace_existing=True,
        )

    def close(self) -> None:
        """Stop enforcing. The block stays while a break runs: stopping the enforcer is not a
        way out of a break; the next enforcer to start takes over where this one left off."""
        with self._lock:
            try:
                self._log(EventKind.ENFORCER_STOPPED, None, self.device)
            except StoreUnavailable as problem:
                log.warning("stopping without recording it: %s", problem)
            self._changes.close()
            if self.blocker is not None:
                self.blocker.close()
            self._unschedule()

    # Passes -----------------------------------------------------------------------------

    def reconcile(self) -> None:
        with self._lock:
            try:
                self._pass()
            except StoreUnavailable as problem:
                self._unreachable(problem)
                return
            self._reachable()
        if self.after_pass is not None:
            self.after_pass()

    def _pass(self) -> None:
        # Marked first: whatever anyone commits from here on, this pass included, shows as a
        # change at the next tick, so nothing committed meanwhile can be missed.
        self._changes.mark()
        # Once per pass: what follows reads the breaks as they now stand.
        self.services.settle()
        self.services.plans.materialize()
        open_breaks = self.services.breaks.open_breaks()
        # Every running break, not the first: an import or another device can make two.
        self._running = tuple(b for b in open_breaks if b.status is BreakStatus.ACTIVE)
        self._enforce()
        self._deliver()
        self._weekly_review()
        self._schedule(open_breaks)

    def watch(self) -> None:
        with self._lock:
            self._ticks += 1
            if (
                self._lost_at is not None
                or self._changes.changed()
                or self._ticks % self._full_pass_every == 0
            ):
                self.reconcile()
                return
            try:
                # Nothing new in the database: still put back a block someone removed.
                self._enforce()
                self._deliver()
            except StoreUnavailable as problem:
                self._unreachable(problem)

    def transition(self, break_id: int) -> None:
        """A job: the break is due to start or end. A pass settles every transition that has
        come due, so the id only says which break the job was made for."""
        self.reconcile()

    def check_in(self, break_id: int) -> None:
        with self._lock:
            try:
                # A break that has ended meanwhile gets no check-in.
                self.services.settle()
                message = self._enforcing.check_in(self.services.breaks.get(break_id))
                if message is not None:
                    self._announce(*message, break_id, "check-in")
            except StoreUnavailable as problem:
                self._unreachable(problem)
                return
            self.reconcile()

    @property
    def unreachable_since(self) -> datetime | None:
        """When the database stopped answering, while it does not."""
        return self._lost_at

    def _unreachable(self, problem: StoreUnavailable) -> None:
        """Decide nothing without the database: keep the block exactly as last applied."""
        # Listen again once it answers: notices sent meanwhile are lost, and the connection may
        # be silently dead (a laptop that slept or changed networks).
        self._changes.close()
        if self._lost_at is None:
            self._lost_at = self.services.clock.now()
            log.warning(
                "the database is unreachable (%s); keeping the current block until it can "
                "confirm the break's state",
                problem,
            )
        if self.blocker is not None and self._applied is not None:
            # A failing block was reported when it first failed.
            with contextlib.suppress(BlockUnavailable):
                self.blocker.apply(self._applied)

    def _reachable(self) -> None:
        if self._lost_at is None:
            return
        lost_at, self._lost_at = self._lost_at, None
        seconds = int((self.services.clock.now() - lost_at).total_seconds())
        log.warning("the database answers again after %d s; caught up", seconds)
        try:
            self._log(EventKind.STORE_UNREACHABLE, None, f"for {seconds} s", at=lost_at)
        except StoreUnavailable as problem:
            self._unreachable(problem)

    # Enforcement ------------------------------------------------------------------------

    def _enforce(self) -> None:
        if self.blocker is not None:
            wanted = self._enforcing.wanted(self._running)
            self._block_owner = wanted.owner
            self._sync_block(wanted.domains, wanted.hold_until)
            self._record_helper_news()
        if self.apps is not None and self._running:
            for seen in self.apps.check(self._running):
                kind = EventKind.APP_CLOSED if seen.closed else EventKind.APP_NUDGED
                self._log(kind, seen.break_id, f"{seen.process} ({seen.platform})")

    def _sync_block(self, domains: tuple[str, ...], hold_until: datetime | None = None) -> None:
        assert self.blocker is not None
        try:
            changed = self.blocker.apply(domains, hold_until)
        except BlockUnavailable as problem:
            if str(problem) != self._block_problem:
                self._block_problem = str(problem)
                log.warning("%s", problem)
                self._log(EventKind.BLOCK_FAILED, self._block_owner, str(problem))
            return
        self._block_problem = None
        # Known before it is logged: if the log cannot be written, the outage keeps this.
        previous, self._applied = self._applied, domains
        if changed:
            restored = domains and domains == previous
            if domains:
                detail = f"{len(domains)} domains" + (", put back" if restored else "")
                self._log(EventKind.BLOCK_APPLIED, self._block_owner, detail)
            else:
                self._log(EventKind.BLOCK_REMOVED, self._block_owner, "")

    def _record_helper_news(self) -> None:
        """Put what the root helper did or refused into the log, whoever ran it: a helper
        run by hand (`sudo breakwell-hosts clear`) is seen at the next tick."""
        assert self.blocker is not None
        for note in self.blocker.helper_news():
            self._log(note.kind, self._block_owner, note.line)

    # Taking over the hosts files --------------------------------------------------------

    def _account_for_hosts_files(self) -> None:
        """Make the log agree with the hosts files before anything else is done to them."""
        if self.blocker is None or not self.blocker.claim():
            return  # another enforcer manages this file and keeps its log
        current = str(self.blocker.hosts_file)
        record = self._enforcing.hosts_record()
        managed, left, last = record.managed, record.left, record.last_state
        # The log's last word is about this file unless the config named another since.
        said = said_domains(last) if managed in (None, current) else 0
        found = FoundBlock.read(self.blocker.hosts_file)
        if not found.agrees_with(said):
            detail = f"{found} (the log said {domains_text(said)})"
            log.warning("found %s", detail)
            self._log(EventKind.BLOCK_FOUND, self._enforcing.running_id(), detail)
        still_left = None
        for earlier in dict.fromkeys(p for p in (managed, left) if p not in (None, current)):
            assert earlier is not None
            if Path(earlier).resolve() == self.blocker.hosts_file.resolve():
                continue  # the same file, named another way
            if not self._clear_earlier(Path(earlier)):
                still_left = still_left or earlier
        self._enforcing.set_hosts_files(current, still_left)

    def _clear_earlier(self, path: Path) -> bool:
        """Clear breakwell's block from a hosts file used before; False if some is left."""
        assert self.blocker is not None
        found = FoundBlock.read(path)
        if found.empty:
            return True
        earlier = self.blocker.for_file(path)
        try:
            earlier.apply([])
        except BlockUnavailable as problem:
            detail = (
                f"{found} is left from before the config named {self.blocker.hosts_file}; "
                f"it could not be cleared: {problem}"
            )
            log.warning("%s", detail)
            self._log(EventKind.BLOCK_LEFT, None, detail)
            return False
        finally:
            earlier.close()
        detail = f"cleared {found}, used before the config named {self.blocker.hosts_file}"
        log.warning("%s", detail)
        self._log(EventKind.BLOCK_LEFT, None, detail)
        return True

    # Telling the person -----------------------------------------------------------------

    # Set by this enforcer's first delivery, the one that folds what came before it.
    _caught_up = False

    def _deliver(self) -> None:
        """Tell what this device has not been told yet. The first delivery after starting
        tells what happened while no enforcer ran in at most one summary."""
        notices = self.services.notifications.due(first=not self._caught_up)
        self._caught_up = True
        for notice in notices or ():
            self._announce(notice.title, notice.body, notice.break_id, notice.about)

    def _weekly_review(self) -> None:
        note = self._enforcing.weekly_note()
        if note is None:
            return
        if note.summary is not None:
            self._announce(*note.summary, None, "weekly review")
        self._log(EventKind.REVIEW_SENT, None, note.week)

    def _announce(self, title: str, body: str, break_id: int | None, about: str) -> None:
        channel = self.notifier.send(title, body)
        self._log(EventKind.NOTIFICATION_SENT, break_id, f"{about} via {channel}: {title}")

    def _log(
        self, kind: EventKind, break_id: int | None, detail: str, at: datetime | None = None
    ) -> None:
        self._enforcing.record(kind, break_id, detail, at)

    # Scheduling -------------------------------------------------------------------------

    def _schedule(self, open_breaks: Sequence[Break]) -> None:
        """Rebuild the jobs from the database: one per coming transition, check-in and plan."""
        wanted: dict[str, tuple[datetime, Callable[..., None], list[int]]] = {}
        for item in open_breaks:
            if item.id is None:
                continue
            if item.status is BreakStatus.PLANNED:
                wanted[f"start:{item.id}"] = (item.starts_at, self.transition, [item.id])
            wanted[f"end:{item.id}"] = (item.ends_at, self.transition, [item.id])
            if (moment := self._enforcing.next_check_in(item)) is not None:
                wanted[f"check-in:{item.id}"] = (moment, self.check_in, [item.id])
        # A plan's next break comes within the horizon.
        if (moment := self.services.plans.next_materialization()) is not None:
            wanted["plans"] = (moment, self.reconcile, [])
        # A commitment's day, week or month turns over, or the weekly review is due.
        wanted["review"] = (self._enforcing.next_turn(), self.reconcile, [])
        for job in self.scheduler.get_jobs():
            if job.id != WATCH_JOB and job.id not in wanted:
                job.remove()
        for job_id, (moment, function, args) in wanted.items():
            current = self.scheduler.get_job(job_id)
            # Kept only if it is this engine's own: an enforcer started on the same scheduler
            # replaces what one before it left.
            if (
                current is not None
                and current.func == function
                and getattr(current.trigger, "run_date", None) == moment
            ):
                continue
            self.scheduler.add_job(
                function, "date", run_date=moment, args=args, id=job_id, replace_existing=True
            )

    def _unschedule(self) -> None:
        """Drop this engine's jobs: once closed, nothing it scheduled runs."""
        for job in self.scheduler.get_jobs():
            if getattr(job.func, "__self__", None) is self:
                # Gone meanwhile (APScheduler's JobLookupError is a KeyError).
                with contextlib.suppress(KeyError):
                    job.remove()
