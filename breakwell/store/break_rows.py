"""A stored break's columns as the domain's Break, and the plain-SQL reads of them.

The ORM store (store/breaks.py) maps its BreakRow with `to_break`; the sqlite3 quick path reads
the same columns here and maps them with it too, so a break reads the same either way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import ENDED, Break, BreakStatus
from breakwell.domain.values import frozen
from breakwell.store.moments import read_moment

if TYPE_CHECKING:
    from breakwell.domain.prompts import Answer
    from breakwell.store.entry_search import Run


class BreakColumns(Protocol):
    """What a break row holds, decoded (BreakRow, or `Columns` read by plain SQL)."""

    @property
    def id(self) -> int | None: ...
    @property
    def status(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def strictness(self) -> str: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...
    @property
    def started_at(self) -> datetime | None: ...
    @property
    def ended_at(self) -> datetime | None: ...
    @property
    def end_requested_at(self) -> datetime | None: ...
    @property
    def reflected_at(self) -> datetime | None: ...
    @property
    def intention(self) -> str: ...
    @property
    def end_reason(self) -> str | None: ...
    @property
    def plan_id(self) -> int | None: ...
    @property
    def blocked_domains(self) -> list[str] | None: ...
    @property
    def firm_cooldown_seconds(self) -> int | None: ...


def to_break(row: BreakColumns, platforms: tuple[str, ...]) -> Break:
    return Break(
        id=row.id,
        status=BreakStatus(row.status),
        mode=Mode(row.mode),
        strictness=Strictness(row.strictness),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        platforms=platforms,
        intention=row.intention,
        started_at=row.started_at,
        ended_at=row.ended_at,
        end_reason=row.end_reason,
        end_requested_at=row.end_requested_at,
        reflected_at=row.reflected_at,
        plan_id=row.plan_id,
        blocks=tuple(row.blocked_domains) if row.blocked_domains is not None else None,
        cooldown=(
            timedelta(seconds=row.firm_cooldown_seconds)
            if row.firm_cooldown_seconds is not None
            else None
        ),
    )


@frozen
class Columns:
    id: int | None
    status: str
    mode: str
    strictness: str
    starts_at: datetime
    ends_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    end_requested_at: datetime | None
    reflected_at: datetime | None
    intention: str
    end_reason: str | None
    plan_id: int | None
    blocked_domains: list[str] | None
    firm_cooldown_seconds: int | None


_SELECT = (
    "SELECT b.id, b.status, b.mode, b.strictness, b.starts_at, b.ends_at, b.started_at, "
    "b.ended_at, b.end_requested_at, b.reflected_at, b.intention, b.end_reason, b.plan_id, "
    "b.blocked_domains, b.firm_cooldown_seconds FROM breaks b"
)


def _among(statuses: Iterable[BreakStatus]) -> str:
    return ", ".join(sorted(f"'{status.value}'" for status in statuses))


OPEN = (
    f"{_SELECT} WHERE b.status IN ({_among(s for s in BreakStatus if s.is_open)}) "
    "ORDER BY b.starts_at, b.id"
)
NEWEST = f"{_SELECT} ORDER BY b.starts_at DESC, b.id DESC LIMIT ?"
# The page after one break: those that sort after it, newest first.
OLDER = (
    f"{_SELECT} WHERE (b.starts_at, b.id) < (SELECT starts_at, id FROM breaks WHERE id = ?) "
    "ORDER BY b.starts_at DESC, b.id DESC LIMIT ?"
)
ONE = f"{_SELECT} WHERE b.id = ?"
# Ended breaks whose after-questions are not answered, the last to end first: by when each
# actually ended, so one ended early does not sort by the end it never reached.
AWAITING = (
    f"{_SELECT} WHERE b.status IN ({_among(ENDED)}) AND b.reflected_at IS NULL "
    "ORDER BY coalesce(b.ended_at, b.ends_at) DESC, b.id DESC LIMIT ?"
)
AWAITING_SHOWN = 50


def read_breaks(run: Run, statement: str, params: Sequence[Any] = ()) -> list[Break]:
    """The breaks a statement built on the select above finds, with their platforms, in order.

    Times and JSON come back as stored text (SQLite) or decoded (PostgreSQL)."""
    rows = run(statement, params)
    platforms: dict[int, list[str]] = defaultdict(list)
    ids = [int(row[0]) for row in rows]
    if ids:
        marks = ", ".join("?" * len(ids))
        for break_id, platform_id in run(
            f"SELECT break_id, platform_id FROM break_platforms WHERE break_id IN ({marks}) "
            "ORDER BY break_id, position",
            ids,
        ):
            platforms[int(break_id)].append(str(platform_id))
    return [to_break(_columns(row), tuple(platforms[int(row[0])])) for row in rows]


def _columns(row: Sequence[Any]) -> Columns:
    (id_, status, mode, strictness, starts, ends, started, ended, requested, reflected,
     intention, reason, plan_id, blocked, cooldown) = row  # fmt: skip
    return Columns(
        id=int(id_),
        status=status,
        mode=mode,
        strictness=strictness,
        starts_at=read_moment(starts),
        ends_at=read_moment(ends),
        started_at=_maybe(started),
        ended_at=_maybe(ended),
        end_requested_at=_maybe(requested),
        reflected_at=_maybe(reflected),
        intention=intention,
        end_reason=reason,
        plan_id=plan_id,
        blocked_domains=json.loads(blocked) if isinstance(blocked, str) else blocked,
        firm_cooldown_seconds=cooldown,
    )


def _maybe(value: Any) -> datetime | None:
    return None if value is None else read_moment(value)


def answers_of(run: Run, break_id: int) -> list[Answer]:
    # The questions' rules load only for the commands that show answers.
    from breakwell.domain.prompts import Answer, Phase, PromptKind

    rows = run(
        "SELECT prompt_key, phase, kind, question, value, answered_at FROM answers "
        "WHERE break_id = ? ORDER BY id",
        (break_id,),
    )
    return [
        Answer(
            prompt_key=key,
            phase=Phase(phase),
            kind=PromptKind(kind),
            question=question,
            value=value,
            answered_at=read_moment(answered_at),
        )
        for key, phase, kind, question, value, answered_at in rows
    ]


def slip_count(run: Run, break_id: int) -> int:
    return int(run("SELECT count(*) FROM slips WHERE break_id = ?", (break_id,))[0][0])
