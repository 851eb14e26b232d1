"""A throwaway PostgreSQL server for the tests: its own cluster, on loopback, on a free port.

The cluster lives in a temporary folder and is started once per test session with initdb and
pg_ctl (as the `postgres` user when the tests run as root, since PostgreSQL refuses root).
Each test gets its own database, copied from a template already at the newest schema.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

USER = "breakwell"
PASSWORD = "test-only-secret"
TEMPLATE = "breakwell_template"
# Where the server programs are, when not on PATH or in Debian's place.
BINDIR_ENV = "BREAKWELL_TEST_PG_BINDIR"


class Unavailable(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def _bindir() -> Path:
    chosen = os.environ.get(BINDIR_ENV)
    if chosen is not None:
        if not (Path(chosen) / "pg_ctl").is_file():
            raise Unavailable(f"{BINDIR_ENV}={chosen} holds no pg_ctl")
        return Path(chosen)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    # Debian keeps each major version's server programs off PATH.
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
        reverse=True,
    )
    if not candidates:
        raise Unavailable(
            "no PostgreSQL server here (initdb and pg_ctl not found); "
            "install Debian's postgresql package to run these tests"
        )
    return candidates[0].parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self) -> None:
        self.bindir = _bindir()
        self.as_postgres = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="breakwell-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._names = itertools.count(1)
        try:
            if self.as_postgres:
                shutil.chown(self.root, "postgres", "postgres")
            self._initdb()
            self.start()
            self._make_template()
        except BaseException:
            self.destroy()
            raise

    # The cluster -------------------------------------------------------------------------

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        done = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, check=False, timeout=120
        )
        if done.returncode != 0:
            raise Unavailable(f"{Path(command[0]).name} failed: {done.stderr.strip()[-400:]}")

    def _initdb(self) -> None:
        password_file = self.root / "password"
        password_file.write_text(PASSWORD)
        if self.as_postgres:
            shutil.chown(password_file, "postgres", "postgres")
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            USER,
            f"--pwfile={password_file}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--no-sync",
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(Unavailable):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    # Databases ---------------------------------------------------------------------------

    def url(self, database: str, *, password: str = PASSWORD, port: int | None = None) -> str:
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{port or self.port}/{database}"

    def execute(self, statement: str, database: str = "postgres") -> None:
        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=USER,
            password=PASSWORD,
            dbname=database,
            autocommit=True,
        ) as connection:
            connection.execute(statement.encode())

    def _make_template(self) -> None:
        from breakwell.store.database import Database

        self.execute(f"CREATE DATABASE {TEMPLATE}")
        database = Database(self.url(TEMPLATE))
        _ = database.engine  # opening migrates it to the newest schema
        database.close()

    def new_database(self, *, empty: bool = False) -> str:
        """A new database's name: at the newest schema, or with `empty` nothing in it at all."""
        name = f"test_{next(self._names)}"
        template = "template0" if empty else TEMPLATE
        self.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
