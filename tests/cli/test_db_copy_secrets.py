"""A database password stays private: never on the command line (where `ps` shows it to every
user), never in a message, and never, in part, sent to a name lookup."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from breakwell.store import database as store_database
from breakwell.store.database import masked, shown_url
from tests.conftest import Cli, database_files
from tests.pg_server import PASSWORD


@pytest.fixture
def journal(run: Cli, home: Path) -> dict[str, bytes]:
    assert run("note", "a first observation").exit_code == 0
    return database_files(home)


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything builds an engine: refusals come before any connection."""

    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("an engine was made for a URL that should have been refused")

    monkeypatch.setattr(store_database, "create_engine", refuse)


def private_file(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


@pytest.fixture
def pg_target(empty_postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """An empty database on the test server, named without its password; PGPASSWORD unset."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")  # no ~/.pgpass answers for the test
    return empty_postgres_url.replace(f":{PASSWORD}@", "@")


def test_a_password_in_the_target_url_is_refused_with_how_to_give_it(
    run: Cli, journal: dict[str, bytes], home: Path, no_connections: None
) -> None:
    result = run("db", "copy", "--to", "postgresql+psycopg://me:hunter2@db.lan/journal")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "a password in --to can be read by every user of this machine" in result.stderr
    assert "--password-file FILE or --ask-password" in result.stderr
    assert "hunter2" not in result.output
    assert database_files(home) == journal


RAW_AT = [
    "postgresql+psycopg://me:p@ss@db.lan/journal",
    "postgresql+psycopg://me:p@ssTAIL@db.lan:5432/journal",
    "postgresql+psycopg://me:p@ssTAIL/more@db.lan/journal",
    "postgresql://me:p@ssTAIL@[::1]/journal",
]


@pytest.mark.parametrize("url", RAW_AT)
def test_a_raw_at_in_a_password_is_refused_before_any_connection(
    run: Cli,
    journal: dict[str, bytes],
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_connections: None,
    url: str,
) -> None:
    copy = run("db", "copy", "--to", url)
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", url)
    results = [copy, run("status"), run("paths"), run("doctor")]
    for result in results:
        assert result.exit_code != 0
        assert "percent-encode it (@ is %40)" in result.output
        assert "ssTAIL" not in result.output and "ss@" not in result.output
        assert "Traceback" not in result.output
    assert copy.stderr.count("\n") == 1
    assert database_files(home) == journal


def test_messages_hide_a_password_even_with_a_stray_at() -> None:
    assert masked("x://me:p@ss@db.lan/j") == "x://me:***@db.lan/j"
    assert "ss" not in shown_url("postgresql://me:p@ss@db.lan/j").replace("postgresql", "")


def test_a_password_file_must_be_private_and_not_a_link(
    run: Cli, journal: dict[str, bytes], home: Path, tmp_path: Path, no_connections: None
) -> None:
    url = "postgresql+psycopg://me@db.lan/journal"
    shared = private_file(tmp_path / "shared", "hunter2\n", 0o644)
    result = run("db", "copy", "--to", url, "--password-file", str(shared))
    assert result.exit_code == 2
    assert f"{shared} can be read by others (644); make it private: chmod 600" in result.stderr

    real = private_file(tmp_path / "real", "hunter2\n")
    link = tmp_path / "link"
    link.symlink_to(real)
    result = run("db", "copy", "--to", url, "--password-file", str(link))
    assert result.exit_code == 2 and f"{link} is a link" in result.stderr

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo, 0o600)
    result = run("db", "copy", "--to", url, "--password-file", str(fifo))
    assert result.exit_code == 2 and "is not a regular file" in result.stderr

    empty = private_file(tmp_path / "empty", "\n")
    result = run("db", "copy", "--to", url, "--password-file", str(empty))
    assert result.exit_code == 2 and "the password is empty" in result.stderr

    result = run("db", "copy", "--to", url, "--password-file", str(tmp_path / "missing"))
    assert result.exit_code == 2 and "cannot read the password file" in result.stderr

    both = run("db", "copy", "--to", url, "--password-file", str(real), "--ask-password")
    assert both.exit_code == 2 and "give the password one way" in both.stderr

    sqlite = f"sqlite:///{tmp_path / 'copy.db'}"
    result = run("db", "copy", "--to", sqlite, "--password-file", str(real))
    assert result.exit_code == 2 and "a SQLite database has no password" in result.stderr

    assert "hunter2" not in result.output + both.output
    assert database_files(home) == journal
    assert not (tmp_path / "copy.db").exists()


def test_asking_for_a_password_needs_a_terminal(
    run: Cli, journal: dict[str, bytes], no_connections: None
) -> None:
    result = run("db", "copy", "--to", "postgresql+psycopg://me@db.lan/j", "--ask-password")
    assert result.exit_code == 2
    assert "--ask-password needs a terminal" in result.stderr


def test_the_password_from_a_private_file_reaches_the_server(
    run: Cli, journal: dict[str, bytes], pg_target: str, tmp_path: Path
) -> None:
    without = run("db", "copy", "--to", pg_target)
    assert without.exit_code == 2 and "authentication failed" in without.stderr

    secret = private_file(tmp_path / "pw", PASSWORD + "\n")
    result = run("db", "copy", "--to", pg_target, "--password-file", str(secret), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rows"]["entries"] == 1
    assert report["target"] == pg_target
    assert PASSWORD not in result.output


def test_the_password_typed_at_a_prompt_reaches_the_server(
    run: Cli,
    journal: dict[str, bytes],
    pg_target: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from breakwell.cli import password

    monkeypatch.setattr(password, "interactive", lambda: True)
    result = run("db", "copy", "--to", pg_target, "--ask-password", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Copied" in result.stdout and PASSWORD not in result.output
    assert f"BREAKWELL_DATABASE_URL='{pg_target}'" in result.stdout


def test_the_password_from_the_environment_reaches_the_server(
    run: Cli, journal: dict[str, bytes], pg_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    result = run("db", "copy", "--to", pg_target)
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output


def test_a_relative_sqlite_target_is_made_full(
    run: Cli, journal: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("db", "copy", "--to", "sqlite:///copy.db")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "copy.db").is_file()
    assert f"BREAKWELL_DATABASE_URL='sqlite:///{tmp_path / 'copy.db'}'" in result.stdout
