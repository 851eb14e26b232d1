"""Numbers on the command line: ids and counts are refused in plain words, and no --help
prints click's range notation such as `[1<=x<=9223372036854775807]`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from breakwell.cli.main import cli
from breakwell.cli.params import ID, NumberFriendlyCommand, WholeNumber, id_argument, id_option
from tests.conftest import Cli, database_files


def walk(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under `group`, each with the words that run it."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*path, name))


COMMANDS = list(walk(cli))


def id_uses() -> Iterator[tuple[tuple[str, ...], click.Command, click.Parameter]]:
    for path, command in COMMANDS:
        for param in command.params:
            if param.type is ID:
                yield path, command, param


def args_with(command: click.Command, param: click.Parameter, value: str) -> list[str]:
    """The command's required arguments filled in, and `value` given for `param`."""
    args: list[str] = []
    for other in command.params:
        if isinstance(other, click.Argument) and other is not param and other.required:
            args.append("1h")  # text or a duration: read after the id is
        if other is param:
            args += [param.opts[0], value] if isinstance(param, click.Option) else [value]
    return args


ID_USES = [
    pytest.param(path, command, param, id=" ".join(path) + f" {param.name}")
    for path, command, param in id_uses()
]


def test_every_command_that_takes_an_id_is_found() -> None:
    found = {(" ".join(path), param.name) for path, _, param in id_uses()}
    # The ones there were when this was written; a new one joins by itself.
    assert {
        ("show", "break_id"),
        ("reflect", "break_id"),
        ("cancel", "break_id"),
        ("extend", "break_id"),
        ("note", "break_id"),
        ("search", "break_id"),
        ("export", "break_id"),
        ("events", "break_id"),
        ("plan pause", "plan_id"),
        ("plan resume", "plan_id"),
        ("plan remove", "plan_id"),
        ("commit log", "commitment_id"),
        ("commit history", "commitment_id"),
        ("commit archive", "commitment_id"),
    } <= found


@pytest.mark.parametrize(("path", "command", "param"), ID_USES)
@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", " "])
def test_an_id_that_is_no_whole_number_from_1_up_is_said_plainly(
    run: Cli,
    home: Path,
    path: tuple[str, ...],
    command: click.Command,
    param: click.Parameter,
    value: str,
) -> None:
    assert run("note", "something to keep").exit_code == 0
    before = database_files(home)
    result = run(*path, *args_with(command, param, value))
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    where = f"{param.opts[0]}: " if isinstance(param, click.Option) else ""
    said = f"{where}'{value}' is not an id; an id is a whole number from 1 up"
    assert line.startswith("breakwell: ")
    assert f"{' '.join(path)}: {said} (see: " in line, line
    assert "integer" not in line and "range" not in line
    assert database_files(home) == before


@pytest.mark.parametrize(("path", "command", "param"), ID_USES)
def test_an_id_too_large_for_any_row_is_said_to_be(
    run: Cli, path: tuple[str, ...], command: click.Command, param: click.Parameter
) -> None:
    result = run(*path, *args_with(command, param, str(2**63)))
    assert result.exit_code == 2
    assert f"'{2**63}' is too large for an id" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["history", "-n", "x"], "history: --limit: 'x' is not a whole number from 1 to 1000"),
        (["search", "-n", "1001"], "search: --limit: '1001' is not a whole number from 1 to 1000"),
        (["events", "-n", "0"], "events: --limit: '0' is not a whole number from 1 to 1000"),
        (["commit", "history", "1", "-n", "-2"], "--limit: '-2' is not a whole number from 1"),
        (["note", "x", "--mood", "7"], "note: --mood: '7' is not a whole number from 1 to 5"),
        (["commit", "add", "x", "--max", "a few"], "--max: 'a few' is not a whole number from 0"),
        (
            ["demo", "--fill-only", "--weeks", "3"],
            "demo: --weeks: '3' is not a whole number from 4",
        ),
    ],
)
def test_counts_out_of_range_are_said_plainly(run: Cli, args: list[str], said: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert result.stderr.count("\n") == 1


def test_every_number_on_the_command_line_is_read_in_plain_words() -> None:
    """click's own number types print their range in --help and refuse with 'is not a valid
    integer range': none may come back."""
    for path, command in COMMANDS:
        for param in command.params:
            if isinstance(param.type, click.types._NumberParamTypeBase):
                pytest.fail(f"{' '.join(path)} {param.name} uses {param.type!r}; use WholeNumber")
            if param.type.name == "integer":
                assert isinstance(param.type, WholeNumber), (path, param.name)


RANGE_NOTATION = re.compile(r"<=|>=|\bx<|<x\b|\d+<|\[\d+")


@pytest.mark.parametrize(
    "path", [(), *(path for path, _ in COMMANDS)], ids=lambda p: " ".join(p) or "breakwell"
)
def test_no_help_prints_a_range_in_notation(run: Cli, path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    assert not RANGE_NOTATION.search(result.stdout), result.stdout


def test_help_says_the_range_in_words_instead(run: Cli) -> None:
    assert "How many to show, 1 to 1000." in run("history", "--help").stdout
    assert "--break ID" in run("events", "--help").stdout
    assert "show [OPTIONS] ID\n" in run("show", "--help").stdout


def test_the_shared_id_parameters_read_and_refuse_as_the_commands_do() -> None:
    """New commands take ids through these, and so speak as every other command does."""

    @click.command(cls=NumberFriendlyCommand)
    @id_argument("entry_id")
    @id_option("--break", "break_id", help="Only this break.")
    def edit(entry_id: int, break_id: int | None) -> None:
        click.echo(f"{entry_id} {break_id}")

    runner = CliRunner()
    assert runner.invoke(edit, ["3", "--break", "2"]).output == "3 2\n"
    usage = runner.invoke(edit, ["--help"]).output
    assert "[OPTIONS] ID" in usage and "--break ID" in usage
    assert not RANGE_NOTATION.search(usage)
    refused = runner.invoke(edit, ["-4"])
    assert refused.exit_code == 2
    assert "'-4' is not an id; an id is a whole number from 1 up" in refused.output
    refused = runner.invoke(edit, ["1", "--break", "x"])
    assert "--break: 'x' is not an id" in refused.output


def test_every_positional_may_start_with_a_minus_and_a_digit() -> None:
    """`commit add "-3 posts a day"` failed as an unknown option '-3': every command that takes
    a positional reads '-3...' as its value (browsers, not people, call browser-host)."""
    plain = [
        " ".join(path)
        for path, command in COMMANDS
        if any(isinstance(p, click.Argument) for p in command.params)
        and not isinstance(command, (click.Group, NumberFriendlyCommand))
        and path != ("browser-host",)
    ]
    assert plain == []


def test_a_commitment_may_start_with_a_negative_number(run: Cli) -> None:
    added = run("commit", "add", "-3 posts a day is my old habit", "--max", "1", "--per", "day")
    assert added.exit_code == 0, added.stderr
    assert "-3 posts a day" in run("commit", "list").stdout
