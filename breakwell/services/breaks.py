"""Starting, extending, ending and reviewing breaks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlmodel import Session

from breakwell.domain import breaks as rules
from breakwell.domain.blocking import MachineLook
from breakwell.domain.break_detail import BreakDetail
from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break, BreakStatus, EndPolicy
from breakwell.domain.clock import Clock
from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.domain.prompts import Phase
from breakwell.domain.requests import BreakRequest
from breakwell.domain.status import Status, status_of, with_blocking
from breakwell.domain.timefmt import describe_moment
from breakwell.services.plans import windows_ahead
from breakwell.services.records import record, record_new
from breakwell.services.reflections import ReflectionService
from breakwell.services.timeline import Timeline
from breakwell.services.views import StopOutcome
from breakwell.settings import Settings
from breakwell.store import Database
from breakwell.store import answers as answer_store
from breakwell.store import breaks as break_store
from breakwell.store import entries as entry_store
from breakwell.store import slips as slip_store
from breakwell.store.event_rows import block_record
from breakwell.store.platforms import ensure_platforms
from breakwell.store.session_run import session_run


class BreakService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        settings: Settings,
        timeline: Timeline,
        reflections: ReflectionService,
    ) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        self._timeline = timeline
        self._reflections = reflections

    @property
    def end_policy(self) -> EndPolicy:
        return self._settings.end_policy

    # Reading ---------------------------------------------------------------------------

    def status(self, look: MachineLook | None = None) -> Status:
        """What runs and comes; with `look`, also whether the running breaks are blocked."""
        now = self._clock.now()
        with self._db.read() as session:
            # What `plan list` and the app's Plan screen read too, so they agree on what comes.
            ahead = windows_ahead(session, now)
            awaiting = break_store.awaiting_reflection(session)
        status = status_of(now, ahead, awaiting)
        if look is None:
            return status
        ids = [b.id for b in status.running if b.id is not None]
        with self._db.read() as session:
            record = block_record(session_run(session), ids, self._timeline.device)
        settings = self._settings
        return with_blocking(status, look, record, settings.catalogue, settings.hosts_file)

    def open_breaks(self) -> list[Break]:
        """Every planned and running break, soonest first."""
        with self._db.read() as session:
            return break_store.open_breaks(session)

    def get(self, break_id: int) -> Break:
        with self._db.read() as session:
            return break_store.get_break(session, break_id)

    def history(self, limit: int = 20, before_id: int | None = None) -> list[Break]:
        if limit < 1:
            raise InvalidInput("the limit must be at least 1")
        with self._db.read() as session:
            return break_store.history(session, limit, before_id)

    def detail(self, break_id: int) -> BreakDetail:
        with self._db.read() as session:
            item = break_store.get_break(session, break_id)
            return BreakDetail(
                item=item,
                answers=tuple(answer_store.answers_of_break(session, break_id)),
                entries=tuple(entry_store.entries_of_break(session, break_id)),
                slips=slip_store.count_slips(session, break_id),
            )

    # Starting --------------------------------------------------------------------------

    def plan(
        self,
        length: timedelta,
        *,
        at: datetime | None = None,
        platforms: Sequence[str] = (),
        mode: Mode | None = None,
        strictness: Strictness | None = None,
        intention: str = "",
    ) -> Break:
        """Validate a new break without storing it: the break `start` would create."""
        now = self._clock.now()
        if at is not None and at < now - timedelta(seconds=1):
            raise InvalidInput(f"the start time ({describe_moment(at, now)}) is in the past")
        defaults = self._settings.config.breaks
        ids = self._settings.catalogue.resolve_all(platforms) or self._settings.default_platforms
        return rules.new_break(
            now,
            at or now,
            length,
            ids,
            mode=mode or defaults.default_mode,
            strictness=strictness or defaults.default_strictness,
            intention=intention,
            cooldown=self.end_policy.firm_cooldown,
        )

    def propose(self, request: BreakRequest) -> Break:
        """The break a parsed request describes, checked as `plan` checks it."""
        return self.plan(
            request.length,
            at=request.at,
            platforms=request.platforms,
            mode=request.mode,
            strictness=request.strictness,
            intention=request.intention,
        )

    def check_can_start(self, proposed: Break) -> None:
        """Refuse early, before asking any questions, if the break could not be stored."""
        now = self._clock.now()
        with self._db.read() as session:
            others = [rules.settle(b, now) for b in break_store.open_breaks(session)]
        self._refuse_overlap(proposed, others, now)

    def start(self, proposed: Break, before_answers: Mapping[str, str] | None = None) -> Break:
        """Store a break made by `plan`, with its before-answers, as one unit of work."""
        now = self._clock.now()
        answers = self._reflections.parse_answers(Phase.BEFORE, before_answers or {}, now)
        item = rules.settle(proposed, now)
        catalogue = self._settings.catalogue
        with self._db.write() as session:
            self._timeline.settle_in(session, now)
            self._refuse_overlap(item, break_store.open_breaks(session), now)
            ensure_platforms(session, [p for p in catalogue.all() if p.id in item.platforms])
            stored = record_new(session, item, now, self._timeline.device)
            assert stored.id is not None
            answer_store.save_answers(session, stored.id, answers)
        return stored

    def _refuse_overlap(self, item: Break, others: Sequence[Break], now: datetime) -> None:
        for other in others:
            if other.id == item.id or not other.status.is_open:
                continue
            if not rules.overlaps(item.starts_at, item.ends_at, other.starts_at, other.ends_at):
                continue
            until = describe_moment(other.ends_at, now)
            if other.status is BreakStatus.ACTIVE:
                raise RuleRefused(
                    f"{other.label} is already running until {until}; extend it instead"
                )
            begins = describe_moment(other.starts_at, now)
            raise RuleRefused(
                f"that would overlap planned {other.label} ({begins} to {until}); "
                "cancel it or choose another time"
            )

    # Changing a break ------------------------------------------------------------------

    def _current(self, session: Session, break_id: int | None) -> Break:
        if break_id is not None:
            return break_store.get_break(session, break_id)
        active = next(
            (b for b in break_store.open_breaks(session) if b.status is BreakStatus.ACTIVE), None
        )
        if active is None:
            raise RuleRefused("no break is running")
        return active

    def extend(self, by: timedelta, break_id: int | None = None) -> Break:
        now = self._clock.now()
        with self._db.write() as session:
            self._timeline.settle_in(session, now)
            current = self._current(session, break_id)
            longer = rules.extend(current, by)
            # A plan's window may already overlap this break (both apply); only an overlap
            # the extension would make is refused.
            others = [
                b
                for b in break_store.open_breaks(session)
                if not rules.overlaps(current.starts_at, current.ends_at, b.starts_at, b.ends_at)
            ]
            self._refuse_overlap(longer, others, now)
            return record(session, current, longer, now, self._timeline.device)

    def stop(self, reason: str | None = None, break_id: int | None = None) -> StopOutcome:
        """Ask to end the running break early; see the domain's request_end for the rules."""
        now = self._clock.now()
        with self._db.write() as session:
            self._timeline.settle_in(session, now)
            current = self._current(session, break_id)
            updated = rules.request_end(current, now, reason, self.end_policy)
            saved = record(session, current, updated, now, self._timeline.device)
        ended = saved.status is BreakStatus.ENDED_EARLY
        return StopOutcome(saved, ended, None if ended else saved.end_ready_at(self.end_policy))

    def cooling_down(self, break_id: int | None = None) -> StopOutcome | None:
        """The running break's end request while its cool-down still runs, else None; so a
        second `stop` can wait the cool-down out instead of being refused."""
        now = self._clock.now()
        with self._db.write() as session:
            self._timeline.settle_in(session, now)
            current = self._current(session, break_id)
        ready = current.end_ready_at(self.end_policy)
        if ready is None or now >= ready:
            return None
        return StopOutcome(current, False, ready)

    def cancel(self, break_id: int) -> Break:
        now = self._clock.now()
        with self._db.write() as session:
            self._timeline.settle_in(session, now)
            current = break_store.get_break(session, break_id)
            return record(session, current, rules.cancel(current), now, self._timeline.device)
