"""What each event says to the person, when it says anything at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from breakwell.domain.breaks import Break
from breakwell.domain.durations import format_duration
from breakwell.domain.events import Event, EventKind

# Where a notification points for the after-questions; the app, which shows them, says
# instead that they wait there.
REFLECTION_WAITING = "Your reflection is waiting: breakwell reflect"


def message_for(
    event: Event, item: Break | None, name: Callable[[str], str]
) -> tuple[str, str] | None:
    """A (title, body) for events worth interrupting someone for; None for the rest."""
    platforms = ", ".join(name(p) for p in item.platforms) if item else "your platforms"
    label = f"Break #{event.break_id}" if event.break_id else "Your break"
    if event.kind is EventKind.BREAK_STARTED and item is not None:
        length = format_duration(item.planned_length)
        return (f"{label} has started", f"{length} away from {platforms}. Notice, don't scroll.")
    if event.kind is EventKind.BREAK_COMPLETED:
        return (f"{label} is complete", f"How was it? {REFLECTION_WAITING}")
    if event.kind is EventKind.BREAK_ENDED_EARLY:
        return (f"{label} ended early", REFLECTION_WAITING)
    if event.kind is EventKind.BREAK_MISSED:
        return (f"{label} was missed", "Nothing was running to start it on time.")
    if event.kind is EventKind.SLIP_LOGGED:
        return ("Slip logged", "Noticing is the point. The break goes on.")
    if event.kind is EventKind.BLOCK_FAILED:
        return ("Sites are not blocked", event.detail)
    return None


def check_in_message(item: Break, left: timedelta, name: Callable[[str], str]) -> tuple[str, str]:
    platforms = ", ".join(name(p) for p in item.platforms)
    return (
        f"Check-in: {format_duration(left)} left",
        f'Still away from {platforms}. What have you noticed? breakwell note "..."',
    )


CATCH_UP_TITLE = "While breakwell was not running"
_ENDED = (EventKind.BREAK_COMPLETED, EventKind.BREAK_ENDED_EARLY)
# A break that ran out with no enforcer running ended at its own end, not when one noticed.
_SETTLED_LATE = (EventKind.BREAK_COMPLETED, EventKind.BREAK_MISSED)


def happened_at(event: Event, item: Break | None) -> datetime:
    """When what an event tells of took place, which may be before it was recorded."""
    if item is not None and event.kind in _SETTLED_LATE:
        return min(event.at, item.ended_at or item.ends_at)
    return event.at


def catch_up_summary(events: Sequence[Event]) -> tuple[str, str] | None:
    """One (title, body) for everything worth telling that happened while no enforcer ran,
    such as "break #5 ended, 1 slip"; None when none of it is worth a notification."""
    ended = _ids(e for e in events if e.kind in _ENDED)
    # A break that started and ended meanwhile is told once, as ended.
    started = [
        i for i in _ids(e for e in events if e.kind is EventKind.BREAK_STARTED) if i not in ended
    ]
    missed = _ids(e for e in events if e.kind is EventKind.BREAK_MISSED)
    slips = sum(1 for e in events if e.kind is EventKind.SLIP_LOGGED)
    parts = [
        _breaks(started, "started", "started"),
        _breaks(ended, "ended", "ended"),
        _breaks(missed, "was missed", "were missed"),
        f"{slips} slip{'s' if slips != 1 else ''}" if slips else "",
    ]
    said = [part for part in parts if part]
    return (CATCH_UP_TITLE, ", ".join(said)) if said else None


def _ids(events: Iterable[Event]) -> list[int]:
    """Break ids in the order their events came, each once."""
    return list(dict.fromkeys(e.break_id for e in events if e.break_id is not None))


def _breaks(ids: Sequence[int], one: str, many: str) -> str:
    if not ids:
        return ""
    if len(ids) == 1:
        return f"break #{ids[0]} {one}"
    names = [f"#{i}" for i in ids]
    return f"breaks {', '.join(names[:-1])} and {names[-1]} {many}"
