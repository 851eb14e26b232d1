"""Every stored row in, for import; what export and import share (see store/dump for out).

Rows travel as the records of one typed `Document` (breakwell.domain.document), with each
entity's own children folded in (a break's platforms, answers and slips; an entry's tags and
people). Importing merges: a row already present (found by what it is, not by its number) is
kept, and a new row keeps its number when that number is free, so a journal moved to an empty
home comes out the same.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import insert
from sqlalchemy import select as sql_select
from sqlmodel import Session, SQLModel, col, select

from breakwell.domain.document import (
    AnswerRecord,
    BreakRecord,
    CommitmentRecord,
    Document,
    EntryRecord,
    OutsideEntry,
    PersonRecord,
    PlanRecord,
    PlatformRecord,
    PromptRecord,
)
from breakwell.domain.errors import InvalidInput
from breakwell.domain.values import field, frozen
from breakwell.store import fulltext, records
from breakwell.store.postgresql import advance_sequences
from breakwell.store.tables import (
    METADATA,
    AnswerRow,
    BreakPlatformRow,
    BreakRow,
    CommitmentLogRow,
    CommitmentRow,
    EntryPersonRow,
    EntryRow,
    EntryTagRow,
    PersonRow,
    PlanPlatformRow,
    PlanRow,
    PlanRunRow,
    PlatformRow,
    PromptRow,
    SlipRow,
)

Progress = Callable[[str, int, int], None]
CHUNK = 500


@frozen
class Selection:
    """What to take out: everything, or what touches a window of time or one break."""

    since: datetime | None = None
    until: datetime | None = None
    break_id: int | None = None

    def __post_init__(self) -> None:
        # An empty window is a mistake, whatever the format: say so rather than export nothing.
        if self.since and self.until and self.since >= self.until:
            raise InvalidInput("--since must be before --until")


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def quiet(_step: str, _done: int, _total: int) -> None:
    """Progress that nobody watches."""
    return None


# Bringing in -----------------------------------------------------------------------------


@frozen
class Merged:
    """How many rows of each kind were added; the rest were already there."""

    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    present: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def count(self, kind: str, *, new: bool) -> None:
        (self.added if new else self.present)[kind] += 1


class _Matches:
    """Rows already stored, by what they are. Each stored row stands for one row of the file,
    so two identical entries written in the same microsecond both survive a round trip."""

    def __init__(self, pairs: Iterable[tuple[Any, int]]) -> None:
        self._ids: dict[Any, list[int]] = defaultdict(list)
        for key, row_id in pairs:
            self._ids[key].append(row_id)

    def take(self, key: Any) -> int | None:
        found = self._ids.get(key)
        return found.pop(0) if found else None


class _Runs:
    """A set of numbers kept as sorted runs of consecutive numbers: a journal's ids mostly
    run on without gaps, so a million of them take a few runs, not a million numbers."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def __contains__(self, number: int) -> bool:
        at = bisect_right(self._starts, number) - 1
        return at >= 0 and number <= self._ends[at]

    def add(self, number: int) -> None:
        if number in self:
            return
        at = bisect_right(self._starts, number)
        joins_before = at > 0 and self._ends[at - 1] == number - 1
        joins_after = at < len(self._starts) and self._starts[at] == number + 1
        if joins_before and joins_after:
            self._ends[at - 1] = self._ends[at]
            del self._starts[at], self._ends[at]
        elif joins_before:
            self._ends[at - 1] = number
        elif joins_after:
            self._starts[at] = number
        else:
            self._starts.insert(at, number)
            self._ends.insert(at, number)

    def highest(self) -> int:
        return self._ends[-1] if self._ends else 0

    def runs(self) -> Iterator[tuple[int, int]]:
        """Each run's first and last number."""
        return zip(self._starts, self._ends, strict=True)


class _Ids:
    """Numbers for new rows: the row's own when it is free, else the next unused one."""

    def __init__(self, session: Session, table: type[SQLModel]) -> None:
        column = col(table.id)  # type: ignore[attr-defined]
        self.taken = _Runs()
        for taken in session.exec(
            select(column).order_by(column).execution_options(yield_per=CHUNK)
        ):
            self.taken.add(taken)
        self.next = self.taken.highest() + 1

    def claim(self, wanted: int | None) -> int:
        if wanted is not None and wanted not in self.taken:
            chosen = wanted
        else:
            while self.next in self.taken:
                self.next += 1
            chosen = self.next
        self.taken.add(chosen)
        return chosen


