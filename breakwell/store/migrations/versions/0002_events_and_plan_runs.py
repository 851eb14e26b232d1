"""Event log, plan occurrences, per-device state, and the zone a plan repeats in.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("break_id", sa.Integer(), nullable=True),
        sa.Column("device", sa.String(64), nullable=True),
        sa.Column("detail", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["break_id"], ["breaks.id"], name=op.f("fk_events_break_id_breaks"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_at"), "events", ["at"])
    op.create_index(op.f("ix_events_kind"), "events", ["kind"])
    op.create_index(op.f("ix_events_break_id"), "events", ["break_id"])
    op.create_table(
        "plan_runs",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("occurs_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("break_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_runs_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["break_id"],
            ["breaks.id"],
            name=op.f("fk_plan_runs_break_id_breaks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("plan_id", "occurs_at", name=op.f("pk_plan_runs")),
    )
    op.create_index(op.f("ix_plan_runs_break_id"), "plan_runs", ["break_id"])
    op.create_table(
        "devices",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("notified_event_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_devices")),
    )
    # A plain ADD COLUMN: rebuilding the table (batch mode) would drop `plans` with foreign
    # keys on, and the drop would null or delete every row that refers to a plan.
    op.add_column(
        "plans", sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC")
    )


def downgrade() -> None:
    op.drop_column("plans", "timezone")
    op.drop_table("devices")
    op.drop_table("plan_runs")
    op.drop_table("events")
