"""Every stored row in and out, for export and import.

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
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import func, insert, or_
from sqlmodel import Session, SQLModel, col, select

from breakwell.domain.document import (
    AnswerRecord,
    BreakRecord,
    CommitmentRecord,
    Document,
    EntryRecord,
    OutsideEntry,
    PlanRecord,
    PlatformRecord,
    PromptRecord,
)
from breakwell.domain.errors import InvalidInput
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
    PlanPlatformRow,
    PlanRow,
    PlanRunRow,
    PlatformRow,
    PromptRow,
    SlipRow,
)

Progress = Callable[[str, int, int], None]
CHUNK = 500


@dataclass(frozen=True)
class Selection:
    """What to take out: everything, or what touches a window of time or one break."""

    since: datetime | None = None
    until: datetime | None = None
    break_id: int | None = None

    def __post_init__(self) -> None:
        # An empty window is a mistake, whatever the format: say so rather than export nothing.
        if self.since and self.until and self.since >= self.until:
            raise InvalidInput("--since must be before --until")


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def quiet(_step: str, _done: int, _total: int) -> None:
    """Progress that nobody watches."""
    return None


# Taking out ------------------------------------------------------------------------------


def _in_window(column: Any, selection: Selection) -> list[Any]:
    conditions = []
    if selection.since is not None:
        conditions.append(column >= selection.since)
    if selection.until is not None:
        conditions.append(column < selection.until)
    return conditions


def _chosen_breaks(session: Session, selection: Selection) -> list[BreakRow]:
    statement = select(BreakRow).order_by(col(BreakRow.id))
    if selection.break_id is not None:
        statement = statement.where(col(BreakRow.id) == selection.break_id)
    if selection.since is not None:
        ended = func.coalesce(col(BreakRow.ended_at), col(BreakRow.ends_at))
        statement = statement.where(ended > selection.since)
    if selection.until is not None:
        began = func.coalesce(col(BreakRow.started_at), col(BreakRow.starts_at))
        statement = statement.where(began < selection.until)
    return list(session.exec(statement))


def _chosen(selection: Selection) -> list[Any]:
    """Which entries the selection takes, as conditions on their table."""
    conditions = _in_window(col(EntryRow.created_at), selection)
    if selection.break_id is not None:
        conditions.append(col(EntryRow.break_id) == selection.break_id)
    return conditions


def _children(
    session: Session, table: type[SQLModel], key: Any, ids: Sequence[int], order: Any
) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    for part in _chunks(ids):
        for row in session.exec(select(table).where(key.in_(part)).order_by(key, order)):
            found[getattr(row, key.key)].append(row)
    return found


@dataclass(frozen=True)
class Taken:
    """The selected part of the journal but its entries, which can outgrow memory: they are
    read a chunk at a time by `entries_out`, in the same transaction, as they are written."""

    document: Document
    entries: int

    @property
    def total(self) -> int:
        """The rows progress counts: the breaks, read first, then the entries."""
        return len(self.document.breaks) + self.entries


def dump(session: Session, selection: Selection, progress: Progress = quiet) -> Document:
    """The selected rows, each table's in id order, children folded into their parents."""
    taken = dump_head(session, selection, progress)
    entries = tuple(entries_out(session, selection, progress, taken))
    return replace(taken.document, entries=entries)


def dump_head(session: Session, selection: Selection, progress: Progress = quiet) -> Taken:
    """Everything `dump` takes but the entries, and how many entries it would take."""
    chosen = _chosen(selection)
    count = session.exec(select(func.count()).select_from(EntryRow).where(*chosen)).one()
    breaks = _chosen_breaks(session, selection)
    # An entry's break comes with it, so the file never points at a break it lacks.
    have = {row.id for row in breaks}
    linked = session.exec(
        select(EntryRow.break_id).where(*chosen, col(EntryRow.break_id).is_not(None)).distinct()
    )
    wanted = sorted({break_id for break_id in linked if break_id and break_id not in have})
    for part in _chunks(wanted):
        breaks += session.exec(select(BreakRow).where(col(BreakRow.id).in_(part))).all()
    breaks.sort(key=lambda row: row.id or 0)
    total = count + len(breaks)
    progress("reading", 0, total)
    break_ids = [row.id or 0 for row in breaks]
    plans = _chosen_plans(session, selection, {row.plan_id for row in breaks if row.plan_id})
    platforms = session.exec(select(PlatformRow).order_by("id"))
    prompts = session.exec(select(PromptRow).order_by("id"))
    document = Document(
        tuple(records.platform_record(row) for row in platforms),
        tuple(records.prompt_record(row) for row in prompts),
        _plans_out(session, plans, set(break_ids), selection),
        _breaks_out(session, breaks, chosen),
        commitments=_commitments_out(session, selection),
    )
    progress("reading", len(breaks), total)
    return Taken(document, count)


