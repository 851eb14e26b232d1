"""A checked export file as the typed Document (domain/document) the store merges. The models
keep enum fields as their values (use_enum_values), so each is read back here."""

from __future__ import annotations

from collections.abc import Sequence

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.commitments import Period
from breakwell.domain.document import (
    AnswerRecord,
    BreakRecord,
    CommitmentRecord,
    Document,
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
from breakwell.domain.markup import extract_people, extract_tags
from breakwell.domain.prompts import Phase, PromptKind
from breakwell.services.document_schema import (
    BreakIn,
    CommitmentIn,
    DocumentIn,
    EntryIn,
    PlanIn,
    PromptIn,
)


def as_document(document: DocumentIn, breaks: Sequence[BreakRecord]) -> Document:
    return Document(
        platforms=tuple(
            PlatformRecord(p.id, p.name, tuple(p.domains), tuple(p.processes))
            for p in document.platforms
        ),
        prompts=tuple(prompt_record(p) for p in document.prompts),
        plans=tuple(_plan(p) for p in document.plans),
        breaks=tuple(breaks),
        entries=tuple(entry_record(e) for e in document.entries),
        commitments=tuple(_commitment(c) for c in document.commitments),
        people=tuple(
            PersonRecord(p.name, p.why, p.created_at, p.updated_at) for p in document.people
        ),
    )


def prompt_record(prompt: PromptIn) -> PromptRecord:
    return PromptRecord(
        key=prompt.key,
        phase=Phase(prompt.phase),
        kind=PromptKind(prompt.kind),
        text=prompt.text,
        hint=prompt.hint,
        choices=tuple(prompt.choices),
        position=prompt.position,
        active=prompt.active,
        created_at=prompt.created_at,
    )


def _plan(plan: PlanIn) -> PlanRecord:
    return PlanRecord(
        id=plan.id,
        name=plan.name,
        rule=plan.rule,
        length_seconds=plan.length_seconds,
        mode=Mode(plan.mode),
        strictness=Strictness(plan.strictness),
        paused=plan.paused,
        timezone=plan.timezone,
        until=plan.until,
        created_at=plan.created_at,
        updated_at=plan.updated_at,
        platforms=tuple(plan.platforms),
        runs=tuple(RunRecord(r.occurs_at, r.break_id, r.outcome) for r in plan.runs),
    )


def break_record(item: BreakIn) -> BreakRecord:
    return BreakRecord(
        id=item.id,
        status=BreakStatus(item.status),
        mode=Mode(item.mode),
        strictness=Strictness(item.strictness),
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        started_at=item.started_at,
        ended_at=item.ended_at,
        end_requested_at=item.end_requested_at,
        reflected_at=item.reflected_at,
        intention=item.intention,
        end_reason=item.end_reason,
        plan_id=item.plan_id,
        created_at=item.created_at,
        updated_at=item.updated_at,
        platforms=tuple(item.platforms),
        answers=tuple(
            AnswerRecord(
                a.prompt_key, Phase(a.phase), PromptKind(a.kind), a.question, a.value, a.answered_at
            )
            for a in item.answers
        ),
        slips=tuple(SlipRecord(s.occurred_at, s.platform_id, s.entry_id) for s in item.slips),
    )


def entry_record(entry: EntryIn) -> EntryRecord:
    return EntryRecord(
        id=entry.id,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        kind=EntryKind(entry.kind),
        text=entry.text,
        break_id=entry.break_id,
        platform_id=entry.platform_id,
        mood=entry.mood,
        # Read from the text as a written entry's are: a file's own lists could name people
        # and tags no entry says, which no command could make.
        tags=extract_tags(entry.text),
        people=extract_people(entry.text),
        edited_at=entry.edited_at,
    )


def _commitment(commitment: CommitmentIn) -> CommitmentRecord:
    return CommitmentRecord(
        id=commitment.id,
        text=commitment.text,
        max_count=commitment.max_count,
        period=Period(commitment.period),
        created_at=commitment.created_at,
        archived_at=commitment.archived_at,
        logs=tuple(LogRecord(log.logged_at, log.note) for log in commitment.logs),
    )
