"""A command group run without one of its commands shows its help as click lays it out."""

from __future__ import annotations

import click
import pytest

from tests.cli.test_numbers_and_help import COMMANDS
from tests.conftest import Cli

# Groups that do something of their own without a command (`people` lists everyone).
GROUPS = [
    " ".join(path)
    for path, command in COMMANDS
    if isinstance(command, click.Group) and not command.invoke_without_command
]


def test_the_groups_are_found() -> None:
    assert {"prompts", "commit", "plan", "db", "daemon"} <= set(GROUPS)


@pytest.mark.parametrize("group", GROUPS)
def test_a_group_without_a_command_prints_its_help(run: Cli, group: str) -> None:
    result = run(*group.split())
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Usage: ") and lines[0].endswith(
        f" {group} [OPTIONS] COMMAND [ARGS]..."
    )
    assert "Commands:" in lines
    assert "breakwell:" not in result.stderr and "\\n" not in result.stderr
