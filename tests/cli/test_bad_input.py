"""Errors a person can cause: one line on stderr, the documented exit code, nothing written."""

import json
from datetime import timedelta
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
        (["history", "--limit", "0"], 2, "--limit: '0' is not a whole number from 1 to 1000"),
        (["start", "30m", "--at", "9999-12-31T22:30Z"], 2, "too far from now"),
        (["start", "30m", "--at", "2028-12-01T09:00"], 2, "at most 366 days ahead"),
        (["start", "99999999999999999999999999s"], 2, "longer than the limit of 365 days"),
        (["start", "1" + "0" * 400 + "s"], 2, "longer than the limit"),
        (["search", "--since", "0001-01-01"], 2, "too far from now"),
        (["show", str(2**63)], 2, f"'{2**63}' is too large for an id"),
        (["note", "x", "--break", str(2**64)], 2, "--break: '18446744073709551616' is too"),
        (["reflect", "1", "-a", "mood_after=²"], 2, "whole number from 1 to 5"),
        (["start", "1h\nx"], 2, "cannot read '1h\\nx'"),
        (["start", "1h", "-p", "x\ny"], 2, "unknown platform 'x\\ny'"),
        (["note", "bad \udcff"], 2, "not valid UTF-8"),
        (["commit", "add", "  ", "--max", "1"], 2, "needs some words"),
        (["commit", "add", "x", "--max", "-1"], 2, "--max: '-1' is not a whole number from 0"),
        (["commit", "add", "x", "--max", "1", "--per", "year"], 2, "'year' is not one of"),
        (["commit", "log", "7"], 2, "there is no commitment #7"),
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

    def broken(self: BreakService, *_: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(BreakService, "status", broken)
    result = run("status")
    assert result.exit_code == 70
    assert result.stderr.startswith("breakwell: unexpected error: boom (details in ")
    assert "Traceback" in (home / "logs" / "breakwell.log").read_text()
    assert (home / "logs" / "breakwell.log").stat().st_mode & 0o777 == 0o600


def test_invalid_utf8_on_standard_input_is_refused(
    run: Cli, home: Path, journal: dict[str, bytes]
) -> None:
    result = run("note", "-", input=b"\xff\xfe not text")
    assert result.exit_code == 2
    assert "standard input is not UTF-8 text" in result.stderr
    assert database_files(home) == journal


def test_refusals_do_not_even_apply_due_transitions(run: Cli, home: Path) -> None:
    """A break is past its end but not yet marked completed; refused commands leave it so."""
    assert run("start", "30m", "--no-prompts").exit_code == 0
    run.clock.advance(timedelta(hours=1))
    before = database_files(home)
    for args, code in (
        (["note", "x", "--break", "99"], 2),
        (["show", "99"], 2),
        (["reflect", "99"], 2),
        (["slip", "gave in"], 1),
        (["cancel", "99"], 2),
    ):
        result = run(*args)
        assert result.exit_code == code, args
        assert database_files(home) == before, args
    assert json.loads(run("status", "--json").stdout)["awaiting_reflection"] == [1]


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ("[breaks]\nfirm_cooldown_seconds = true\n", "breaks.firm_cooldown_seconds"),
        ("[breaks]\nfirm_cooldown_seconds = '30'\n", "breaks.firm_cooldown_seconds"),
        ("[platforms.f]\nname = 3\n", "platforms.f.name"),
    ],
)
def test_config_values_are_not_coerced(run: Cli, home: Path, config: str, key: str) -> None:
    home.mkdir()
    (home / "config.toml").write_text(config)
    result = run("status")
    assert result.exit_code == 2
    assert key in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BREAKWELL_HOME", "~nosuchuser-xyz/journal", "BREAKWELL_HOME"),
        ("BREAKWELL_DATABASE_URL", "sqlite:///{home}/b.db?timeout=abc", "cannot use database URL"),
        ("BREAKWELL_DATABASE_URL", "sqlite:///{home}/" + "x" * 300 + ".db", "cannot open"),
        ("BREAKWELL_DATABASE_URL", "nonsense", "is not a database URL"),
    ],
)
def test_unusable_locations_are_one_line(
    run: Cli, home: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value.format(home=home))
    result = run("status")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_app_needs_a_terminal(run: Cli) -> None:
    result = run()
    assert result.exit_code == 2
    assert "the app needs a terminal" in result.stderr