# A stored row is the file's row when these agree; it is then kept exactly as it is.
def _plan_key(record: PlanRecord) -> tuple[Any, ...]:
    return (record.created_at, record.rule, record.name)


def _plan_matches(session: Session) -> _Matches:
    return _Matches(
        ((row.created_at, row.rule, row.name), row.id or 0) for row in session.exec(select(PlanRow))
    )


def _break_key(record: BreakRecord) -> tuple[Any, ...]:
    return (record.created_at, record.starts_at)


def _break_matches(session: Session) -> _Matches:
    return _Matches(
        ((row.created_at, row.starts_at), row.id or 0) for row in session.exec(select(BreakRow))
    )


def arriving(session: Session, document: Document) -> tuple[list[int], list[int]]:
    """Which of the document's plans and breaks a merge would add, by their place in it; the
    rest are rows the journal holds already, which the merge leaves untouched."""
    plans, breaks = _plan_matches(session), _break_matches(session)
    new_plans = [n for n, row in enumerate(document.plans) if plans.take(_plan_key(row)) is None]
    new_breaks = [
        n for n, row in enumerate(document.breaks) if breaks.take(_break_key(row)) is None
    ]
    return new_plans, new_breaks


def merge(
    session: Session,
    document: Document,
    progress: Progress = quiet,
    entries: Iterable[EntryRecord] | None = None,
    count: int | None = None,
) -> Merged:
    """Bring a validated document in, inside the caller's transaction. Its `entries` may be
    given apart from it, as they are read (`count` of them), so they need not all be held."""
    merged = Merged()
    _merge_platforms(session, document.platforms, merged)
    _merge_prompts(session, document.prompts, merged)
    plan_ids = _merge_plans(session, document.plans, merged)
    break_ids = _merge_breaks(session, document.breaks, plan_ids, merged)
    slipped = {s.entry_id for b in document.breaks for s in b.slips if s.entry_id is not None}
    entry_ids = merge_entries(
        session,
        document.entries if entries is None else entries,
        break_ids,
        merged,
        progress,
        total=len(document.entries) if count is None else count,
        wanted=slipped,
    )
    _merge_slips(session, document.breaks, break_ids, entry_ids, merged)
    _merge_runs(session, document.plans, plan_ids, break_ids, merged)
    _merge_commitments(session, document.commitments, merged)
    _merge_people(session, document.people, merged)
    advance_sequences(session.connection(), METADATA.sorted_tables)
    return merged


def _merge_platforms(session: Session, rows: Iterable[PlatformRecord], merged: Merged) -> None:
    existing = set(session.exec(select(PlatformRow.id)))
    for row in rows:
        new = row.id not in existing
        if new:
            session.add(records.platform_row(row))
        merged.count("platforms", new=new)
    session.flush()


def _merge_prompts(session: Session, rows: Iterable[PromptRecord], merged: Merged) -> None:
    existing = set(session.exec(select(PromptRow.key)))
    for row in rows:
        new = row.key not in existing
        if new:
            session.add(records.prompt_row(row))
        merged.count("prompts", new=new)
    session.flush()


def _merge_plans(session: Session, rows: Iterable[PlanRecord], merged: Merged) -> dict[int, int]:
    ids = _Ids(session, PlanRow)
    existing = _plan_matches(session)
    mapping: dict[int, int] = {}
    for row in rows:
        found = existing.take(_plan_key(row))
        merged.count("plans", new=found is None)
        if found is not None:
            mapping[row.id] = found
            continue
        new_id = mapping[row.id] = ids.claim(row.id)
        session.add(records.plan_row(row, new_id))
        session.flush()
        session.add_all(
            PlanPlatformRow(plan_id=new_id, platform_id=platform, position=n)
            for n, platform in enumerate(row.platforms)
        )
    session.flush()
    return mapping


