import stat
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from breakwell.domain.errors import StoreUnavailable
from breakwell.store import Database, migrate
from breakwell.store.migrate import alembic_config, current_revision
from breakwell.store.revision import HEAD_REVISION
from breakwell.store.tables import METADATA
from tests.conftest import run_together


def open_at(path: Path) -> Database:
    return Database(f"sqlite:///{path}")


def at_revision(path: Path, revision: str) -> Engine:
    """A SQLite journal at `path` made by an older breakwell, at `revision`."""
    engine = Database(f"sqlite:///{path}", migrate=False).engine
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), revision)
        connection.commit()
    return engine


def test_head_constant_matches_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_an_empty_database_is_migrated_on_first_use(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    with database.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
        found = inspect(connection)
        tables = set(found.get_table_names())
        entry_columns = {column["name"] for column in found.get_columns("entries")}
    assert {"breaks", "entries", "entry_tags", "answers", "slips", "commitments"} <= tables
    if database.dialect == "sqlite":
        assert "entries_fts" in tables
    else:
        assert "search_vector" in entry_columns
    database.close()


def _index_not_model(difference: Any) -> bool:
    """The full-text index's own tables (SQLite) or column and index (PostgreSQL)."""
    kind = difference[0]
    if kind == "remove_table":
        return str(difference[1].name).startswith("entries_fts")
    if kind == "remove_column":
        return bool(difference[2] == "entries" and difference[3].name == "search_vector")
    if kind == "remove_index":
        return bool(difference[1].name == "ix_entries_search_vector")
    return False


def test_migrated_schema_matches_the_models(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, METADATA)
    assert [d for d in diff if not _index_not_model(d)] == []
    database.close()


def test_migrations_can_be_reversed_and_replayed(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    engine = database.engine
    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), "base")
        connection.commit()
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
        command.upgrade(alembic_config(connection), "head")
        connection.commit()
        assert current_revision(connection) == HEAD_REVISION
    database.close()


def test_a_schema_from_a_newer_breakwell_is_refused_clearly(database_url: str) -> None:
    database = Database(database_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.close()
    with pytest.raises(StoreUnavailable, match="schema 9999, written by a newer breakwell"):
        _ = Database(database_url).engine


@pytest.mark.sqlite_only
def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    database = open_at(tmp_path / "pragmas.db")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    database.close()


@pytest.mark.sqlite_only
def test_database_file_and_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "private" / "journal.db"
    # Only breakwell's own data folder is created for a new journal (see tests/security).
    database = Database(f"sqlite:///{path}", own_folder=path.parent)
    with database.write() as session:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for sidecar in path.parent.glob("journal.db-*"):
        assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    database.close()


@pytest.mark.sqlite_only
def test_a_folder_in_place_of_the_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreUnavailable, match="is a folder"):
        _ = open_at(tmp_path / "dir.db").engine


@pytest.mark.sqlite_only
def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreUnavailable, match="file is not a database") as caught:
        _ = open_at(path).engine
    assert "\n" not in str(caught.value)


def test_an_unknown_url_scheme_is_a_clear_error() -> None:
    with pytest.raises(StoreUnavailable, match="cannot use database URL"):
        _ = Database("nosuchdb://somewhere/x").engine


def test_simultaneous_first_opens_migrate_exactly_once(
    empty_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every opener is held until all have seen an unmigrated database, so without a lock
    # they would all run the migrations at once and trip over each other's tables.
    barrier = threading.Barrier(3, timeout=5)
    seen = migrate.is_current

    def seen_together(engine: Engine) -> bool:
        result = seen(engine)
        barrier.wait()
        return result

    monkeypatch.setattr(migrate, "is_current", seen_together)
    url = empty_database_url
    failures: list[BaseException] = []

    def open_once() -> None:
        database = Database(url)
        try:
            _ = database.engine
        except BaseException as error:
            failures.append(error)
        finally:
            database.close()

    run_together(open_once, 3)
    assert failures == []
    monkeypatch.undo()
    database = Database(url)
    with database.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
    database.close()


@pytest.mark.sqlite_only
def test_upgrading_a_populated_database_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = at_revision(path, "0001")
    now = "2026-11-23 20:00:00.000000"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO plans (id, name, rule, length_seconds, mode, strictness, paused,"
                " created_at, updated_at) VALUES (1, '', '0 9 * * 0', 3600, 'unplug',"
                " 'gentle', 0, :now, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO breaks (id, status, mode, strictness, starts_at, ends_at, intention,"
                " plan_id, created_at, updated_at) VALUES (1, 'completed', 'unplug', 'gentle',"
                " :now, :now, '', 1, :now, :now)"
            ),
            {"now": now},
        )
    engine.dispose()
    database = open_at(path)
    with database.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
        assert connection.execute(text("SELECT plan_id FROM breaks")).all() == [(1,)]
        assert connection.execute(text("SELECT timezone FROM plans")).all() == [("UTC",)]
    database.close()


