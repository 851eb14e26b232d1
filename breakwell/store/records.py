"""Table rows as the export document's records, and records as new rows.

A record leaves out what only this journal needs (a prompt's number, the domains and cool-down
a break fixed when it was made, which this journal's config decides for an imported break)
and points only at rows of the same document: the caller passes the ids the document holds,
and a link to anything else is left empty.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.commitments import Period
from breakwell.domain.document import (
    AnswerRecord,
    BreakRecord,
    CommitmentRecord,
    EntryRecord,
    LogRecord,
    PersonRecord,
    PlanRecord,
    PlatformRecord,
    PromptRecord,
    RunRecord,
    SlipRecord,
)
from breakwell.domain.entries import EntryKind
from breakwell.domain.prompts import Phase, PromptKind
from breakwell.store.tables import (
    AnswerRow,
    BreakRow,
    CommitmentLogRow,
    CommitmentRow,
    EntryRow,
    PersonRow,
    PlanRow,
    PlanRunRow,
    PlatformRow,
    PromptRow,
    SlipRow,
)

# Out ---------------------------------------------------------------------------------------


def platform_record(row: PlatformRow) -> PlatformRecord:
    return PlatformRecord(row.id, row.name, tuple(row.domains), tuple(row.processes))


def prompt_record(row: PromptRow) -> PromptRecord:
    return PromptRecord(
        key=row.key,
        phase=Phase(row.phase),
        kind=PromptKind(row.kind),
        text=row.text,
        hint=row.hint,
        choices=tuple(row.choices),
        position=row.position,
        active=row.active,
        created_at=row.created_at,
    )


def plan_record(
    row: PlanRow, platforms: Sequence[str], runs: Sequence[PlanRunRow], break_ids: Container[int]
) -> PlanRecord:
    return PlanRecord(
        id=row.id or 0,
        name=row.name,
        rule=row.rule,
        length_seconds=row.length_seconds,
        mode=Mode(row.mode),
        strictness=Strictness(row.strictness),
        paused=row.paused,
        timezone=row.timezone,
        until=row.until,
        created_at=row.created_at,
        updated_at=row.updated_at,
        platforms=tuple(platforms),
        runs=tuple(
            RunRecord(run.occurs_at, _within(run.break_id, break_ids), run.outcome) for run in runs
        ),
    )


def break_record(
    row: BreakRow,
    platforms: Sequence[str],
    answers: Sequence[AnswerRow],
    slips: Sequence[SlipRow],
    entry_ids: Container[int],
) -> BreakRecord:
    return BreakRecord(
        id=row.id or 0,
        status=BreakStatus(row.status),
        mode=Mode(row.mode),
        strictness=Strictness(row.strictness),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        started_at=row.started_at,
        ended_at=row.ended_at,
        end_requested_at=row.end_requested_at,
        reflected_at=row.reflected_at,
        intention=row.intention,
        end_reason=row.end_reason,
        plan_id=row.plan_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        platforms=tuple(platforms),
        answers=tuple(
            AnswerRecord(
                a.prompt_key, Phase(a.phase), PromptKind(a.kind), a.question, a.value, a.answered_at
            )
            for a in answers
        ),
        slips=tuple(
            SlipRecord(s.occurred_at, s.platform_id, _within(s.entry_id, entry_ids)) for s in slips
        ),
    )


def entry_record(row: EntryRow, tags: Sequence[str], people: Sequence[str]) -> EntryRecord:
    return EntryRecord(
        id=row.id or 0,
        created_at=row.created_at,
        updated_at=row.updated_at,
        kind=EntryKind(row.kind),
        text=row.text,
        break_id=row.break_id,
        platform_id=row.platform_id,
        mood=row.mood,
        tags=tuple(tags),
        people=tuple(people),
        edited_at=row.edited_at,
    )


def commitment_record(row: CommitmentRow, logs: Sequence[CommitmentLogRow]) -> CommitmentRecord:
    return CommitmentRecord(
        id=row.id or 0,
        text=row.text,
        max_count=row.max_count,
        period=Period(row.period),
        created_at=row.created_at,
        archived_at=row.archived_at,
        logs=tuple(LogRecord(log.logged_at, log.note) for log in logs),
    )


def _within(link: int | None, ids: Container[int]) -> int | None:
    return link if link is not None and link in ids else None


# In ----------------------------------------------------------------------------------------


def platform_row(record: PlatformRecord) -> PlatformRow:
    return PlatformRow(
        id=record.id,
        name=record.name,
        domains=list(record.domains),
        processes=list(record.processes),
    )


def prompt_row(record: PromptRecord) -> PromptRow:
    return PromptRow(
        key=record.key,
        phase=record.phase.value,
        kind=record.kind.value,
        text=record.text,
        hint=record.hint,
        choices=list(record.choices),
        position=record.position,
        active=record.active,
        created_at=record.created_at,
    )


def plan_row(record: PlanRecord, plan_id: int) -> PlanRow:
    return PlanRow(
        id=plan_id,
        name=record.name,
        rule=record.rule,
        length_seconds=record.length_seconds,
        mode=record.mode.value,
        strictness=record.strictness.value,
        paused=record.paused,
        timezone=record.timezone,
        until=record.until,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def run_row(record: RunRecord, plan_id: int, break_id: int | None) -> PlanRunRow:
    return PlanRunRow(
        plan_id=plan_id, occurs_at=record.occurs_at, break_id=break_id, outcome=record.outcome
    )


def break_row(record: BreakRecord, break_id: int, plan_id: int | None) -> BreakRow:
    return BreakRow(
        id=break_id,
        status=record.status.value,
        mode=record.mode.value,
        strictness=record.strictness.value,
        starts_at=record.starts_at,
        ends_at=record.ends_at,
        started_at=record.started_at,
        ended_at=record.ended_at,
        end_requested_at=record.end_requested_at,
        reflected_at=record.reflected_at,
        intention=record.intention,
        end_reason=record.end_reason,
        plan_id=plan_id,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def answer_row(record: AnswerRecord, break_id: int) -> AnswerRow:
    return AnswerRow(
        break_id=break_id,
        prompt_key=record.prompt_key,
        phase=record.phase.value,
        kind=record.kind.value,
        question=record.question,
        value=record.value,
        answered_at=record.answered_at,
    )


def slip_row(record: SlipRecord, break_id: int, entry_id: int | None) -> SlipRow:
    return SlipRow(
        occurred_at=record.occurred_at,
        break_id=break_id,
        platform_id=record.platform_id,
        entry_id=entry_id,
    )


def person_record(row: PersonRow) -> PersonRecord:
    return PersonRecord(row.name, row.why, row.created_at, row.updated_at)


def person_row(record: PersonRecord) -> PersonRow:
    return PersonRow(
        name=record.name,
        why=record.why,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def commitment_row(record: CommitmentRecord, commitment_id: int) -> CommitmentRow:
    return CommitmentRow(
        id=commitment_id,
        text=record.text,
        max_count=record.max_count,
        period=record.period.value,
        created_at=record.created_at,
        archived_at=record.archived_at,
    )


def log_row(record: LogRecord, commitment_id: int) -> CommitmentLogRow:
    return CommitmentLogRow(
        commitment_id=commitment_id, logged_at=record.logged_at, note=record.note
    )
