"""Recurring rules for plans: friendly forms and cron expressions, in one canonical shape.

The canonical rule is a five-field cron expression whose day-of-week field always lists day
names (sun,mon,...): standard cron counts 0 as Sunday while some libraries count 0 as Monday,
and names can't be misread by either.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise

from breakwell.domain.durations import format_duration, parse_duration
from breakwell.domain.errors import InvalidInput
from breakwell.domain.values import frozen
from breakwell.domain.when import parse_clock

DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_FULL = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
_GROUPS = {
    "day": DAY_NAMES,
    "daily": DAY_NAMES,
    "weekday": ("mon", "tue", "wed", "thu", "fri"),
    "weekend": ("sat", "sun"),
    # The nights before a working day.
    "weeknight": ("sun", "mon", "tue", "wed", "thu"),
}
MAX_PLAN_LENGTH = timedelta(days=7)
_EVERY_HINT = "day, weekday, weeknight, weekend, a day name or a list such as mon,wed,fri"


@frozen
class Recurrence:
    cron: str
    length: timedelta
    # For --from/--to windows: each break ends at this wall-clock time, so a night window
    # still ends at 07:00 when the clocks change overnight (and lasts 9 or 11 hours).
    until: time | None = None

    def describe(self) -> str:
        minute, hour, dom, month, dow = self.cron.split()
        length = format_duration(self.length)
        if dom == month == "*" and minute.isdigit() and hour.isdigit():
            clock = f"{int(hour):02d}:{int(minute):02d}"
            return f"{_describe_days(dow)} at {clock} for {length}"
        return f"cron '{self.cron}' for {length}"


def _describe_days(dow: str) -> str:
    days = tuple(dow.split(","))
    for name, group in (("every day", DAY_NAMES), ("weekdays", _GROUPS["weekday"])):
        if sorted(days) == sorted(group):
            return name
    if sorted(days) == sorted(_GROUPS["weeknight"]):
        return "weeknights"
    if sorted(days) == sorted(_GROUPS["weekend"]):
        return "weekends"
    return "every " + ", ".join(_FULL[DAY_NAMES.index(d)].capitalize() for d in days)


def _day_of(word: str) -> str | None:
    word = word.strip().lower()
    for short, full in zip(DAY_NAMES, _FULL, strict=True):
        if word in {short, full, full + "s"}:
            return short
    return None


def parse_every(text: str) -> tuple[str, ...]:
    """The days a friendly --every names, in week order."""
    words = [w for w in re.split(r"[,\s]+", text.strip().lower()) if w]
    if not words:
        raise InvalidInput(f"--every needs {_EVERY_HINT}")
    days: set[str] = set()
    for word in words:
        group = _GROUPS.get(word.removesuffix("s")) or _GROUPS.get(word)
        day = _day_of(word)
        if group:
            days.update(group)
        elif day:
            days.add(day)
        else:
            raise InvalidInput(f"--every '{word}' is not {_EVERY_HINT}")
    return tuple(d for d in DAY_NAMES if d in days)


def expand_day_of_week(field: str) -> tuple[str, ...]:
    """Read a standard cron day-of-week field (0 or 7 is Sunday) into day names."""
    days: set[int] = set()
    for part in field.lower().split(","):
        base, _, step_text = part.partition("/")
        step = _number(step_text, 1, 7, field) if step_text else 1
        if base == "*":
            low, high = 0, 6
        elif "-" in base:
            first, _, last = base.partition("-")
            low, high = _weekday_number(first, field), _weekday_number(last, field)
            if high < low:
                raise InvalidInput(f"day-of-week range '{base}' runs backwards")
        else:
            low = high = _weekday_number(base, field)
        days.update(day % 7 for day in range(low, high + 1, step))
    return tuple(DAY_NAMES[d] for d in sorted(days))


def _weekday_number(text: str, field: str) -> int:
    day = _day_of(text)
    if day is not None:
        return DAY_NAMES.index(day)
    return _number(text, 0, 7, field)


def _number(text: str, low: int, high: int, field: str) -> int:
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise InvalidInput(f"'{field}' is not a valid day-of-week field")
    return int(text)


def recurrence_from(
    *,
    every: str | None = None,
    at: str | None = None,
    length: str | None = None,
    start: str | None = None,
    end: str | None = None,
    cron: str | None = None,
) -> Recurrence:
    """Build a rule from `--every D --at T --for L`, `--every D --from T --to T`, or cron."""
    if cron is not None:
        if every or at or start or end:
            raise InvalidInput("a cron rule stands alone: give --cron with --for only")
        if length is None:
            raise InvalidInput("a cron rule needs --for, the length of each break")
        canonical = _canonical_cron(cron)
        return Recurrence(canonical, _plan_length(length, canonical))
    if every is None:
        raise InvalidInput("say when the plan repeats: --every DAYS, or --cron EXPRESSION")
    days = parse_every(every)
    if at is not None and length is not None and start is None and end is None:
        clock = parse_clock(at)
        cron = f"{clock.minute} {clock.hour} * * {','.join(days)}"
        return Recurrence(cron, _plan_length(length, cron))
    if start is not None and end is not None and at is None and length is None:
        clock, until = parse_clock(start), parse_clock(end)
        if clock == until:
            raise InvalidInput("--from and --to are the same time; a window needs two")
        return Recurrence(
            f"{clock.minute} {clock.hour} * * {','.join(days)}", _between(clock, until), until
        )
    raise InvalidInput("give --at TIME with --for LENGTH, or --from TIME with --to TIME")


def _between(start: time, end: time) -> timedelta:
    first = datetime.combine(datetime.min.date(), start)
    second = datetime.combine(datetime.min.date(), end)
    if second <= first:
        second += timedelta(days=1)  # overnight, such as 21:00 to 07:00
    return second - first


def _plan_length(text: str, cron: str) -> timedelta:
    """Each break's length: a suggested correction fits between two breaks of the rule too."""
    try:
        _, gap = _shape(cron)
    except InvalidInput:
        gap = None  # the rule itself is refused when checked, in its own words
    return parse_duration(text, MAX_PLAN_LENGTH, fits=gap)


