"""Breaks and plans as an iCalendar file, so a calendar app can show what is coming."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break
from breakwell.domain.plans import Plan
from breakwell.domain.platforms import Catalogue
from breakwell.domain.recurrence import DAY_NAMES
from breakwell.services.plans import occurrences, window_end

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//breakwell//breakwell//EN"
CALENDAR_NAME = "breakwell breaks"
# A rule one RRULE cannot say (two times a day, certain days of the month) is written out as
# one event per occurrence; this far ahead keeps the file small, and exporting again extends it.
EXPANSION = timedelta(weeks=8)
# A rule that RRULE can say fires at least once a week, so its first time is within this.
_FIRST_WITHIN = timedelta(weeks=2)
_Rule = dict[str, str | list[str]]
_BYDAY = dict(zip(DAY_NAMES, ("SU", "MO", "TU", "WE", "TH", "FR", "SA"), strict=True))


def to_ics(
    plans: Sequence[Plan], breaks: Sequence[Break], catalogue: Catalogue, now: datetime
) -> bytes:
    """An iCalendar file of the plans that are not paused and the breaks still to come or running.

    A plan whose rule fits one RRULE is one recurring event; any other plan is its occurrences
    over the next weeks. A break made by a plan in the file is left out, as the plan's event
    already shows it.
    """
    # Imported here so the command line does not pay for loading it on every run.
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    stamp = now.astimezone(UTC)
    series: set[int] = set()
    shown: set[tuple[int, datetime]] = set()
    for plan in plans:
        if plan.paused:
            continue
        plan_id = _id_of(plan.id, plan.label)
        rule = _rrule(plan)
        if rule is not None:
            calendar.add_component(_series(plan, plan_id, rule, catalogue, stamp))
            series.add(plan_id)
            continue
        since = max(now, plan.created_at or now)
        for begins in occurrences(plan, since, now + EXPANSION):
            calendar.add_component(_occurrence(plan, plan_id, begins, catalogue, stamp))
            shown.add((plan_id, begins))
    for item in breaks:
        if not item.status.is_open or item.plan_id in series:
            continue
        if item.plan_id is not None and (item.plan_id, item.starts_at) in shown:
            continue
        calendar.add_component(_break(item, catalogue, stamp))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _id_of(value: int | None, label: str) -> int:
    # A UID must stay the same from one export to the next, which only a stored id gives.
    if value is None:
        raise ValueError(f"{label} has not been saved, so it has no id to export under")
    return value


def _rrule(plan: Plan) -> _Rule | None:
    minute, hour, dom, month, dow = plan.recurrence.cron.split()
    if not (minute.isdigit() and hour.isdigit() and dom == month == "*"):
        return None
    days = dow.split(",")
    if sorted(days) == sorted(DAY_NAMES):
        return {"freq": "daily"}
    return {"freq": "weekly", "byday": [_BYDAY[d] for d in days]}


def _series(plan: Plan, plan_id: int, rule: _Rule, catalogue: Catalogue, stamp: datetime) -> Event:
    since = plan.created_at or stamp
    [first] = occurrences(plan, since, since + _FIRST_WITHIN, limit=1)
    zone = ZoneInfo(plan.timezone)
    minute, hour, *_ = plan.recurrence.cron.split()
    # The rule's own wall-clock time, not the first moment read back in the zone: when the
    # first falls in a spring-forward gap the two differ, and the series would keep the shift.
    start = datetime.combine(first.astimezone(zone).date(), time(int(hour), int(minute)), zone)
    event = _event(f"plan-{plan_id}@breakwell", stamp)
    event.add("dtstart", start)
    event.add("dtend", window_end(plan, first).astimezone(zone))
    event.add("rrule", rule)
    _describe_plan(event, plan, catalogue)
    return event


def _occurrence(
    plan: Plan, plan_id: int, begins: datetime, catalogue: Catalogue, stamp: datetime
) -> Event:
    zone = ZoneInfo(plan.timezone)
    moment = begins.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    event = _event(f"plan-{plan_id}-{moment}@breakwell", stamp)
    event.add("dtstart", begins.astimezone(zone))
    event.add("dtend", window_end(plan, begins).astimezone(zone))
    _describe_plan(event, plan, catalogue)
    return event


def _break(item: Break, catalogue: Catalogue, stamp: datetime) -> Event:
    event = _event(f"break-{_id_of(item.id, item.label)}@breakwell", stamp)
    event.add("dtstart", item.starts_at.astimezone(UTC))
    event.add("dtend", item.ends_at.astimezone(UTC))
    event.add("summary", _summary(item.platforms, catalogue))
    lines = _settings(item.mode, item.strictness)
    if item.intention:
        lines.append(f"Intention: {item.intention}")
    event.add("description", "\n".join(lines))
    return event


def _event(uid: str, stamp: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    return event


def _describe_plan(event: Event, plan: Plan, catalogue: Catalogue) -> None:
    event.add("summary", _summary(plan.platforms, catalogue, plan.name))
    lines = [*_settings(plan.mode, plan.strictness), f"Repeats: {plan.recurrence.describe()}"]
    event.add("description", "\n".join(lines))


def _summary(platforms: Sequence[str], catalogue: Catalogue, name: str = "") -> str:
    names = ", ".join(catalogue.name_of(p) for p in platforms)
    what = f"break from {names}" if names else "break"
    return f"{name} ({what})" if name else what[0].upper() + what[1:]


def _settings(mode: Mode, strictness: Strictness) -> list[str]:
    return [f"Mode: {mode.value}", f"Strictness: {strictness.value}"]
