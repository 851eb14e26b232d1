"""Recurring plans: adding, pausing, listing their next breaks, and turning them into breaks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from breakwell.domain import breaks as rules
from breakwell.domain.breaks import Break, Mode, Strictness
from breakwell.domain.clock import Clock
from breakwell.domain.durations import format_duration
from breakwell.domain.errors import InvalidInput
from breakwell.domain.events import Event, EventKind
from breakwell.domain.plans import Plan, check_name
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

# Breaks are made this far ahead, so status and the app can show what is coming.
HORIZON = timedelta(hours=24)
_TICK = timedelta(microseconds=1)


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
    from apscheduler.triggers.cron import CronTrigger

    zone = ZoneInfo(plan.timezone)
    trigger = CronTrigger.from_crontab(plan.recurrence.cron, timezone=zone)
    found: list[datetime] = []
    last_wall: datetime | None = None
    moment = trigger.get_next_fire_time(None, start)
    while moment is not None and moment < until and len(found) < limit:
        wall = moment.astimezone(zone).replace(tzinfo=None, fold=0)
        if wall != last_wall:
            found.append(moment.astimezone(start.tzinfo))
        last_wall = wall
        moment = trigger.get_next_fire_time(moment, moment)
    return found


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


def check_rule(recurrence: Recurrence, timezone: str) -> None:
    """Let the cron engine itself judge the fields, and require that the rule ever fires."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone '{timezone}'") from None
    try:
        trigger = CronTrigger.from_crontab(recurrence.cron, timezone=zone)
    except (ValueError, KeyError) as error:
        raise InvalidInput(f"invalid cron expression '{recurrence.cron}': {error}") from None
    probe = datetime.now(zone)
    if trigger.get_next_fire_time(None, probe) is None:
        raise InvalidInput(f"the rule '{recurrence.cron}' never happens")
    probe_plan = Plan(recurrence=recurrence, platforms=(), timezone=timezone)
    coming = occurrences(probe_plan, probe, probe + timedelta(days=400), limit=60)
    gaps = [later - earlier for earlier, later in pairwise(coming)]
    if gaps and min(gaps) < recurrence.length:
        raise InvalidInput(
            f"each break would last {format_duration(recurrence.length)}, longer than the "
            f"{format_duration(min(gaps))} between two of them; make it shorter"
        )


def _made(plan: Plan) -> datetime:
    return plan.created_at or datetime.min.replace(tzinfo=UTC)


def _overlapping(open_breaks: Sequence[Break], proposed: Break) -> list[Break]:
    """The open breaks that overlap `proposed`, and those that overlap them, earliest first."""
    group: list[Break] = []
    start, end = proposed.starts_at, proposed.ends_at
    grew = True
    while grew:
        grew = False
        for item in open_breaks:
            if item not in group and rules.overlaps(item.starts_at, item.ends_at, start, end):
                group.append(item)
                start, end = min(start, item.starts_at), max(end, item.ends_at)
                grew = True
    return sorted(group, key=lambda b: (b.starts_at, b.id or 0))


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
        zone = timezone or local_zone_name()
        check_rule(recurrence, zone)
        defaults = self._settings.config.breaks
        ids = self._settings.catalogue.resolve_all(platforms) or self._settings.default_platforms
        return Plan(
            recurrence=recurrence,
            platforms=ids,
            mode=mode or defaults.default_mode,
            strictness=strictness or defaults.default_strictness,
            name=check_name(name),
            timezone=zone,
        )

    def _ensure_platforms(self, session: Session, plan: Plan) -> None:
        catalogue = self._settings.catalogue
        ensure_platforms(session, [p for p in catalogue.all() if p.id in plan.platforms])

    def views(self, count: int = 3) -> list[PlanView]:
        now = self._clock.now()
        with self._db.read() as session:
            plans = plan_store.all_plans(session)
        far = now + timedelta(days=400)
        return [
            PlanView(p, () if p.paused else tuple(occurrences(p, now, far, count))) for p in plans
        ]

    def pause(self, plan_id: int) -> Plan:
        return self._set_paused(plan_id, paused=True)

    def resume(self, plan_id: int) -> Plan:
        return self._set_paused(plan_id, paused=False)

    def _set_paused(self, plan_id: int, *, paused: bool) -> Plan:
        now = self._clock.now()
        with self._db.write() as session:
            plan = plan_store.get_plan(session, plan_id)
            if plan.paused == paused:
                return plan
            if paused:
                plan_store.drop_unstarted(session, plan_id)
            updated = plan_store.set_paused(session, plan_id, paused, now)
            kind = EventKind.PLAN_PAUSED if paused else EventKind.PLAN_RESUMED
            self._log(session, kind, updated, now)
            return updated

    def remove(self, plan_id: int) -> Plan:
        now = self._clock.now()
        with self._db.write() as session:
            plan = plan_store.get_plan(session, plan_id)
            plan_store.drop_unstarted(session, plan_id)
            plan_store.delete_plan(session, plan_id)
            self._log(session, EventKind.PLAN_REMOVED, plan, now)
            return plan

    def materialize(self, horizon: timedelta = HORIZON) -> list[Break]:
        """Turn each plan's occurrences that begin within the horizon into breaks, once.

        An occurrence that overlaps a break already planned or running is merged into it, so
        the two never both run. Occurrences that ended while nothing ran are not invented.
        """
        now = self._clock.now()
        # Read first: usually nothing is due, and a read takes no write lock (on PostgreSQL
        # that lock is shared by every device).
        with self._db.read() as session:
            due = self._due(session, now, horizon)
        if not due:
            self._timeline.settle()
            return []
        with self._db.write() as session:
            self._timeline.settle_in(session, now)
            return [
                self._make(session, plan, begins, ends, now)
                for plan, begins, ends in self._due(session, now, horizon)
            ]

    def _due(
        self, session: Session, now: datetime, horizon: timedelta
    ) -> list[tuple[Plan, datetime, datetime]]:
        """Each plan's occurrences to make into breaks now: (plan, begins, ends)."""
        due = []
        for plan in plan_store.all_plans(session):
            if plan.paused or plan.id is None:
                continue
            # A break may be under way; look back by the longest a window can last.
            since = max(now - plan.recurrence.length - timedelta(hours=1), _made(plan))
            # The window includes its far end, and next_materialization looks strictly
            # beyond it, so an occurrence exactly a horizon away is made exactly once.
            for begins in occurrences(plan, since, now + horizon + _TICK):
                ends = window_end(plan, begins)
                if ends > now and not plan_store.has_run(session, plan.id, begins):
                    due.append((plan, begins, ends))
        return due

    def next_materialization(self, horizon: timedelta = HORIZON) -> datetime | None:
        """When materialize next has something new to do."""
        now = self._clock.now()
        with self._db.read() as session:
            plans = [p for p in plan_store.all_plans(session) if not p.paused]
        beyond = now + horizon + _TICK
        soonest = [
            found[0] - horizon
            for plan in plans
            if (found := occurrences(plan, beyond, now + timedelta(days=400), 1))
        ]
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

    def _log(self, session: Session, kind: EventKind, plan: Plan, now: datetime) -> None:
        detail = plan.recurrence.describe()
        add_event(session, Event(now, kind, None, self._timeline.device, f"{plan.label}: {detail}"))
