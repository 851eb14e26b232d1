"""Full-text search over journal entries: every dialect-specific piece of it lives here.

SQLite uses an external-content FTS5 table kept in step with `entries` by triggers, so the text
is stored once and the index can never drift from it, whoever writes the row.
Migrations call create_index/drop_index; a change to the index needs a new migration and new
statements here, never an edit of the ones an existing migration runs.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Connection, text
from sqlalchemy.orm import Mapped

from breakwell.domain.errors import InvalidInput

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

_TERM = re.compile(r'"([^"]*)"|(\w+)')


def create_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE_CREATE:
            connection.exec_driver_sql(statement)


def drop_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE_DROP:
            connection.exec_driver_sql(statement)


def fts5_query(query: str, *, prefix: bool = False) -> str:
    """Turn what a person typed into a safe FTS5 expression: every word must match.

    Words are quoted so FTS5 operators and punctuation in the input can never be a syntax
    error; "quoted phrases" stay phrases. With `prefix`, the last word also matches as a
    prefix, which is what search-as-you-type needs.
    """
    terms: list[str] = []
    for phrase, word in _TERM.findall(query):
        words = re.findall(r"\w+", phrase) if phrase else [word]
        if words:
            terms.append('"' + " ".join(words) + '"')
    if not terms:
        raise InvalidInput(f"nothing to search for in '{query}'")
    if prefix and not query.rstrip().endswith('"'):
        terms[-1] += "*"
    return " ".join(terms)


def matches(
    dialect: str, entry_id: Mapped[int | None], query: str, *, prefix: bool = False
) -> ColumnElement[bool]:
    """A condition on the entry id column that holds for entries matching the query."""
    if dialect == "sqlite":
        subquery = text("SELECT rowid FROM entries_fts WHERE entries_fts MATCH :fts_query")
        return entry_id.in_(subquery.bindparams(fts_query=fts5_query(query, prefix=prefix)))
    raise InvalidInput(f"full-text search is not available on {dialect} databases")
