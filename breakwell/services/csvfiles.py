"""Breaks and entries as two CSV tables, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import TextIO

from breakwell.domain.document import Document, EntryRecord
from breakwell.domain.prompts import PromptKind
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
    "edited_at",
)


def _cell(value: object) -> object:
    if isinstance(value, datetime):
        return iso_local(value)
    if isinstance(value, tuple):
        return " ".join(value)
    return "" if value is None else value


def _table(columns: tuple[str, ...], rows: Iterable[tuple[object, ...]], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(_cell(value) for value in row)


def _breaks(document: Document, entries: Mapping[int, int]) -> Iterator[tuple[object, ...]]:
    """Each break's cells, in BREAK_COLUMNS' order; `entries` counts each break's entries."""
    for item in document.breaks:
        moods = {a.prompt_key: a.value for a in item.answers if a.kind is PromptKind.SCALE}
        yield (
            item.id,
            item.status.value,
            item.starts_at,
            item.ends_at,
            item.started_at,
            item.ended_at,
            item.platforms,
            item.mode.value,
            item.strictness.value,
            item.intention,
            item.end_reason,
            item.plan_id,
            moods.get("mood_before"),
            moods.get("mood_after"),
            entries.get(item.id, 0),
            len(item.slips),
        )


def _entries(entries: Iterable[EntryRecord]) -> Iterator[tuple[object, ...]]:
    """Each entry's cells, in ENTRY_COLUMNS' order."""
    for entry in entries:
        yield (
            entry.id,
            entry.created_at,
            entry.kind.value,
            entry.text,
            entry.break_id,
            entry.platform_id,
            entry.tags,
            entry.people,
            entry.mood,
            entry.edited_at,
        )


def tables(table: str | None) -> list[str]:
    """The tables an export writes: both, or only `table` (breaks or entries)."""
    return [name for name in ("breaks", "entries") if table in (None, name)]


def write_csv(
    document: Document,
    counts: Mapping[int, int],
    entries: Iterable[EntryRecord],
    outs: Mapping[str, TextIO],
) -> None:
    """Each table in `outs` (named as `tables` names them) written as its rows come; `counts`
    says how many entries each break holds, and `entries` are read only for their table."""
    if "breaks" in outs:
        _table(BREAK_COLUMNS, _breaks(document, counts), outs["breaks"])
    if "entries" in outs:
        _table(ENTRY_COLUMNS, _entries(entries), outs["entries"])


def to_csv(document: Document, table: str | None = None) -> dict[str, str]:
    """The tables by name: both, or only `table` (breaks or entries)."""
    outs = {name: io.StringIO() for name in tables(table)}
    counts = Counter(e.break_id for e in document.entries if e.break_id is not None)
    write_csv(document, counts, document.entries, outs)
    return {name: out.getvalue() for name, out in outs.items()}
