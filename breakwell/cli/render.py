"""Turning breaks, entries and answers into JSON for scripts and text for people."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.durations import format_duration
from breakwell.domain.timefmt import describe_moment, iso_local

if TYPE_CHECKING:
    # Only named in signatures: a command that prints no entry or event need not load them.
    from breakwell.domain.blocking import BlockState, LeftBlock
    from breakwell.domain.entries import Entry
    from breakwell.domain.events import Event
    from breakwell.domain.prompts import Answer

Names = Callable[[str], str]


def emit_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


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


def picked_up(entry: Entry) -> str:
    """What was picked up from an entry's words, to echo after saving it: ' Tags: #a.
    People: @b.', or nothing."""
    found = [
        f" {label}: {', '.join(mark + name for name in names)}."
        for label, mark, names in (("Tags", "#", entry.tags), ("People", "@", entry.people))
        if names
    ]
    return "".join(found)


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "created_at": iso_local(entry.created_at),
        "kind": entry.kind.value,
        "text": entry.text,
        "break_id": entry.break_id,
        "platform": entry.platform,
        "tags": list(entry.tags),
        "people": list(entry.people),
        "mood": entry.mood,
        "edited_at": iso_local(entry.edited_at),
    }


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": iso_local(event.at),
        "kind": event.kind.value,
        "break_id": event.break_id,
        "device": event.device,
        "detail": event.detail or None,
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "key": answer.prompt_key,
        "question": answer.question,
        "kind": answer.kind.value,
        "value": answer.value,
        "answered_at": iso_local(answer.answered_at),
    }


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


def aligned(rows: Sequence[Sequence[str]], gap: str = "  ") -> list[str]:
    """Rows as lines in columns: each column but the last as wide as its widest cell, and a
    column empty in every row left out, so each one starts at the same place on every line."""
    if not rows:
        return []
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    kept = [column for column, width in enumerate(widths) if width]
    return [
        gap.join([*(row[column].ljust(widths[column]) for column in kept), row[-1]]).rstrip()
        for row in rows
    ]


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


def entry_block(entry: Entry, now: datetime) -> str:
    where = [f"break #{entry.break_id}"] if entry.break_id else []
    if entry.platform:
        where.append(entry.platform)
    context = f"  [{' · '.join(where)}]" if where else ""
    header = f"#{entry.id}  {describe_moment(entry.created_at, now)}  {entry.kind.value}{context}"
    if entry.edited_at is not None:
        header += f"  (edited {describe_moment(entry.edited_at, now)})"
    # Wrap each of the entry's own lines, so paragraphs and lists keep their shape.
    body = "\n".join(
        textwrap.fill(line, width=88, initial_indent="    ", subsequent_indent="    ")
        for line in entry.text.splitlines()
    )
    return f"{header}\n{body}"