def test_postgresql_without_its_driver_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreUnavailable, match=r"postgresql extra") as caught:
        _ = Database("postgresql+psycopg://me:secret@db.lan/journal").engine
    assert "secret" not in str(caught.value)


def _index_statement(connection: Any) -> str:
    return str(
        connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entries_fts'")
        ).scalar_one()
    )


def _beginning_with(connection: Any, typed: str) -> list[int]:
    found = connection.execute(
        text("SELECT rowid FROM entries_fts WHERE entries_fts MATCH :typed ORDER BY rowid"),
        {"typed": f'"{typed}"*'},
    )
    return [row_id for (row_id,) in found]


@pytest.mark.sqlite_only
def test_the_search_index_gains_prefix_indexes_and_keeps_every_entry(tmp_path: Path) -> None:
    """0007 makes the index again with prefix indexes: entries written before it are found by
    a half-typed word after it, as before, and going back leaves the plain index."""
    path = tmp_path / "old.db"
    engine = at_revision(path, "0006")
    now = "2026-11-23 20:00:00.000000"
    texts = ("thistle by the harbour", "the lantern", "throughout", "a tide", "Thé au café")
    with engine.begin() as connection:
        for n, body in enumerate(texts, start=1):
            connection.execute(
                text(
                    "INSERT INTO entries (id, created_at, updated_at, kind, text)"
                    " VALUES (:id, :now, :now, 'note', :body)"
                ),
                {"id": n, "now": now, "body": body},
            )
        before = {typed: _beginning_with(connection, typed) for typed in ("th", "thi", "ha", "t")}
        assert "prefix" not in _index_statement(connection)
    engine.dispose()
    database = open_at(path)
    with database.engine.begin() as connection:
        assert current_revision(connection) == HEAD_REVISION
        assert "prefix='2 3'" in _index_statement(connection)
        after = {typed: _beginning_with(connection, typed) for typed in before}
        connection.execute(
            text("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)")
        )
        command.downgrade(alembic_config(connection), "0006")
        assert "prefix" not in _index_statement(connection)
        assert {typed: _beginning_with(connection, typed) for typed in before} == before
    database.close()
    assert after == before
    assert before["th"] == [1, 2, 3, 5] and before["thi"] == [1] and before["ha"] == [1]


def test_an_upgrade_of_an_existing_journal_is_announced_and_a_new_one_is_not(
    tmp_path: Path,
) -> None:
    heard: list[str] = []
    old = tmp_path / "old.db"
    at_revision(old, "0006").dispose()
    for path in (old, old, tmp_path / "new.db"):
        database = Database(f"sqlite:///{path}", announce=heard.append)
        assert database.dialect == "sqlite"
        database.close()
    # Once, for the journal made by an older breakwell; not again once current, nor for new.
    assert heard == [
        f"Upgrading the journal at {old} for this breakwell; a large journal takes a few"
        " minutes, so let it finish."
    ]


def test_a_process_waits_for_another_upgrading_the_same_journal_and_says_so(
    tmp_path: Path,
) -> None:
    from filelock import FileLock

    path = tmp_path / "old.db"
    at_revision(path, "0006").dispose()
    heard: list[str] = []
    waiting = threading.Event()

    def announce(line: str) -> None:
        heard.append(line)
        waiting.set()

    other = FileLock(f"{path}.migrate.lock", mode=0o600)
    other.acquire()
    database = Database(f"sqlite:///{path}", announce=announce)
    opened = threading.Thread(target=lambda: database.engine)
    opened.start()
    try:
        assert waiting.wait(timeout=60)
        still_waiting = opened.is_alive()
    finally:
        # Let it finish before anything else migrates: Alembic runs one migration at a time.
        other.release()
        opened.join(timeout=60)
    assert still_waiting
    assert not opened.is_alive()
    assert heard == [
        f"Waiting for another breakwell process to finish upgrading the journal at {path}.",
        f"Upgrading the journal at {path} for this breakwell; a large journal takes a few"
        " minutes, so let it finish.",
    ]
    with database.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
    database.close()


def test_a_command_on_an_old_journal_says_it_upgrades_it_on_standard_error(
    home: Path, run: Any
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    at_revision(home / "breakwell.db", "0006").dispose()
    first = run("history", "--json")
    assert first.exit_code == 0
    assert first.stderr.startswith("Upgrading the journal at ")
    assert "Upgrading" not in first.stdout
    again = run("history", "--json")
    assert again.stderr == ""
    assert again.stdout == first.stdout
