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
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from breakwell.domain.breaks import Break, BreakStatus, Strictness, blocked_domains
from breakwell.domain.errors import StoreUnavailable
from breakwell.domain.events import Event, EventKind
from breakwell.domain.when import local_midnight
from breakwell.enforce.apps import AppWatcher
from breakwell.enforce.blocker import Blocker, BlockUnavailable
from breakwell.enforce.changes import ChangeWatcher
from breakwell.enforce.digest import due_review, next_review
from breakwell.enforce.found import BLOCK_STATES, FoundBlock, domains_text, said_domains
from breakwell.enforce.messages import (
    catch_up_summary,
    check_in_message,
    happened_at,
    message_for,
)
from breakwell.enforce.notify import Notifier
from breakwell.services import Services
from breakwell.services.weekly_words import short_summary
from breakwell.store import breaks as break_store
from breakwell.store import devices as device_store
from breakwell.store import events as event_store

log = logging.getLogger("breakwell.engine")

WATCH_JOB = "watch"
# Older news is never told, not even in a catch-up summary: it just moves the cursor on.
NOTIFY_WINDOW = timedelta(days=1)
# What happened this long before an enforcer's first delivery happened while none ran: it is
# summed up in one notification instead of replayed (a break started a moment before this
# enforcer was is still told as it comes).
CATCH_UP_MARGIN = timedelta(minutes=1)
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
        self._changes = ChangeWatcher(services.database)
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
        return self.services.settings.device

    # Life cycle -------------------------------------------------------------------------

    def prepare(self) -> None:
        """Take over: reconcile with the database and add the watch tick. Start the scheduler
        afterwards (a blocking scheduler's start does not return)."""
        # A new device starts listening here, before its first pass, so what that pass
        # does (a block that failed, a break it completed) is told too.
        with self.services.database.write() as session:
            device_store.notified_up_to(session, self.device, self.services.clock.now())
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
            now = self.services.clock.now()
            try:
                item = self.services.breaks.get(break_id)
                if item.status is BreakStatus.ACTIVE:
                    title, body = check_in_message(item, item.remaining(now), self._platform_name)
                    self._announce(title, body, break_id, "check-in")
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

    def _blocked_breaks(self) -> list[Break]:
        """The running breaks whose block stands: all but those unblocked in an emergency."""
        if not self._running:
            return []
        with self.services.database.read() as session:
            return [
                item
                for item in self._running
                if item.id is not None and not event_store.emergency_unblocked(session, [item.id])
            ]

    def _wanted(self) -> tuple[tuple[str, ...], datetime | None]:
        """The domains to block, and until when a locked break holds them (if one does)."""
        blocking = self._blocked_breaks()
        self._block_owner = blocking[0].id if blocking else self._first_running_id()
        catalogue = self.services.settings.catalogue
        found = {domain for item in blocking for domain in blocked_domains(item, catalogue)}
        locked = [b.ends_at for b in blocking if b.strictness is Strictness.LOCKED]
        return tuple(sorted(found)), max(locked, default=None)

    def _enforce(self) -> None:
        if self.blocker is not None:
            self._sync_block(*self._wanted())
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

    def _first_running_id(self) -> int | None:
        return self._running[0].id if self._running else None

    # Taking over the hosts files --------------------------------------------------------

    def _account_for_hosts_files(self) -> None:
        """Make the log agree with the hosts files before anything else is done to them."""
        if self.blocker is None or not self.blocker.claim():
            return  # another enforcer manages this file and keeps its log
        current = str(self.blocker.hosts_file)
        now = self.services.clock.now()
        with self.services.database.read() as session:
            managed, left = device_store.hosts_files(session, self.device)
            last = event_store.latest_of(session, BLOCK_STATES, self.device)
        # The log's last word is about this file unless the config named another since.
        said = said_domains(last) if managed in (None, current) else 0
        found = FoundBlock.read(self.blocker.hosts_file)
        if not found.agrees_with(said):
            detail = f"{found} (the log said {domains_text(said)})"
            log.warning("found %s", detail)
            self._log(EventKind.BLOCK_FOUND, self._running_now(), detail)
        still_left = None
        for earlier in dict.fromkeys(p for p in (managed, left) if p not in (None, current)):
            assert earlier is not None
            if Path(earlier).resolve() == self.blocker.hosts_file.resolve():
                continue  # the same file, named another way
            if not self._clear_earlier(Path(earlier)):
                still_left = still_left or earlier
        with self.services.database.write() as session:
            device_store.set_hosts_files(session, self.device, current, still_left, now)

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

    def _running_now(self) -> int | None:
        with self.services.database.read() as session:
            running = [
                b for b in break_store.open_breaks(session) if b.status is BreakStatus.ACTIVE
            ]
        return running[0].id if running else None

    # Telling the person -----------------------------------------------------------------

    # Set by this enforcer's first delivery, the one that folds what came before it.
    _caught_up = False

    def _deliver(self) -> None:
        """Notify about events this device has not dealt with yet, from whichever process.

        The first delivery after starting tells what happened while no enforcer ran in at
        most one summary; from then on each event is told as it comes. Nothing that happened
        more than NOTIFY_WINDOW ago is told at all: the cursor just moves past it."""
        now = self.services.clock.now()
        with self.services.database.read() as session:
            # Read first: the usual answer is "nothing new", and a read takes no write lock.
            cursor = device_store.notified_up_to_now(session, self.device)
            if not event_store.events_after(session, cursor, limit=1):
                self._caught_up = True
                return
        page = 200
        with self.services.database.write() as session:
            cursor = device_store.notified_up_to(session, self.device, now)
            news = last = event_store.events_after(session, cursor, limit=page)
            # Catching up reads the whole backlog, so none of it is told later one by one.
            while not self._caught_up and len(last) == page:
                last = event_store.events_after(session, last[-1].id or cursor, limit=page)
                news = news + last
            if not news:
                self._caught_up = True
                return
            device_store.set_notified(session, self.device, news[-1].id or cursor, now)
            items = break_store.breaks_by_id(
                session, {e.break_id for e in news if e.break_id is not None}
            )
        backlog: list[Event] = []
        live: list[tuple[Event, Break | None]] = []
        for event in news:
            item = items.get(event.break_id) if event.break_id is not None else None
            happened = happened_at(event, item)
            if now - happened > NOTIFY_WINDOW:
                continue
            if not self._caught_up and now - happened > CATCH_UP_MARGIN:
                backlog.append(event)
            else:
                live.append((event, item))
        self._caught_up = True
        summary = catch_up_summary(backlog)
        if summary is not None:
            self._announce(*summary, None, "catch-up")
        for event, item in live:
            message = message_for(event, item, self._platform_name)
            if message is not None:
                self._announce(*message, event.break_id, event.kind.value)

    def _weekly_review(self) -> None:
        """Once per device, Monday morning: the week before, in brief."""
        zone = self.services.commitments.zone
        week = due_review(self.services.clock.now(), zone)
        if week is None:
            return
        with self.services.database.read() as session:
            sent = event_store.recent_events(session, 20, None, [EventKind.REVIEW_SENT])
        if any(e.device == self.device and e.detail == week for e in sent):
            return
        review = self.services.weekly.review(week)
        if review.breaks or review.commitments or review.learned or review.tags:
            self._announce(f"Your week {week}", short_summary(review), None, "weekly review")
        self._log(EventKind.REVIEW_SENT, None, week)

    def _announce(self, title: str, body: str, break_id: int | None, about: str) -> None:
        channel = self.notifier.send(title, body)
        self._log(EventKind.NOTIFICATION_SENT, break_id, f"{about} via {channel}: {title}")

    def _platform_name(self, platform_id: str) -> str:
        return self.services.settings.catalogue.name_of(platform_id)

    def _log(
        self, kind: EventKind, break_id: int | None, detail: str, at: datetime | None = None
    ) -> None:
        moment = at or self.services.clock.now()
        with self.services.database.write() as session:
            event_store.add_event(session, Event(moment, kind, break_id, self.device, detail))

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
            if (moment := self._next_check_in(item)) is not None:
                wanted[f"check-in:{item.id}"] = (moment, self.check_in, [item.id])
        # A plan's next break comes within the horizon.
        if (moment := self.services.plans.next_materialization()) is not None:
            wanted["plans"] = (moment, self.reconcile, [])
        # A commitment's day, week or month turns over, or the weekly review is due.
        wanted["review"] = (self._next_turn(), self.reconcile, [])
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

    def _next_turn(self) -> datetime:
        """The next weekly review, or sooner the moment a commitment's count starts again."""
        now, zone = self.services.clock.now(), self.services.commitments.zone
        turns = [next_review(now, zone)]
        turns += [
            local_midnight(standing.ends, zone)
            for standing in self.services.commitments.standings()
        ]
        return min(turns)

    def _next_check_in(self, item: Break) -> datetime | None:
        minutes = self.services.settings.config.notifications.check_in_minutes
        if not minutes or item.status is not BreakStatus.ACTIVE or item.started_at is None:
            return None
        now, step = self.services.clock.now(), timedelta(minutes=minutes)
        moment = item.started_at + step * (int((now - item.started_at) / step) + 1)
        return moment if moment < item.ends_at else None
