"""Every stored row out, for export: the selected part of the journal as a `Document`.

A large journal is mostly its entries, so they can be taken apart from the rest: `dump_head`
takes everything else and counts them, and `entries_out` reads them from one cursor a chunk
at a time, for a writer to write as they come.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, SQLModel, col, select

from breakwell.domain.document import (
    BreakRecord,
    CommitmentRecord,
    Document,
    EntryRecord,
    PersonRecord,
    PlanRecord,
)
from breakwell.domain.values import frozen, replace
from breakwell.store import records
from breakwell.store.tables import (
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
from breakwell.store.transfer import CHUNK, Progress, Selection, chunks, quiet

# Each break brings about a dozen rows (answers, platforms, slips): a chunk of breaks is about
# as many rows as a chunk of entries.
BREAKS_AT_ONCE = CHUNK // 10


def _in_window(column: Any, selection: Selection) -> list[Any]:
    conditions = []
    if selection.since is not None:
        conditions.append(column >= selection.since)
    if selection.until is not None:
        conditions.append(column < selection.until)
    return conditions


def _chosen_breaks(session: Session, selection: Selection) -> list[tuple[int, int | None]]:
    """The chosen breaks' ids and plans: their rows are read a chunk at a time, later."""
    statement = select(BreakRow.id, BreakRow.plan_id).order_by(col(BreakRow.id))
    if selection.break_id is not None:
        statement = statement.where(col(BreakRow.id) == selection.break_id)
    if selection.since is not None:
        ended = func.coalesce(col(BreakRow.ended_at), col(BreakRow.ends_at))
        statement = statement.where(ended > selection.since)
    if selection.until is not None:
        began = func.coalesce(col(BreakRow.started_at), col(BreakRow.starts_at))
        statement = statement.where(began < selection.until)
    return [(break_id or 0, plan_id) for break_id, plan_id in session.exec(statement)]


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
    for part in chunks(ids):
        for row in session.exec(select(table).where(key.in_(part)).order_by(key, order)):
            found[getattr(row, key.key)].append(row)
    return found


@frozen
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
    have = {break_id for break_id, _plan in breaks}
    linked = session.exec(
        select(EntryRow.break_id).where(*chosen, col(EntryRow.break_id).is_not(None)).distinct()
    )
    wanted = sorted({break_id for break_id in linked if break_id and break_id not in have})
    for part in chunks(wanted):
        found = select(BreakRow.id, BreakRow.plan_id).where(col(BreakRow.id).in_(part))
        breaks += [(break_id or 0, plan_id) for break_id, plan_id in session.exec(found)]
    breaks.sort()
    total = count + len(breaks)
    progress("reading", 0, total)
    break_ids = [break_id for break_id, _plan in breaks]
    plans = _chosen_plans(session, selection, {plan for _id, plan in breaks if plan})
    platforms = session.exec(select(PlatformRow).order_by("id"))
    prompts = session.exec(select(PromptRow).order_by("id"))
    document = Document(
        tuple(records.platform_record(row) for row in platforms),
        tuple(records.prompt_record(row) for row in prompts),
        _plans_out(session, plans, set(break_ids), selection),
        _breaks_out(session, break_ids, chosen),
        commitments=_commitments_out(session, selection),
        people=_people_out(session, chosen),
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
    session: Session, ids: Sequence[int], chosen: Sequence[Any]
) -> tuple[BreakRecord, ...]:
    """The breaks' records, read a chunk of breaks at a time: a long-kept journal holds
    thousands of breaks and ten times as many answers, and their rows weigh many times what
    their records do, so only one chunk's rows are held at once."""
    found: list[BreakRecord] = []
    for part in chunks(ids, BREAKS_AT_ONCE):
        rows = session.exec(select(BreakRow).where(col(BreakRow.id).in_(part)).order_by("id"))
        found.extend(_records_of(session, list(rows), chosen))
    return tuple(found)


def _records_of(
    session: Session, breaks: Sequence[BreakRow], chosen: Sequence[Any]
) -> Iterator[BreakRecord]:
    ids = [row.id or 0 for row in breaks]
    platforms = _children(
        session, BreakPlatformRow, col(BreakPlatformRow.break_id), ids, BreakPlatformRow.position
    )
    answers = _children(session, AnswerRow, col(AnswerRow.break_id), ids, AnswerRow.id)
    slips = _children(session, SlipRow, col(SlipRow.break_id), ids, SlipRow.occurred_at)
    # A slip names its entry only when the file holds that entry; slips are few, entries not.
    named = sorted({s.entry_id for found in slips.values() for s in found if s.entry_id})
    entry_ids: set[int] = set()
    for part in chunks(named):
        statement = select(col(EntryRow.id)).where(col(EntryRow.id).in_(part), *chosen)
        entry_ids.update(entry_id for entry_id in session.exec(statement) if entry_id)
    for row in breaks:
        yield records.break_record(
            row,
            [link.platform_id for link in platforms[row.id or 0]],
            answers[row.id or 0],
            slips[row.id or 0],
            entry_ids,
        )


def _people_out(session: Session, chosen: list[Any]) -> tuple[PersonRecord, ...]:
    """The why lines kept; a part of the journal takes only those of people its entries name."""
    statement = select(PersonRow).order_by(col(PersonRow.name))
    if chosen:
        named = (
            select(EntryPersonRow.person)
            .join(EntryRow, col(EntryRow.id) == col(EntryPersonRow.entry_id))
            .where(*chosen)
        )
        statement = statement.where(col(PersonRow.name).in_(named))
    return tuple(records.person_record(row) for row in session.exec(statement))


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
