"""Reading points in time the way people type them: 21:00, tomorrow 09:00, sunday 9am, ISO 8601."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from breakwell.domain.durations import parse_duration
from breakwell.domain.errors import InvalidInput

_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?")
_DURATION_LIKE = re.compile(r"\d+(?:\.\d+)?\s*[a-z]+(?:[\s,]*\d+(?:\.\d+)?\s*[a-z]+)*")
_FORMS = "21:00, 9pm, 'tomorrow 09:00', 'sunday 09:00', 'in 2h' or ISO 8601 like {day}T09:00"
_PAST_FORMS = "'7d' (ago), 'yesterday', 'monday', 21:00 or ISO 8601 like 2026-11-01"


# Far enough for any journal and any plan, near enough that no conversion can overflow.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)
# How far back a filter such as `--since 1000d` may reach.
LOOKBACK_LIMIT = timedelta(days=100 * 366)


def _reading(naive: datetime, tz: tzinfo | None, fold: int) -> datetime:
    """One reading of a wall-clock time as an instant; None means the system's local zone."""
    candidate = naive.replace(fold=fold)
    aware = candidate.replace(tzinfo=tz) if tz is not None else candidate.astimezone()
    return aware.astimezone(UTC)


def _instants(naive: datetime, tz: tzinfo | None) -> list[datetime]:
    """The instants a wall-clock time means: usually one, two in a repeated hour.

    A time the clocks skip means the moment just after the jump: 02:30 in a 02:00-03:00 gap
    is read with the offset from before the jump, which lands on 03:30.
    """
    readings = {_reading(naive, tz, fold) for fold in (0, 1)}
    real = sorted(i for i in readings if to_local(i, tz).replace(tzinfo=None) == naive)
    return real or [max(readings)]


def localize(naive: datetime, tz: tzinfo | None, after: datetime | None = None) -> datetime:
    """The instant a wall-clock time means; when it occurs twice, the first after `after`."""
    instants = _instants(naive, tz)
    later = [i for i in instants if after is not None and i > after]
    return later[0] if later else instants[0]


def to_local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """The instant a local day begins, in UTC."""
    return localize(datetime.combine(day, time()), tz)


def within_years(moment: datetime) -> bool:
    """Inside the years every zone can show, so the moment can be read back anywhere."""
    return EARLIEST <= moment < LATEST


def parse_clock(text: str) -> time:
    """Parse a time of day such as 21:00, 9:30, 9pm or 12am."""
    match = _CLOCK.fullmatch(text.strip().lower())
    if match is None:
        raise InvalidInput(f"cannot read '{text}' as a time of day; use 21:00 or 9pm")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = match.group(3)
    if match.group(2) is None and meridiem is None and hour <= 23:
        raise InvalidInput(f"'{text}' is ambiguous; write it as {hour:02d}:00")
    if meridiem:
        if not 1 <= hour <= 12:
            raise InvalidInput(f"'{text}' is not a time of day: with am/pm the hour is 1-12")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InvalidInput(f"'{text}' is not a time of day: hours are 0-23 and minutes 0-59")
    return time(hour, minute)


def parse_when(
    text: str, now: datetime, tz: tzinfo | None = None, *, past: bool = False
) -> datetime:
    """Parse a point in time relative to `now`; the result is aware and in UTC.

    A bare time of day or weekday means its next occurrence, so '07:00' typed in the evening is
    tomorrow morning. With `past`, for filters over what already happened, it means the most
    recent one instead, a bare day means its midnight, and a duration means that long ago.
    """
    try:
        moment = _parse_when(text, now, tz, past=past)
    except (OverflowError, OSError, ValueError):
        moment = None
    if moment is None or not within_years(moment):
        raise InvalidInput(f"'{text.strip()}' is too far from now")
    return moment


def _parse_when(text: str, now: datetime, tz: tzinfo | None, *, past: bool) -> datetime:
    raw = text.strip()
    lowered = raw.lower()
    local_now = to_local(now, tz)
    # The ISO example is tomorrow's date, so it is never a start time already gone.
    tomorrow = local_now.date() + timedelta(days=1)
    forms = _PAST_FORMS if past else _FORMS.format(day=tomorrow.isoformat())
    if not lowered:
        raise InvalidInput(f"a time is needed, such as {forms}")
    if lowered == "now":
        return now.astimezone(UTC)
    if lowered.startswith("in ") and not past:
        return (now + parse_duration(raw[3:], form="in {}")).astimezone(UTC)
    if lowered.endswith(" ago"):
        ago = parse_duration(raw[:-4], LOOKBACK_LIMIT, form="{} ago")
        return (now - ago).astimezone(UTC)
    if past and _DURATION_LIKE.fullmatch(lowered):
        return (now - parse_duration(lowered, LOOKBACK_LIMIT)).astimezone(UTC)
    words = lowered.split(maxsplit=1)
    if words[0] in _RELATIVE_DAYS or words[0] in _WEEKDAYS:
        if len(words) == 1 and not past:
            raise InvalidInput(_needs_clock(raw, words[0], local_now, forms))
        clock = parse_clock(words[1]) if len(words) == 2 else time(0, 0)
        day = _resolve_day(words[0], local_now, clock, past=past)
        return localize(datetime.combine(day, clock), tz, None if past else now)
    if _CLOCK.fullmatch(lowered):
        return _nearest(parse_clock(lowered), now, tz, past=past)
    return _parse_iso(raw, tz, forms)


def _nearest(clock: time, now: datetime, tz: tzinfo | None, *, past: bool) -> datetime:
    """The next (or, with `past`, the latest) instant whose wall clock reads `clock`."""
    today = to_local(now, tz).date()
    days = (-1, 0) if past else (0, 1, 2)
    found = [
        instant
        for offset in days
        for instant in _instants(datetime.combine(today + timedelta(days=offset), clock), tz)
    ]
    if past:
        return [i for i in found if i <= now][-1]
    return next(i for i in found if i > now)


def _needs_clock(raw: str, word: str, local_now: datetime, forms: str) -> str:
    """A day without a time, with an example that is still ahead: '09:00' may be over today,
    and all of yesterday is."""
    if word == "yesterday":
        return f"'{raw}' is in the past; give a time ahead, such as {forms}"
    if word == "today":
        soon = local_now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        example = f"today {soon:%H:%M}" if soon.date() == local_now.date() else "tomorrow 09:00"
        return f"'{raw}' needs a time of day, as in '{example}'"
    return f"'{raw}' needs a time of day, as in '{word} 09:00'"


def _resolve_day(word: str, local_now: datetime, clock: time, *, past: bool) -> date:
    today = local_now.date()
    if word in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[word])
    now_clock = local_now.time().replace(tzinfo=None)
    if past:
        back = (today.weekday() - _WEEKDAYS[word]) % 7
        if back == 0 and clock > now_clock:
            back = 7
        return today - timedelta(days=back)
    ahead = (_WEEKDAYS[word] - today.weekday()) % 7
    if ahead == 0 and clock <= now_clock:
        ahead = 7
    return today + timedelta(days=ahead)


def _parse_iso(raw: str, tz: tzinfo | None, forms: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(f"cannot read '{raw}' as a time; use {forms}") from None
    if parsed.tzinfo is None:
        return localize(parsed, tz)
    return parsed.astimezone(UTC)
