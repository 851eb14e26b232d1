"""A break keeps what it blocks and its cool-down from the moment it is made; a device
remembers which hosts file it last blocked sites in, and one it could not clear.

Older breaks keep NULL in both columns and are blocked by the platforms as configured now,
as before; older devices keep NULL and are taken to have used the configured file.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: rebuilding `breaks` (batch mode) would drop the tables that refer to it.
    op.add_column("breaks", sa.Column("blocked_domains", sa.JSON(), nullable=True))
    op.add_column("breaks", sa.Column("firm_cooldown_seconds", sa.Integer(), nullable=True))
    op.add_column("devices", sa.Column("hosts_file", sa.String(), nullable=True))
    op.add_column("devices", sa.Column("left_hosts_file", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("devices", "left_hosts_file")
    op.drop_column("devices", "hosts_file")
    op.drop_column("breaks", "firm_cooldown_seconds")
    op.drop_column("breaks", "blocked_domains")
