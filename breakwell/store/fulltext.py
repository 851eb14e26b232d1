"""The full-text index over journal entries: how it is made and unmade, per dialect.

SQLite uses an external-content FTS5 table kept in step with `entries` by triggers, so the text
is stored once and the index can never drift from it, whoever writes the row.
Migrations call create_index/drop_index; a change to the index needs a new migration and new
statements here, never an edit of the ones an existing migration runs.
"""

from __future__ import annotations

from sqlalchemy import Connection

_SQLITE_CREATE = (
    """
    CREATE VIRTUAL TABLE entries_fts USING fts5(
        text,
        content='entries',
        content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER entries_fts_update AFTER UPDATE OF text ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO entries_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    "INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')",
)
_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS entries_fts_update",
    "DROP TRIGGER IF EXISTS entries_fts_delete",
    "DROP TRIGGER IF EXISTS entries_fts_insert",
    "DROP TABLE IF EXISTS entries_fts",
)


def create_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE_CREATE:
            connection.exec_driver_sql(statement)


def drop_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE_DROP:
            connection.exec_driver_sql(statement)
