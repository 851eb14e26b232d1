"""Recurring plans: adding, pausing, listing their next breaks, and turning them into breaks."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from breakwell.domain import breaks as rules
from breakwell.domain.breaks import Break, Mode, Strictness
from breakwell.domain.clock import Clock
from breakwell.domain.events import Event, EventKind
from breakwell.domain.plans import BrokenPlan, Plan, check_plan
from breakwell.domain.recurrence import Recurrence
from breakwell.domain.when import localize
from breakwell.services.records import record, record_new
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


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    upcoming: tuple[datetime, ...]


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


def _overlapping(open_breaks: Sequence[Break], proposed: Break) -> list[Break]:
    """The open breaks that overlap `proposed`, and those that overlap them, earliest first.

    One sweep in start order: breaks that overlap one another, directly or through others,
    form runs, and the runs `proposed` touches are the answer (no run is joined only through
    the range `proposed` makes with another: that range is their union, with no gap in it).
    """
    runs: list[list[Break]] = []
    ends: list[datetime] = []
    for item in sorted(open_breaks, key=lambda b: (b.starts_at, b.id or 0)):
        if runs and rules.overlaps(item.starts_at, item.ends_at, runs[-1][0].starts_at, ends[-1]):
            runs[-1].append(item)
            ends[-1] = max(ends[-1], item.ends_at)
        else:
            runs.append([item])
            ends.append(item.ends_at)
    return [
        item
        for run, end in zip(runs, ends, strict=True)
        if rules.overlaps(run[0].starts_at, end, proposed.starts_at, proposed.ends_at)
        for item in run
    ]


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
        """The plans that can be used, each with its next occurrences (see `broken`)."""
        now = self._clock.now()
        with self._db.read() as session:
            plans = plan_store.all_plans(session)
        far = now + _FAR
        return [
            PlanView(p, () if p.paused else tuple(occurrences(p, now, far, count))) for p in plans
        ]

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
        lock for long. An occurrence that overlaps a break already planned or running is
        merged into it, so the two never both run. Occurrences that ended while nothing ran
        are not invented. A stored plan that fails the plan rules is skipped, and recorded
        once.
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
            self._timeline.settle()
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
        assert plan.id is not None
        device = self._timeline.device
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
        group = _overlapping(break_store.open_breaks(session), proposed)
        if not group:
            stored = record_new(session, proposed, now, device)
            plan_store.add_run(session, plan.id, begins, stored.id, "created")
            return stored
        # Everything this occurrence touches becomes one break, held by the earliest (a
        # running break is always the earliest), so no two of them can ever run together.
        host, *others = group
        merged = host
        for other in others:
            merged = rules.absorb(merged, other)
        merged = rules.absorb(merged, proposed)
        saved = record(session, host, merged, now, device)
        add_event(session, Event(now, EventKind.BREAK_MERGED, host.id, device, plan.label))
        for other in others:
            record(session, other, rules.cancel(other), now, device)
            add_event(
                session, Event(now, EventKind.BREAK_MERGED, other.id, device, f"into {host.label}")
            )
        plan_store.add_run(session, plan.id, begins, host.id, "merged")
        return saved

    def _log(
        self, session: Session, kind: EventKind, plan: Plan | BrokenPlan, now: datetime
    ) -> None:
        if isinstance(plan, BrokenPlan):
            detail = f"cron '{plan.rule}' (broken: {plan.reason})"
        else:
            detail = plan.recurrence.describe()
        add_event(session, Event(now, kind, None, self._timeline.device, f"{plan.label}: {detail}"))


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
