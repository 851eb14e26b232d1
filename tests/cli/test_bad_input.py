"""Errors a person can cause: one line on stderr, the documented exit code, nothing written."""

from pathlib import Path

import pytest

from tests.conftest import Cli, database_files


@pytest.fixture
def journal(run: Cli, home: Path) -> dict[str, bytes]:
    """A home with one running break and one entry, and the bytes of its database."""
    assert run("start", "30m", "--platform", "x", "--no-prompts").exit_code == 0
    assert run("note", "a first observation").exit_code == 0
    return database_files(home)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["start", "2x"], 2, "unknown unit 'x' in '2x'"),
        (["start", "-5m"], 2, "a duration must be positive, got '-5m'"),
        (["start", "30m", "--platform", "nosuch"], 2, "unknown platform 'nosuch'"),
        (["start", "30m", "--at", "tomorow 9"], 2, "cannot read 'tomorow 9' as a time"),
        (["start", "30m", "--no-prompts"], 1, "already running"),
        (["extend", "-5m"], 2, "a duration must be positive"),
        (["extend", "soon"], 2, "cannot read 'soon' as a duration"),
        (["note", ""], 2, "an entry needs some text"),
        (["note", "x", "--platform", "myspace"], 2, "unknown platform 'myspace'"),
        (["note", "x", "--break", "1", "--no-break"], 2, "contradict"),
        (["show", "999999"], 2, "there is no break #999999"),
        (["cancel", "999999"], 2, "there is no break #999999"),
        (["cancel", "1"], 1, "already running"),
        (["reflect", "1", "--answer", "learned=x"], 1, "has not ended"),
        (["reflect", "--answer", "oops"], 2, "KEY=VALUE"),
        (["search", "--since", "someday"], 2, "cannot read 'someday'"),
        (["search", "!!!"], 2, "nothing to search for"),
        (["start"], 2, "Missing argument 'DURATION'"),
        (["start", "30m", "--strictness", "iron"], 2, "'iron' is not one of"),
        (["nosuchcommand"], 2, "No such command 'nosuchcommand'"),
        (["history", "--limit", "0"], 2, "0 is not in the range"),
    ],
)
def test_rejected_input_changes_nothing(
    run: Cli, home: Path, journal: dict[str, bytes], args: list[str], code: int, message: str
) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("breakwell: ")
    assert "Traceback" not in result.output
    assert database_files(home) == journal


def test_a_malformed_config_file_is_one_line_and_changes_nothing(
    run: Cli, home: Path, journal: dict[str, bytes]
) -> None:
    (home / "config.toml").write_text("[breaks]\nfirm_cooldown_seconds = 'a minute'\n")
    for args in (["status"], ["note", "hello"], ["start", "1h", "--no-prompts"]):
        result = run(*args)
        assert result.exit_code == 2
        assert "breaks.firm_cooldown_seconds" in result.stderr
        assert result.stderr.count("\n") == 1
    assert database_files(home) == journal


def test_bad_input_on_a_fresh_home_creates_no_files(run: Cli, home: Path) -> None:
    for args in (["start", "2x"], ["start", "-5m"], ["note", ""], ["start", "1h", "-p", "no"]):
        assert run(*args).exit_code == 2
    assert not home.exists() or list(home.iterdir()) == []


def test_a_database_that_cannot_be_opened_is_one_line(run: Cli, home: Path) -> None:
    home.mkdir()
    (home / "breakwell.db").write_bytes(b"definitely not a database" * 200)
    before = database_files(home)
    result = run("status")
    assert result.exit_code == 2
    assert "cannot open the database" in result.stderr
    assert "file is not a database" in result.stderr
    assert result.stderr.count("\n") == 1
    assert database_files(home) == before


def test_unexpected_errors_are_one_line_with_a_log_of_the_details(
    run: Cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from breakwell.services.breaks import BreakService

    def broken(self: BreakService) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(BreakService, "status", broken)
    result = run("status")
    assert result.exit_code == 70
    assert result.stderr.startswith("breakwell: unexpected error: boom (details in ")
    assert "Traceback" in (home / "logs" / "breakwell.log").read_text()
    assert (home / "logs" / "breakwell.log").stat().st_mode & 0o777 == 0o600
