"""A break as someone asks for it, read from the words the start form and `start` take.

Both read the same fields with the same rules and the same messages; the services then check the
request against the stored breaks and the settings (`BreakService.propose`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.durations import parse_duration
from breakwell.domain.errors import InvalidInput
from breakwell.domain.values import frozen, replace
from breakwell.domain.when import parse_when

_Choice = TypeVar("_Choice", Mode, Strictness)


@frozen
class BreakRequest:
    """How long, from when, from what, how strict and why; None leaves it to the defaults."""

    length: timedelta
    at: datetime | None = None
    # Empty means the configured default platforms.
    platforms: tuple[str, ...] = ()
    mode: Mode | None = None
    strictness: Strictness | None = None
    intention: str = ""

    def after_questions(self, now: datetime) -> BreakRequest:
        """The request once the before-questions are answered, which takes time: a break
        starting "now" starts when they are done, and one due while they were being answered
        starts at once."""
        if self.at is not None and self.at <= now:
            return self.at_once()
        return self

    def at_once(self) -> BreakRequest:
        return replace(self, at=None)


def parse_break_request(
    now: datetime,
    *,
    length: str | None = None,
    until: str | None = None,
    at: str | None = None,
    platforms: Sequence[str] | None = None,
    mode: str | None = None,
    strictness: str | None = None,
    intention: str = "",
) -> BreakRequest:
    """Read a break request; a field left None was not given.

    `at` blank or "now" means now. `until` is an end time instead of a length, read from the
    start. `platforms` None means the defaults; an empty choice is refused. Raises InvalidInput
    naming the first fault.
    """
    # The length is read before the start, as `start` has always reported a bad length first.
    parsed = parse_duration(length) if length is not None and until is None else None
    begin = _start(at, now)
    if length is not None and until is not None:
        raise InvalidInput("give a length or an end time, not both")
    if until is not None:
        origin = begin or now
        parsed = parse_when(until, origin) - origin
    if parsed is None:
        raise InvalidInput("say how long: a length such as 2h, or an end time")
    if platforms is not None and not platforms:
        raise InvalidInput("a break needs at least one platform")
    return BreakRequest(
        parsed,
        at=begin,
        platforms=tuple(platforms or ()),
        mode=_choice(Mode, mode, "mode"),
        strictness=_choice(Strictness, strictness, "strictness"),
        intention=intention,
    )


def _start(text: str | None, now: datetime) -> datetime | None:
    if text is None or text.strip() in {"", "now"}:
        return None
    return parse_when(text, now)


def _choice(kind: type[_Choice], value: str | None, name: str) -> _Choice | None:
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(kind)
        raise InvalidInput(f"unknown {name} '{value}': choose {choices}") from None
