"""Reading and writing lengths of time the way people type them: 45m, 1h30m, 2d, 90 minutes."""

from __future__ import annotations

import re
from datetime import timedelta

from breakwell.domain.errors import InvalidInput
from breakwell.domain.values import frozen

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
# Each valid under every limit a caller passes (the shortest is a plan's 7 days).
EXAMPLES = ("45m", "2h", "1h30m", "2d", "90 minutes")


def parse_duration(
    text: str,
    limit: timedelta = MAX_DURATION,
    *,
    form: str = "{}",
    fits: timedelta | None = None,
) -> timedelta:
    """Parse a positive duration up to `limit`, or raise InvalidInput naming the fault.

    What a refusal suggests instead is always accepted: `form` is how the duration was
    written around it (such as "in {}"), so a suggestion reads as something to type again,
    and `fits` is the longest the caller will go on to accept, when that is less than `limit`
    (a plan's breaks must fit between two of them).
    """
    return _Reading(limit, form, limit if fits is None else min(fits, limit)).read(text)


@frozen
class _Reading:
    limit: timedelta
    form: str
    fits: timedelta

    def read(self, text: str, *, suggest: bool = True) -> timedelta:
        raw = text.strip()
        typed = self.form.format(raw)
        if not raw:
            raise InvalidInput(f"a duration is needed, {self.examples()}")
        lowered = raw.lower()
        if lowered.startswith("-"):
            raise InvalidInput(f"a duration must be positive, got '{typed}'")
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
                raise InvalidInput(
                    f"cannot read '{typed}' as a duration; use a form {self.examples()}"
                )
            number, unit = part.group(1), part.group(2)
            if not unit:
                # A correction is only tried once: trying each reading of each bare number
                # in turn would take time exponential in how many there are.
                if not suggest:
                    raise InvalidInput(f"'{raw}' needs a unit after {number}")
                raise InvalidInput(self.missing_unit(raw, number, part.end(1)))
            if unit not in _UNITS:
                raise InvalidInput(
                    f"unknown unit '{unit}' in '{typed}'; use s, m, h, d or w, {self.examples()}"
                )
            seconds = _UNITS[unit]
            if seconds in seen:
                raise InvalidInput(f"'{typed}' gives the same unit twice")
            seen.add(seconds)
            total += float(number) * seconds
            position = part.end()
        # Compare before building a timedelta: a huge number would overflow it.
        if not total < self.limit.total_seconds() + 0.5:
            raise InvalidInput(f"'{typed}' is longer than the limit of {self.limit.days} days")
        duration = timedelta(seconds=round(total))
        if duration <= timedelta(0):
            raise InvalidInput(f"a duration must be longer than zero, got '{typed}'")
        return duration

    def accepts(self, text: str) -> bool:
        try:
            return self.read(text, suggest=False) <= self.fits
        except InvalidInput:
            return False

    def examples(self) -> str:
        # When none of the usual ones fits, the longest that does (rounded down) is one.
        fitting = [e for e in EXAMPLES if self.accepts(e)] or [format_duration(self.fits)]
        shown = [self.form.format(example) for example in fitting]
        if self.form != "{}":
            shown = [f"'{example}'" for example in shown]
        listed = f"{', '.join(shown[:-1])} or {shown[-1]}" if len(shown) > 1 else shown[0]
        return f"such as {listed}"

    def missing_unit(self, raw: str, number: str, after: int) -> str:
        """Say which number lacks a unit, with the first reading that would be accepted as
        typed (minutes, then hours): never a correction that would itself be refused."""
        lowered = raw.lower()
        typed = self.form.format(raw)
        for unit in ("m", "h"):
            candidate = f"{lowered[:after]}{unit}{lowered[after:]}"
            if self.accepts(candidate):
                return (
                    f"'{typed}' needs a unit after {number}: s, m, h, d or w "
                    f"(as in '{self.form.format(candidate)}')"
                )
        if float(number) == 0:
            return f"a duration must be longer than zero, got '{typed}'"
        return f"'{typed}' needs a unit after {number}: s, m, h, d or w, {self.examples()}"


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
