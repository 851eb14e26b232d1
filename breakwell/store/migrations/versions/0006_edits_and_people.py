"""An entry remembers when it was last edited; the people written about get a row of their own,
holding a line in the person's own words about why they matter.

Older entries keep NULL (never edited). People rows are made when the person writes one; the
mentions themselves stay in `entry_people`.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entries", sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "people",
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("why", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_people")),
    )


def downgrade() -> None:
    op.drop_table("people")
    op.drop_column("entries", "edited_at")
