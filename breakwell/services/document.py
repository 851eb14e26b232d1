"""breakwell's own export file read back, with errors a person can act on.

A file is checked whole before anything is imported: a bad field is named by its path
(entries[3].created_at), a JSON syntax error by its line and column. Every row is held to its
schema (document_schema) and to the rules of the command that would have made it
(document_rules); the rules that depend on the journal it joins are checked by the import
itself (see domain/admission). A checked file becomes the typed Document (document_records,
domain/document) the store merges and the writers read; its text is document_json's.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from pydantic import ValidationError

from breakwell.domain.document import BreakRecord, Document, EntryRecord, as_plain
from breakwell.domain.errors import BreakwellError, InvalidInput
from breakwell.domain.values import frozen, replace
from breakwell.services.document_json import FORMAT, VERSION, too_deep
from breakwell.services.document_records import as_document, break_record, entry_record
from breakwell.services.document_rules import (
    check_break,
    check_entry,
    check_rules,
    one_line,
)
from breakwell.services.document_schema import BreakIn, DocumentIn, EntryIn

# One of pydantic's errors: where ("loc") and what ("msg").
Problem = Mapping[str, Any]

# Entries read again are checked against the first reading this many at a time.
_PART = 500


def field_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path or "the file"


def explain(error: ValidationError, what: str) -> InvalidInput:
    return _explained(error.errors()[0], what)


def _explained(first: Problem, what: str) -> InvalidInput:
    problem = first["msg"].removeprefix("Value error, ")
    return InvalidInput(one_line(f"{what}: {field_path(first['loc'])}: {problem}"))


def is_document(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def read_document(data: Any, what: str = "the file") -> Document:
    """A parsed export checked whole, as the document the store merges."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f'{what} is not a breakwell export (no "format": "breakwell")')
    head = dict(data)
    seen = Entries(what)
    breaks = Breaks(what)
    kept: list[EntryIn] = []
    if isinstance(head.get("breaks"), list):
        for raw in head["breaks"]:
            breaks.add(raw)
        head["breaks"] = []
    if isinstance(head.get("entries"), list):
        for raw in head["entries"]:
            entry = seen.add(raw)
            if entry is not None:
                kept.append(entry)
        head["entries"] = []
    document = _checked(head, seen, breaks, what)
    return replace(document, entries=tuple(entry_record(e) for e in kept))


@frozen
class Checked:
    """An export file checked whole but its entries, which are only counted: they are read
    again from the file as they are merged (see `entries_of`)."""

    document: Document
    entries: Entries


def check_file(
    file: TextIO, what: str, reading: Callable[[], None] = lambda: None
) -> Checked | None:
    """An export file checked as `read_document` checks it, reading one entry and one break
    at a time (and calling `reading` every so many entries). None when the file is no
    breakwell export (then it may be jrnl's). A file this reader does not follow raises
    NotStreamable (see jsonstream), to be read whole instead."""
    from breakwell.services.jsonstream import members

    head: dict[str, Any] = {}
    seen = Entries(what)
    breaks = Breaks(what)
    for key, value in members(file):
        head[key] = value
        if isinstance(value, Iterator):
            if key == "breaks":
                for raw in value:
                    breaks.add(raw)
            else:
                for raw in value:
                    seen.add(raw)
                    if seen.count % 1000 == 0:
                        reading()
            head[key] = []
    if head.get("format") != FORMAT:
        return None
    return Checked(_checked(head, seen, breaks, what), seen)


def entries_of(file: TextIO, checked: Checked) -> Iterator[EntryRecord]:
    """The entries of a file `check_file` has checked, read again: each part of them given
    only once it is found to be what was checked, so a file changed in between is refused
    before anything unchecked is merged."""
    from breakwell.services.jsonstream import members

    what = checked.entries.what
    again = Entries(what)
    taken: list[EntryRecord] = []
    for key, value in members(file):
        if key == "breaks" and isinstance(value, Iterator):
            for _ in value:
                pass  # kept from the first reading
        elif key == "entries" and isinstance(value, Iterator):
            for raw in value:
                # Only the schema, for the records: the same entries were checked whole.
                entry = again.add(raw, rules=False)
                if entry is not None:
                    taken.append(entry_record(entry))
                if again.count % _PART == 0:
                    _same(again, checked.entries)
                    yield from taken
                    taken.clear()
    if again.summary() != checked.entries.summary():
        raise _changed(what)
    yield from taken


