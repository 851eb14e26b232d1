"""What the browser companion is told and what it may write: the running breaks, and slips
and notes from the page, kept by the journal's own rules."""

from __future__ import annotations

from datetime import datetime, timedelta

from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.clock import Clock
from breakwell.domain.entries import Entry, EntryKind
from breakwell.domain.pages import page_address, page_entry_text, platform_of
from breakwell.domain.platforms import Platform
from breakwell.domain.values import frozen
from breakwell.domain.when import to_local
from breakwell.services.journal import JournalService
from breakwell.settings import Settings
from breakwell.store import Database
from breakwell.store import breaks as break_store


@frozen
class CompanionBreak:
    item: Break
    # The break's platforms as the catalogue has them now; one no longer configured is
    # named by its id, with no domains and no posting rules.
    platforms: tuple[Platform, ...]
    ends_text: str

    @property
    def intention(self) -> str | None:
        """The person's own words for the break, if they gave any."""
        return self.item.intention.strip() or None


@frozen
class CompanionState:
    """Every running break, oldest first; empty when none runs."""

    breaks: tuple[CompanionBreak, ...]


class CompanionService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        settings: Settings,
        journal: JournalService,
    ) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        self._journal = journal

    def state(self) -> CompanionState:
        """The running breaks, as stored: the caller settles first (Services.settle)."""
        now = self._clock.now()
        catalogue = self._settings.catalogue
        running = self._running()
        return CompanionState(
            tuple(
                CompanionBreak(
                    item,
                    tuple(catalogue.get(p) or Platform(p, p, ()) for p in item.platforms),
                    ends_text(item.ends_at, now),
                )
                for item in running
            )
        )

    def slip(self, break_id: int, text: str, url: str) -> Entry:
        """What pulled the person to a page of a running break, saved as a slip of it."""
        address = page_address(url)
        found = platform_of(address, self._settings.catalogue)
        entry = self._journal.slip(
            page_entry_text(text, address),
            platform=found.id if found else None,
            break_id=break_id,
        )
        assert entry is not None  # the text is never blank here
        return entry

    def note(self, text: str, url: str, quote: str | None = None) -> Entry:
        """An observation written on a page, linked to the running break it is about (the
        one watching its platform, else the first); a note when none runs."""
        address = page_address(url)
        body = page_entry_text(text, address, quote)
        found = platform_of(address, self._settings.catalogue)
        running = self._running()
        about = [b for b in running if found is not None and found.id in b.platforms]
        link = next(iter(about or running), None)
        return self._journal.write(
            body,
            kind=EntryKind.OBSERVATION if link is not None else None,
            platform=found.id if found else None,
            break_id=link.id if link is not None else None,
            attach=False,
        )

    def _running(self) -> list[Break]:
        with self._db.read() as session:
            return [b for b in break_store.open_breaks(session) if b.status is BreakStatus.ACTIVE]


def ends_text(moment: datetime, now: datetime) -> str:
    """'Sun 09:00' within the coming week, with the date further out: words that stay true
    while the page shows them, unlike 'today' or 'tomorrow'."""
    local = to_local(moment, None)
    if moment - now < timedelta(days=6):
        return local.strftime("%a %H:%M")
    return local.strftime("%a %d %b %H:%M")
