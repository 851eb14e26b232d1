"""Plans made with --from/--to remember the wall-clock time their window ends.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("plans", sa.Column("until", sa.String(5), nullable=True))


def downgrade() -> None:
    op.drop_column("plans", "until")
