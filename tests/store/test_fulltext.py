from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import Session

from breakwell.domain.entries import EntryKind, EntryQuery, new_entry
from breakwell.domain.errors import InvalidInput
from breakwell.store import Database
from breakwell.store.entries import add_entry, find_entries
from breakwell.store.migrate import alembic_config
from breakwell.store.search_query import fts5_query, tsquery_text

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
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


def test_common_words_and_prefixes_match_alike_on_every_database(database: Database) -> None:
    with database.write() as session:
        add_entry(session, new_entry(NOW, "The feed was louder than the room", EntryKind.NOTE))
        add_entry(session, new_entry(NOW, "a quiet morning", EntryKind.NOTE))
    assert hits(database, "the") == ["The feed was louder than the room"]
    with database.read() as session:
        typed = find_entries(session, EntryQuery(text="mor", prefix=True))
    assert [e.text for e in typed] == ["a quiet morning"]


def test_an_entry_written_before_an_upgrade_is_found_after_it(empty_database_url: str) -> None:
    engine = Database(empty_database_url, migrate=False).engine
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0003")
        connection.commit()
    with Session(engine) as session, session.begin():
        add_entry(session, new_entry(NOW, "written under the old schema", EntryKind.NOTE))
    engine.dispose()
    database = Database(empty_database_url)
    assert hits(database, "schema") == ["written under the old schema"]
    database.close()


def test_fts5_query_quotes_every_term() -> None:
    assert fts5_query("who leads") == '"who" "leads"'
    assert fts5_query("lead", prefix=True) == '"lead"*'
    assert fts5_query('"who leads" follows') == '"who leads" "follows"'
    with pytest.raises(InvalidInput, match="nothing to search for"):
        fts5_query("!!!")


def test_tsquery_text_quotes_every_word_and_joins_phrases() -> None:
    assert tsquery_text("who leads") == "('who') & ('leads')"
    assert tsquery_text("lead", prefix=True) == "('lead':*)"
    assert tsquery_text('"who leads" a:b') == "('who' <-> 'leads') & ('a') & ('b')"
    with pytest.raises(InvalidInput, match="nothing to search for"):
        tsquery_text("'&|!")
