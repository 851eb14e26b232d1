"""Turning breaks, entries and answers into JSON for scripts and text for people."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from breakwell.cli.output import say
from breakwell.domain.timefmt import describe_moment, iso_local

if TYPE_CHECKING:
    # Only named in signatures: a command that prints no entry or event need not load them.
    from breakwell.domain.entries import Entry
    from breakwell.domain.events import Event
    from breakwell.domain.prompts import Answer


def emit_json(data: Any) -> None:
    import json

    say(json.dumps(data, indent=2, ensure_ascii=False))


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
