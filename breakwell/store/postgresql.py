"""What PostgreSQL needs beyond SQLAlchemy's defaults: one writer at a time, short connection
attempts, change notices, and failures explained in one line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, Table, event, text
from sqlalchemy.engine import URL, Connection, Engine

# Commits to the tables an enforcer acts on are announced on this channel (migration 0004).
CHANNEL = "breakwell_changes"
CONNECT_TIMEOUT_SECONDS = 5
# A connection whose peer vanished (a sleeping laptop, a dropped network) is given up within
# about this long, not after the kernel's quarter of an hour of retries.
DEAD_PEER_SECONDS = 20
# How long a unit of work waits for another device's to finish before saying so.
WRITE_WAIT = "30s"
# Any constant works; it only has to be the same for every breakwell process on a server.
WRITE_LOCK_KEY = 0x62726B78


def engine_options() -> dict[str, Any]:
    # An unreachable server must fail in seconds, not hang; pre-ping replaces connections
    # the server dropped (a restart) instead of failing the next unit of work with them.
    connect = {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 2,
        "tcp_user_timeout": DEAD_PEER_SECONDS * 1000,
        # A device gone mid-write must not hold every other device's writes for long.
        "options": f"-c idle_in_transaction_session_timeout={DEAD_PEER_SECONDS * 1000}",
    }
    return {"connect_args": connect, "pool_pre_ping": True}


def configure(engine: Engine, write_option: str) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # The same promise as SQLite's BEGIN IMMEDIATE: units of work that write run one at a
        # time across every device, so "is a break running?" then "start one" cannot
        # interleave, and a transition seen by several enforcers is recorded once. Taken
        # first, so every read after it sees what the previous writer committed.
        if connection.get_execution_options().get(write_option, False):
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_WAIT}'")
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def advance_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """Rows were written with their ids given; PostgreSQL's counters must move past them."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer) or not keys[0].autoincrement:
            continue
        name, column = table.name, keys[0].name
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', '{column}'), "
                f"COALESCE((SELECT MAX({column}) FROM {name}), 0) + 1, false)"
            )
        )


def where(url: URL) -> str:
    return f"the PostgreSQL server at {url.host or 'localhost'}:{url.port or 5432}"


def explain(url: URL, detail: str) -> str:
    """One line saying what went wrong with a server, from the driver's message."""
    server = where(url)
    if "password authentication failed" in detail or "no password supplied" in detail:
        return f"{server} refused user '{url.username}': authentication failed"
    if missing := re.search(r'database "([^"]+)" does not exist', detail):
        return f"{server} has no database named '{missing.group(1)}'"
    if "role" in detail and "does not exist" in detail:
        return f"{server} has no user named '{url.username}'"
    if "lock timeout" in detail:
        return f"{server}: another device has been writing for over {WRITE_WAIT}; try again"
    first_line = detail.strip().splitlines()[0] if detail.strip() else "no answer"
    if any(sign in detail for sign in _UNREACHABLE):
        reason = detail.rsplit("failed:", 1)[-1].strip().splitlines()[0]
        return f"cannot reach {server}: {reason}"
    if any(sign in detail for sign in _GOING_AWAY):
        return f"lost the connection to {server}: {first_line.removeprefix('FATAL:').strip()}"
    return f"{server}: {first_line}"


_UNREACHABLE = ("Connection refused", "resolve host", "timeout expired", "No route to host")
# The server stopping, restarting or dropping this connection.
_GOING_AWAY = (
    "terminating connection",
    "server closed the connection",
    "the database system is",
    "consuming input failed",
)
