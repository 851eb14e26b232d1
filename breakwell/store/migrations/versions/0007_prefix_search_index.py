"""SQLite's search index gains prefix indexes of two and three characters, so a word typed
halfway finds its entries without merging the lists of every word it begins.

The index is made again from the entries, which takes a while on a large journal (about 12
seconds per 100,000 entries); PostgreSQL's index is unchanged.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

from breakwell.store import fulltext

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    fulltext.drop_index(bind)
    fulltext.create_prefixed_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    fulltext.drop_index(bind)
    fulltext.create_index(bind)