def _merge_breaks(
    session: Session, rows: Iterable[BreakRecord], plan_ids: Mapping[int, int], merged: Merged
) -> dict[int, int]:
    ids = _Ids(session, BreakRow)
    existing = _break_matches(session)
    mapping: dict[int, int] = {}
    for row in rows:
        found = existing.take(_break_key(row))
        merged.count("breaks", new=found is None)
        if found is not None:
            mapping[row.id] = found
        else:
            new_id = mapping[row.id] = ids.claim(row.id)
            plan = plan_ids.get(row.plan_id) if row.plan_id is not None else None
            session.add(records.break_row(row, new_id, plan))
            session.flush()
            session.add_all(
                BreakPlatformRow(break_id=new_id, platform_id=platform, position=n)
                for n, platform in enumerate(row.platforms)
            )
        _merge_answers(session, mapping[row.id], row.answers, merged)
    session.flush()
    return mapping


def _merge_answers(
    session: Session, break_id: int, rows: Iterable[AnswerRecord], merged: Merged
) -> None:
    answered = set(
        session.exec(select(AnswerRow.prompt_key).where(col(AnswerRow.break_id) == break_id))
    )
    for row in rows:
        new = row.prompt_key not in answered
        if new:
            session.add(records.answer_row(row, break_id))
        merged.count("answers", new=new)


def merge_entries(
    session: Session,
    rows: Iterable[EntryRecord | OutsideEntry],
    break_ids: Mapping[int, int],
    merged: Merged,
    progress: Progress = quiet,
    *,
    total: int | None = None,
    wanted: Container[int] | None = None,
) -> dict[int, int]:
    """Bring entries in, a chunk at a time; an entry with the same moment, kind and text is
    already there. Returns the number each entry of the file now has, for those in `wanted`
    (all when None). The full-text index is built once, for the entries added, at the end.

    Entries from other journals (OutsideEntry) have no number and are numbered as they come.
    """
    if total is None:
        rows = list(rows)
        total = len(rows)
    ids = _Ids(session, EntryRow)
    mapping: dict[int, int] = {}
    added = _Runs()
    progress("writing", 0, total)
    done = 0
    connection = session.connection()
    with fulltext.indexing_paused(connection) as index:
        for part in _parts(rows):
            moments = sorted({row.created_at for row in part})
            # Five columns: more than sqlmodel's select takes, so SQLAlchemy's own.
            found_here = session.execute(
                sql_select(
                    col(EntryRow.id),
                    col(EntryRow.created_at),
                    col(EntryRow.kind),
                    col(EntryRow.text),
                    col(EntryRow.edited_at),
                ).where(col(EntryRow.created_at).in_(moments))
            )
            # Rows this import added in an earlier chunk are the file's own, not matches for it.
            stored = [row for row in found_here if row[0] not in added]
            existing = _Matches(
                ((at, kind, body), entry_id) for entry_id, at, kind, body, _ in stored
            )
            edited = _Edited(stored)
            fresh: list[dict[str, Any]] = []
            tags: list[dict[str, Any]] = []
            people: list[dict[str, Any]] = []
            for row in part:
                own = row.id if isinstance(row, EntryRecord) else None
                found = existing.take((row.created_at, row.kind.value, row.text))
                if found is None and isinstance(row, EntryRecord):
                    found = edited.take(row)
                merged.count("entries", new=found is None)
                keep = own is not None and (wanted is None or own in wanted)
                if found is not None:
                    if keep:
                        mapping[own or 0] = found
                    continue
                new_id = ids.claim(own)
                added.add(new_id)
                if keep:
                    mapping[own or 0] = new_id
                fresh.append(_entry_columns(row, new_id, break_ids))
                tags += [{"entry_id": new_id, "tag": tag} for tag in dict.fromkeys(row.tags)]
                people += [{"entry_id": new_id, "person": p} for p in dict.fromkeys(row.people)]
            for table, values in ((EntryRow, fresh), (EntryTagRow, tags), (EntryPersonRow, people)):
                if values:
                    session.execute(insert(table), values)
            done += len(part)
            progress("writing", done, total)
        index(added.runs())
    return mapping


