"""Taking the journal out (JSON, Markdown, CSV, iCalendar) and bringing journals in."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from sqlmodel import Session

from breakwell.domain.admission import check_open, first_overlap, overlap_refusal
from breakwell.domain.breaks import Break, settle
from breakwell.domain.clock import Clock
from breakwell.domain.document import Document, EntryRecord
from breakwell.domain.errors import BreakwellError, InvalidInput
from breakwell.settings import Settings
from breakwell.store import Database, dump
from breakwell.store import breaks as break_store
from breakwell.store import plans as plan_store
from breakwell.store import transfer as store
from breakwell.store.transfer import Merged, Progress, Selection, quiet

if TYPE_CHECKING:
    from breakwell.services.document import Checked

__all__ = [
    "ExportFormat",
    "ImportFormat",
    "Merged",
    "Progress",
    "Selection",
    "TransferService",
    "admit",
]


class ExportFormat(StrEnum):
    JSON = "json"
    MD = "md"
    CSV = "csv"
    ICS = "ics"


class ImportFormat(StrEnum):
    BREAKWELL = "breakwell"
    JRNL = "jrnl"


class TransferService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        settings: Settings,
        zone: tzinfo | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        # None is this machine's local zone: jrnl's times are wall-clock times written here.
        self.zone = zone

    def document(self, selection: Selection, progress: Progress = quiet) -> Document:
        """The selected part of the journal, as every export but the calendar writes it."""
        with self._db.read() as session:
            if selection.break_id is not None:
                break_store.get_break(session, selection.break_id)
            return dump.dump(session, selection, progress)

    def export(
        self,
        fmt: ExportFormat,
        selection: Selection,
        progress: Progress = quiet,
        table: str | None = None,
    ) -> dict[str, str | bytes]:
        """The export's files by name: one, named "", for most formats; for CSV, its tables."""
        if fmt is ExportFormat.ICS:
            return {"": self._calendar(selection)}
        files: dict[str, io.StringIO] = {}
        self.export_into(
            fmt, selection, lambda name: files.setdefault(name, io.StringIO()), progress, table
        )
        return {name: file.getvalue() for name, file in files.items()}

    def export_into(
        self,
        fmt: ExportFormat,
        selection: Selection,
        files: Callable[[str], TextIO],
        progress: Progress = quiet,
        table: str | None = None,
    ) -> None:
        """Write the export as it is read, a chunk of entries at a time, so memory holds a chunk
        whatever the journal's size. `files(name)` gives where each file goes, asked once per
        name and only once the selection is known to be good: "" for most formats; for CSV,
        each table's name. Not for the calendar, which `export` gives whole."""
        if fmt is ExportFormat.ICS:
            raise ValueError("the calendar is exported whole, by export()")
        with self._db.read() as session:
            if selection.break_id is not None:
                break_store.get_break(session, selection.break_id)
            taken = dump.dump_head(session, selection, progress)
            if fmt is ExportFormat.JSON:
                from breakwell.services.document_json import write_json

                entries = dump.entries_out(session, selection, progress, taken)
                write_json(taken.document, entries, files(""))
            elif fmt is ExportFormat.MD:
                from breakwell.services.markdown import write_markdown

                source = _Stored(session, selection, progress, taken)
                write_markdown(taken.document, source, self._settings.catalogue.name_of, files(""))
            else:
                from breakwell.services.csvfiles import tables, write_csv

                outs = {name: files(name) for name in tables(table)}
                counts = dump.entry_counts(session, selection) if "breaks" in outs else {}
                entries = dump.entries_out(session, selection, progress, taken)
                write_csv(taken.document, counts, entries, outs)

    def _calendar(self, selection: Selection) -> bytes:
        from breakwell.services.calendar import to_ics

        with self._db.read() as session:
            if selection.break_id is not None:
                breaks = [break_store.get_break(session, selection.break_id)]
                plans = []
            else:
                breaks = [
                    b
                    for b in break_store.open_breaks(session)
                    if (selection.until is None or b.starts_at < selection.until)
                    and (selection.since is None or b.ends_at > selection.since)
                ]
                plans = plan_store.all_plans(session)
        return to_ics(plans, breaks, self._settings.catalogue, self._clock.now())

    def import_file(
        self, source: BinaryIO, fmt: ImportFormat | None, what: str, progress: Progress = quiet
    ) -> tuple[ImportFormat, Merged]:
        """`import_text` of a seekable file, read one entry at a time: once to check all of it,
        then again as it is merged, in one transaction. A file that is no breakwell export, or
        that this reading does not follow, is read whole by `import_text`."""
        from breakwell.services.document import check_file
        from breakwell.services.document_json import decode
        from breakwell.services.jsonstream import NotStreamable

        if fmt is not ImportFormat.JRNL:
            size = source.seek(0, io.SEEK_END)
            # Checking a large file takes a while too: its progress is how far it is read.
            reading = lambda: progress("checking", source.tell(), size)  # noqa: E731
            try:
                with _text(source) as file:
                    checked = check_file(file, what, reading)
            except (NotStreamable, UnicodeDecodeError):
                checked = None
            if checked is not None:
                return ImportFormat.BREAKWELL, self._merge_checked(source, checked, what, progress)
        source.seek(0)
        return self.import_text(decode(source.read(), what), fmt, what, progress)

    def _merge_checked(
        self, source: BinaryIO, checked: Checked, what: str, progress: Progress
    ) -> Merged:
        from breakwell.services.document import entries_of
        from breakwell.services.jsonstream import NotStreamable

        now = self._clock.now()
        known = self._settings.catalogue.get
        with self._db.write() as session, _text(source) as file:
            admit(session, checked.document, now, lambda p: known(p) is not None, what)
            try:
                entries = entries_of(file, checked)
                return store.merge(
                    session, checked.document, progress, entries, checked.entries.count
                )
            except (NotStreamable, UnicodeDecodeError):
                raise InvalidInput(
                    f"{what} changed while it was imported; nothing was imported"
                ) from None

    def import_text(
        self, text: str, fmt: ImportFormat | None, what: str, progress: Progress = quiet
    ) -> tuple[ImportFormat, Merged]:
        """Check the whole file, then merge it in one transaction: all of it or none.

        Without a format, a breakwell export is known by its header and anything else is
        read as jrnl's.
        """
        from breakwell.services.document import is_document, read_document
        from breakwell.services.document_json import load_json

        data = load_json(text, what)
        if fmt is None:
            fmt = ImportFormat.BREAKWELL if is_document(data) else ImportFormat.JRNL
        if fmt is ImportFormat.JRNL:
            from breakwell.services.jrnl import read_jrnl

            entries = read_jrnl(data, self.zone, what)
            with self._db.write() as session:
                merged = Merged()
                store.merge_entries(session, entries, {}, merged, progress)
                return fmt, merged
        document = read_document(data, what)
        now = self._clock.now()
        known = self._settings.catalogue.get
        with self._db.write() as session:
            admit(session, document, now, lambda p: known(p) is not None, what)
            return fmt, store.merge(session, document, progress)


