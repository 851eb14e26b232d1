"""The full-text index over journal entries: how it is made and unmade, per dialect.

SQLite uses an external-content FTS5 table kept in step with `entries` by triggers, so the text
is stored once and the index can never drift from it, whoever writes the row.
PostgreSQL keeps a generated tsvector column with a GIN index, in a text search configuration
of its own that matches FTS5's tokenizer as closely as the server allows: the same Porter
stemmer, accents folded, and no stop words (FTS5 has none, so "the" finds the same entries on
both). Words split alike; only the parsers' special tokens (addresses, hyphenated compounds)
can differ.
Migrations call these functions; a change to the index needs a new migration and new
statements here, never an edit of the ones an existing migration runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

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


# Revision 0007 keeps the same index with prefix indexes of two and three characters. A word
# typed halfway (search as you type) then reads one list of entries, where it would merge the
# lists of every word it begins: on a million entries, "th" begins thousands of words. Longer
# beginnings are rare enough to need none.
_SQLITE_CREATE_PREFIXED = (
    """
    CREATE VIRTUAL TABLE entries_fts USING fts5(
        text,
        content='entries',
        content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2',
        prefix='2 3'
    )
    """,
    *_SQLITE_CREATE[1:],
)


def create_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE_CREATE:
            connection.exec_driver_sql(statement)


def create_prefixed_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE_CREATE_PREFIXED:
            connection.exec_driver_sql(statement)


def drop_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE_DROP:
            connection.exec_driver_sql(statement)


_POSTGRESQL_CREATE = (
    # unaccent is a trusted extension: a database's owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH DICTIONARY breakwell_stem (TEMPLATE = snowball, LANGUAGE = porter)",
    "CREATE TEXT SEARCH CONFIGURATION breakwell (COPY = pg_catalog.simple)",
    """
    ALTER TEXT SEARCH CONFIGURATION breakwell
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
        WITH unaccent, breakwell_stem
    """,
    """
    ALTER TABLE entries ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('breakwell', text)) STORED
    """,
    "CREATE INDEX ix_entries_search_vector ON entries USING gin (search_vector)",
)
_POSTGRESQL_DROP = (
    "DROP INDEX IF EXISTS ix_entries_search_vector",
    "ALTER TABLE entries DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS breakwell",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS breakwell_stem",
)


def create_postgresql_index(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        for statement in _POSTGRESQL_CREATE:
            connection.exec_driver_sql(statement)


def drop_postgresql_index(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        for statement in _POSTGRESQL_DROP:
            connection.exec_driver_sql(statement)


# Many entries written at once are indexed once, at the end, not one by one as the trigger
# would: FTS5 takes a batch far faster. Inside the writer's transaction, so the trigger is
# back for anyone else before the transaction ends, and a rollback restores it anyway. The
# trigger is put back exactly as the journal had it, whichever migration made it.
_SQLITE_TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"
_SQLITE_INDEX = (
    "INSERT INTO entries_fts(rowid, text) SELECT id, text FROM entries "
    "WHERE id BETWEEN :first AND :last"
)

Indexer = Callable[[Iterable[tuple[int, int]]], None]


@contextmanager
def indexing_paused(connection: Connection) -> Iterator[Indexer]:
    """Entries inserted inside the block are left out of the index until the block's caller
    calls what it is given with the runs of their ids (first, last); on PostgreSQL, whose
    index is a column the row computes itself, there is nothing to pause or to call."""
    name = "entries_fts_insert"
    found = None
    if connection.dialect.name == "sqlite":
        found = connection.execute(text(_SQLITE_TRIGGER), {"name": name}).scalar()
    if found is None:
        yield lambda _runs: None
        return
    connection.exec_driver_sql(f"DROP TRIGGER {name}")

    def index(runs: Iterable[tuple[int, int]]) -> None:
        for first, last in runs:
            connection.execute(text(_SQLITE_INDEX), {"first": first, "last": last})

    yield index
    connection.exec_driver_sql(str(found))