def _same(again: Entries, checked: Entries) -> None:
    done = len(again.parts)
    if again.parts != checked.parts[:done]:
        raise _changed(again.what)


def _changed(what: str) -> InvalidInput:
    return InvalidInput(f"{what} changed while it was imported; nothing was imported")


def _checked(head: dict[str, Any], seen: Entries, breaks: Breaks, what: str) -> Document:
    """The file but its entries and breaks against the schema, the references and the rules,
    with the first problem of its entries and breaks (gathered by `seen` and `breaks`)
    reported where a check of the whole file would have found it; as the document to merge,
    its entries left out."""
    if head.get("version") != VERSION:
        raise InvalidInput(
            f"{what} is version {head.get('version')!r} of breakwell's export; "
            f"this breakwell reads version {VERSION}"
        )
    errors: Sequence[Problem] = []
    try:
        document = DocumentIn.model_validate(head)
    except ValidationError as error:
        errors = error.errors()
    except RecursionError:
        raise too_deep(what) from None
    # The whole file's first error: its fields are checked in order, then unknown fields.
    firsts = [*errors[:1], *(p for p in (breaks.invalid, seen.invalid) if p is not None)]
    if firsts:
        raise _explained(min(firsts, key=_rank), what)
    check_references(document, breaks.records, seen, what)
    check_rules(document, (breaks.broken, seen.broken), what)
    return as_document(document, breaks.records)


def _rank(error: Problem) -> int:
    order = list(DocumentIn.model_fields)
    field = error["loc"][0] if error["loc"] else None
    return order.index(field) if field in order else len(order)