def _canonical_cron(expression: str) -> str:
    fields = expression.split()
    if len(fields) != 5:
        raise InvalidInput(
            f"a cron expression has 5 fields (minute hour day month weekday), got {len(fields)}"
        )
    if not all(re.fullmatch(r"[0-9a-zA-Z*,/\-]+", f) for f in fields):
        raise InvalidInput(f"'{expression}' has characters a cron expression cannot contain")
    if fields[2] != "*" and fields[4] != "*":
        # Standard cron fires when either matches; the scheduler underneath needs both.
        raise InvalidInput(
            "a cron rule that limits both the day of the month and the day of the week is "
            "ambiguous; use two plans, one for each"
        )
    days = expand_day_of_week(fields[4])
    return " ".join([*fields[:4], ",".join(days)])


# Each field's name and range, in the order a cron rule lists them.
_RANGES = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Every pattern of days a rule can make (month lengths, Feb 29, weekdays) shows in four years.
_CYCLE_START, _CYCLE_DAYS = date(2000, 1, 1), 4 * 366
_MINUTES_A_DAY = 24 * 60
_LAST = -1  # "last" in the day-of-month field: the month's last day


@frozen
class CronValues:
    """What a canonical cron rule allows in each field."""

    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[str]

    def fires_on(self, day: date) -> bool:
        last = (day + timedelta(days=1)).month != day.month
        return (
            day.month in self.months
            and (day.day in self.days or (last and _LAST in self.days))
            and DAY_NAMES[day.isoweekday() % 7] in self.weekdays
        )


def cron_values(cron: str) -> CronValues:
    """Read a rule in the stored form (week days by name), or say what is wrong with it.

    It accepts only what the cron engine reads the same way: numbers, ranges and steps that
    the engine would refuse are refused here, so a rule that passes never fails later.
    """
    fields = cron.split()
    if len(fields) != 5:
        raise InvalidInput(
            f"a cron expression has 5 fields (minute hour day month weekday), got {len(fields)}"
        )
    minute, hour, day, month = (
        _field_values(text.lower(), name, low, high)
        for text, (name, low, high) in zip(fields, _RANGES, strict=False)
    )
    weekdays = fields[4].lower().split(",")
    if not all(d in DAY_NAMES for d in weekdays):
        raise InvalidInput(f"the day-of-week field '{fields[4]}' must list day names")
    if fields[2] != "*" and len(set(weekdays)) < len(DAY_NAMES):
        raise InvalidInput(
            "a cron rule that limits both the day of the month and the day of the week is "
            "ambiguous; use two plans, one for each"
        )
    return CronValues(minute, hour, day, month, frozenset(weekdays))