def entries_out(
    session: Session,
    selection: Selection,
    progress: Progress = quiet,
    taken: Taken | None = None,
    *,
    where: Sequence[Any] = (),
    by_time: bool = False,
    children: bool = True,
) -> Iterator[EntryRecord]:
    """The selected entries (and of them, those `where` also takes), in id order or, `by_time`,
    in the order they were written; read from one cursor a chunk at a time, so memory holds a
    chunk whatever the journal's size. With `taken`, progress counts on from its breaks.
    Without `children`, for a writer that shows neither, tags and people are left empty."""
    order = (col(EntryRow.created_at), col(EntryRow.id)) if by_time else (col(EntryRow.id),)
    statement = select(EntryRow).where(*_chosen(selection), *where).order_by(*order)
    done = len(taken.document.breaks) if taken is not None else 0
    rows = session.exec(statement.execution_options(yield_per=CHUNK))
    for part in rows.partitions():
        ids = [row.id or 0 for row in part]
        tags: dict[int, list[Any]] = defaultdict(list)
        people: dict[int, list[Any]] = defaultdict(list)
        if children:
            tag_key, person_key = col(EntryTagRow.entry_id), col(EntryPersonRow.entry_id)
            tags = _children(session, EntryTagRow, tag_key, ids, EntryTagRow.tag)
            people = _children(session, EntryPersonRow, person_key, ids, EntryPersonRow.person)
        for row in part:
            key = row.id or 0
            yield records.entry_record(
                row, [t.tag for t in tags[key]], [p.person for p in people[key]]
            )
        if taken is not None:
            done += len(part)
            progress("reading", done, taken.total)


def loose_moments(session: Session, selection: Selection) -> Iterator[datetime]:
    """When each selected entry outside a break was written, in the order written."""
    statement = (
        select(EntryRow.created_at, EntryRow.break_id)
        .where(*_chosen(selection))
        .order_by(col(EntryRow.created_at), col(EntryRow.id))
    )
    # Read in the index's order and left out here: asked of the database, "no break" would
    # pick the index of breaks and sort every entry outside them.
    for created_at, break_id in session.exec(statement.execution_options(yield_per=CHUNK)):
        if break_id is None:
            yield created_at


def of_break(break_id: int) -> list[Any]:
    """For `entries_out`: only the entries of this break."""
    return [col(EntryRow.break_id) == break_id]


def written_between(first: datetime, last: datetime) -> list[Any]:
    """For `entries_out`: only the entries written from `first` to `last`."""
    created = col(EntryRow.created_at)
    return [created >= first, created <= last]


def entry_counts(session: Session, selection: Selection) -> dict[int, int]:
    """How many of the selected entries each break holds."""
    statement = (
        select(EntryRow.break_id, func.count())
        .where(*_chosen(selection), col(EntryRow.break_id).is_not(None))
        .group_by(col(EntryRow.break_id))
    )
    return {break_id: n for break_id, n in session.exec(statement) if break_id is not None}


def _chosen_plans(session: Session, selection: Selection, used: set[int]) -> list[PlanRow]:
    """The plans of the chosen breaks; unless one break was asked for, also every plan that
    existed in the window."""
    statement = select(PlanRow).order_by(col(PlanRow.id))
    if selection.break_id is not None:
        statement = statement.where(col(PlanRow.id).in_(sorted(used)))
    elif selection.until is not None:
        statement = statement.where(
            or_(col(PlanRow.id).in_(sorted(used)), col(PlanRow.created_at) < selection.until)
        )
    return list(session.exec(statement))


