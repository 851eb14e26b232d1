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
_FORMS = "21:00, 9pm, 'tomorrow 09:00', 'sunday 09:00', 'in 2h' or ISO 8601 like 2026-11-24T09:00"
_PAST_FORMS = "'7d' (ago), 'yesterday', 'monday', 21:00 or ISO 8601 like 2026-11-01"


def localize(naive: datetime, tz: tzinfo | None) -> datetime:
    """Attach a zone to a wall-clock time; None means the system's local zone, DST included."""
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def to_local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def parse_clock(text: str) -> time:
    """Parse a time of day such as 21:00, 9:30, 9pm or 12am."""
    match = _CLOCK.fullmatch(text.strip().lower())
    if match is None:
        raise InvalidInput(f"cannot read '{text}' as a time of day; use 21:00 or 9pm")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = match.group(3)
    if match.group(2) is None and meridiem is None:
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
    raw = text.strip()
    lowered = raw.lower()
    forms = _PAST_FORMS if past else _FORMS
    if not lowered:
        raise InvalidInput(f"a time is needed, such as {forms}")
    if lowered == "now":
        return now.astimezone(UTC)
    if lowered.startswith("in ") and not past:
        return (now + parse_duration(lowered[3:])).astimezone(UTC)
    if lowered.endswith(" ago"):
        return (now - parse_duration(lowered[:-4])).astimezone(UTC)
    if past and lowered[:1].isdigit() and _looks_like_duration(lowered):
        return (now - parse_duration(lowered)).astimezone(UTC)
    local_now = to_local(now, tz)
    words = lowered.split(maxsplit=1)
    if words[0] in _RELATIVE_DAYS or words[0] in _WEEKDAYS:
        if len(words) == 1 and not past:
            raise InvalidInput(f"'{raw}' needs a time of day, as in '{words[0]} 09:00'")
        clock = parse_clock(words[1]) if len(words) == 2 else time(0, 0)
        day = _resolve_day(words[0], local_now, clock, past=past)
        return localize(datetime.combine(day, clock), tz).astimezone(UTC)
    if _CLOCK.fullmatch(lowered):
        clock = parse_clock(lowered)
        day = local_now.date()
        now_clock = local_now.time().replace(tzinfo=None)
        if not past and clock <= now_clock:
            day += timedelta(days=1)
        elif past and clock > now_clock:
            day -= timedelta(days=1)
        return localize(datetime.combine(day, clock), tz).astimezone(UTC)
    return _parse_iso(raw, tz, forms)


def _looks_like_duration(text: str) -> bool:
    try:
        parse_duration(text)
    except InvalidInput:
        return False
    return True


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
        parsed = localize(parsed, tz)
    return parsed.astimezone(UTC)
