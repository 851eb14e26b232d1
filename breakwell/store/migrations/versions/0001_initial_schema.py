"""Initial schema: platforms, plans, breaks, prompts, answers, entries, slips, commitments.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from breakwell.store import fulltext

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _utc(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _short(name: str, length: int = 16) -> sa.Column[object]:
    return sa.Column(name, sa.String(length), nullable=False)


def upgrade() -> None:
    op.create_table(
        "platforms",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("domains", sa.JSON(), nullable=False),
        sa.Column("processes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platforms")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("length_seconds", sa.Integer(), nullable=False),
        _short("mode"),
        _short("strictness"),
        sa.Column("paused", sa.Boolean(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    op.create_table(
        "plan_platforms",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_platforms_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["platform_id"],
            ["platforms.id"],
            name=op.f("fk_plan_platforms_platform_id_platforms"),
        ),
        sa.PrimaryKeyConstraint("plan_id", "platform_id", name=op.f("pk_plan_platforms")),
    )
    op.create_table(
        "breaks",
        sa.Column("id", sa.Integer(), nullable=False),
        _short("status"),
        _short("mode"),
        _short("strictness"),
        _utc("starts_at"),
        _utc("ends_at"),
        _utc("started_at", nullable=True),
        _utc("ended_at", nullable=True),
        _utc("end_requested_at", nullable=True),
        _utc("reflected_at", nullable=True),
        sa.Column("intention", sa.String(), nullable=False),
        sa.Column("end_reason", sa.String(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        _utc("created_at"),
        _utc("updated_at"),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_breaks_plan_id_plans"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_breaks")),
    )
    op.create_index(op.f("ix_breaks_plan_id"), "breaks", ["plan_id"])
    op.create_index(op.f("ix_breaks_starts_at"), "breaks", ["starts_at"])
    op.create_index("ix_breaks_status_ends_at", "breaks", ["status", "ends_at"])
    op.create_table(
        "break_platforms",
        sa.Column("break_id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["break_id"],
            ["breaks.id"],
            name=op.f("fk_break_platforms_break_id_breaks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["platform_id"],
            ["platforms.id"],
            name=op.f("fk_break_platforms_platform_id_platforms"),
        ),
        sa.PrimaryKeyConstraint("break_id", "platform_id", name=op.f("pk_break_platforms")),
    )
    op.create_table(
        "prompts",
        sa.Column("id", sa.Integer(), nullable=False),
        _short("key", 64),
        _short("phase"),
        _short("kind"),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("hint", sa.String(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _utc("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompts")),
        sa.UniqueConstraint("key", name=op.f("uq_prompts_key")),
    )
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("break_id", sa.Integer(), nullable=False),
        _short("prompt_key", 64),
        _short("phase"),
        _short("kind"),
        sa.Column("question", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        _utc("answered_at"),
        sa.ForeignKeyConstraint(
            ["break_id"],
            ["breaks.id"],
            name=op.f("fk_answers_break_id_breaks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
        sa.UniqueConstraint("break_id", "prompt_key", name="uq_answers_break_prompt"),
    )
    op.create_index(op.f("ix_answers_break_id"), "answers", ["break_id"])
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        _short("kind"),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("break_id", sa.Integer(), nullable=True),
        sa.Column("platform_id", sa.String(32), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["break_id"],
            ["breaks.id"],
            name=op.f("fk_entries_break_id_breaks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["platform_id"], ["platforms.id"], name=op.f("fk_entries_platform_id_platforms")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
    )
    op.create_index(op.f("ix_entries_break_id"), "entries", ["break_id"])
    op.create_index("ix_entries_created_at_id", "entries", ["created_at", "id"])
    op.create_index(op.f("ix_entries_kind"), "entries", ["kind"])
    op.create_index(op.f("ix_entries_platform_id"), "entries", ["platform_id"])
    op.create_table(
        "entry_tags",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_tags_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "tag", name=op.f("pk_entry_tags")),
    )
    op.create_index(op.f("ix_entry_tags_tag"), "entry_tags", ["tag"])
    op.create_table(
        "entry_people",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(128), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_people_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "person", name=op.f("pk_entry_people")),
    )
    op.create_index(op.f("ix_entry_people_person"), "entry_people", ["person"])
    op.create_table(
        "slips",
        sa.Column("id", sa.Integer(), nullable=False),
        _utc("occurred_at"),
        sa.Column("break_id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.String(32), nullable=True),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["break_id"], ["breaks.id"], name=op.f("fk_slips_break_id_breaks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_slips_entry_id_entries"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["platform_id"], ["platforms.id"], name=op.f("fk_slips_platform_id_platforms")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slips")),
    )
    op.create_index(op.f("ix_slips_break_id"), "slips", ["break_id"])
    op.create_index(op.f("ix_slips_entry_id"), "slips", ["entry_id"])
    op.create_index(op.f("ix_slips_occurred_at"), "slips", ["occurred_at"])
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("max_count", sa.Integer(), nullable=False),
        _short("period", 8),
        _utc("created_at"),
        _utc("archived_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    op.create_table(
        "commitment_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        _utc("logged_at"),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_commitment_logs_commitment_id_commitments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_logs")),
    )
    op.create_index(op.f("ix_commitment_logs_commitment_id"), "commitment_logs", ["commitment_id"])
    op.create_index(op.f("ix_commitment_logs_logged_at"), "commitment_logs", ["logged_at"])
    fulltext.create_index(op.get_bind())


def downgrade() -> None:
    fulltext.drop_index(op.get_bind())
    for table in (
        "commitment_logs",
        "commitments",
        "slips",
        "entry_people",
        "entry_tags",
        "entries",
        "answers",
        "prompts",
        "break_platforms",
        "breaks",
        "plan_platforms",
        "plans",
        "platforms",
    ):
        op.drop_table(table)
