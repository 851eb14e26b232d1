"""Breaks and entries as two CSV tables, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from breakwell.domain.timefmt import iso_local

BREAK_COLUMNS = (
    "id",
    "status",
    "starts_at",
    "ends_at",
    "started_at",
    "ended_at",
    "platforms",
    "mode",
    "strictness",
    "intention",
    "end_reason",
    "plan_id",
    "mood_before",
    "mood_after",
    "entries",
    "slips",
)
ENTRY_COLUMNS = (
    "id",
    "created_at",
    "kind",
    "text",
    "break_id",
    "platform",
    "tags",
    "people",
    "mood",
)


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_local(value)
    if isinstance(value, list):
        return " ".join(value)
    return "" if value is None else value


def _table(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(_cell(row.get(column)) for column in columns)
    return out.getvalue()


def _breaks(rows: dict[str, Any]) -> Iterator[dict[str, Any]]:
    entries: dict[int, int] = {}
    for entry in rows["entries"]:
        if entry["break_id"] is not None:
            entries[entry["break_id"]] = entries.get(entry["break_id"], 0) + 1
    for row in rows["breaks"]:
        moods = {a["prompt_key"]: a["value"] for a in row["answers"] if a["kind"] == "scale"}
        yield {
            **row,
            "mood_before": moods.get("mood_before"),
            "mood_after": moods.get("mood_after"),
            "entries": entries.get(row["id"], 0),
            "slips": len(row["slips"]),
        }


def to_csv(rows: dict[str, Any], table: str | None = None) -> dict[str, str]:
    """The tables by name: both, or only `table` (breaks or entries)."""
    found: dict[str, str] = {}
    if table in (None, "breaks"):
        found["breaks"] = _table(BREAK_COLUMNS, _breaks(rows))
    if table in (None, "entries"):
        entries = ({**e, "platform": e["platform_id"]} for e in rows["entries"])
        found["entries"] = _table(ENTRY_COLUMNS, entries)
    return found
