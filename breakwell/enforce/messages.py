"""What each event says to the person, when it says anything at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from breakwell.domain.breaks import Break
from breakwell.domain.durations import format_duration
from breakwell.domain.events import Event, EventKind


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
        return (f"{label} is complete", "How was it? Your reflection is waiting: breakwell reflect")
    if event.kind is EventKind.BREAK_ENDED_EARLY:
        return (f"{label} ended early", "Your reflection is waiting: breakwell reflect")
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
