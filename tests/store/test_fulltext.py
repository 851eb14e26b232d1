from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from breakwell.domain.entries import EntryKind, EntryQuery, new_entry
from breakwell.domain.errors import InvalidInput
from breakwell.store import Database
from breakwell.store.entries import add_entry, find_entries
from breakwell.store.fts5 import fts5_query

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'fts.db'}")
    yield db
    db.close()


def hits(database: Database, words: str) -> list[str]:
    with database.read() as session:
        return [e.text for e in find_entries(session, EntryQuery(text=words))]


def test_index_follows_inserts_updates_and_deletes(database: Database) -> None:
    with database.write() as session:
        entry = add_entry(session, new_entry(NOW, "the loudest voices echo", EntryKind.NOTE))
    assert hits(database, "echo") == ["the loudest voices echo"]
    with database.write() as session:
        session.exec(  # type: ignore[call-overload]
            text("UPDATE entries SET text = 'quiet builders connect' WHERE id = :id"),
            params={"id": entry.id},
        )
    assert hits(database, "echo") == []
    assert hits(database, "builders") == ["quiet builders connect"]
    with database.write() as session:
        session.exec(text("DELETE FROM entries"))  # type: ignore[call-overload]
    assert hits(database, "builders") == []


def test_stemming_diacritics_and_phrases(database: Database) -> None:
    with database.write() as session:
        add_entry(session, new_entry(NOW, "Everyone echoes the café crowd", EntryKind.NOTE))
        add_entry(session, new_entry(NOW, "crowd everyone", EntryKind.NOTE))
    assert hits(database, "echo") == ["Everyone echoes the café crowd"]
    assert hits(database, "cafe") == ["Everyone echoes the café crowd"]
    assert hits(database, '"everyone echoes"') == ["Everyone echoes the café crowd"]
    assert len(hits(database, "crowd everyone")) == 2


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND OR NOT", "a*b(c)", "col:value", "NEAR(a b)", "-x ^y"]
)
def test_operators_and_punctuation_never_break_the_query(database: Database, query: str) -> None:
    with database.write() as session:
        add_entry(session, new_entry(NOW, f"literal text: {query}", EntryKind.NOTE))
    assert hits(database, query) == [f"literal text: {query}"]


def test_a_query_with_no_words_is_refused_clearly(database: Database) -> None:
    with pytest.raises(InvalidInput, match="nothing to search for"):
        hits(database, '" ! "')


def test_fts5_query_quotes_every_term() -> None:
    assert fts5_query("who leads") == '"who" "leads"'
    assert fts5_query("lead", prefix=True) == '"lead"*'
    assert fts5_query('"who leads" follows') == '"who leads" "follows"'
    with pytest.raises(InvalidInput, match="nothing to search for"):
        fts5_query("!!!")
