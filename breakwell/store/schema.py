"""Whether a database holds everything this breakwell's schema needs: its tables, their
columns, and the full-text index, as the migrations left them."""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text
from sqlmodel import SQLModel

from breakwell.store import tables as _tables  # noqa: F401  (registers the tables)

# SQLite's full-text index: a virtual table kept in step with entries by three triggers.
_SQLITE_INDEX_TABLE = "entries_fts"
_SQLITE_TRIGGERS = ("entries_fts_insert", "entries_fts_delete", "entries_fts_update")
# PostgreSQL's: a generated column on entries.
_POSTGRESQL_INDEX_COLUMN = "search_vector"


def schema_gaps(connection: Connection) -> list[str]:
    """What the database lacks of the current schema, by name; empty when it is whole."""
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    gaps: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in present:
            gaps.append(f"table {table.name}")
            continue
        held = {column["name"] for column in inspector.get_columns(table.name)}
        gaps += [f"column {table.name}.{c.name}" for c in table.columns if c.name not in held]
    if connection.dialect.name == "sqlite":
        if _SQLITE_INDEX_TABLE not in present:
            gaps.append(f"table {_SQLITE_INDEX_TABLE} (the search index)")
        triggers = set(
            connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            ).scalars()
        )
        gaps += [f"trigger {name}" for name in _SQLITE_TRIGGERS if name not in triggers]
    elif connection.dialect.name == "postgresql" and "entries" in present:
        held = {column["name"] for column in inspector.get_columns("entries")}
        if _POSTGRESQL_INDEX_COLUMN not in held:
            gaps.append(f"column entries.{_POSTGRESQL_INDEX_COLUMN} (the search index)")
    return gaps
