"""The console command's entry: the quick commands' plain forms, answered without click.

Loading click costs a quick command about a fifth of its time. A command line that only
names a quick command's declared options (cli/quick_specs.py), each once and in its plain
form, with values its types accept, is read here and run by the same body click would run
(cli/answers/). Anything else (help, a mistake, an unusual form such as `-tcoffee`
or `--`) goes to click, which reads, refuses and explains as always.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from breakwell.cli import quick_specs as specs
from breakwell.cli.numbers import whole_number
from breakwell.cli.quick_specs import Number, Option, Spec

if TYPE_CHECKING:
    from breakwell.cli.context import CliContext

Body = Callable[..., None]
# Each command the front answers: the declaration of its command line, and the module of
# cli/answers/ that holds its body (a function of the command's name).
QUICK = {
    "note": (specs.NOTE, "journal"),
    "search": (specs.SEARCH, "journal"),
    "history": (specs.HISTORY, "breaks"),
    "status": (specs.STATUS, "breaks"),
    "show": (specs.SHOW, "breaks"),
    "slip": (specs.SLIP, "journal"),
    "paths": (specs.PATHS, "system"),
}


def run(args: Sequence[str] | None = None, cli: CliContext | None = None) -> None:
    """Answer `breakwell ARGS` (the process's own arguments by default), then exit."""
    # Library warnings are for developers, not for the person at the prompt.
    warnings.simplefilter("ignore")
    line = sys.argv[1:] if args is None else list(args)
    if line in (["--version"], ["-V"]):
        from breakwell import __version__

        sys.stdout.write(f"breakwell {__version__}\n")
        sys.exit(0)
    if not line:
        # The app: opened as click would open it, without loading click first.
        _run(_body("system", "app"), line, cli)
    known = QUICK.get(line[0]) if line else None
    values = read(known[0], line[1:]) if known else None
    if values is None:
        with_click(line, cli)
    else:
        _run(lambda context: _body(QUICK[line[0]][1], line[0])(context, **values), line, cli)


def with_click(line: Sequence[str], cli: CliContext | None) -> None:
    from breakwell.cli.main import cli as group

    group.main(list(line), prog_name="breakwell", obj=cli)


def _body(module: str, name: str) -> Body:
    import importlib

    body: Body = getattr(importlib.import_module(f"breakwell.cli.answers.{module}"), name)
    return body


def _run(answer: Callable[[CliContext], None], line: Sequence[str], cli: CliContext | None) -> None:
    from breakwell.cli.context import CliContext
    from breakwell.cli.outcome import guarded, refuse_undecodable

    refuse_undecodable(line)
    context = cli or CliContext()
    try:
        guarded(lambda: answer(context))
    finally:
        context.close()
    sys.exit(0)


def read(spec: Spec, args: Sequence[str]) -> dict[str, Any] | None:
    """The values click would pass the command, or None where click should read the line."""
    by_flag = {flag: option for option in spec.options for flag in option.flags}
    values: dict[str, Any] = {option.dest: _unset(option) for option in spec.options}
    given: set[str] = set()
    positionals: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-") or arg == "-":
            positionals.append(arg)
            continue
        option = by_flag.get(arg)
        if option is None or (option.dest in given and not option.multiple):
            return None
        given.add(option.dest)
        if option.takes == specs.FLAG:
            values[option.dest] = True
            continue
        value = _value(option, rest.pop(0)) if rest else None
        if value is None:
            return None
        if option.multiple:
            values[option.dest] = (*values[option.dest], value)
        else:
            values[option.dest] = value
    if len(positionals) > len(spec.arguments):
        return None
    for index, argument in enumerate(spec.arguments):
        if index < len(positionals):
            value = _converted(argument.takes, positionals[index])
            if value is None:
                return None
            values[argument.name] = value
        elif argument.required:
            return None
        else:
            values[argument.name] = None
    return values


def _unset(option: Option) -> Any:
    if option.multiple:
        return ()
    return False if option.takes == specs.FLAG else option.default


def _value(option: Option, raw: str) -> Any:
    """The option's value as click's type reads it, or None for anything it might read
    otherwise."""
    if raw.startswith("-") and raw != "-":
        return None
    return _converted(option.takes, raw)


def _converted(takes: Number | str, raw: str) -> Any:
    if isinstance(takes, Number):
        number = whole_number(raw)
        low, high, _ = takes
        return number if number is not None and low <= number <= high else None
    if takes == specs.KIND:
        from breakwell.domain.entries import EntryKind

        return raw if raw in {kind.value for kind in EntryKind} else None
    return raw
