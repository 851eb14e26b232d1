"""The journal as a Markdown document a person can read anywhere.

Breaks and days follow each other in time: each break is a section with its before and after
answers and what was written during it; entries outside breaks are grouped by day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from breakwell.domain.durations import format_duration
from breakwell.domain.when import to_local

Row = dict[str, Any]
Names = Callable[[str], str]


def _when(moment: datetime, *, day: bool = True) -> str:
    local = to_local(moment, None)
    return local.strftime("%a %d %b %Y %H:%M" if day else "%H:%M")


def _line(text: str) -> str:
    """Entry text as one list item: later lines indented so Markdown keeps them inside it."""
    return text.strip().replace("\n", "\n  ")


def _entry(row: Row, names: Names, *, day: bool) -> str:
    about = [row["kind"]]
    if row["platform_id"]:
        about.append(names(row["platform_id"]))
    if row["mood"]:
        about.append(f"mood {row['mood']}/5")
    return f"- **{_when(row['created_at'], day=day)}** ({', '.join(about)}): {_line(row['text'])}"


def _value(answer: Row) -> str:
    return f"{answer['value']}/5" if answer["kind"] == "scale" else _line(answer["value"])


def _answers(title: str, answers: Iterable[Row]) -> list[str]:
    lines = [f"- **{a['question']}** {_value(a)}" for a in answers if a["value"].strip()]
    return [f"### {title}", "", *lines, ""] if lines else []


def _break(row: Row, entries: list[Row], names: Names) -> list[str]:
    platforms = ", ".join(names(p) for p in row["platforms"]) or "no platform"
    status = row["status"].replace("_", " ")
    began = row["started_at"] or row["starts_at"]
    ended = row["ended_at"] or row["ends_at"]
    lines = [
        f"## Break #{row['id']}: {platforms} ({status})",
        "",
        f"{_when(began)} to {_when(ended)}, {format_duration(ended - began)}, "
        f"{row['mode']}, {row['strictness']}",
        "",
    ]
    if row["intention"]:
        lines += [f"> {_line(row['intention'])}", ""]
    if row["end_reason"]:
        lines += [f"Ended early: {_line(row['end_reason'])}", ""]
    lines += _answers("Before", (a for a in row["answers"] if a["phase"] == "before"))
    if entries:
        lines += ["### Journal", "", *(_entry(e, names, day=True) for e in entries), ""]
    if row["slips"]:
        slips = [
            f"- {_when(s['occurred_at'])}"
            + (f" on {names(s['platform_id'])}" if s["platform_id"] else "")
            for s in row["slips"]
        ]
        lines += ["### Slips", "", *slips, ""]
    lines += _answers("After", (a for a in row["answers"] if a["phase"] == "after"))
    return lines


def to_markdown(rows: dict[str, Any], names: Names) -> str:
    by_break: dict[int, list[Row]] = defaultdict(list)
    by_day: dict[date, list[Row]] = defaultdict(list)
    breaks = {row["id"]: row for row in rows["breaks"]}
    for entry in sorted(rows["entries"], key=lambda e: (e["created_at"], e["id"])):
        if entry["break_id"] in breaks:
            by_break[entry["break_id"]].append(entry)
        else:
            by_day[to_local(entry["created_at"], None).date()].append(entry)
    sections: list[tuple[datetime, list[str]]] = []
    for row in breaks.values():
        began = row["started_at"] or row["starts_at"]
        sections.append((began, _break(row, by_break[row["id"]], names)))
    for day, entries in by_day.items():
        heading = [f"## {day.strftime('%A %d %B %Y')}", ""]
        body = [_entry(e, names, day=False) for e in entries]
        sections.append((entries[0]["created_at"], [*heading, *body, ""]))
    sections.sort(key=lambda pair: pair[0])
    lines = ["# breakwell journal", ""]
    for _, section in sections:
        lines += section
    if len(lines) == 2:
        lines += ["Nothing was written in this period.", ""]
    return "\n".join(lines).rstrip() + "\n"