def _plans_out(
    session: Session, plans: Sequence[PlanRow], break_ids: set[int], selection: Selection
) -> tuple[PlanRecord, ...]:
    ids = [row.id or 0 for row in plans]
    platforms = _children(
        session, PlanPlatformRow, col(PlanPlatformRow.plan_id), ids, PlanPlatformRow.position
    )
    runs = _children(session, PlanRunRow, col(PlanRunRow.plan_id), ids, PlanRunRow.occurs_at)
    return tuple(
        records.plan_record(
            row,
            [link.platform_id for link in platforms[row.id or 0]],
            [run for run in runs[row.id or 0] if _run_chosen(run, selection, break_ids)],
            break_ids,
        )
        for row in plans
    )


def _run_chosen(run: PlanRunRow, selection: Selection, break_ids: set[int]) -> bool:
    if selection.break_id is not None:
        return run.break_id in break_ids
    return (selection.since is None or run.occurs_at >= selection.since) and (
        selection.until is None or run.occurs_at < selection.until
    )


def _breaks_out(
    session: Session, breaks: Sequence[BreakRow], chosen: Sequence[Any]
) -> tuple[BreakRecord, ...]:
    ids = [row.id or 0 for row in breaks]
    platforms = _children(
        session, BreakPlatformRow, col(BreakPlatformRow.break_id), ids, BreakPlatformRow.position
    )
    answers = _children(session, AnswerRow, col(AnswerRow.break_id), ids, AnswerRow.id)
    slips = _children(session, SlipRow, col(SlipRow.break_id), ids, SlipRow.occurred_at)
    # A slip names its entry only when the file holds that entry; slips are few, entries not.
    named = sorted({s.entry_id for found in slips.values() for s in found if s.entry_id})
    entry_ids: set[int] = set()
    for part in _chunks(named):
        statement = select(col(EntryRow.id)).where(col(EntryRow.id).in_(part), *chosen)
        entry_ids.update(entry_id for entry_id in session.exec(statement) if entry_id)
    return tuple(
        records.break_record(
            row,
            [link.platform_id for link in platforms[row.id or 0]],
            answers[row.id or 0],
            slips[row.id or 0],
            entry_ids,
        )
        for row in breaks
    )


def _commitments_out(session: Session, selection: Selection) -> tuple[CommitmentRecord, ...]:
    if selection.break_id is not None:
        return ()
    statement = select(CommitmentRow).order_by(col(CommitmentRow.id))
    if selection.until is not None:
        statement = statement.where(col(CommitmentRow.created_at) < selection.until)
    rows = list(session.exec(statement))
    ids = [row.id or 0 for row in rows]
    logs = _children(
        session,
        CommitmentLogRow,
        col(CommitmentLogRow.commitment_id),
        ids,
        CommitmentLogRow.logged_at,
    )
    return tuple(
        records.commitment_record(
            row,
            [
                log
                for log in logs[row.id or 0]
                if (selection.since is None or log.logged_at >= selection.since)
                and (selection.until is None or log.logged_at < selection.until)
            ],
        )
        for row in rows
    )


# Bringing in -----------------------------------------------------------------------------


@dataclass
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
            stored = session.exec(
                select(EntryRow.id, EntryRow.created_at, EntryRow.kind, EntryRow.text).where(
                    col(EntryRow.created_at).in_(moments)
                )
            )
            # Rows this import added in an earlier chunk are the file's own, not matches for it.
            existing = _Matches(
                ((created_at, kind, body), entry_id or 0)
                for entry_id, created_at, kind, body in stored
                if entry_id is not None and entry_id not in added
            )
            fresh: list[dict[str, Any]] = []
            tags: list[dict[str, Any]] = []
            people: list[dict[str, Any]] = []
            for row in part:
                own = row.id if isinstance(row, EntryRecord) else None
                found = existing.take((row.created_at, row.kind.value, row.text))
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
    }
    if isinstance(row, EntryRecord):
        link = row.break_id
        columns["updated_at"] = row.updated_at
        columns["break_id"] = break_ids.get(link) if link is not None else None
        columns["platform_id"] = row.platform_id
        columns["mood"] = row.mood
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
