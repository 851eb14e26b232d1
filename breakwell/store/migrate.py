"""Bringing a database to the current schema, safely when several processes start at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from breakwell.domain.errors import StoreUnavailable
from breakwell.store.locations import describe_failure, describe_location, sqlite_path
from breakwell.store.revision import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# How long a process waits for another to finish upgrading the same SQLite journal. A killed
# upgrader's lock goes with it, so only a running upgrade is waited for: a large journal's
# takes minutes (0007 rebuilt a 1,000,000-entry search index in about 2.5 minutes).
UPGRADE_WAIT_SECONDS = 20 * 60

# Told a line a person waiting should read (a long upgrade, a wait for another's).
Announce = Callable[[str], None]


def quiet(_line: str) -> None:
    """Nobody to tell."""
    return None


def current_revision(connection: Connection) -> str | None:
    try:
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, ProgrammingError):
        connection.rollback()
        return None
    return str(row[0]) if row else None


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def is_current(engine: Engine) -> bool:
    """At the newest schema, and for SQLite already in WAL mode."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            if str(mode).lower() != "wal":
                return False
        return current_revision(connection) == HEAD_REVISION


def _use_wal(engine: Engine) -> None:
    # Straight through the driver: SQLite refuses to change journal mode inside a transaction,
    # and every statement sent through SQLAlchemy here runs inside one.
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA journal_mode = WAL")  # type: ignore[union-attr]
    finally:
        raw.close()


def upgrade(engine: Engine, announce: Announce = quiet) -> None:
    """Apply pending migrations; a no-op, without importing Alembic, when already current.
    An existing journal's upgrade is announced first: on a large one it takes minutes."""
    try:
        if is_current(engine):
            return
        with _migration_lock(engine, announce):
            if engine.dialect.name == "sqlite":
                _use_wal(engine)
            # Another process may have finished the work while this one waited for the lock.
            with engine.connect() as connection:
                revision = current_revision(connection)
            if revision == HEAD_REVISION:
                return
            if revision is not None and revision not in known_revisions():
                raise StoreUnavailable(
                    f"the database at {describe_location(engine.url)} has schema {revision}, "
                    "written by a newer breakwell; upgrade breakwell to use it"
                )
            from alembic import command

            if revision is not None:
                announce(
                    f"Upgrading the journal at {describe_location(engine.url)} for this "
                    "breakwell; a large journal takes a few minutes, so let it finish."
                )
            with engine.connect() as connection:
                command.upgrade(alembic_config(connection), "head")
                connection.commit()
    except DBAPIError as error:
        raise StoreUnavailable(describe_failure(engine.url, error)) from None


# Any constant works; it only has to be the same for every breakwell process on a server.
_PG_LOCK_KEY = 0x62726B77


@contextmanager
def _migration_lock(engine: Engine, announce: Announce) -> Iterator[None]:
    """Hold a lock that every breakwell process migrating this database must take first."""
    path = sqlite_path(engine.url)
    if path is not None:
        with _file_lock(path, announce):
            yield
    elif engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_LOCK_KEY})
                connection.commit()
    else:
        yield


@contextmanager
def _file_lock(path: Path, announce: Announce) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".migrate.lock", mode=0o600)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        announce(
            f"Waiting for another breakwell process to finish upgrading the journal at {path}."
        )
        try:
            lock.acquire(timeout=UPGRADE_WAIT_SECONDS)
        except Timeout:
            raise StoreUnavailable(
                f"another breakwell process has been upgrading {path} for over "
                f"{UPGRADE_WAIT_SECONDS // 60} minutes"
            ) from None
    try:
        yield
    finally:
        lock.release()
