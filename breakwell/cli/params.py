"""Parameter types and decorators shared by commands."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import click

from breakwell.cli import quick_specs
from breakwell.cli.numbers import whole_number
from breakwell.cli.quick_specs import FLAG, KIND, Number, Option, Spec
from breakwell.cli.quick_specs import ID as SPEC_ID

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


class WholeNumber(click.ParamType[int]):
    """A whole number from `low` to `high`, refused in plain words in one line.

    Unlike click.IntRange, it never prints its range as `[1<=x<=1000]` in --help (say it in
    the option's help, in words) nor calls a word "not a valid integer range". With `noun`
    (such as "an id") the number names something, and is refused as not being one.
    """

    name = "integer"

    def __init__(self, low: int, high: int, *, noun: str | None = None) -> None:
        self.low = low
        self.high = high
        self.noun = noun

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        number = whole_number(value)
        if number is not None and self.low <= number <= self.high:
            return number
        raise click.UsageError(self._refusal(value, number, param), ctx)

    def _refusal(self, value: object, number: int | None, param: click.Parameter | None) -> str:
        where = f"{param.opts[0]}: " if isinstance(param, click.Option) else ""
        if self.noun is None:
            return f"{where}'{value}' is not a whole number from {self.low} to {self.high}"
        if number is not None and number > self.high:
            return f"{where}'{value}' is too large for {self.noun}"
        return (
            f"{where}'{value}' is not {self.noun}; {self.noun} is a whole number from {self.low} up"
        )


# Every number that names a break, entry, plan, commitment or other row, as an argument or
# an option: `@id_argument("entry_id")`, `@id_option("--break", "break_id", help=...)`, or
# `type=ID` directly.
ID = WholeNumber(SPEC_ID.low, SPEC_ID.high, noun=SPEC_ID.noun)


def id_argument(name: str, *, required: bool = True) -> Callable[[F], F]:
    """A positional id, shown as ID (or [ID] when it may be left out)."""
    return click.argument(name, type=ID, required=required, metavar="ID" if required else "[ID]")


def id_option(*decls: str, help: str) -> Callable[[F], F]:
    """An option taking an id, such as `--break ID`."""
    return click.option(*decls, type=ID, metavar="ID", help=help)


def limit_option(default: int) -> Callable[[F], F]:
    """How many rows a listing shows (declared in cli/quick_specs.py, as the front reads it)."""
    return _option(quick_specs.limit(default))


def json_option(function: F) -> F:
    return _option(quick_specs.JSON)(function)


def from_spec(spec: Spec) -> Callable[[F], F]:
    """A command's arguments and options as declared in cli/quick_specs.py, in their order."""

    def apply(function: F) -> F:
        for option in reversed(spec.options):
            function = _option(option)(function)
        for argument in reversed(spec.arguments):
            function = click.argument(
                argument.name,
                required=argument.required,
                metavar=argument.metavar,
                type=_type(argument.takes),
            )(function)
        return function

    return apply


def _option(option: Option) -> Callable[[F], F]:
    shared: dict[str, Any] = {"help": option.help, "metavar": option.metavar}
    if option.takes == FLAG:
        return click.option(*option.flags, option.dest, is_flag=True, help=option.help)
    if option.multiple:
        shared["multiple"] = True
    if option.default is not None:
        shared.update(default=option.default, show_default=True)
    shared["type"] = _type(option.takes)
    return click.option(*option.flags, option.dest, **shared)


def _type(takes: Number | str) -> click.ParamType[Any] | None:
    if isinstance(takes, Number):
        low, high, noun = takes
        # Every id is the one ID type, so each command's ids are found and read alike.
        return ID if takes == SPEC_ID else WholeNumber(low, high, noun=noun)
    if takes == KIND:
        from breakwell.domain.entries import EntryKind

        return click.Choice([kind.value for kind in EntryKind])
    return None