class Entries:
    """What the checks need of a file's entries, gathered one entry at a time, so the entries
    need not be kept: the first entry against the schema (`invalid`) and against the rules
    (`broken`), the ids, and for each break and platform named, the first entry naming it."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.count = 0
        self.invalid: Problem | None = None
        self.broken: BreakwellError | None = None
        self._ids = array("q")
        self._rising = True
        self._breaks: dict[int, int] = {}
        self._platforms: dict[str, int] = {}
        self._digest = hashlib.blake2b(digest_size=16)
        self.parts: list[bytes] = []

    def add(self, raw: Any, *, rules: bool = True) -> EntryIn | None:
        """Check the next entry (against the schema only, without `rules`); None once an
        entry has broken the schema."""
        n = self.count
        self.count += 1
        # The entries as read, a part at a time, so a second reading shows they are the same.
        self._digest.update(repr(raw).encode("utf-8", "surrogatepass"))
        if self.count % _PART == 0:
            self.parts.append(self._digest.digest())
            self._digest = hashlib.blake2b(digest_size=16)
        if self.invalid is not None:
            return None
        try:
            entry = EntryIn.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            self.invalid = {**first, "loc": ("entries", n, *first["loc"])}
            return None
        except RecursionError:
            raise too_deep(self.what) from None
        if self._ids and entry.id <= self._ids[-1]:
            self._rising = False
        self._ids.append(entry.id)
        if entry.break_id is not None:
            self._breaks.setdefault(entry.break_id, n)
        if entry.platform_id is not None:
            self._platforms.setdefault(entry.platform_id, n)
        if rules and self.broken is None:
            try:
                check_entry(entry)
            except BreakwellError as error:
                self.broken = type(error)(one_line(f"{self.what}: entries[{n}]: {error}"))
        return entry

    def having(self, wanted: set[int]) -> set[int]:
        """Which of `wanted` are ids of entries."""
        return {entry_id for entry_id in self._ids if entry_id in wanted} if wanted else set()

    def repeated(self) -> bool:
        return not self._rising and len(set(self._ids)) != len(self._ids)

    def first_unknown(self, breaks: set[int], platforms: set[str]) -> tuple[str, object] | None:
        """The path and value of the first link to a break or platform not in the file."""
        found: list[tuple[int, int, str, object]] = [
            (n, 0, "break_id", b) for b, n in self._breaks.items() if b not in breaks
        ]
        found += [
            (n, 1, "platform_id", p) for p, n in self._platforms.items() if p not in platforms
        ]
        if not found:
            return None
        n, _, field, value = min(found, key=lambda link: (link[0], link[1]))
        return f"entries[{n}].{field}", value

    def summary(self) -> tuple[int, list[bytes], bytes, bool]:
        """What two readings of the same entries agree on."""
        fine = self.invalid is None and self.broken is None
        return self.count, self.parts, self._digest.digest(), fine


class Breaks:
    """A file's breaks, checked one at a time as they are read and kept only as the records
    the merge needs: a break's decoded JSON and its model take about thirteen times the
    memory of its record (the bench's 1,000,000-entry journal has 4,000 breaks). Keeps the
    first break against the schema (`invalid`) and against the rules (`broken`)."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.records: list[BreakRecord] = []
        self.invalid: Problem | None = None
        self.broken: BreakwellError | None = None

    def add(self, raw: Any) -> None:
        n = len(self.records)
        if self.invalid is not None:
            return
        try:
            item = BreakIn.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            self.invalid = {**first, "loc": ("breaks", n, *first["loc"])}
            return
        except RecursionError:
            raise too_deep(self.what) from None
        record = break_record(item)
        self.records.append(record)
        if self.broken is None:
            try:
                check_break(item, record)
            except BreakwellError as error:
                self.broken = type(error)(one_line(f"{self.what}: breaks[{n}]: {error}"))


def read_dumped(taken: Document, what: str) -> Document:
    """A document dumped from another journal, checked as an export file of it would be."""
    return read_document({"format": FORMAT, "version": VERSION, **as_plain(taken)}, what)


def check_references(
    document: DocumentIn, records: Sequence[BreakRecord], seen: Entries, what: str
) -> None:
    """Every number the file points at must be a row in the file."""
    platforms = {p.id for p in document.platforms}
    plans = {p.id for p in document.plans}
    breaks = {b.id for b in records}
    slips = [slip for item in records for slip in item.slips]
    entries = seen.having({slip.entry_id for slip in slips if slip.entry_id is not None})
    used: list[tuple[str, int, Sequence[str]]] = [
        ("plans", n, p.platforms) for n, p in enumerate(document.plans)
    ]
    used += [("breaks", n, b.platforms) for n, b in enumerate(records)]
    for kind, n, names in used:
        for k, platform in enumerate(names):
            _need(platform in platforms, what, f"{kind}[{n}].platforms[{k}]", platform)
    for n, plan in enumerate(document.plans):
        for k, run in enumerate(plan.runs):
            _need(
                run.break_id is None or run.break_id in breaks,
                what,
                f"plans[{n}].runs[{k}].break_id",
                run.break_id,
            )
    for n, item in enumerate(records):
        ok = item.plan_id is None or item.plan_id in plans
        _need(ok, what, f"breaks[{n}].plan_id", item.plan_id)
        for k, slip in enumerate(item.slips):
            at = f"breaks[{n}].slips[{k}]"
            ok = slip.entry_id is None or slip.entry_id in entries
            _need(ok, what, f"{at}.entry_id", slip.entry_id)
            ok = slip.platform_id is None or slip.platform_id in platforms
            _need(ok, what, f"{at}.platform_id", slip.platform_id)
    unknown = seen.first_unknown(breaks, platforms)
    if unknown is not None:
        _need(False, what, *unknown)
    for kind, ids, rows in (("plans", plans, document.plans), ("breaks", breaks, records)):
        if len(ids) != len(rows):
            raise InvalidInput(f"{what}: {kind}: the same id is used twice")
    if seen.repeated():
        raise InvalidInput(f"{what}: entries: the same id is used twice")


def _need(ok: bool, what: str, path: str, value: object) -> None:
    if not ok:
        raise InvalidInput(f"{what}: {path}: {value!r} is not in the file")
