"""What enforcing decides: which running breaks keep their block, what to block and until
when, what to record, and when the next thing comes due.

The engine (enforce/engine.py) owns only the scheduler, the blocker, the notifier and the app
watcher; every question about the journal it asks here, so the app, the daemon and the
commands share one set of answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import Break, BreakStatus, blocked_domains
from breakwell.domain.clock import Clock
from breakwell.domain.events import BLOCK_STATES, Event, EventKind
from breakwell.domain.notices import check_in_message
from breakwell.domain.review_days import due_review, next_review
from breakwell.domain.values import frozen
from breakwell.domain.when import local_midnight
from breakwell.services.commitments import CommitmentService
from breakwell.services.plans import PlanService
from breakwell.services.weekly import WeeklyService
from breakwell.services.weekly_words import short_summary
from breakwell.settings import Settings
from breakwell.store import Database
from breakwell.store import breaks as break_store
from breakwell.store import devices as device_store
from breakwell.store import events as event_store
from breakwell.store.changes import ChangeWatcher
from breakwell.store.event_rows import EMERGENCY


@frozen
class Wanted:
    """The block the running breaks ask for."""

    domains: tuple[str, ...]
    # Until when a locked break holds it, if one does.
    hold_until: datetime | None
    # The break the block's events are told under: the first running break it holds for.
    owner: int | None


@frozen
class HostsRecord:
    """What the log says of this device's hosts files."""

    managed: str | None  # the file it last blocked in
    left: str | None  # an earlier file a block may be left in
    last_state: Event | None  # the newest word on what the managed file blocks


@frozen
class WeeklyNote:
    week: str
    # None when the week had nothing in it to tell.
    summary: tuple[str, str] | None


class EnforcementService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        settings: Settings,
        *,
        plans: PlanService,
        commitments: CommitmentService,
        weekly: WeeklyService,
    ) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        self._plans = plans
        self._commitments = commitments
        self._weekly = weekly

    @property
    def device(self) -> str:
        return self._settings.device

    def watch_changes(self) -> ChangeWatcher:
        """A watcher that says, cheaply, whether another process changed the journal."""
        return ChangeWatcher(self._db)

    def record(
        self, kind: EventKind, break_id: int | None, detail: str, at: datetime | None = None
    ) -> None:
        moment = at or self._clock.now()
        with self._db.write() as session:
            event_store.add_event(session, Event(moment, kind, break_id, self.device, detail))

    # The block ---------------------------------------------------------------------------

    def still_blocked(self, running: Sequence[Break]) -> list[Break]:
        """The running breaks whose block stands: all but those unblocked in an emergency."""
        if not running:
            return []
        with self._db.read() as session:
            return [
                item
                for item in running
                if item.id is not None and not event_store.emergency_unblocked(session, [item.id])
            ]

    def wanted(self, running: Sequence[Break]) -> Wanted:
        blocking = self.still_blocked(running)
        first = running[0].id if running else None
        catalogue = self._settings.catalogue
        found = {domain for item in blocking for domain in blocked_domains(item, catalogue)}
        # Only a break that blocks sites holds them: a locked watch break blocks none.
        locked = [
            b.ends_at
            for b in blocking
            if b.strictness is Strictness.LOCKED and blocked_domains(b, catalogue)
        ]
        return Wanted(
            tuple(sorted(found)), max(locked, default=None), blocking[0].id if blocking else first
        )

    def lift_in_emergency(
        self, running: Sequence[Break], lift: Callable[[list[str]], object] | None
    ) -> int | None:
        """Record the emergency exit for the first running break; with `lift`, also take out
        of the hosts file what no other running break of this journal still asks for.

        The event is what tells every enforcer of this journal not to put the block back;
        it is kept only if `lift` succeeds (it runs inside the same transaction)."""
        break_id = running[0].id if running else None
        now = self._clock.now()
        with self._db.write() as session:
            event_store.add_event(
                session, Event(now, EventKind.BLOCK_REMOVED, break_id, self.device, EMERGENCY)
            )
            if lift is not None:
                catalogue = self._settings.catalogue
                still = {
                    domain
                    for item in running
                    if item.id is not None
                    and item.id != break_id
                    and not event_store.emergency_unblocked(session, [item.id])
                    for domain in blocked_domains(item, catalogue)
                }
                lift(sorted(still))
        return break_id

    # Hosts files -------------------------------------------------------------------------

    def hosts_record(self) -> HostsRecord:
        with self._db.read() as session:
            managed, left = device_store.hosts_files(session, self.device)
            last = event_store.latest_of(session, BLOCK_STATES, self.device)
        return HostsRecord(managed, left, last)

    def set_hosts_files(self, current: str, left: str | None) -> None:
        with self._db.write() as session:
            device_store.set_hosts_files(session, self.device, current, left, self._clock.now())

    def running_id(self) -> int | None:
        """The first running break as stored, settled or not: what a found block is told under."""
        with self._db.read() as session:
            running = [
                b for b in break_store.open_breaks(session) if b.status is BreakStatus.ACTIVE
            ]
        return running[0].id if running else None

    def anything_open(self) -> bool:
        """Whether there is work for an enforcer: a break planned or running (settled or
        not), or a plan that will make one. Reads only: settling is the enforcer's to do."""
        with self._db.read() as session:
            if break_store.open_breaks(session):
                return True
        return self._plans.next_materialization() is not None

    # What comes due ----------------------------------------------------------------------

    def weekly_note(self) -> WeeklyNote | None:
        """Once per device, Monday morning: the week before, in brief; None when not due or
        already told on this device."""
        week = due_review(self._clock.now(), self._commitments.zone)
        if week is None:
            return None
        with self._db.read() as session:
            sent = event_store.recent_events(session, 20, None, [EventKind.REVIEW_SENT])
        if any(e.device == self.device and e.detail == week for e in sent):
            return None
        review = self._weekly.review(week)
        told = review.breaks or review.commitments or review.learned or review.tags
        summary = (f"Your week {week}", short_summary(review)) if told else None
        return WeeklyNote(week, summary)

    def next_turn(self) -> datetime:
        """The next weekly review, or sooner the moment a commitment's count starts again."""
        now, zone = self._clock.now(), self._commitments.zone
        turns = [next_review(now, zone)]
        turns += [local_midnight(standing.ends, zone) for standing in self._commitments.standings()]
        return min(turns)

    def next_check_in(self, item: Break) -> datetime | None:
        minutes = self._settings.config.notifications.check_in_minutes
        if not minutes or item.status is not BreakStatus.ACTIVE or item.started_at is None:
            return None
        now, step = self._clock.now(), timedelta(minutes=minutes)
        moment = item.started_at + step * (int((now - item.started_at) / step) + 1)
        return moment if moment < item.ends_at else None

    def check_in(self, item: Break) -> tuple[str, str] | None:
        """The check-in to send for a break, if it still runs."""
        if item.status is not BreakStatus.ACTIVE:
            return None
        return check_in_message(item, item.remaining(self._clock.now()), self.platform_name)

    def platform_name(self, platform_id: str) -> str:
        return self._settings.catalogue.name_of(platform_id)
