"""breakwell's own export file: its schema, and reading one back with errors a person can act on.

A file is checked whole before anything is imported: a bad field is named by its path
(entries[3].created_at), a JSON syntax error by its line and column.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from breakwell.domain.breaks import BreakStatus, Mode, Strictness
from breakwell.domain.commitments import MAX_QUOTA, Period
from breakwell.domain.entries import MAX_ENTRY_LENGTH, EntryKind
from breakwell.domain.errors import InvalidInput
from breakwell.domain.prompts import Phase, PromptKind
from breakwell.domain.when import within_years

FORMAT = "breakwell"
VERSION = 1

Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
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
    position: int
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
    length_seconds: Annotated[int, Field(ge=1)]
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


class Document(_Strict):
    format: Literal["breakwell"]
    version: Literal[1]
    platforms: list[PlatformIn]
    prompts: list[PromptIn]
    plans: list[PlanIn]
    breaks: list[BreakIn]
    entries: list[EntryIn]
    commitments: list[CommitmentIn]


def to_json(rows: dict[str, Any]) -> str:
    """The export file's text: stable key order, UTC instants to the microsecond."""
    document = {"format": FORMAT, "version": VERSION, **rows}
    return json.dumps(document, indent=2, ensure_ascii=False, default=_encode) + "\n"


def _encode(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def load_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{what} is not valid JSON: line {error.lineno} column {error.colno}: {error.msg}"
        ) from None


def field_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path or "the file"


def explain(error: ValidationError, what: str) -> InvalidInput:
    first = error.errors()[0]
    problem = first["msg"].removeprefix("Value error, ")
    return InvalidInput(f"{what}: {field_path(first['loc'])}: {problem}")


def is_document(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def read_document(data: Any, what: str = "the file") -> dict[str, Any]:
    """A parsed export checked whole, as plain rows ready for the store to merge."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f'{what} is not a breakwell export (no "format": "breakwell")')
    if data.get("version") != VERSION:
        raise InvalidInput(
            f"{what} is version {data.get('version')!r} of breakwell's export; "
            f"this breakwell reads version {VERSION}"
        )
    try:
        document = Document.model_validate(data)
    except ValidationError as error:
        raise explain(error, what) from None
    _check_references(document, what)
    return document.model_dump(mode="python", exclude={"format", "version"})


def _check_references(document: Document, what: str) -> None:
    """Every number the file points at must be a row in the file."""
    platforms = {p.id for p in document.platforms}
    plans = {p.id for p in document.plans}
    breaks = {b.id for b in document.breaks}
    entries = {e.id for e in document.entries}
    used = [("plans", n, p.platforms) for n, p in enumerate(document.plans)]
    used += [("breaks", n, b.platforms) for n, b in enumerate(document.breaks)]
    for kind, n, names in used:
        for k, platform in enumerate(names):
            _need(platform in platforms, what, f"{kind}[{n}].platforms[{k}]", platform)
    for n, plan in enumerate(document.plans):
        for k, run in enumerate(plan.runs):
            _need(
                run.break_id is None or run.break_id in breaks,
                what,
                f"plans[{n}].runs[{k}].break_id",
                run.break_id,
            )
    for n, item in enumerate(document.breaks):
        ok = item.plan_id is None or item.plan_id in plans
        _need(ok, what, f"breaks[{n}].plan_id", item.plan_id)
        for k, slip in enumerate(item.slips):
            at = f"breaks[{n}].slips[{k}]"
            ok = slip.entry_id is None or slip.entry_id in entries
            _need(ok, what, f"{at}.entry_id", slip.entry_id)
            ok = slip.platform_id is None or slip.platform_id in platforms
            _need(ok, what, f"{at}.platform_id", slip.platform_id)
    for n, entry in enumerate(document.entries):
        ok = entry.break_id is None or entry.break_id in breaks
        _need(ok, what, f"entries[{n}].break_id", entry.break_id)
        ok = entry.platform_id is None or entry.platform_id in platforms
        _need(ok, what, f"entries[{n}].platform_id", entry.platform_id)
    for kind, ids in (("plans", plans), ("breaks", breaks), ("entries", entries)):
        rows = getattr(document, kind)
        if len(ids) != len(rows):
            raise InvalidInput(f"{what}: {kind}: the same id is used twice")


def _need(ok: bool, what: str, path: str, value: object) -> None:
    if not ok:
        raise InvalidInput(f"{what}: {path}: {value!r} is not in the file")
