"""The front answers what click would answer, on the same table of cases, and no differently.

Each case runs twice, each in a fresh home on the same fake clock: through the console
command's front (cli/front.py) and through click alone. Both must print the same, exit the
same and leave the same rows in every table. Each case also says whether the front should
have read the line itself, so a front that always hands over to click cannot pass.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import click
import pytest

from breakwell.cli import front, quick_specs
from breakwell.cli.context import CliContext
from breakwell.cli.main import cli
from breakwell.domain.clock import FakeClock
from tests.cli.test_quick_paths import CASES as QUICK_PATH_CASES
from tests.cli.test_quick_paths import RUNNING, Outcome, Step, dump
from tests.conftest import START, Cli


@dataclass(frozen=True)
class Case:
    name: str
    command: tuple[str, ...]
    setup: tuple[Step, ...] = ()
    input: str | bytes | None = None
    # Whether the front reads the line itself (True) or hands it to click (False); None for
    # the quick paths' cases, which are here for what they do, whoever reads them.
    front: bool | None = True


WRITTEN = (
    *RUNNING,
    ("note", "coffee first #coffee @mira", "-p", "x"),
    ("note", "later #coffee #calm", "-k", "reflection"),
    timedelta(minutes=5),
    ("note", "apart @mira", "--no-break"),
)
FRONT_AS_IS = {"note", "slip", "search", "history", "status", "show", "paths"}

CASES = [
    # The quick paths' own table, for the commands the front answers.
    *(
        Case(f"quick path: {case.name}", case.command, case.setup, case.input, front=None)
        for case in QUICK_PATH_CASES
        if case.command[0] in FRONT_AS_IS
    ),
    # The app needs a terminal, which a test has not: refused alike, in one line.
    Case("the app", ()),
    Case("version", ("--version",)),
    Case("version, short", ("-V",)),
    Case(
        "search every filter",
        (
            "search",
            "coffee",
            "-t",
            "coffee",
            "--person",
            "mira",
            "-p",
            "x",
            "-k",
            "note",
            "--break",
            "1",
            "--since",
            "7d",
            "--until",
            "in 1h",
            "-n",
            "5",
            "--json",
        ),
        WRITTEN,
    ),
    Case("search tags twice", ("search", "-t", "coffee", "--tag", "calm"), WRITTEN),
    Case("search no words", ("search",), WRITTEN),
    Case("search limit with spaces", ("search", "-n", " 2 "), WRITTEN),
    Case("search a dash as the words", ("search", "-"), WRITTEN),
    Case("search a bad date", ("search", "--since", "someday"), WRITTEN),
    Case("search an unknown platform", ("search", "-p", "nowhere"), WRITTEN),
    Case("history limit", ("history", "-n", "1", "--json"), WRITTEN),
    Case(
        "note every option",
        (
            "note",
            "all of it",
            "-p",
            "x",
            "-k",
            "observation",
            "--mood",
            "3",
            "--break",
            "1",
            "--json",
        ),
        RUNNING,
    ),
    Case("note an empty platform", ("note", "somewhere", "-p", ""), RUNNING),
    # Lines the front leaves to click: help, mistakes and unusual forms.
    Case("long option with =", ("search", "--tag=coffee"), WRITTEN, front=False),
    Case("short option joined", ("search", "-tcoffee"), WRITTEN, front=False),
    Case("double dash", ("note", "--", "-3 followers"), front=False),
    Case("a negative number", ("note", "-3 followers today"), front=False),
    Case("unknown option", ("search", "--nope"), front=False),
    Case("option without its value", ("search", "-t"), front=False),
    Case("value like an option", ("search", "-p", "-x"), front=False),
    Case("option given twice", ("search", "-p", "x", "-p", "instagram"), front=False),
    Case("flag given twice", ("history", "--json", "--json"), front=False),
    Case("limit zero", ("search", "-n", "0"), front=False),
    Case("limit too large", ("history", "-n", "1001"), front=False),
    Case("limit a word", ("history", "-n", "ten"), front=False),
    Case("limit negative", ("history", "-n", "-1"), front=False),
    Case("id zero", ("search", "--break", "0"), front=False),
    Case("id too large", ("note", "x", "--break", str(2**63)), front=False),
    Case("mood too high", ("note", "x", "--mood", "6"), front=False),
    Case("kind in capitals", ("note", "x", "-k", "Note"), front=False),
    Case("kind unknown", ("search", "-k", "thought"), front=False),
    Case("note without text", ("note",), front=False),
    Case("note with two texts", ("note", "one", "two"), front=False),
    Case("history with words", ("history", "everything"), front=False),
    Case("version and more", ("--version", "status"), front=False),
    Case("status, running", ("status",), WRITTEN),
    Case("status json, running", ("status", "--json"), WRITTEN),
    Case("status with words", ("status", "now"), front=False),
    Case("show", ("show", "1"), WRITTEN),
    Case("show json", ("show", "1", "--json"), WRITTEN),
    Case("show an id with spaces", ("show", " 1 "), WRITTEN),
    Case("show an unknown id", ("show", "7"), WRITTEN),
    Case("show id zero", ("show", "0"), WRITTEN, front=False),
    Case("show a word", ("show", "one"), WRITTEN, front=False),
    Case("show without an id", ("show",), front=False),
    Case("slip", ("slip", "opened it #bus", "-p", "x"), WRITTEN),
    Case("slip json without words", ("slip", "--json"), WRITTEN),
    Case("slip from standard input", ("slip", "-"), WRITTEN, input="read it all\n"),
    Case("slip with no break", ("slip", "scrolled")),
    Case("slip two texts", ("slip", "a", "b"), WRITTEN, front=False),
    Case("paths", ("paths",)),
    Case("paths json", ("paths", "--json")),
    Case("paths with a word", ("paths", "now"), front=False),
    Case("another command", ("events",), front=False),
]
# Lines whose output depends on the terminal or the home folder, not on who read them: only
# that the front hands them over is checked.
HANDED_OVER = [("search", "--help"), ("--help",), ("paths", "--help"), ("note", "--help")]


def _prepared(home: Path, monkeypatch: pytest.MonkeyPatch, case: Case) -> Cli:
    monkeypatch.setenv("BREAKWELL_HOME", str(home))
    run = Cli(FakeClock(START))
    run("history")  # a journal that exists, made the way a first command makes it
    for step in case.setup:
        if isinstance(step, timedelta):
            run.clock.advance(step)
        else:
            assert run(*step).exit_code == 0, step
    return run


def _through_front(
    case: Case, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Outcome, bool]:
    run = _prepared(home, monkeypatch, case)
    handed: list[bool] = []
    original = front.with_click

    def spy(line: Any, cli: Any) -> None:
        handed.append(True)
        original(line, cli)

    monkeypatch.setattr(front, "with_click", spy)
    data = case.input.encode() if isinstance(case.input, str) else case.input or b""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        front.run(case.command, CliContext(clock=run.clock))
    out, err = capsys.readouterr()
    code = stopped.value.code if isinstance(stopped.value.code, int) else 0
    return _outcome(home, out, err, code), not handed


def _outcome(home: Path, out: str, err: str, code: int) -> Outcome:
    # Each run has its own home: where it is named (`paths`), it is named alike.
    out, err = (text.replace(str(home), "HOME") for text in (out, err))
    return Outcome(out, err, code, dump(home / "breakwell.db"))


def _through_click(case: Case, home: Path, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    run = _prepared(home, monkeypatch, case)
    result = run.runner.invoke(
        cli,
        list(case.command),
        obj=CliContext(clock=run.clock),
        input=case.input,
        catch_exceptions=False,
        prog_name="breakwell",
    )
    return _outcome(home, result.stdout, result.stderr, result.exit_code)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_front_answers_as_click_does(
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ours, read_itself = _through_front(case, tmp_path / "front", monkeypatch, capsys)
    theirs = _through_click(case, tmp_path / "click", monkeypatch)
    assert ours == theirs
    if case.front is not None:
        assert read_itself is case.front


@pytest.mark.parametrize("line", HANDED_OVER, ids=" ".join)
def test_the_front_hands_other_lines_to_click(
    line: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    handed: list[list[str]] = []
    monkeypatch.setattr(front, "with_click", lambda line, cli: handed.append(list(line)))
    front.run(line, CliContext(clock=clock))
    assert handed == [list(line)]


def test_each_quick_command_has_a_body_and_click_builds_it_from_the_same_declaration() -> None:
    import importlib

    context = click.Context(cli)
    for name, (spec, module) in front.QUICK.items():
        assert callable(getattr(importlib.import_module(f"breakwell.cli.answers.{module}"), name))
        command = cli.get_command(context, name)
        assert command is not None
        declared = [argument.name for argument in spec.arguments]
        declared += [option.dest for option in spec.options]
        assert [param.name for param in command.params] == declared
        for option in spec.options:
            (param,) = [p for p in command.params if p.name == option.dest]
            assert isinstance(param, click.Option)
            assert set(param.opts) == set(option.flags)
            assert param.multiple is option.multiple
            assert param.is_flag is (option.takes == quick_specs.FLAG)


def test_the_quick_commands_read_their_declarations_from_one_place() -> None:
    # A declaration the front reads but click does not (or the other way) would let them
    # disagree; every quick command's declaration is used by its click command.
    assert set(front.QUICK) == FRONT_AS_IS


@pytest.mark.parametrize("stop", [KeyboardInterrupt, EOFError])
def test_an_interrupted_command_ends_alike_either_way(
    stop: type[BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from breakwell.store import quick

    def interrupted(*_args: object) -> None:
        raise stop

    monkeypatch.setattr(quick, "search", interrupted)
    case = Case("interrupted", ("search", "coffee"))
    ours, read_itself = _through_front(case, tmp_path / "front", monkeypatch, capsys)
    theirs = _through_click(case, tmp_path / "click", monkeypatch)
    assert read_itself
    assert ours == theirs
    assert (ours.exit_code, ours.stderr) == (130, "\nbreakwell: interrupted\n")
