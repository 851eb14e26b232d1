"""Input that once crashed a command (exit 70, a traceback): each is now one line, a non-zero
exit, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Cli, database_files


def one_line(result_stderr: str) -> bool:
    return result_stderr.startswith("breakwell: ") and result_stderr.count("\n") == 1


@pytest.fixture
def journal(run: Cli, home: Path) -> dict[str, bytes]:
    """A home with one entry, and the bytes of its database."""
    assert run("note", "a first observation").exit_code == 0
    return database_files(home)


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("9999-W52", "'9999-W52' is too far from now"),
        ("9999-W01", "too far from now"),
        ("0001-W01", "'0001-W01' is too far from now"),
        ("0000-W01", "too far from now"),
        ("10000-W01", "'10000-W01' is too far from now"),
        ("1" * 5000 + "-W01", "too far from now"),
        ("2026-W" + "9" * 5000, "too far from now"),
        ("1899-W52", "too far from now"),
        ("3000-W01", "too far from now"),
        ("2026-W54", "2026 has no week 54"),
        ("2026-W00", "2026 has no week 0"),
        ("2025-W53", "2025 has no week 53"),
    ],
)
def test_a_week_out_of_range_is_one_line(
    run: Cli, journal: dict[str, bytes], home: Path, week: str, message: str
) -> None:
    for args in (("review", "--week", week), ("review", "--week", week, "--json")):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert one_line(result.stderr)
        assert message in result.stderr
    assert database_files(home) == journal


@pytest.mark.parametrize("week", ["1900-W02", "2999-W51", "2026-W48", "2026w48", "2020-W53"])
def test_weeks_inside_the_range_are_reviewed(run: Cli, week: str) -> None:
    result = run("review", "--week", week, "--json")
    assert result.exit_code == 0, result.output
    assert week.upper().replace("W", "-W").replace("--", "-") in result.stdout


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 100_000 + "]" * 100_000,
        "a = " + "{b = " * 50_000 + "1" + "}" * 50_000,
        "keys = " + "[" * 5_000 + "]" * 5_000,
    ],
)
def test_deeply_nested_toml_names_the_config_file(
    run: Cli, home: Path, journal: dict[str, bytes], text: str
) -> None:
    config = home / "config.toml"
    config.write_text(text)
    for command in (("status",), ("note", "x"), ("paths",)):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert one_line(result.stderr)
        assert f"{config}: not valid TOML: nested too deeply" in result.stderr
    assert database_files(home) == journal


def test_doctor_reports_deeply_nested_toml(run: Cli, home: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000)
    result = run("doctor")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "nested too deeply" in result.output


BAD_SERVER_URLS = [
    ("postgresql+psycopg://u@host:99999/db", "port must be a number from 1 to 65535"),
    ("postgresql+psycopg://u@host:abc/db", "port must be a number from 1 to 65535"),
    ("postgresql+psycopg://u@host:0/db", "port must be a number from 1 to 65535"),
    ("postgresql+psycopg://u@host:-1/db", "port must be a number from 1 to 65535"),
    ("postgresql+psycopg://u@host:/db", "port must be a number from 1 to 65535"),
    ("postgresql+psycopg://u@[::1/db", "IPv6 host needs both brackets"),
    ("postgresql+psycopg://u@[::1:5432/db", "IPv6 host needs both brackets"),
    ("postgresql+psycopg://u@::1]/db", "IPv6 host needs both brackets"),
]


@pytest.mark.parametrize(("url", "message"), BAD_SERVER_URLS)
def test_a_broken_server_url_in_the_environment_is_one_line(
    run: Cli, home: Path, monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", url)
    for command in (("status",), ("note", "x"), ("paths",), ("search", "x")):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert one_line(result.stderr)
        assert f"BREAKWELL_DATABASE_URL: the database URL's {message}" in result.stderr
    assert not home.exists() or not list(home.glob("breakwell.db*"))


@pytest.mark.parametrize(("url", "message"), BAD_SERVER_URLS)
def test_a_broken_server_url_in_the_config_is_one_line(
    run: Cli, home: Path, url: str, message: str
) -> None:
    home.mkdir()
    (home / "config.toml").write_text(f'database_url = "{url}"\n')
    result = run("status")
    assert result.exit_code == 2, result.output
    assert one_line(result.stderr)
    assert f"config.toml: database_url: the database URL's {message}" in result.stderr
    doctor = run("doctor")
    assert doctor.exit_code != 0 and message in doctor.output
    assert "Traceback" not in doctor.output


@pytest.mark.parametrize(("url", "message"), BAD_SERVER_URLS)
def test_a_broken_server_url_to_copy_to_is_one_line(
    run: Cli, home: Path, journal: dict[str, bytes], url: str, message: str
) -> None:
    result = run("db", "copy", "--to", url)
    assert result.exit_code == 2, result.output
    assert one_line(result.stderr)
    assert f"the database URL's {message}" in result.stderr
    assert database_files(home) == journal


def test_a_nul_in_an_argument_is_refused_before_any_file_is_touched(
    run: Cli, home: Path, journal: dict[str, bytes], tmp_path: Path
) -> None:
    for args in (
        ("export", "-o", f"{tmp_path}/a\x00b"),
        ("import", f"{tmp_path}/a\x00b"),
        ("db", "copy", "--to", "sqlite:////x.db", "--password-file", "a\x00b"),
    ):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert result.stderr == "breakwell: an argument holds a NUL character\n"
    assert database_files(home) == journal


HOSTILE = (
    "x" * 100_000,
    "a\x00b",
    "99999999999999999999",
    "-99999999999d",
    "9999-12-31T23:59:59",
    "0001-W01",
)
# Commands that run until stopped, or change this machine outside breakwell's own folders.
NOT_SWEPT = {"daemon", "unblock", "blocking", "demo"}


def sweep_calls() -> list[list[str]]:
    """Each command once per hostile value in each of its parameters, the rest filled in."""
    import click

    from breakwell.cli.main import cli

    def commands(group: click.Group, path: list[str]) -> list[tuple[list[str], click.Command]]:
        found: list[tuple[list[str], click.Command]] = []
        for name, command in group.commands.items():
            if name in NOT_SWEPT:
                continue
            if isinstance(command, click.Group):
                found += commands(command, [*path, name])
            else:
                found.append(([*path, name], command))
        return found

    def filler(parameter: click.Parameter) -> str:
        name = parameter.name or ""
        return "1" if "id" in name else "30m" if name == "duration" else "words"

    calls: list[list[str]] = []
    for path, command in commands(cli, []):
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        options = [p for p in command.params if isinstance(p, click.Option) and not p.is_flag]
        for value in HOSTILE:
            for target in arguments:
                calls.append([*path, *(value if p is target else filler(p) for p in arguments)])
            for option in options:
                required = [filler(p) for p in arguments if p.required]
                calls.append([*path, *required, option.opts[0], value])
    return calls


def test_hostile_values_in_every_command_are_refused_in_one_line(
    run: Cli, home: Path, journal: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # `export -o VALUE` may write a file named VALUE
    assert run("start", "30m", "-p", "x", "--no-prompts").exit_code == 0
    assert run("commit", "add", "less scrolling", "--max", "3").exit_code == 0
    calls = sweep_calls()
    assert len(calls) > 200
    for args in calls:
        before = database_files(home)
        result = run(*args)
        shown = [arg[:40] for arg in args]
        assert result.exit_code in (0, 1, 2), (shown, result.output[-300:])
        assert "Traceback" not in result.output, shown
        if result.exit_code != 0:
            assert result.stderr.startswith("breakwell: "), (shown, result.output[-300:])
            assert result.stderr.count("\n") == 1, (shown, result.stderr[-300:])
            assert database_files(home) == before, shown


@pytest.mark.slow
@given(st.text(max_size=40) | st.from_regex(r"-?\d{1,7}-?[wW]-?\d{1,4}", fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_any_week_text_is_a_monday_in_range_or_one_clear_refusal(text: str) -> None:
    from datetime import date

    from breakwell.domain.errors import InvalidInput
    from breakwell.domain.weeks import parse_week

    try:
        monday = parse_week(text, date(2026, 11, 24))
    except InvalidInput as refused:
        assert "\n" not in str(refused) or "\n" in text
        return
    assert monday.weekday() == 0 and date(1900, 1, 1) < monday < date(3000, 1, 1)


@pytest.mark.slow
@given(
    st.text(alphabet="abc@:/?#%[]", max_size=12),
    st.text(alphabet="hostdb.:[]1@/?", max_size=20),
)
@settings(max_examples=400, deadline=None)
def test_a_url_is_read_or_refused_and_a_refusal_never_shows_the_password(
    extra: str, rest: str
) -> None:
    from breakwell.domain.errors import InvalidInput
    from breakwell.store.urls import read_url

    password = "SECRET" + extra
    try:
        url = read_url(f"postgresql+psycopg://me:{password}@{rest}")
    except InvalidInput as refused:
        assert "SECRET" not in str(refused)
        return
    # Read whole: a password holding a raw @ is never split into a password and a host.
    assert "@" not in password
    assert url.password is not None and url.password.startswith("SECRET")
    assert "@" not in (url.host or "")
