"""Recurring plans: adding, pausing, listing their next breaks, and turning them into breaks."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from breakwell.domain import breaks as rules
from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break
from breakwell.domain.clock import Clock
from breakwell.domain.events import Event, EventKind
from breakwell.domain.plans import BrokenPlan, Plan, check_plan
from breakwell.domain.recurrence import Recurrence
from breakwell.domain.values import frozen
from breakwell.domain.when import localize
from breakwell.domain.windows import Ahead, Window, ahead_of, break_windows
from breakwell.services.records import record_new
from breakwell.services.timeline import Timeline
from breakwell.settings import Settings
from breakwell.store import Database
from breakwell.store import breaks as break_store
from breakwell.store import plans as plan_store
from breakwell.store.events import add_event
from breakwell.store.platforms import ensure_platforms

# Breaks are made this far ahead, so status and the app can show what is coming...
HORIZON = timedelta(hours=24)
# ...but never more than this many of one plan's at once (a running one included), so a plan
# that repeats every minute makes a few breaks at a time, each pass a short write.
AHEAD = 3
_TICK = timedelta(microseconds=1)
# Occurrences further off than this are not looked for.
_FAR = timedelta(days=400)
log = logging.getLogger("breakwell.plans")


@frozen
class PlanView:
    plan: Plan
    upcoming: tuple[datetime, ...]
    # Where its windows meet or overlap another's, one line each.
    notes: tuple[str, ...] = ()


def local_zone_name() -> str:
    """The IANA name of this machine's zone, which plans made here follow."""
    from tzlocal import get_localzone_name

    try:
        return get_localzone_name() or "UTC"
    except (ZoneInfoNotFoundError, LookupError, ValueError):
        return "UTC"


def occurrences(plan: Plan, start: datetime, until: datetime, limit: int = 500) -> list[datetime]:
    """When the plan's breaks begin, from `start` (inclusive) to `until` (exclusive), in UTC.

    A wall-clock time that happens twice (the hour repeated when clocks go back) counts once.
    """
    return list(islice(_each_occurrence(plan, start, until), limit))


def _each_occurrence(plan: Plan, start: datetime, until: datetime) -> Iterator[datetime]:
    """`occurrences`, worked out one at a time, as they are asked for."""
    from apscheduler.triggers.cron import CronTrigger

    zone = ZoneInfo(plan.timezone)
    trigger = CronTrigger.from_crontab(plan.recurrence.cron, timezone=zone)
    last_wall: datetime | None = None
    moment = trigger.get_next_fire_time(None, start)
    while moment is not None and moment < until:
        wall = moment.astimezone(zone).replace(tzinfo=None, fold=0)
        if wall != last_wall:
            yield moment.astimezone(start.tzinfo)
        last_wall = wall
        moment = trigger.get_next_fire_time(moment, moment)


def window_end(plan: Plan, begins: datetime) -> datetime:
    """When the break of the occurrence beginning at `begins` ends."""
    until = plan.recurrence.until
    if until is None:
        return begins + plan.recurrence.length
    zone = ZoneInfo(plan.timezone)
    local = begins.astimezone(zone)
    day = local.date()
    if until <= local.time().replace(tzinfo=None):  # the window runs past midnight
        day += timedelta(days=1)
    return localize(datetime.combine(day, until), zone, after=begins).astimezone(begins.tzinfo)


def _made(plan: Plan) -> datetime:
    return plan.created_at or datetime.min.replace(tzinfo=UTC)


