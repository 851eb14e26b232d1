"""Use cases, built once per process and handed to the command line or the TUI.

`Services` holds the use cases, the clock they all read and one read-only view of the
preferences; the database stays inside, so nothing above this layer can open a session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from breakwell.domain.breaks import Break
from breakwell.domain.clock import Clock, SystemClock
from breakwell.domain.values import field, frozen
from breakwell.services.breaks import BreakService
from breakwell.services.commitments import CommitmentService
from breakwell.services.companion import CompanionService
from breakwell.services.enforcement import EnforcementService
from breakwell.services.events import EventService
from breakwell.services.journal import JournalService
from breakwell.services.notifications import NotificationService
from breakwell.services.people import PeopleService
from breakwell.services.plans import PlanService
from breakwell.services.preferences import Preferences
from breakwell.services.prompts import PromptService
from breakwell.services.reflections import ReflectionService
from breakwell.services.review import ReviewService
from breakwell.services.timeline import Timeline
from breakwell.services.transfer import TransferService
from breakwell.services.weekly import WeeklyService
from breakwell.settings import Settings
from breakwell.store import Database
from breakwell.store.server_time import trusted_time

if TYPE_CHECKING:
    from breakwell.services.database_copy import CopyReport
    from breakwell.store.copy import Progress


@frozen
class Services:
    clock: Clock
    preferences: Preferences
    breaks: BreakService
    journal: JournalService
    reflections: ReflectionService
    events: EventService
    plans: PlanService
    review: ReviewService
    commitments: CommitmentService
    weekly: WeeklyService
    transfer: TransferService
    enforcement: EnforcementService
    notifications: NotificationService
    companion: CompanionService
    prompts: PromptService
    people: PeopleService
    _database: Database = field(repr=False)
    _timeline: Timeline = field(repr=False)

    def copy_journal(
        self,
        target_url: str,
        *,
        merge_into: bool,
        progress: Progress,
        known: Callable[[str], bool],
    ) -> CopyReport:
        """Copy the whole journal into the database at `target_url` (see database_copy)."""
        from breakwell.services.database_copy import copy_database

        return copy_database(
            self._database,
            target_url,
            merge_into=merge_into,
            progress=progress,
            clock=self.clock,
            known=known,
        )

    def settle(self) -> list[Break]:
        """Apply the transitions time has brought (a break starting, ending, missed); the
        breaks that changed. Reads only read: whoever is about to show or act on break state
        (a command, a refresh of the app, a pass of the engine) settles first, once."""
        return self._timeline.settle()

    def close(self) -> None:
        self._database.close()


def build_services(
    settings: Settings,
    clock: Clock | None = None,
    database: Database | None = None,
    announce: Callable[[str], None] | None = None,
) -> Services:
    """Wire the services together; the database opens on first use, not here. `announce` is
    told of a long upgrade of the journal as it begins (see store/migrate)."""
    clock = clock or SystemClock()
    database = database or Database(
        settings.database_url, own_folder=settings.paths.data_dir, announce=announce
    )
    # The real clock answers to the database server's where there is one (store/server_time);
    # any other clock (a test's) only to its own reference.
    reference = trusted_time if isinstance(clock, SystemClock) else None
    timeline = Timeline(database, clock, settings.device, reference)
    reflections = ReflectionService(database, clock, timeline)
    breaks = BreakService(database, clock, settings, timeline, reflections)
    journal = JournalService(database, clock, settings, timeline)
    events = EventService(database)
    plans = PlanService(database, clock, settings, timeline)
    review = ReviewService(database, clock)
    commitments = CommitmentService(database, clock, settings.device)
    weekly = WeeklyService(database, clock, commitments)
    transfer = TransferService(database, clock, settings)
    enforcement = EnforcementService(
        database, clock, settings, plans=plans, commitments=commitments, weekly=weekly
    )
    notifications = NotificationService(
        database, clock, settings.device, settings.catalogue.name_of
    )
    companion = CompanionService(database, clock, settings, journal)
    return Services(
        clock,
        Preferences(settings),
        breaks,
        journal,
        reflections,
        events,
        plans,
        review,
        commitments,
        weekly,
        transfer,
        enforcement,
        notifications,
        companion,
        PromptService(database, clock),
        PeopleService(database, clock, journal),
        database,
        timeline,
    )
