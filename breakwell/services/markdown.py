"""The journal as a Markdown document a person can read anywhere.

Breaks and days follow each other in time: each break is a section with its before and after
answers and what was written during it; entries outside breaks are grouped by day.
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from itertools import chain
from typing import Protocol, TextIO

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
    if entry.edited_at is not None:
        about.append(f"edited {_when(entry.edited_at)}")
    return f"- **{_when(entry.created_at, day=day)}** ({', '.join(about)}): {_line(entry.text)}"


def _value(answer: AnswerRecord) -> str:
    return f"{answer.value}/5" if answer.kind is PromptKind.SCALE else _line(answer.value)


def _answers(title: str, answers: Iterable[AnswerRecord]) -> list[str]:
    lines = [f"- **{a.question}** {_value(a)}" for a in answers if a.value.strip()]
    return [f"### {title}", "", *lines, ""] if lines else []


def _break(item: BreakRecord, entries: Iterable[EntryRecord], names: Names) -> Iterator[str]:
    platforms = ", ".join(names(p) for p in item.platforms) or "no platform"
    began = item.started_at or item.starts_at
    ended = item.ended_at or item.ends_at
    yield from (
        f"## Break #{item.id}: {platforms} ({item.status.label})",
        "",
        f"{_when(began)} to {_when(ended)}, {format_duration(ended - began)}, "
        f"{item.mode.value}, {item.strictness.value}",
        "",
    )
    if item.intention:
        yield from (f"> {_line(item.intention)}", "")
    if item.end_reason:
        yield from (f"Ended early: {_line(item.end_reason)}", "")
    yield from _answers("Before", (a for a in item.answers if a.phase is Phase.BEFORE))
    shown: set[int] = set()
    written = iter(entries)
    first = next(written, None)
    if first is not None:
        yield from ("### Journal", "")
        for entry in chain((first,), written):
            shown.add(entry.id)
            yield _entry(entry, names, day=True)
        yield ""
    # A slip with words is already in the journal above, as a slip; only the wordless ones
    # (and those whose entry the export left out) would otherwise go unsaid.
    slips = [
        f"- {_when(s.occurred_at)}" + (f" on {names(s.platform_id)}" if s.platform_id else "")
        for s in item.slips
        if s.entry_id is None or s.entry_id not in shown
    ]
    if slips:
        yield from ("### Slips", "", *slips, "")
    yield from _answers("After", (a for a in item.answers if a.phase is Phase.AFTER))


class Source(Protocol):
    """Where the writer finds entries, each call in the order they were written (time, then
    id): a document in memory, or a journal read a chunk at a time."""

    def loose(self) -> Iterable[datetime]:
        """When each entry outside the document's breaks was written."""

    def of_break(self, break_id: int) -> Iterable[EntryRecord]:
        """The entries of one of the document's breaks."""

    def between(self, first: datetime, last: datetime) -> Iterable[EntryRecord]:
        """The entries outside the document's breaks written from `first` to `last`."""


class _InMemory:
    def __init__(self, document: Document) -> None:
        breaks = {item.id for item in document.breaks}
        self._by_break: dict[int, list[EntryRecord]] = defaultdict(list)
        self._loose: list[EntryRecord] = []
        for entry in sorted(document.entries, key=lambda e: (e.created_at, e.id)):
            if entry.break_id in breaks:
                self._by_break[entry.break_id].append(entry)
            else:
                self._loose.append(entry)

    def loose(self) -> Iterable[datetime]:
        return (e.created_at for e in self._loose)

    def of_break(self, break_id: int) -> Iterable[EntryRecord]:
        return self._by_break[break_id]

    def between(self, first: datetime, last: datetime) -> Iterable[EntryRecord]:
        start = bisect_left(self._loose, first, key=lambda e: e.created_at)
        end = bisect_right(self._loose, last, key=lambda e: e.created_at)
        return self._loose[start:end]


def to_markdown(document: Document, names: Names) -> str:
    out = io.StringIO()
    write_markdown(document, _InMemory(document), names, out)
    return out.getvalue()


def write_markdown(document: Document, source: Source, names: Names, out: TextIO) -> None:
    """Breaks and days in time order, each written as it is read: a section at a time."""
    # Days go in the order of their first entry; a day's span is from its first to its last.
    days: dict[date, list[datetime]] = {}
    for moment in source.loose():
        day = to_local(moment, None).date()
        span = days.get(day)
        if span is None:
            days[day] = [moment, moment]
        else:
            span[1] = moment
    sections: list[tuple[datetime, BreakRecord | date]] = [
        (item.started_at or item.starts_at, item) for item in document.breaks
    ]
    sections += [(span[0], day) for day, span in days.items()]
    # Stable: at the same moment a break comes before a day, as it always has.
    sections.sort(key=lambda pair: pair[0])
    text = _Joined(out)
    text.add(["# breakwell journal", ""])
    for _, section in sections:
        if isinstance(section, BreakRecord):
            text.add(_break(section, source.of_break(section.id), names))
            continue
        first, last = days[section]
        entries = (
            e for e in source.between(first, last) if to_local(e.created_at, None).date() == section
        )
        text.add([f"## {section.strftime('%A %d %B %Y')}", ""])
        text.add(_entry(e, names, day=False) for e in entries)
        text.add([""])
    if not sections:
        text.add(["Nothing was written in this period.", ""])
    text.close()


class _Joined:
    """Lines joined by line breaks, with trailing white space dropped and one line break
    ending the text, as `"\\n".join(lines).rstrip() + "\\n"` would; written as they come, with
    only white space held back until the text after it shows it is not trailing."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._started = False
        self._held = ""

    def add(self, lines: Iterable[str]) -> None:
        for line in lines:
            text = line if not self._started else "\n" + line
            self._started = True
            kept = text.rstrip()
            if kept:
                self._out.write(self._held + kept)
                self._held = text[len(kept) :]
            else:
                self._held += text

    def close(self) -> None:
        self._out.write("\n")
