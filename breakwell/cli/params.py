"""Parameter types and decorators shared by commands."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
_NEGATIVE = re.compile(r"-\d")


class NumberFriendlyCommand(click.Command):
    """Lets a positional such as '-5m' or '-3 followers' be read as text, not as an option.

    Without this, `start -5m` would fail as an unknown option '-5' rather than explaining that
    durations must be positive, and a note could not start with a negative number.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = {
            name
            for param in self.params
            if isinstance(param, click.Option) and not param.is_flag
            for name in param.opts
        }
        moved: list[str] = []
        kept: list[str] = []
        previous = ""
        for arg in args:
            if arg == "--":
                break
            if _NEGATIVE.match(arg) and previous not in takes_value:
                moved.append(arg)
            else:
                kept.append(arg)
            previous = arg
        if moved:
            rest = args[len(kept) + len(moved) :]
            args = [*kept, "--", *moved, *(rest[1:] if rest[:1] == ["--"] else rest)]
        return super().parse_args(ctx, args)


# Ids are SQLite integers: anything larger could not name a row and would overflow the driver.
ID = click.IntRange(1, 2**63 - 1)


def json_option(function: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, help="Print JSON (a stable contract for scripts)."
    )(function)