@contextmanager
def _text(source: BinaryIO) -> Iterator[TextIO]:
    """The file's text from its start, leaving the file open for the next reading."""
    source.seek(0)
    file = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        yield file
    finally:
        file.detach()


def admit(
    session: Session,
    document: Document,
    now: datetime,
    known: Callable[[str], bool],
    what: str,
) -> None:
    """Refuse a checked document whose new plans or breaks break a rule that depends on the
    journal they join (see domain/admission); inside the merge's own transaction, before it
    writes, so a refusal leaves the journal exactly as it was."""
    from breakwell.services.document_rules import one_line

    new_plans, new_breaks = store.arriving(session, document)
    for n in new_plans:
        unknown = [p for p in document.plans[n].platforms if not known(p)]
        if unknown:
            problem = f"{what}: plans[{n}].platforms: unknown platform '{unknown[0]}'"
            raise InvalidInput(one_line(problem))
    arriving: list[Break] = []
    for n in new_breaks:
        try:
            arriving.append(check_open(document.breaks[n].as_break(), now, known))
        except BreakwellError as error:
            raise type(error)(one_line(f"{what}: breaks[{n}]: {error}")) from None
    present = [settle(item, now) for item in break_store.open_breaks(session)]
    clash = first_overlap(arriving, present)
    if clash is not None:
        index, other = clash
        at = f"{what}: breaks[{new_breaks[index]}]"
        if isinstance(other, int):
            raise InvalidInput(f"{at}: it overlaps breaks[{new_breaks[other]}], also open")
        refusal = overlap_refusal(other)
        raise type(refusal)(f"{at}: {refusal}")


class _Stored:
    """The journal's entries as the Markdown writer asks for them, each call one query read
    a chunk at a time; progress counts the entries as they are read."""

    def __init__(
        self, session: Session, selection: Selection, progress: Progress, taken: dump.Taken
    ) -> None:
        self._session = session
        self._selection = selection
        self._progress = progress
        self._total = taken.total
        self._done = len(taken.document.breaks)

    def loose(self) -> Iterable[datetime]:
        return dump.loose_moments(self._session, self._selection)

    def of_break(self, break_id: int) -> Iterable[EntryRecord]:
        return self._counted(self._read(dump.of_break(break_id)))

    def between(self, first: datetime, last: datetime) -> Iterable[EntryRecord]:
        # Every chosen break is in the document, so an entry outside them has no break.
        read = self._read(dump.written_between(first, last))
        return self._counted(entry for entry in read if entry.break_id is None)

    def _read(self, where: Sequence[Any]) -> Iterator[EntryRecord]:
        return dump.entries_out(
            self._session, self._selection, where=where, by_time=True, children=False
        )

    def _counted(self, entries: Iterable[EntryRecord]) -> Iterator[EntryRecord]:
        for entry in entries:
            self._done += 1
            if self._done % store.CHUNK == 0:
                self._progress("reading", self._done, self._total)
            yield entry