class PlanService:
    def __init__(
        self, database: Database, clock: Clock, settings: Settings, timeline: Timeline
    ) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        self._timeline = timeline

    def add(
        self,
        recurrence: Recurrence,
        *,
        platforms: Sequence[str] = (),
        mode: Mode | None = None,
        strictness: Strictness | None = None,
        name: str = "",
        timezone: str | None = None,
    ) -> Plan:
        now = self._clock.now()
        plan = self._checked(
            recurrence,
            platforms=platforms,
            mode=mode,
            strictness=strictness,
            name=name,
            timezone=timezone,
        )
        with self._db.write() as session:
            self._ensure_platforms(session, plan)
            stored = plan_store.add_plan(session, plan, now)
            self._log(session, EventKind.PLAN_ADDED, stored, now)
        return stored

    def edit(
        self,
        plan_id: int,
        recurrence: Recurrence,
        *,
        platforms: Sequence[str] = (),
        mode: Mode | None = None,
        strictness: Strictness | None = None,
        name: str = "",
    ) -> Plan:
        """Replace a plan's rule and options as `add` would set them; omitted ones take the
        defaults. The plan keeps its zone, pause and creation time.

        Breaks it planned that have not started are taken back, as pausing does, so the next
        materialize makes them under the new rule; a running one is left to finish.
        """
        now = self._clock.now()
        with self._db.read() as session:
            current = plan_store.get_plan(session, plan_id)
        plan = self._checked(
            recurrence,
            platforms=platforms,
            mode=mode,
            strictness=strictness,
            name=name,
            timezone=current.timezone,
        )
        with self._db.write() as session:
            self._ensure_platforms(session, plan)
            plan_store.drop_unstarted(session, plan_id)
            updated = plan_store.update_plan(session, plan_id, plan, now)
            self._log(session, EventKind.PLAN_EDITED, updated, now)
            return updated

    def _checked(
        self,
        recurrence: Recurrence,
        *,
        platforms: Sequence[str],
        mode: Mode | None,
        strictness: Strictness | None,
        name: str,
        timezone: str | None,
    ) -> Plan:
        """The plan these choices make, validated and with the defaults filled in."""
        defaults = self._settings.config.breaks
        ids = self._settings.catalogue.resolve_all(platforms) or self._settings.default_platforms
        plan = Plan(
            recurrence=recurrence,
            platforms=ids,
            mode=mode or defaults.default_mode,
            strictness=strictness or defaults.default_strictness,
            name=name.strip(),
            timezone=timezone or local_zone_name(),
        )
        check_plan(plan)
        return plan

    def _ensure_platforms(self, session: Session, plan: Plan) -> None:
        catalogue = self._settings.catalogue
        ensure_platforms(session, [p for p in catalogue.all() if p.id in plan.platforms])

    def views(self, count: int = 3) -> list[PlanView]:
        """The plans that can be used (see `broken`), each with its next `count` windows and
        where they meet another's, as `ahead` has them."""
        with self._db.read() as session:
            plans = plan_store.all_plans(session)
        ahead = self.ahead(count)
        return [
            PlanView(
                p,
                ahead.next_of(p.id or 0)[:count],
                ahead.notes(_of_plan(p.id)),
            )
            for p in plans
        ]

    def ahead(self, count: int = 3) -> Ahead:
        """What runs and comes: every open break, and each plan's next `count` windows."""
        now = self._clock.now()
        with self._db.read() as session:
            return windows_ahead(session, now, count)

    def broken(self) -> list[BrokenPlan]:
        """Stored plans that fail the plan rules, with the reason: they make no breaks."""
        with self._db.read() as session:
            return [p for p in plan_store.load_plans(session) if isinstance(p, BrokenPlan)]

    def pause(self, plan_id: int) -> Plan | BrokenPlan:
        """Works on a broken plan too: it only ever stops breaks being made."""
        return self._set_paused(plan_id, paused=True)

    def resume(self, plan_id: int) -> Plan:
        plan = self._set_paused(plan_id, paused=False)
        assert isinstance(plan, Plan)
        return plan

    def _set_paused(self, plan_id: int, *, paused: bool) -> Plan | BrokenPlan:
        now = self._clock.now()
        with self._db.write() as session:
            plan = (
                plan_store.load_plan(session, plan_id)
                if paused
                else plan_store.get_plan(session, plan_id)
            )
            if plan.paused == paused:
                return plan
            if paused:
                plan_store.drop_unstarted(session, plan_id)
            updated = plan_store.set_paused(session, plan_id, paused, now)
            kind = EventKind.PLAN_PAUSED if paused else EventKind.PLAN_RESUMED
            self._log(session, kind, updated, now)
            return updated

    def remove(self, plan_id: int) -> Plan | BrokenPlan:
        """Works on a broken plan too, which is how such a plan is put right."""
        now = self._clock.now()
        with self._db.write() as session:
            plan = plan_store.load_plan(session, plan_id)
            plan_store.drop_unstarted(session, plan_id)
            plan_store.delete_plan(session, plan_id)
            self._log(session, EventKind.PLAN_REMOVED, plan, now)
            return plan

    def materialize(self, horizon: timedelta = HORIZON) -> list[Break]:
        """Turn each plan's next occurrences into breaks, once: those that begin within the
        horizon, at most AHEAD of a plan's at a time.

        Each plan's breaks are written in a transaction of their own, so no write holds the
        lock for long. An occurrence that overlaps another break still becomes a break of its
        own (see `_make`). Occurrences that ended while nothing ran are not invented. A
        stored plan that fails the plan rules is skipped, and recorded once.
        """
        now = self._clock.now()
        # Read first: usually nothing is due, and a read takes no write lock (on PostgreSQL
        # that lock is shared by every device).
        with self._db.read() as session:
            loaded = plan_store.load_plans(session)
            due = [p for p in loaded if isinstance(p, Plan) and self._due(session, p, now, horizon)]
            unreported = [
                p
                for p in loaded
                if isinstance(p, BrokenPlan) and not plan_store.was_reported(session, _skipped(p))
            ]
        if unreported:
            self._report(unreported, now)
        if not due:
            return []
        made: list[Break] = []
        for plan in due:
            with self._db.write() as session:
                self._timeline.settle_in(session, now)
                # Asked again under the write lock: another process may have made them.
                made.extend(
                    self._make(session, plan, begins, ends, now)
                    for begins, ends in self._due(session, plan, now, horizon)
                )
        return made

    def _report(self, broken: Sequence[BrokenPlan], now: datetime) -> None:
        with self._db.write() as session:
            for plan in broken:
                detail = _skipped(plan)
                if not plan_store.was_reported(session, detail):
                    log.warning("%s skipped: %s", plan.label, plan.reason)
                    add_event(
                        session,
                        Event(now, EventKind.ROW_SKIPPED, None, self._timeline.device, detail),
                    )

    def _due(
        self, session: Session, plan: Plan, now: datetime, horizon: timedelta
    ) -> list[tuple[datetime, datetime]]:
        """The plan's occurrences to make into breaks now: (begins, ends)."""
        if plan.paused or plan.id is None:
            return []
        # The window includes its far end, and next_materialization looks strictly beyond
        # it, so an occurrence exactly a horizon away is made exactly once.
        return [
            (begins, ends)
            for begins, ends in islice(_coming(plan, now), AHEAD)
            if begins <= now + horizon and not plan_store.has_run(session, plan.id, begins)
        ]

    def next_materialization(self, horizon: timedelta = HORIZON) -> datetime | None:
        """When materialize next has something new to do: the soonest moment an occurrence
        comes within the horizon, or moves up among a plan's next AHEAD as one ends."""
        now = self._clock.now()
        with self._db.read() as session:
            plans = [p for p in plan_store.all_plans(session) if not p.paused]
        soonest = [moment for plan in plans if (moment := _joins(plan, now, horizon))]
        return min(soonest) if soonest else None

    def _make(
        self, session: Session, plan: Plan, begins: datetime, ends: datetime, now: datetime
    ) -> Break:
        """The occurrence as a break of its own, whatever else is open then: it starts and
        ends at its own times with its own strictness, and the engine blocks the union of
        the running breaks, so nothing is blocked for it before its window."""
        assert plan.id is not None
        proposed = rules.settle(
            Break(
                starts_at=max(begins, now),
                ends_at=ends,
                platforms=plan.platforms,
                mode=plan.mode,
                strictness=plan.strictness,
                intention=plan.name,
                plan_id=plan.id,
                cooldown=self._settings.end_policy.firm_cooldown,
            ),
            now,
        )
        stored = record_new(session, proposed, now, self._timeline.device)
        plan_store.add_run(session, plan.id, begins, stored.id, "created")
        return stored

    def _log(
        self, session: Session, kind: EventKind, plan: Plan | BrokenPlan, now: datetime
    ) -> None:
        if isinstance(plan, BrokenPlan):
            detail = f"cron '{plan.rule}' (broken: {plan.reason})"
        else:
            detail = plan.recurrence.describe()
        add_event(session, Event(now, kind, None, self._timeline.device, f"{plan.label}: {detail}"))


