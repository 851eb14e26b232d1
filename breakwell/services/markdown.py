"""The journal as a Markdown document a person can read anywhere.

Breaks and days follow each other in time: each break is a section with its before and after
answers and what was written during it; entries outside breaks are grouped by day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime

from breakwell.domain.document import AnswerRecord, BreakRecord, Document, EntryRecord
from breakwell.domain.durations import format_duration
from breakwell.domain.prompts import Phase, PromptKind
from breakwell.domain.when import to_local

Names = Callable[[str], str]


def _when(moment: datetime, *, day: bool = True) -> str:
    local = to_local(moment, None)
    return local.strftime("%a %d %b %Y %H:%M" if day else "%H:%M")


def _line(text: str) -> str:
    """Entry text as one list item: later lines indented so Markdown keeps them inside it."""
    return text.strip().replace("\n", "\n  ")


def _entry(entry: EntryRecord, names: Names, *, day: bool) -> str:
    about = [entry.kind.value]
    if entry.platform_id:
        about.append(names(entry.platform_id))
    if entry.mood:
        about.append(f"mood {entry.mood}/5")
    return f"- **{_when(entry.created_at, day=day)}** ({', '.join(about)}): {_line(entry.text)}"


def _value(answer: AnswerRecord) -> str:
    return f"{answer.value}/5" if answer.kind is PromptKind.SCALE else _line(answer.value)


def _answers(title: str, answers: Iterable[AnswerRecord]) -> list[str]:
    lines = [f"- **{a.question}** {_value(a)}" for a in answers if a.value.strip()]
    return [f"### {title}", "", *lines, ""] if lines else []


def _break(item: BreakRecord, entries: list[EntryRecord], names: Names) -> list[str]:
    platforms = ", ".join(names(p) for p in item.platforms) or "no platform"
    began = item.started_at or item.starts_at
    ended = item.ended_at or item.ends_at
    lines = [
        f"## Break #{item.id}: {platforms} ({item.status.label})",
        "",
        f"{_when(began)} to {_when(ended)}, {format_duration(ended - began)}, "
        f"{item.mode.value}, {item.strictness.value}",
        "",
    ]
    if item.intention:
        lines += [f"> {_line(item.intention)}", ""]
    if item.end_reason:
        lines += [f"Ended early: {_line(item.end_reason)}", ""]
    lines += _answers("Before", (a for a in item.answers if a.phase is Phase.BEFORE))
    if entries:
        lines += ["### Journal", "", *(_entry(e, names, day=True) for e in entries), ""]
    if item.slips:
        slips = [
            f"- {_when(s.occurred_at)}" + (f" on {names(s.platform_id)}" if s.platform_id else "")
            for s in item.slips
        ]
        lines += ["### Slips", "", *slips, ""]
    lines += _answers("After", (a for a in item.answers if a.phase is Phase.AFTER))
    return lines


def to_markdown(document: Document, names: Names) -> str:
    by_break: dict[int, list[EntryRecord]] = defaultdict(list)
    by_day: dict[date, list[EntryRecord]] = defaultdict(list)
    breaks = {item.id: item for item in document.breaks}
    for entry in sorted(document.entries, key=lambda e: (e.created_at, e.id)):
        if entry.break_id in breaks:
            by_break[entry.break_id].append(entry)
        else:
            by_day[to_local(entry.created_at, None).date()].append(entry)
    sections: list[tuple[datetime, list[str]]] = []
    for item in breaks.values():
        began = item.started_at or item.starts_at
        sections.append((began, _break(item, by_break[item.id], names)))
    for day, entries in by_day.items():
        heading = [f"## {day.strftime('%A %d %B %Y')}", ""]
        body = [_entry(e, names, day=False) for e in entries]
        sections.append((entries[0].created_at, [*heading, *body, ""]))
    sections.sort(key=lambda pair: pair[0])
    lines = ["# breakwell journal", ""]
    for _, section in sections:
        lines += section
    if len(lines) == 2:
        lines += ["Nothing was written in this period.", ""]
    return "\n".join(lines).rstrip() + "\n"