def _field_values(field: str, name: str, low: int, high: int) -> frozenset[int]:
    values: set[int] = set()
    for part in field.split(","):
        if name == "day of month" and part == "last":
            values.add(_LAST)
            continue
        values.update(_part_values(part, field, name, low, high))
    return frozenset(values)


def _part_values(part: str, field: str, name: str, low: int, high: int) -> range:
    problem = InvalidInput(f"'{field}' is not a valid {name} field ({low}-{high})")
    span, slash, step_text = part.partition("/")
    first_text, dash, last_text = span.partition("-")
    names = _MONTHS if name == "month" else ()
    if first_text in names and (not dash or last_text in names) and not slash:
        first = names.index(first_text) + 1
        last = names.index(last_text) + 1 if dash else first
        if last < first:
            raise problem
        return range(first, last + 1)
    if slash and not _digits(step_text):
        raise problem
    step = int(step_text) if slash else 1
    if span == "*":
        first, last = low, high
    elif _digits(first_text) and (not dash or _digits(last_text)):
        first = int(first_text)
        last = int(last_text) if dash else (high if slash else first)
    else:
        raise problem
    # The engine refuses a step of 0 and one wider than the span it steps through.
    if not low <= first <= last <= high or step < 1 or (slash and step > max(last - first, 0)):
        raise problem
    return range(first, last + 1, step)


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 4


def check_rule(recurrence: Recurrence) -> None:
    """Refuse a rule that cannot be read, never happens, or whose breaks would overlap."""
    values, gap = _shape(recurrence.cron)
    if not timedelta(0) < recurrence.length <= MAX_PLAN_LENGTH:
        raise InvalidInput(
            f"each break lasts more than nothing and at most {MAX_PLAN_LENGTH.days} days"
        )
    if gap is not None and gap < recurrence.length:
        raise InvalidInput(
            f"each break would last {format_duration(recurrence.length)}, longer than the "
            f"{format_duration(gap)} between two of them; make it shorter"
        )
    if recurrence.until is not None:
        _check_window(recurrence, values)


# Every stored plan is checked each time it is read, so each rule's shape is worked out once.
@lru_cache(maxsize=512)
def _shape(cron: str) -> tuple[CronValues, timedelta | None]:
    """The rule's fields, and the shortest wall-clock time between two of its occurrences
    (None when it happens once in four years)."""
    try:
        values = cron_values(cron)
    except InvalidInput as error:
        raise InvalidInput(f"invalid cron expression '{cron}': {error}") from None
    days = [
        day for n in range(_CYCLE_DAYS) if values.fires_on(day := _CYCLE_START + timedelta(days=n))
    ]
    if not days:
        raise InvalidInput(f"the rule '{cron}' never happens")
    times = sorted(h * 60 + m for h in values.hours for m in values.minutes)
    # Within a day, and from one day's last to the next firing day's first.
    gaps = [later - earlier for earlier, later in pairwise(times)]
    if len(days) > 1:
        apart = min((later - earlier).days for earlier, later in pairwise(days))
        gaps.append(apart * _MINUTES_A_DAY + times[0] - times[-1])
    return values, timedelta(minutes=min(gaps)) if gaps else None


def _check_window(recurrence: Recurrence, values: CronValues) -> None:
    """A --from/--to window starts at one time of day and lasts until its end."""
    until = recurrence.until
    assert until is not None
    if len(values.hours) != 1 or len(values.minutes) != 1:
        raise InvalidInput("a window with an end time must start at one time of day")
    [hour], [minute] = values.hours, values.minutes
    start = time(hour, minute)
    if until == start or until.second or until.microsecond:
        raise InvalidInput(f"a window from {start:%H:%M} cannot end at {until}")
    if _between(start, until) != recurrence.length:
        raise InvalidInput(
            f"a window from {start:%H:%M} to {until:%H:%M} lasts "
            f"{format_duration(_between(start, until))}, not {format_duration(recurrence.length)}"
        )


def parse_until(text: str) -> time:
    """The stored end of a window, HH:MM."""
    if not re.fullmatch(r"\d\d:\d\d", text) or int(text[:2]) > 23 or int(text[3:]) > 59:
        raise InvalidInput(f"'{text}' is not a window's end time (HH:MM)")
    return time(int(text[:2]), int(text[3:]))
