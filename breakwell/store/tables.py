"""The SQLModel tables. Schema changes go through an Alembic migration, never create_all."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from breakwell.store.types import UTCDateTime

# Named constraints let Alembic's batch mode alter SQLite tables and keep PostgreSQL names stable.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _utc(*, nullable: bool = False, index: bool = False) -> Column[datetime]:
    return Column(UTCDateTime(), nullable=nullable, index=index)


def _fk(target: str, ondelete: str, *, nullable: bool = True, index: bool = True) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


class PlatformRow(SQLModel, table=True):
    __tablename__ = "platforms"

    id: str = Field(primary_key=True, max_length=32)
    name: str
    domains: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    processes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class PlanRow(SQLModel, table=True):
    __tablename__ = "plans"

    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    rule: str
    length_seconds: int
    mode: str = Field(max_length=16)
    strictness: str = Field(max_length=16)
    paused: bool = False
    # Plans repeat in wall-clock time of the zone they were made in (IANA name).
    timezone: str = Field(default="UTC", max_length=64)
    # "HH:MM" when each break ends at a wall-clock time (--from/--to), else None.
    until: str | None = Field(default=None, max_length=5)
    created_at: datetime = Field(sa_column=_utc())
    updated_at: datetime = Field(sa_column=_utc())


class PlanPlatformRow(SQLModel, table=True):
    __tablename__ = "plan_platforms"

    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True)
    )
    platform_id: str = Field(
        sa_column=Column(String(32), ForeignKey("platforms.id"), primary_key=True)
    )
    position: int = 0


class BreakRow(SQLModel, table=True):
    __tablename__ = "breaks"
    __table_args__ = (Index("ix_breaks_status_ends_at", "status", "ends_at"),)

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(max_length=16)
    mode: str = Field(max_length=16)
    strictness: str = Field(max_length=16)
    starts_at: datetime = Field(sa_column=_utc(index=True))
    ends_at: datetime = Field(sa_column=_utc())
    started_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    ended_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    end_requested_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    reflected_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    intention: str = ""
    end_reason: str | None = None
    plan_id: int | None = Field(default=None, sa_column=_fk("plans.id", "SET NULL"))
    # Fixed when the break is made, so a config edit cannot undo a running break: the
    # domains it blocks (widened, never narrowed, by the platforms as configured later) and
    # the firm cool-down in force. NULL on breaks made before breakwell kept them.
    blocked_domains: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    firm_cooldown_seconds: int | None = None
    created_at: datetime = Field(sa_column=_utc())
    updated_at: datetime = Field(sa_column=_utc())


class BreakPlatformRow(SQLModel, table=True):
    __tablename__ = "break_platforms"

    break_id: int = Field(
        sa_column=Column(Integer, ForeignKey("breaks.id", ondelete="CASCADE"), primary_key=True)
    )
    platform_id: str = Field(
        sa_column=Column(String(32), ForeignKey("platforms.id"), primary_key=True)
    )
    position: int = 0


class PromptRow(SQLModel, table=True):
    """The person's own questions; the default set lives in the domain."""

    __tablename__ = "prompts"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True)
    phase: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    text: str
    hint: str = ""
    choices: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    position: int = 0
    active: bool = True
    created_at: datetime = Field(sa_column=_utc())


class AnswerRow(SQLModel, table=True):
    """An answer keeps its question as asked, so rewording a prompt never rewrites history."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("break_id", "prompt_key", name="uq_answers_break_prompt"),)

    id: int | None = Field(default=None, primary_key=True)
    break_id: int = Field(sa_column=_fk("breaks.id", "CASCADE", nullable=False))
    prompt_key: str = Field(max_length=64)
    phase: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    question: str
    value: str
    answered_at: datetime = Field(sa_column=_utc())


class EntryRow(SQLModel, table=True):
    __tablename__ = "entries"
    __table_args__ = (Index("ix_entries_created_at_id", "created_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(sa_column=_utc())
    updated_at: datetime = Field(sa_column=_utc())
    kind: str = Field(max_length=16, index=True)
    text: str
    break_id: int | None = Field(default=None, sa_column=_fk("breaks.id", "SET NULL"))
    platform_id: str | None = Field(
        default=None,
        sa_column=Column(String(32), ForeignKey("platforms.id"), nullable=True, index=True),
    )
    mood: int | None = None
    edited_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class EntryTagRow(SQLModel, table=True):
    __tablename__ = "entry_tags"

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    )
    tag: str = Field(sa_column=Column(String(64), primary_key=True, index=True))


class EntryPersonRow(SQLModel, table=True):
    __tablename__ = "entry_people"

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    )
    person: str = Field(sa_column=Column(String(128), primary_key=True, index=True))


class PersonRow(SQLModel, table=True):
    """Someone the person chose to write about, with why they matter in their own words."""

    __tablename__ = "people"

    name: str = Field(sa_column=Column(String(128), primary_key=True))
    why: str = ""
    created_at: datetime = Field(sa_column=_utc())
    updated_at: datetime = Field(sa_column=_utc())


class SlipRow(SQLModel, table=True):
    __tablename__ = "slips"

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(sa_column=_utc(index=True))
    break_id: int = Field(sa_column=_fk("breaks.id", "CASCADE", nullable=False))
    platform_id: str | None = Field(
        default=None, sa_column=Column(String(32), ForeignKey("platforms.id"), nullable=True)
    )
    entry_id: int | None = Field(default=None, sa_column=_fk("entries.id", "SET NULL"))


class CommitmentRow(SQLModel, table=True):
    __tablename__ = "commitments"

    id: int | None = Field(default=None, primary_key=True)
    text: str
    max_count: int
    period: str = Field(max_length=8)
    created_at: datetime = Field(sa_column=_utc())
    archived_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class CommitmentLogRow(SQLModel, table=True):
    __tablename__ = "commitment_logs"

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(sa_column=_fk("commitments.id", "CASCADE", nullable=False))
    logged_at: datetime = Field(sa_column=_utc(index=True))
    note: str = ""


class EventRow(SQLModel, table=True):
    __tablename__ = "events"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=_utc(index=True))
    kind: str = Field(max_length=32, index=True)
    break_id: int | None = Field(default=None, sa_column=_fk("breaks.id", "SET NULL"))
    device: str | None = Field(default=None, max_length=64)
    detail: str = ""


class PlanRunRow(SQLModel, table=True):
    """One occurrence of a plan, recorded once it has been turned into (or merged into) a break.

    The record is what keeps an occurrence from being made again after the person cancelled
    or ended it.
    """

    __tablename__ = "plan_runs"

    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True)
    )
    occurs_at: datetime = Field(sa_column=Column(UTCDateTime(), primary_key=True))
    break_id: int | None = Field(default=None, sa_column=_fk("breaks.id", "SET NULL"))
    outcome: str = Field(max_length=16)


class DeviceRow(SQLModel, table=True):
    """Per-device enforcer state: which events this device has already told the person about."""

    __tablename__ = "devices"

    name: str = Field(primary_key=True, max_length=64)
    notified_event_id: int = 0
    seen_at: datetime = Field(sa_column=_utc())
    # The hosts file this device's enforcer last managed: a block left there after the
    # config names another file is cleared, or reported.
    hosts_file: str | None = None
    # A file it used before that still held breakwell's block when it could not clear it;
    # tried again at each start, and shown by status meanwhile.
    left_hosts_file: str | None = None


METADATA = SQLModel.metadata
