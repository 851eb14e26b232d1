"""What an export file holds, as one typed document both ways.

The store takes a journal out as a `Document` and merges one in; the writers (JSON, CSV,
Markdown) read it; an import checks a file and turns it into one before the store sees it.
Each record is a row as the file spells it: its own fields in the order the file lists them,
then the children folded into it (a break's platforms, answers and slips; an entry's tags and
people). `people` holds the why lines kept for people written about. Numbers are the
journal's own; an import renumbers what it must.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.commitments import Period
from breakwell.domain.entries import EntryKind
from breakwell.domain.prompts import Phase, PromptKind
from breakwell.domain.values import fields, frozen, is_value


@frozen
class PlatformRecord:
    id: str
    name: str
    domains: tuple[str, ...]
    processes: tuple[str, ...]


@frozen
class PromptRecord:
    """One of the person's own questions; the file keeps it by its key, not its number."""

    key: str
    phase: Phase
    kind: PromptKind
    text: str
    hint: str
    choices: tuple[str, ...]
    position: int
    active: bool
    created_at: datetime


@frozen
class RunRecord:
    """One occurrence of a plan already turned into a break (or cancelled or missed)."""

    occurs_at: datetime
    break_id: int | None  # None when the break is not in the file
    outcome: str


@frozen
class PlanRecord:
    id: int
    name: str
    rule: str
    length_seconds: int
    mode: Mode
    strictness: Strictness
    paused: bool
    timezone: str
    until: str | None
    created_at: datetime
    updated_at: datetime
    platforms: tuple[str, ...]
    runs: tuple[RunRecord, ...]


@frozen
class AnswerRecord:
    prompt_key: str
    phase: Phase
    kind: PromptKind
    question: str
    value: str
    answered_at: datetime


@frozen
class SlipRecord:
    occurred_at: datetime
    platform_id: str | None
    entry_id: int | None  # None when the entry is not in the file


@frozen
class BreakRecord:
    id: int
    status: BreakStatus
    mode: Mode
    strictness: Strictness
    starts_at: datetime
    ends_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    end_requested_at: datetime | None
    reflected_at: datetime | None
    intention: str
    end_reason: str | None
    plan_id: int | None
    created_at: datetime
    updated_at: datetime
    platforms: tuple[str, ...]
    answers: tuple[AnswerRecord, ...]
    slips: tuple[SlipRecord, ...]

    def as_break(self) -> Break:
        """The break as the domain's rules read it."""
        return Break(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            platforms=self.platforms,
            mode=self.mode,
            strictness=self.strictness,
            status=self.status,
            intention=self.intention,
            id=self.id,
            started_at=self.started_at,
            ended_at=self.ended_at,
            end_reason=self.end_reason,
            end_requested_at=self.end_requested_at,
            reflected_at=self.reflected_at,
            plan_id=self.plan_id,
        )


@frozen
class EntryRecord:
    id: int
    created_at: datetime
    updated_at: datetime
    kind: EntryKind
    text: str
    break_id: int | None
    platform_id: str | None
    mood: int | None
    tags: tuple[str, ...]
    people: tuple[str, ...]
    # When its text was last changed; None while it is as written (and in older files).
    edited_at: datetime | None = None


@frozen
class OutsideEntry:
    """An entry from another journal (jrnl's): no number and no links, numbered as it comes."""

    created_at: datetime
    kind: EntryKind
    text: str
    tags: tuple[str, ...]
    people: tuple[str, ...]


@frozen
class LogRecord:
    logged_at: datetime
    note: str


@frozen
class CommitmentRecord:
    id: int
    text: str
    max_count: int
    period: Period
    created_at: datetime
    archived_at: datetime | None
    logs: tuple[LogRecord, ...]


@frozen
class PersonRecord:
    """Why someone written about matters, in the person's own words."""

    name: str
    why: str
    created_at: datetime
    updated_at: datetime


@frozen
class Document:
    """A journal, or the part of one an export chose, in the export file's order."""

    platforms: tuple[PlatformRecord, ...] = ()
    prompts: tuple[PromptRecord, ...] = ()
    plans: tuple[PlanRecord, ...] = ()
    breaks: tuple[BreakRecord, ...] = ()
    entries: tuple[EntryRecord, ...] = ()
    commitments: tuple[CommitmentRecord, ...] = ()
    # Files written before people had why lines have none; they import all the same.
    people: tuple[PersonRecord, ...] = ()


def as_plain(document: object) -> dict[str, Any]:
    """The document (or one record of it) as JSON holds it: records as objects in field order,
    lists, enums as their values. Times stay datetimes, for the writer to spell."""
    plain: dict[str, Any] = _plain(document)
    return plain


def _plain(value: object) -> Any:
    if is_value(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value
