"""Taking the journal out (JSON, Markdown, CSV, iCalendar) and bringing journals in."""

from __future__ import annotations

from datetime import tzinfo
from enum import StrEnum
from typing import Any

from breakwell.domain.clock import Clock
from breakwell.services.timeline import Timeline
from breakwell.settings import Settings
from breakwell.store import Database
from breakwell.store import breaks as break_store
from breakwell.store import plans as plan_store
from breakwell.store import transfer as store
from breakwell.store.transfer import Merged, Progress, Selection, quiet

__all__ = ["ExportFormat", "ImportFormat", "Merged", "Progress", "Selection", "TransferService"]


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
        timeline: Timeline,
        zone: tzinfo | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        self._timeline = timeline
        # None is this machine's local zone: jrnl's times are wall-clock times written here.
        self.zone = zone

    def rows(self, selection: Selection, progress: Progress = quiet) -> dict[str, Any]:
        """The selected rows as the JSON export holds them (without its header)."""
        self._timeline.settle()
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
        rows = self.rows(selection, progress)
        if fmt is ExportFormat.JSON:
            from breakwell.services.document import to_json

            return {"": to_json(rows)}
        if fmt is ExportFormat.MD:
            from breakwell.services.markdown import to_markdown

            return {"": to_markdown(rows, self._settings.catalogue.name_of)}
        from breakwell.services.csvfiles import to_csv

        return dict(to_csv(rows, table))

    def _calendar(self, selection: Selection) -> bytes:
        from breakwell.services.calendar import to_ics

        self._timeline.settle()
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
        with self._db.write() as session:
            return fmt, store.merge(session, document, progress)
