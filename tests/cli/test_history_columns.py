"""`history` says how long each break lasted against its plan, under headers that say what
each column holds."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Cli


def table(run: Cli) -> list[list[str]]:
    """The history's rows, split on the two-space gaps between columns."""
    result = run("history")
    assert result.exit_code == 0, result.output
    return [
        [cell.strip() for cell in line.split("  ") if cell.strip()]
        for line in result.stdout.splitlines()
    ]


def test_a_break_ended_early_shows_how_long_it_lasted_of_its_plan(run: Cli) -> None:
    run("start", "2h", "-p", "x", "--no-prompts")
    run.clock.advance(timedelta(hours=1, minutes=12))
    assert run("stop").exit_code == 0
    header, row = table(run)
    assert row[header.index("length")] == "1h 12m of 2h"
    assert row[header.index("status")] == "ended early"


def test_a_kept_break_shows_its_length_and_a_running_one_how_far_it_is(run: Cli) -> None:
    run("start", "1h", "-p", "x", "--no-prompts")
    run.clock.advance(timedelta(hours=2))
    run("start", "2h", "-p", "x", "--no-prompts")
    run.clock.advance(timedelta(minutes=30))
    header, running, kept = table(run)
    assert running[header.index("length")] == "30m of 2h"
    assert kept[header.index("length")] == "1h"


def test_the_columns_are_named_for_what_they_hold(run: Cli) -> None:
    run("start", "1h", "-p", "x", "-s", "firm", "-m", "watch", "--no-prompts")
    header, row = table(run)
    assert header == ["id", "starts", "length", "status", "strictness", "mode", "platforms"]
    assert row[header.index("strictness")] == "firm"
    assert row[header.index("mode")] == "watch"
    assert row[header.index("platforms")] == "x"
    assert row[0] == "#1"
