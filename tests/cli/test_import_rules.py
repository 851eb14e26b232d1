"""`breakwell import` and `db copy --merge` cannot undo a locked break, nor bring in what the
commands refuse; a refusal is one line and leaves the journal byte for byte as it was."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from breakwell.domain.entries import Entry, EntryKind
from breakwell.services import Services
from breakwell.store import entries as entry_store
from tests.conftest import START, Cli, database_files
from tests.journal import database_of

LOCKED_END = "2026-11-23T23:00:00+00:00"


def refused_in_one_line(result: Result, message: str) -> None:
    assert result.exit_code in {1, 2}, result.output
    assert result.stderr.startswith("breakwell: ") and result.stderr.count("\n") == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def running(run: Cli) -> dict[str, Any]:
    result = run("status", "--json")
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)["break"]
    return found


@pytest.fixture
def locked(run: Cli) -> dict[str, Any]:
    """A locked three-hour break running from START, and the journal's export."""
    result = run("start", "3h", "-p", "x", "-s", "locked", "--no-prompts")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(run("export").stdout)
    assert document["breaks"][0]["ends_at"] == LOCKED_END
    return document


def write(folder: Path, document: Any) -> Path:
    path = folder / "doctored.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


def test_an_import_cannot_lift_or_shorten_the_running_locked_break(
    run: Cli, home: Path, tmp_path: Path, locked: dict[str, Any]
) -> None:
    before = running(run)
    files = database_files(home)
    # What lifted the block: another active break, without platforms, 300 days, overlapping.
    rival = {**locked["breaks"][0], "id": 2, "created_at": "2026-11-23T19:00:00+00:00"}
    rival.update(platforms=[], strictness="gentle", ends_at="2027-09-19T20:00:00+00:00")
    locked["breaks"].append(rival)
    result = run("import", str(write(tmp_path, locked)))
    refused_in_one_line(result, "breaks[1]: a break needs at least one platform")
    rival["platforms"] = ["x"]
    result = run("import", str(write(tmp_path, locked)))
    refused_in_one_line(result, "breaks[1]: it overlaps break #1, which is running")
    assert result.exit_code == 1
    assert database_files(home) == files

    # The running break itself, as a doctored file tells it: ended, gentle, over already.
    locked["breaks"].pop()
    locked["breaks"][0].update(
        status="ended_early",
        strictness="gentle",
        ends_at="2026-11-23T20:05:00+00:00",
        ended_at="2026-11-23T20:05:00+00:00",
    )
    result = run("import", str(write(tmp_path, locked)))
    assert result.exit_code == 0, result.output
    assert "nothing new" in result.stdout
    assert running(run) == before
    assert before["strictness"] == "locked" and before["status"] == "active"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_at": "2040-01-01T00:00:00+00:00"}, "a break can last at most 365 days"),
        ({"ends_at": "2026-11-20T00:00:00+00:00"}, "the break ends before it starts"),
        ({"intention": "quiet\u0000"}, "the intention holds the control character U+0000"),
    ],
)
def test_an_imported_break_meets_starts_rules(
    run: Cli,
    home: Path,
    tmp_path: Path,
    locked: dict[str, Any],
    fields: dict[str, Any],
    message: str,
) -> None:
    files = database_files(home)
    locked["breaks"].append(
        {**locked["breaks"][0], "id": 2, "created_at": "2026-11-01T19:00:00+00:00", **fields}
    )
    refused_in_one_line(run("import", str(write(tmp_path, locked))), f"breaks[1]: {message}")
    assert database_files(home) == files


def test_an_imported_plan_meets_plan_adds_rules(
    run: Cli, home: Path, tmp_path: Path, locked: dict[str, Any]
) -> None:
    files = database_files(home)
    locked["plans"].append(
        {
            "id": 1,
            "name": "nights",
            "rule": "0 21 * * mon",
            "length_seconds": 3600,
            "mode": "unplug",
            "strictness": "locked",
            "paused": False,
            "timezone": "Nowhere/Atlantis",
            "until": None,
            "created_at": "2026-11-01T19:00:00+00:00",
            "updated_at": "2026-11-01T19:00:00+00:00",
            "platforms": ["x"],
            "runs": [],
        }
    )
    result = run("import", str(write(tmp_path, locked)))
    refused_in_one_line(result, "plans[0]: unknown time zone 'Nowhere/Atlantis'")
    assert database_files(home) == files
    assert run("plan", "list").exit_code == 0


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"format": "breakwell", "version": 1, "platforms": ' + "[" * 50_000,
        '{"entries": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001,
    ],
)
def test_deeply_nested_json_is_one_line(
    run: Cli, home: Path, tmp_path: Path, locked: dict[str, Any], text: str
) -> None:
    files = database_files(home)
    result = run("import", str(write(tmp_path, text)))
    refused_in_one_line(result, "nests its lists or objects too deeply to be a journal")
    assert database_files(home) == files


# db copy --merge, SQLite into SQLite -------------------------------------------------------


@pytest.fixture
def target(run: Cli, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Another journal, with its own locked break running from START; the folder it is in."""
    folder = tmp_path / "other"
    monkeypatch.setenv("BREAKWELL_HOME", str(folder))
    result = run("start", "3h", "-p", "x", "-s", "locked", "--no-prompts")
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("BREAKWELL_HOME", str(home))
    return folder


def url(folder: Path) -> str:
    return f"sqlite:///{folder / 'breakwell.db'}"


def test_a_merge_cannot_bring_a_break_over_the_targets_locked_one(
    run: Cli, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run.clock.advance(timedelta(minutes=1))
    assert run("start", "1h", "-p", "reddit", "--no-prompts").exit_code == 0
    files = database_files(target)
    result = run("db", "copy", "--to", url(target), "--merge")
    refused_in_one_line(
        result, "the journal being merged: breaks[0]: it overlaps break #1, which is running"
    )
    assert database_files(target) == files
    monkeypatch.setenv("BREAKWELL_HOME", str(target))
    assert running(run)["strictness"] == "locked"


def test_a_merge_refuses_text_the_commands_refuse(
    run: Cli, services: Services, target: Path
) -> None:
    assert run("note", "a fine note").exit_code == 0
    with database_of(services).write() as session:
        # As an older breakwell, or a hand edit, could have left it.
        entry_store.add_entry(session, Entry(START, EntryKind.NOTE, "cut\x00short"))
    files = database_files(target)
    result = run("db", "copy", "--to", url(target), "--merge")
    refused_in_one_line(
        result,
        "the journal being merged: entries[1]: an entry holds the control character U+0000",
    )
    assert database_files(target) == files


def test_a_merge_of_what_the_commands_made_still_goes_through(run: Cli, target: Path) -> None:
    assert run("note", "written here").exit_code == 0
    assert run("start", "1h", "--at", "2026-11-24T09:00", "-p", "x", "--no-prompts").exit_code == 0
    result = run("db", "copy", "--to", url(target), "--merge", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == {"breaks": 1, "entries": 1}
