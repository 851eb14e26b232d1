"""The search gives exactly what a brute-force filter gives, on each database: on SQLite
however ids and time disagree (imports, back-dated entries), where the id window must notice,
and a bare sqlite3 connection gives the same."""

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import make_url, text
from sqlmodel import Session

from breakwell.domain.entries import Entry, EntryKind, EntryQuery, new_entry
from breakwell.store import Database, entry_search
from breakwell.store.entries import add_entry, find_entries
from breakwell.store.locations import sqlite_path

START = datetime(2025, 1, 1, tzinfo=UTC)

journals = st.lists(
    st.tuples(
        st.integers(0, 40),  # minutes after START: many share a moment
        st.booleans(),  # holds the searched word
        st.booleans(),  # tagged #focus
    ),
    min_size=1,
    max_size=30,
)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.close()


def _write(database: Database, journal: list[tuple[int, bool, bool]]) -> list[Entry]:
    written = []
    with database.write() as session:
        for minutes, has_word, tagged in journal:
            text = ("heron " if has_word else "gull ") + ("#focus" if tagged else "#walk")
            draft = new_entry(START + timedelta(minutes=minutes), text, EntryKind.NOTE)
            written.append(add_entry(session, draft))
    return written


def _expected(written: list[Entry], query: EntryQuery) -> list[int]:
    chosen = [
        e
        for e in written
        if (query.text is None or "heron" in e.text)
        and all(tag in e.tags for tag in query.tags)
        and (query.before is None or (e.created_at, e.id or 0) < query.before)
    ]
    chosen.sort(key=lambda e: (e.created_at, e.id or 0), reverse=True)
    return [e.id or 0 for e in chosen[: query.limit]]


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    journal=journals,
    window=st.integers(1, 6),
    limit=st.integers(1, 8),
    word=st.booleans(),
    tag=st.booleans(),
    cursor=st.one_of(st.none(), st.integers(0, 40)),
)
def test_matches_brute_force_whatever_the_id_order(
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    journal: list[tuple[int, bool, bool]],
    window: int,
    limit: int,
    word: bool,
    tag: bool,
    cursor: int | None,
) -> None:
    monkeypatch.setattr(entry_search, "WINDOW", window)
    monkeypatch.setattr(entry_search, "PROBE", window)  # PostgreSQL: few and many matches
    with database.write() as session:
        session.exec(text("DELETE FROM entries"))  # type: ignore[call-overload]
    written = _write(database, journal)
    query = EntryQuery(
        text="heron" if word else None,
        tags=("focus",) if tag else (),
        limit=limit,
        before=None if cursor is None else (START + timedelta(minutes=cursor), 10**6),
    )
    with database.read() as session:
        found = [e.id for e in find_entries(session, query)]
    assert found == _expected(written, query)
    path = sqlite_path(make_url(database.url))
    if path is not None:
        with sqlite3.connect(path) as bare:
            direct = entry_search.find(
                lambda sql, params: bare.execute(sql, params).fetchall(), query
            )
        assert [e.id for e in direct] == found


def test_a_back_dated_entry_is_found_before_newer_ids(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entry #1 is the newest in time but the oldest id: the window of the three highest ids
    alone would miss it, so the search must notice and read the whole index."""
    monkeypatch.setattr(entry_search, "WINDOW", 3)
    _write(database, [(120, True, False), *((minute, True, False) for minute in range(10))])
    with database.read() as session:
        found = find_entries(session, EntryQuery(text="heron", limit=2))
    assert [e.id for e in found] == [1, 11]


@pytest.mark.sqlite_only
def test_ids_that_follow_time_are_answered_from_the_window(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entry_search, "WINDOW", 3)
    _write(database, [(minute, True, False) for minute in range(10)])
    statements: list[str] = []
    with database.read() as session:
        run = _recording(session, statements)
        found = entry_search.find(run, EntryQuery(text="heron", limit=2))
    assert [e.id for e in found] == [10, 9]
    whole_index = [s for s in statements if "MATCH ?)" in s]
    assert whole_index == []


def _recording(session: Session, statements: list[str]) -> entry_search.Run:
    def run(statement: str, params: Sequence[Any]) -> Sequence[Sequence[Any]]:
        statements.append(statement)
        return session.connection().exec_driver_sql(statement, tuple(params)).all()

    return run
