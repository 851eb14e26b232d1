"""Commitments: setting them, logging against them and seeing where each stands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from functools import partial

from sqlmodel import Session

from breakwell.domain.clock import Clock
from breakwell.domain.commitments import (
    Commitment,
    Period,
    Standing,
    check_note,
    count_in,
    new_commitment,
    periods_between,
    standings_on,
)
from breakwell.domain.commitments import CommitmentLog as Log
from breakwell.domain.errors import RuleRefused
from breakwell.domain.events import Event, EventKind
from breakwell.domain.values import frozen
from breakwell.domain.when import local_midnight, to_local
from breakwell.store import Database
from breakwell.store import commitments as store
from breakwell.store.events import add_event

MAX_LOGS = 1000


@frozen
class WeekStanding:
    """A commitment over one week: each of its periods that touched the week."""

    commitment: Commitment
    periods: tuple[Standing, ...]

    @property
    def kept(self) -> int:
        return sum(1 for period in self.periods if period.kept)

    @property
    def count(self) -> int:
        return sum(period.count for period in self.periods)

    @property
    def all_kept(self) -> bool:
        return self.kept == len(self.periods)

    def verdict(self) -> str:
        """'kept (1 of 1)', 'not kept (2 of 1)' or, over several periods, 'kept 6 of 7 days'."""
        item, periods = self.commitment, len(self.periods)
        if periods == 1 and item.period is not Period.DAY:
            said = "kept" if self.all_kept else "not kept"
            return f"{said} ({self.count} of {item.max_count})"
        return f"kept {self.kept} of {periods} {item.period.value}s"


class CommitmentService:
    def __init__(
        self, database: Database, clock: Clock, device: str, zone: tzinfo | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._device = device
        # None follows this machine's local zone, as the rest of what the person sees does.
        self.zone = zone

    def today(self) -> date:
        return to_local(self._clock.now(), self.zone).date()

    def add(self, text: str, max_count: int, per: str) -> Commitment:
        draft = new_commitment(text, max_count, per)
        now = self._clock.now()
        with self._db.write() as session:
            saved = store.add_commitment(session, draft, now)
            self._log_event(session, now, EventKind.COMMITMENT_ADDED, saved)
        return saved

    def log(self, commitment_id: int, note: str = "") -> Standing:
        """Record one use of a commitment's quota now; going over is recorded too."""
        clean = check_note(note)
        now = self._clock.now()
        with self._db.write() as session:
            item = store.get_commitment(session, commitment_id)
            if item.archived_at is not None:
                raise RuleRefused(f"commitment #{commitment_id} is archived; it takes no logs")
            store.add_log(session, Log(commitment_id, now, clean))
            self._log_event(session, now, EventKind.COMMITMENT_LOGGED, item)
            return self._standings_in(session, [item], self.today())[0]

    def archive(self, commitment_id: int) -> Commitment:
        now = self._clock.now()
        with self._db.write() as session:
            before = store.get_commitment(session, commitment_id)
            saved = store.archive(session, commitment_id, now)
            if before.archived_at is None:
                self._log_event(session, now, EventKind.COMMITMENT_ARCHIVED, saved)
        return saved

    def standings(self) -> list[Standing]:
        """Every current commitment in its present period, oldest commitment first."""
        with self._db.read() as session:
            return self._standings_in(session, store.commitments(session), self.today())

    def logs(self, commitment_id: int, limit: int = 50) -> tuple[Commitment, list[Log]]:
        with self._db.read() as session:
            item = store.get_commitment(session, commitment_id)
            return item, store.logs_of(session, commitment_id, min(max(limit, 1), MAX_LOGS))

    def week(self, monday: date) -> list[WeekStanding]:
        """How each commitment stood in every period of the week from `monday` that has begun
        and in which the commitment existed."""
        sunday_end = min(monday.toordinal() + 7, self.today().toordinal() + 1)
        end = date.fromordinal(sunday_end)
        with self._db.read() as session:
            items = store.commitments(session, archived=True)
            spans = {
                item.id: [
                    span
                    for span in periods_between(item.period, monday, end)
                    if self._alive(item, span)
                ]
                for item in items
            }
            wide = [span for found in spans.values() for span in found]
            if not wide:
                return []
            times = store.log_times(
                session,
                [item.id for item in items if item.id is not None],
                local_midnight(min(s for s, _ in wide), self.zone),
                local_midnight(max(e for _, e in wide), self.zone),
            )
        result = []
        for item in items:
            found = spans[item.id]
            if found:
                periods = tuple(
                    Standing(item, s, e, count_in(times.get(item.id or 0, []), s, e, self.zone))
                    for s, e in found
                )
                result.append(WeekStanding(item, periods))
        return result

    def _alive(self, item: Commitment, span: tuple[date, date]) -> bool:
        starts, ends = span
        made = to_local(item.created_at, self.zone).date() if item.created_at else starts
        archived = to_local(item.archived_at, self.zone).date() if item.archived_at else None
        return ends > made and (archived is None or starts <= archived)

    def _standings_in(
        self, session: Session, items: Sequence[Commitment], today: date
    ) -> list[Standing]:
        return standings_on(items, today, self.zone, partial(store.log_times, session))

    def _log_event(
        self, session: Session, now: datetime, kind: EventKind, item: Commitment
    ) -> None:
        add_event(session, Event(now, kind, None, self._device, f"#{item.id} {item.text}"))