def windows_ahead(session: Session, now: datetime, count: int = 3) -> Ahead:
    """Every open break (the caller settles them), and each plan's windows up to `count` of its
    own: those made into breaks as the breaks have them (so one cancelled, or ended early,
    is gone), then its occurrences not made yet. The one answer to what comes next."""
    # As stored: the timeline settles them by a clock it trusts, which `now` may not be.
    windows = break_windows(break_store.open_breaks(session))
    for plan in plan_store.all_plans(session):
        if plan.paused or plan.id is None:
            continue
        # A window running now is not one of the next `count`.
        taken = sum(w.plan_id == plan.id and w.starts_at > now for w in windows)
        for begins, ends in _coming(plan, now):
            if taken >= count:
                break
            if plan_store.has_run(session, plan.id, begins):
                continue
            windows.append(Window(max(begins, now), ends, plan.id))
            taken += begins > now
    return ahead_of(now, windows)


def _of_plan(plan_id: int | None) -> Callable[[Window], bool]:
    return lambda window: window.plan_id == plan_id


def _coming(plan: Plan, now: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The plan's occurrences that have not ended by `now`, in order: (begins, ends)."""
    # A break may be under way; look back by the longest a window can last. A rule fires at
    # most once a minute and its breaks never overlap, so this reads at most about 60 more.
    since = max(now - plan.recurrence.length - timedelta(hours=1), _made(plan))
    for begins in _each_occurrence(plan, since, now + _FAR):
        ends = window_end(plan, begins)
        if ends > now:
            yield begins, ends


def _joins(plan: Plan, now: datetime, horizon: timedelta) -> datetime | None:
    """When the plan's first occurrence that `_due` leaves out now comes due.

    It comes within the horizon a horizon before it begins; if AHEAD come before it, it
    also waits for the earliest of those to end.
    """
    ahead: list[tuple[datetime, datetime]] = []
    for begins, ends in _coming(plan, now):
        if len(ahead) == AHEAD or begins > now + horizon:
            earliest = ahead[0][1] if len(ahead) == AHEAD else begins - horizon
            return max(begins - horizon, earliest)
        ahead.append((begins, ends))
    return None


def _skipped(plan: BrokenPlan) -> str:
    return f"{plan.label}: {plan.reason}"
