"""PostgreSQL: full-text search over entries, and notices of changes an enforcer acts on.

On SQLite nothing changes: FTS5 came with the first schema, and enforcers there notice
changes through the file itself.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

from breakwell.store import fulltext

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The tables whose changes can alter what an enforcer must do now.
NOTICED = ("breaks", "break_platforms", "plans", "events", "commitments", "commitment_logs")
# A statement-level trigger sends one notice per change, delivered at commit; several changes
# in one transaction arrive as one.
_FUNCTION = """
CREATE FUNCTION breakwell_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('breakwell_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    fulltext.create_postgresql_index(bind)
    op.execute(_FUNCTION)
    for table in NOTICED:
        op.execute(
            f"CREATE TRIGGER {table}_notice AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION breakwell_notice()"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in NOTICED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notice ON {table}")
    op.execute("DROP FUNCTION IF EXISTS breakwell_notice()")
    fulltext.drop_postgresql_index(bind)
