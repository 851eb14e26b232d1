"""Reading and writing lengths of time the way people type them: 45m, 1h30m, 2d, 90 minutes."""

from __future__ import annotations

import re
from datetime import timedelta

from breakwell.domain.errors import InvalidInput

MAX_DURATION = timedelta(days=365)

_UNITS: dict[str, int] = {}
for _seconds, _names in (
    (1, ("s", "sec", "secs", "second", "seconds")),
    (60, ("m", "min", "mins", "minute", "minutes")),
    (3600, ("h", "hr", "hrs", "hour", "hours")),
    (86400, ("d", "day", "days")),
    (604800, ("w", "wk", "wks", "week", "weeks")),
):
    for _name in _names:
        _UNITS[_name] = _seconds

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([^\W\d_]*)")
_SEPARATORS = re.compile(r"(?:\s|,|\band\b)+")
_EXAMPLES = "such as 45m, 2h, 1h30m, 2d or 90 minutes"


def parse_duration(text: str, limit: timedelta = MAX_DURATION) -> timedelta:
    """Parse a positive duration up to `limit`, or raise InvalidInput naming the fault."""
    raw = text.strip()
    if not raw:
        raise InvalidInput(f"a duration is needed, {_EXAMPLES}")
    lowered = raw.lower()
    if lowered.startswith("-"):
        raise InvalidInput(f"a duration must be positive, got '{raw}'")
    total = 0.0
    seen: set[int] = set()
    position = 0
    while position < len(lowered):
        gap = _SEPARATORS.match(lowered, position)
        if gap and gap.end() > position:
            position = gap.end()
            continue
        part = _PART.match(lowered, position)
        if part is None:
            raise InvalidInput(f"cannot read '{raw}' as a duration; use a form {_EXAMPLES}")
        number, unit = part.group(1), part.group(2)
        if not unit:
            raise InvalidInput(
                f"'{raw}' needs a unit after {number}: s, m, h, d or w (as in {number}m)"
            )
        if unit not in _UNITS:
            raise InvalidInput(
                f"unknown unit '{unit}' in '{raw}'; use s, m, h, d or w, {_EXAMPLES}"
            )
        seconds = _UNITS[unit]
        if seconds in seen:
            raise InvalidInput(f"'{raw}' gives the same unit twice")
        seen.add(seconds)
        total += float(number) * seconds
        position = part.end()
    # Compare before building a timedelta: a huge number would overflow it.
    if not total < limit.total_seconds() + 0.5:
        raise InvalidInput(f"'{raw}' is longer than the limit of {limit.days} days")
    duration = timedelta(seconds=round(total))
    if duration <= timedelta(0):
        raise InvalidInput(f"a duration must be longer than zero, got '{raw}'")
    return duration


def format_duration(duration: timedelta) -> str:
    """A short human form with at most two units: '2d 4h', '1h 30m', '45s'."""
    seconds = max(0, round(duration.total_seconds()))
    parts: list[str] = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        amount, seconds = divmod(seconds, size)
        if amount or (parts and len(parts) < 2):
            parts.append(f"{amount}{unit}")
        if len(parts) == 2:
            break
    while len(parts) > 1 and parts[-1].startswith("0"):
        parts.pop()
    return " ".join(parts) or "0s"
