"""Text output in columns: each column starts at the same place on every line, however long
the names and values in it."""

from __future__ import annotations

import json
from datetime import timedelta

from breakwell.cli.render import aligned
from tests.conftest import Cli


def starts(lines: list[str], cells: list[str]) -> set[int]:
    """Where each line's cell begins (each line holds its own cell)."""
    found = set()
    for line, cell in zip(lines, cells, strict=True):
        assert cell in line, (cell, line)
        found.add(line.index(cell))
    return found


def test_every_doctor_row_has_its_detail_in_one_column(run: Cli) -> None:
    assert run("note", "a journal with a database file").exit_code == 0
    checks = json.loads(run("doctor", "--json").stdout)
    names = [check["check"] for check in checks]
    # The longest name is longer than the column once was.
    assert "database file" in names and max(len(name) for name in names) > 12
    lines = run("doctor").stdout.splitlines()
    assert len(lines) == len(checks)
    assert starts(lines, [f" {check['detail']}" for check in checks]) == {
        4 + max(len(name) for name in names)
    }
    assert starts(lines, names) == {4}
    assert all(line[:4] in {"ok  ", "BAD "} for line in lines)


def test_events_keep_their_columns_with_and_without_a_break(run: Cli) -> None:
    assert run("commit", "add", "one post", "--max", "1").exit_code == 0
    assert run("start", "1h", "--no-prompts").exit_code == 0
    run.clock.advance(timedelta(days=3))
    assert run("commit", "log", "1").exit_code == 0
    lines = run("events").stdout.splitlines()
    data = list(reversed(json.loads(run("events", "--json").stdout)))  # newest first
    assert len(lines) == len(data) >= 3
    assert len(starts(lines, [event["kind"] for event in data])) == 1
    # What follows the break's number starts in one column too, with or without a number.
    tails = [event["detail"] or f"({event['device']})" for event in data]
    assert len(starts(lines, tails)) == 1


def test_commitments_keep_their_columns(run: Cli) -> None:
    for text, per in (("one post", "week"), ("no feeds before breakfast", "day")):
        assert run("commit", "add", text, "--max", "1", "--per", per).exit_code == 0
    assert run("commit", "log", "1").exit_code == 0
    assert run("commit", "log", "1").exit_code == 0
    lines = run("commit", "list").stdout.splitlines()
    assert len(starts(lines, ["one post", "no feeds before breakfast"])) == 1
    assert len(starts(lines, ["2 of 1", "0 of 1"])) == 1


def test_aligned_pads_each_column_and_leaves_out_one_empty_everywhere() -> None:
    rows = [("#1", "", "a", "first"), ("#1000", "", "bcd", "second")]
    assert aligned(rows) == ["#1     a    first", "#1000  bcd  second"]
    assert aligned([("a", "")], gap=" ") == ["a"]
    assert aligned([]) == []