class _Edited:
    """Stored entries by number, moment and kind, with when each was last edited. A file's
    entry that agrees with one on all three, but not on its words, and is not the later edit,
    is an earlier version of that entry (an export taken before it was edited): it is the
    entry already there, so an import never brings back words a person has since changed.
    A file's later edit is not written over the journal's words: it comes in as an entry of
    its own, since an import never changes what the journal holds."""

    def __init__(self, stored: Iterable[tuple[int, datetime, str, str, datetime | None]]) -> None:
        self._edited = {(i, at, kind): edited for i, at, kind, _, edited in stored}

    def take(self, row: EntryRecord) -> int | None:
        """The stored entry `row` is an earlier version of, if any."""
        key = (row.id, row.created_at, row.kind.value)
        ours = self._edited.get(key)
        if ours is None or (row.edited_at is not None and row.edited_at > ours):
            return None
        del self._edited[key]
        return row.id


def _parts(rows: Iterable[Any]) -> Iterator[list[Any]]:
    """The rows a chunk at a time, however they come."""
    taken = iter(rows)
    while part := list(islice(taken, CHUNK)):
        yield part


def _entry_columns(
    row: EntryRecord | OutsideEntry, new_id: int, break_ids: Mapping[int, int]
) -> dict[str, Any]:
    """A new entry's columns, for one insert of many."""
    columns: dict[str, Any] = {
        "id": new_id,
        "created_at": row.created_at,
        "updated_at": row.created_at,
        "kind": row.kind.value,
        "text": row.text,
        "break_id": None,
        "platform_id": None,
        "mood": None,
        "edited_at": None,
    }
    if isinstance(row, EntryRecord):
        link = row.break_id
        columns["updated_at"] = row.updated_at
        columns["break_id"] = break_ids.get(link) if link is not None else None
        columns["platform_id"] = row.platform_id
        columns["mood"] = row.mood
        columns["edited_at"] = row.edited_at
    return columns


def _merge_slips(
    session: Session,
    rows: Iterable[BreakRecord],
    break_ids: Mapping[int, int],
    entry_ids: Mapping[int, int],
    merged: Merged,
) -> None:
    for row in rows:
        break_id = break_ids[row.id]
        seen = set(
            session.exec(select(SlipRow.occurred_at).where(col(SlipRow.break_id) == break_id))
        )
        for slip in row.slips:
            new = slip.occurred_at not in seen
            if new:
                entry = entry_ids.get(slip.entry_id) if slip.entry_id is not None else None
                session.add(records.slip_row(slip, break_id, entry))
            merged.count("slips", new=new)
    session.flush()


def _merge_runs(
    session: Session,
    rows: Iterable[PlanRecord],
    plan_ids: Mapping[int, int],
    break_ids: Mapping[int, int],
    merged: Merged,
) -> None:
    for row in rows:
        plan_id = plan_ids[row.id]
        for run in row.runs:
            new = session.get(PlanRunRow, (plan_id, run.occurs_at)) is None
            if new:
                link = break_ids.get(run.break_id) if run.break_id is not None else None
                session.add(records.run_row(run, plan_id, link))
            merged.count("plan runs", new=new)
    session.flush()


def _merge_people(session: Session, rows: Iterable[PersonRecord], merged: Merged) -> None:
    """A why line comes in only for someone the journal keeps none for: what is already
    there stays, as everywhere an import merges."""
    kept = set(session.exec(select(PersonRow.name)))
    for record in rows:
        new = record.name not in kept
        if new:
            session.add(records.person_row(record))
        merged.count("why lines", new=new)
    session.flush()


def _merge_commitments(session: Session, rows: Iterable[CommitmentRecord], merged: Merged) -> None:
    ids = _Ids(session, CommitmentRow)
    existing = _Matches(
        ((row.created_at, row.text), row.id or 0) for row in session.exec(select(CommitmentRow))
    )
    for row in rows:
        found = existing.take((row.created_at, row.text))
        merged.count("commitments", new=found is None)
        commitment_id = found
        if commitment_id is None:
            commitment_id = ids.claim(row.id)
            session.add(records.commitment_row(row, commitment_id))
            session.flush()
        seen = {
            (log.logged_at, log.note)
            for log in session.exec(
                select(CommitmentLogRow).where(col(CommitmentLogRow.commitment_id) == commitment_id)
            )
        }
        for log in row.logs:
            new = (log.logged_at, log.note) not in seen
            if new:
                session.add(records.log_row(log, commitment_id))
            merged.count("commitment logs", new=new)
    session.flush()
