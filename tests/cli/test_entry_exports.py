"""An edited entry says so, and when, in every export, and an import keeps it."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, database_files

WRITTEN = "2026-11-23T20:00:00+00:00"
EDITED = "2026-11-23T21:30:00+00:00"


@pytest.fixture
def edited(run: Cli) -> None:
    """Entry #1 reworded 90 minutes after it was written; entry #2 as written."""
    assert run("note", "first words #old").exit_code == 0
    run.clock.advance(timedelta(minutes=90))
    assert run("edit", "1", "--text", "second thoughts #new").exit_code == 0
    assert run("note", "left alone").exit_code == 0


@pytest.mark.usefixtures("edited")
def test_json_export_carries_edited_at(run: Cli) -> None:
    entries = json.loads(run("export").stdout)["entries"]
    assert [(e["id"], e["text"], e["edited_at"]) for e in entries] == [
        (1, "second thoughts #new", EDITED),
        (2, "left alone", None),
    ]
    assert entries[0]["created_at"] == WRITTEN
    assert entries[0]["tags"] == ["new"]


@pytest.mark.usefixtures("edited")
def test_markdown_says_edited_and_when(run: Cli) -> None:
    lines = run("export", "-f", "md").stdout.splitlines()
    [first] = [line for line in lines if "second thoughts" in line]
    assert "edited Mon 23 Nov 2026 21:30" in first
    [second] = [line for line in lines if "left alone" in line]
    assert "edited" not in second


@pytest.mark.usefixtures("edited")
def test_csv_has_an_edited_at_column(run: Cli) -> None:
    table = run("export", "-f", "csv", "--table", "entries").stdout
    rows = list(csv.DictReader(io.StringIO(table, newline="")))
    assert [(r["text"], r["edited_at"]) for r in rows] == [
        ("second thoughts #new", EDITED),
        ("left alone", ""),
    ]


def import_into(
    run: Cli, monkeypatch: pytest.MonkeyPatch, folder: Path, document: dict[str, Any]
) -> Any:
    source = folder / "journal.json"
    source.write_text(json.dumps(document))
    monkeypatch.setenv("BREAKWELL_HOME", str(folder / "other"))
    return run("import", str(source), "--format", "breakwell")


@pytest.mark.usefixtures("edited")
def test_an_import_keeps_when_an_entry_was_edited(
    run: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    exported = run("export").stdout
    result = import_into(run, monkeypatch, tmp_path, json.loads(exported))
    assert result.exit_code == 0, result.output
    assert run("export").stdout == exported
    assert "(edited today 21:30)" in run("search", "second").stdout


@pytest.mark.usefixtures("edited")
def test_an_older_file_without_edited_at_imports(
    run: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    document = json.loads(run("export").stdout)
    for entry in document["entries"]:
        del entry["edited_at"]
    result = import_into(run, monkeypatch, tmp_path, document)
    assert result.exit_code == 0, result.output
    assert [e["edited_at"] for e in json.loads(run("export").stdout)["entries"]] == [None, None]


@pytest.mark.usefixtures("edited")
@pytest.mark.parametrize(
    ("value", "problem"),
    [("yesterday", "Input should be a valid datetime"), ("2026-11-23T21:30", "timezone info")],
)
def test_a_bad_edited_at_is_one_line_and_imports_nothing(
    run: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str, problem: str
) -> None:
    document = json.loads(run("export").stdout)
    document["entries"][0]["edited_at"] = value
    monkeypatch.setenv("BREAKWELL_HOME", str(tmp_path / "other"))
    assert run("history").exit_code == 0
    before = database_files(tmp_path / "other")
    result = import_into(run, monkeypatch, tmp_path, document)
    assert result.exit_code == 2
    assert result.stderr.startswith("breakwell: ")
    assert "entries[0].edited_at" in result.stderr and problem in result.stderr
    assert result.stderr.count("\n") == 1
    assert database_files(tmp_path / "other") == before
