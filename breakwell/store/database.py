"""Opening the database: engine, connection settings, file permissions and sessions."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlmodel import Session

from breakwell.domain.database_url import hide_password
from breakwell.domain.errors import InvalidInput, StoreUnavailable
from breakwell.private_files import PRIVATE_FILE, SAFE_OPEN, UnsafePath, ensure_private_dir
from breakwell.store import postgresql
from breakwell.store.locations import describe_failure, sqlite_path
from breakwell.store.urls import read_url

BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "breakwell_write"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event below issue BEGIN itself; pysqlite's own implicit
        # transactions start too late for a read-then-write to be safe across processes.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL is switched on once, under the migration lock (see migrate.py): switching needs
        # an exclusive lock that SQLite may refuse at once, without waiting, when several
        # processes open a new database together. The mode then stays with the file.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A write takes SQLite's write lock up front, so two processes checking and then
        # inserting (say, "no break is running") serialize instead of failing mid-way.
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url_text: str) -> Engine:
    url = read_url(url_text)
    path = sqlite_path(url)
    if path is not None:
        _prepare_sqlite_file(path)
    backend = url.get_backend_name()
    shown = url.render_as_string(hide_password=True)
    options: dict[str, Any] = {}
    if backend == "postgresql":
        options = postgresql.engine_options()
    try:
        engine = create_engine(url, **options)
    except ImportError as error:
        if backend != "postgresql":
            raise StoreUnavailable(f"cannot use database URL '{shown}': {error}") from None
        raise StoreUnavailable(
            "PostgreSQL support is not installed: install breakwell with its postgresql "
            "extra, e.g. pipx install 'breakwell[postgresql]'"
        ) from None
    except (ArgumentError, TypeError, ValueError) as error:
        raise StoreUnavailable(f"cannot use database URL '{shown}': {error}") from None
    if backend == "sqlite":
        _configure_sqlite(engine)
    elif backend == "postgresql":
        postgresql.configure(engine, WRITE_OPTION)
    return engine


SQLITE_HEADER = b"SQLite format 3\x00"


def _prepare_sqlite_file(path: Path, own_folder: Path | None = None) -> None:
    """Check the journal's file before SQLite opens it, and make a new one only where allowed.

    SQLite turns a missing or empty file into a new, empty database without a word, so a
    journal that was emptied or replaced would silently start over: such a file is refused
    and left as it is. A new journal is only made in a folder that exists, or in breakwell's
    own data folder (`own_folder`), which is created private.
    """
    try:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            _create_journal(path, own_folder)
            info = os.lstat(path)
        _check_journal(path, info)
    except UnsafePath as error:
        raise StoreUnavailable(str(error)) from None
    except OSError as error:
        raise StoreUnavailable(f"cannot open the database at {path}: {error.strerror}") from None


def _check_journal(path: Path, info: os.stat_result) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise StoreUnavailable(
            f"the database at {path} is a symbolic link; breakwell opens only the file itself: "
            "set database_url to the real path"
        )
    if stat.S_ISDIR(info.st_mode):
        raise StoreUnavailable(f"cannot open the database at {path}: it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise StoreUnavailable(f"cannot open the database at {path}: it is not a regular file")
    if info.st_size == 0:
        _refuse_journal(path, "the file is empty")
    identity = (info.st_dev, info.st_ino)
    with _checked_lock:
        if identity in _checked:
            # SQLite may hold this file open in this process now: closing another descriptor
            # on it would drop SQLite's POSIX locks, and with them the WAL's safety.
            return
        fd = os.open(path, os.O_RDONLY | SAFE_OPEN)
        try:
            header = os.read(fd, len(SQLITE_HEADER))
        finally:
            os.close(fd)
        if header == SQLITE_HEADER:
            _checked.add(identity)
            return
    _refuse_journal(path, "file is not a database")


# Journal files this process has checked, and may have open through SQLite since.
_checked: set[tuple[int, int]] = set()
_checked_lock = threading.Lock()


def _refuse_journal(path: Path, detail: str) -> NoReturn:
    raise StoreUnavailable(
        f"cannot open the database at {path}: {detail}; it is not a breakwell journal and "
        "nothing was written to it: move it away to start a new journal there, or set "
        "database_url to your journal"
    )


def _create_journal(path: Path, own_folder: Path | None) -> None:
    """Make a new, empty SQLite journal at `path`, whole from the first moment it is there.

    It is prepared under a private temporary name beside it and then given its name with a
    hard link, which never replaces an existing file: a reader never meets a half-made
    journal, and when two processes create one at once, one wins and both use it.
    """
    folder = path.parent
    if not folder.is_dir():
        if own_folder is None or folder.absolute() != own_folder.absolute():
            raise StoreUnavailable(
                f"cannot create the database at {path}: the folder {folder} does not exist "
                "(breakwell makes no folders outside its own data folder)"
            )
        ensure_private_dir(folder)
    temporary = folder / f".{path.name}.new-{os.getpid()}-{secrets.token_hex(4)}"
    fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL | SAFE_OPEN, PRIVATE_FILE)
    os.close(fd)
    try:
        import sqlite3

        # Writing the journal mode writes the file's header, so it is never an empty file.
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        # Made by another process at the same moment: it is checked like any other.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path, follow_symlinks=False)
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)


def masked(url_text: str) -> str:
    """Text that may hold a password (user:password@), with the password hidden."""
    return hide_password(url_text)


def shown_url(url_text: str) -> str:
    """A database URL fit to print: its password hidden."""
    try:
        return read_url(url_text).render_as_string(hide_password=True)
    except InvalidInput:
        return masked(url_text)


def same_database(first: str, second: str) -> bool:
    try:
        one, two = read_url(first), read_url(second)
    except InvalidInput:
        return False  # opening it will say what is wrong with it
    paths = sqlite_path(one), sqlite_path(two)
    if paths[0] is not None and paths[1] is not None:
        return paths[0].resolve() == paths[1].resolve()
    return one.set(password=None) == two.set(password=None)


def _check_connects(engine: Engine) -> None:
    """Open one connection now, so a bad URL or file fails here with one clear line."""
    try:
        with engine.connect():
            pass
    except DBAPIError as error:
        engine.dispose()
        raise StoreUnavailable(describe_failure(engine.url, error)) from None


def _writable(path: Path) -> bool:
    """Can this process change the journal: the file, and its folder for SQLite's side files?"""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids) and (
        os.access(path.parent, os.W_OK, effective_ids=os.access in os.supports_effective_ids)
    )


