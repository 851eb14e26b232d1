"""Breaks as text for people and as JSON for scripts: `status`, `history`, `show`, `start`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from breakwell.cli.render import aligned
from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.durations import format_duration
from breakwell.domain.timefmt import describe_moment, iso_local

if TYPE_CHECKING:
    from breakwell.domain.blocking import BlockState, LeftBlock

Names = Callable[[str], str]


def break_json(item: Break, now: datetime) -> dict[str, Any]:
    """The documented shape of a break in every JSON output."""
    running = item.status is BreakStatus.ACTIVE
    return {
        "id": item.id,
        "status": item.status.value,
        "starts_at": iso_local(item.starts_at),
        "ends_at": iso_local(item.ends_at),
        "platforms": list(item.platforms),
        "mode": item.mode.value,
        "strictness": item.strictness.value,
        "intention": item.intention or None,
        "started_at": iso_local(item.started_at),
        "ended_at": iso_local(item.ended_at),
        "end_reason": item.end_reason,
        "remaining_seconds": round(item.remaining(now).total_seconds()) if running else None,
        "awaiting_reflection": item.awaits_reflection,
        "plan_id": item.plan_id,
    }


def block_state_json(state: BlockState) -> dict[str, Any]:
    return {
        "break_id": state.break_id,
        "blocked": state.blocked,
        "missing_domains": state.missing,
        "reasons": list(state.reasons),
    }


def left_block_json(left: LeftBlock | None) -> dict[str, Any] | None:
    return {"hosts_file": left.hosts_file, "domains": left.domains} if left else None


SHOWN_PLATFORMS = 3


def platforms_text(item: Break, names: Names) -> str:
    shown = [names(platform_id) for platform_id in item.platforms]
    if len(shown) > SHOWN_PLATFORMS + 1:
        rest = len(shown) - SHOWN_PLATFORMS
        return f"{', '.join(shown[:SHOWN_PLATFORMS])} and {rest} more"
    return ", ".join(shown)


HISTORY_COLUMNS = ("id", "starts", "length", "status", "strictness", "mode", "platforms")


def lasted_text(item: Break, now: datetime) -> str:
    """How long a break lasted against its plan ("1h 12m of 2h") once it ended early or
    while it runs; its planned length otherwise."""
    planned = format_duration(item.planned_length)
    began = item.started_at or item.starts_at
    if item.status is BreakStatus.ENDED_EARLY and item.ended_at is not None:
        return f"{format_duration(item.ended_at - began)} of {planned}"
    if item.status is BreakStatus.ACTIVE:
        return f"{format_duration(now - began)} of {planned}"
    return planned


def history_lines(items: Sequence[Break], now: datetime) -> list[str]:
    """A table of breaks under a header naming each column, each as wide as it needs."""
    rows = [HISTORY_COLUMNS] + [
        (
            f"#{item.id}",
            describe_moment(item.starts_at, now),
            lasted_text(item, now),
            item.status.label,
            item.strictness.value,
            item.mode.value,
            ", ".join(item.platforms),
        )
        for item in items
    ]
    return aligned(rows)


def break_summary(item: Break, now: datetime, names: Names) -> str:
    """A sentence about a break's state, for confirmations and status."""
    off = f"Break #{item.id}: off {platforms_text(item, names)}"
    kind = f"{item.strictness.value}, {item.mode.value}"
    if item.status is BreakStatus.ACTIVE:
        left = format_duration(item.remaining(now))
        return f"{off} until {describe_moment(item.ends_at, now)} ({left} left), {kind}"
    if item.status is BreakStatus.PLANNED:
        start = describe_moment(item.starts_at, now)
        return f"{off} from {start} for {format_duration(item.planned_length)}, {kind}"
    ended = describe_moment(item.ended_at or item.ends_at, now)
    return f"{off}, {item.status.label} {ended}, {kind}"
