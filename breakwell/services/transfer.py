"""Taking the journal out (JSON, Markdown, CSV, iCalendar) and bringing journals in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from enum import StrEnum

from sqlmodel import Session

from breakwell.domain.admission import check_open, first_overlap, overlap_refusal
from breakwell.domain.breaks import Break, settle
from breakwell.domain.clock import Clock
from breakwell.domain.document import Document
from breakwell.domain.errors import BreakwellError, InvalidInput
from breakwell.settings import Settings
from breakwell.store import Database
from breakwell.store import breaks as break_store
from breakwell.store import plans as plan_store
from breakwell.store import transfer as store
from breakwell.store.transfer import Merged, Progress, Selection, quiet

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
            return store.dump(session, selection, progress)

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
        document = self.document(selection, progress)
        if fmt is ExportFormat.JSON:
            from breakwell.services.document import to_json

            return {"": to_json(document)}
        if fmt is ExportFormat.MD:
            from breakwell.services.markdown import to_markdown

            return {"": to_markdown(document, self._settings.catalogue.name_of)}
        from breakwell.services.csvfiles import to_csv

        return dict(to_csv(document, table))

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

    def import_text(
        self, text: str, fmt: ImportFormat | None, what: str, progress: Progress = quiet
    ) -> tuple[ImportFormat, Merged]:
        """Check the whole file, then merge it in one transaction: all of it or none.

        Without a format, a breakwell export is known by its header and anything else is
        read as jrnl's.
        """
        from breakwell.services.document import is_document, load_json, read_document

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
    from breakwell.services.document import one_line

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