def _check_readable(engine: Engine, path: Path) -> None:
    """A read-only journal is read as it is: never migrated, never switched to WAL."""
    from breakwell.store.migrate import current_revision
    from breakwell.store.revision import HEAD_REVISION

    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
    except DBAPIError as error:
        raise StoreUnavailable(describe_failure(engine.url, error)) from None
    if revision != HEAD_REVISION:
        raise StoreUnavailable(
            f"the journal at {path} is read-only and needs an upgrade to this breakwell's "
            "schema; make it writable once (chmod u+w) and run breakwell again"
        )


class Database:
    """The database at a URL, opened and migrated on first use, with read and write units.

    Opening lazily lets a command reject bad input before any file is created or changed.
    """

    def __init__(
        self,
        url: str,
        *,
        migrate: bool = True,
        own_folder: Path | None = None,
        announce: Callable[[str], None] | None = None,
    ) -> None:
        """`own_folder`: breakwell's data folder, the one folder a new journal may create.
        `announce`: told of a long upgrade (or a wait for another process's) as it begins."""
        self.url = url
        self._migrate = migrate
        self._announce = announce
        self._own_folder = own_folder
        self._engine: Engine | None = None
        self._writer: Engine | None = None
        self._read_only: Path | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                path = sqlite_path(read_url(self.url))
                if path is not None:
                    _prepare_sqlite_file(path, self._own_folder)
                    self._read_only = None if _writable(path) else path
                engine = make_engine(self.url)
                _check_connects(engine)
                try:
                    if self._migrate and self._read_only is not None:
                        _check_readable(engine, self._read_only)
                    elif self._migrate:
                        from breakwell.store.migrate import quiet, upgrade

                        upgrade(engine, self._announce or quiet)
                except BaseException:
                    engine.dispose()
                    raise
                self._engine = engine
                self._writer = engine.execution_options(**{WRITE_OPTION: True})
            return self._engine

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._guard(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits when the block ends and rolls back if it raises."""
        _ = self.engine  # opening the database also prepares its writer
        assert self._writer is not None
        if self._read_only is not None:
            raise StoreUnavailable(
                f"the journal at {self._read_only} is read-only; nothing was written "
                "(it can still be read and exported)"
            )
        with (
            self._guard(),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as error:  # raised only once the engine is open
            raise StoreUnavailable(describe_failure(self.engine.url, error)) from None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = self._writer = None
