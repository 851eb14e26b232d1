"""The schema of breakwell's export file, as pydantic models: each field's type and bounds.

A file that passes them is then held to the rules of the commands (document_rules) and read
into the typed Document (document_records); services/document reads a file through all three.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.commitments import MAX_QUOTA, Period
from breakwell.domain.entries import MAX_ENTRY_LENGTH, EntryKind
from breakwell.domain.markup import MAX_PERSON
from breakwell.domain.prompts import Phase, PromptKind
from breakwell.domain.when import within_years

# SQLite's largest integer: every number a file brings is bounded, so none can overflow the
# driver, and each is refused in a line that names its field.
LARGEST = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=LARGEST)]
# A question's place in its phase, counted from 0 as the commands store it.
Position = Annotated[int, Field(ge=0, le=LARGEST)]
Key = Annotated[str, Field(min_length=1, max_length=64)]
PlatformId = Annotated[str, Field(min_length=1, max_length=32)]
Short = Annotated[str, Field(max_length=16)]


def _within_years(moment: datetime) -> datetime:
    # Outside these years a time cannot be shown in every zone, and would break later reads.
    if not within_years(moment):
        raise ValueError(f"{moment.isoformat()} is too far from now")
    return moment


# JSON has no dates: ISO text is read into an aware datetime, which strict mode alone refuses.
Moment = Annotated[AwareDatetime, Field(strict=False), AfterValidator(_within_years)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_enum_values=True)


class PlatformIn(_Strict):
    id: PlatformId
    name: str
    domains: list[str]
    processes: list[str]


class PromptIn(_Strict):
    key: Key
    phase: Phase = Field(strict=False)
    kind: PromptKind = Field(strict=False)
    text: str
    hint: str
    choices: list[str]
    position: Position
    active: bool
    created_at: Moment


class RunIn(_Strict):
    occurs_at: Moment
    break_id: Id | None
    outcome: Short


class PlanIn(_Strict):
    id: Id
    name: str
    rule: str
    length_seconds: Annotated[int, Field(ge=1, le=LARGEST)]
    mode: Mode = Field(strict=False)
    strictness: Strictness = Field(strict=False)
    paused: bool
    timezone: Annotated[str, Field(max_length=64)]
    until: Annotated[str, Field(pattern=r"^\d\d:\d\d$")] | None
    created_at: Moment
    updated_at: Moment
    platforms: list[PlatformId]
    runs: list[RunIn]


class AnswerIn(_Strict):
    prompt_key: Key
    phase: Phase = Field(strict=False)
    kind: PromptKind = Field(strict=False)
    question: str
    value: str
    answered_at: Moment


class SlipIn(_Strict):
    occurred_at: Moment
    platform_id: PlatformId | None
    entry_id: Id | None


class BreakIn(_Strict):
    id: Id
    status: BreakStatus = Field(strict=False)
    mode: Mode = Field(strict=False)
    strictness: Strictness = Field(strict=False)
    starts_at: Moment
    ends_at: Moment
    started_at: Moment | None
    ended_at: Moment | None
    end_requested_at: Moment | None
    reflected_at: Moment | None
    intention: str
    end_reason: str | None
    plan_id: Id | None
    created_at: Moment
    updated_at: Moment
    platforms: list[PlatformId]
    answers: list[AnswerIn]
    slips: list[SlipIn]


class EntryIn(_Strict):
    id: Id
    created_at: Moment
    updated_at: Moment
    kind: EntryKind = Field(strict=False)
    text: Annotated[str, Field(min_length=1, max_length=MAX_ENTRY_LENGTH)]
    break_id: Id | None
    platform_id: PlatformId | None
    mood: Annotated[int, Field(ge=1, le=5)] | None
    tags: list[Annotated[str, Field(min_length=1, max_length=64)]]
    people: list[Annotated[str, Field(min_length=1, max_length=128)]]
    # Files written before entries could be edited have no such field.
    edited_at: Moment | None = None


class LogIn(_Strict):
    logged_at: Moment
    note: str


class CommitmentIn(_Strict):
    id: Id
    text: Annotated[str, Field(min_length=1)]
    max_count: Annotated[int, Field(ge=0, le=MAX_QUOTA)]
    period: Period = Field(strict=False)
    created_at: Moment
    archived_at: Moment | None
    logs: list[LogIn]


class PersonIn(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=MAX_PERSON)]
    why: str
    created_at: Moment
    updated_at: Moment


class DocumentIn(_Strict):
    format: Literal["breakwell"]
    version: Literal[1]
    platforms: list[PlatformIn]
    prompts: list[PromptIn]
    plans: list[PlanIn]
    breaks: list[BreakIn]
    entries: list[EntryIn]
    commitments: list[CommitmentIn]
    # Added after version 1 was first written: older files have none.
    people: list[PersonIn] = []
