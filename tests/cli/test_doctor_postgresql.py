"""`breakwell doctor` on a PostgreSQL server: what it checks, and each failure in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.pg_server import Server


def checks(run: Cli) -> tuple[int, dict[str, dict[str, object]]]:
    result = run("doctor", "--json")
    return result.exit_code, {c["check"]: c for c in json.loads(result.stdout)}


def test_a_healthy_server_shows_its_version_migrations_and_devices(
    run: Cli, postgres_url: str, home: Path
) -> None:
    assert run("note", "hello from the laptop").exit_code == 0
    code, found = checks(run)
    assert code == 0, found
    assert str(found["server"]["detail"]).startswith("PostgreSQL 1")
    assert str(found["migrations"]["detail"]).startswith("up to date")
    assert "test-only-secret" not in str(found["database"]["detail"])
    assert "database file" not in found
    assert found["device"]["ok"] is True


@pytest.mark.parametrize(
    ("change", "explained"),
    [
        ({"password": "wrong"}, "refused user 'breakwell': authentication failed"),
        ({"port": 1}, "cannot reach the PostgreSQL server at 127.0.0.1:1: Connection refused"),
        ({"database": "no_such_journal"}, "has no database named 'no_such_journal'"),
    ],
)
def test_each_failure_is_explained_in_one_line(
    run: Cli,
    postgres_server: Server,
    monkeypatch: pytest.MonkeyPatch,
    change: dict[str, object],
    explained: str,
) -> None:
    database = str(change.pop("database", "postgres"))
    url = postgres_server.url(database, **change)  # type: ignore[arg-type]
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", url)
    result = run("doctor")
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "database" in line)
    assert explained in line
    assert "wrong" not in line and "test-only-secret" not in line
    # Every other command says the same, in one line, without a traceback.
    status = run("status")
    assert status.exit_code != 0
    assert explained in status.stderr and status.stderr.count("\n") == 1
