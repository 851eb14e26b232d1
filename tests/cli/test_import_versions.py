"""An export holds each entry as it was when it was taken. Imported where the same entry is
kept in another version, the later edit stays: an old backup never brings back words a person
has since changed, nor adds the entry a second time, and a newer export brings its edits in."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli


def export(run: Cli, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(run("export").stdout)
    return path


def entries(run: Cli) -> list[tuple[int, str, list[str], str | None]]:
    found = json.loads(run("export").stdout)["entries"]
    return [(e["id"], e["text"], e["tags"], e["edited_at"]) for e in found]


def imported(run: Cli, path: Path) -> str:
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    return str(result.stdout)


@pytest.fixture
def versions(run: Cli, tmp_path: Path) -> tuple[Path, Path, Path]:
    """Exports of one journal before and after entry #1 is reworded, and after a second edit."""
    assert run("note", "first words #old").exit_code == 0
    assert run("note", "left alone").exit_code == 0
    before = export(run, tmp_path, "before.json")
    run.clock.advance(timedelta(minutes=90))
    assert run("edit", "1", "--text", "second thoughts #new").exit_code == 0
    after = export(run, tmp_path, "after.json")
    run.clock.advance(timedelta(minutes=30))
    assert run("edit", "1", "--text", "third and last #final").exit_code == 0
    last = export(run, tmp_path, "last.json")
    return before, after, last


def test_an_older_export_changes_nothing_where_the_entry_was_edited_since(
    run: Cli, backend: str, versions: tuple[Path, Path, Path]
) -> None:
    before, after, _ = versions
    kept = run("export").stdout
    for older in (before, after):
        assert imported(run, older) == "Imported from breakwell: nothing new (2 already there).\n"
        assert run("export").stdout == kept
    assert run("search", "first").stdout == run("search", "second").stdout
    assert "third and last" in run("search", "final").stdout


def test_a_newer_export_brings_its_edit_to_the_entry_kept_before_it(
    run: Cli, backend: str, versions: tuple[Path, Path, Path]
) -> None:
    before, after, last = versions
    # The journal as it was before the edits: the entry gone, then the old backup brought in.
    assert run("delete", "1", "--yes").exit_code == 0
    assert imported(run, before) == "Imported from breakwell: 1 entry (1 already there).\n"
    assert [text for _, text, _, _ in entries(run)] == ["first words #old", "left alone"]
    said = imported(run, after)
    assert said == (
        "Imported from breakwell: nothing new "
        "(2 already there, 1 of them given their later edit).\n"
    )
    assert entries(run) == [
        (1, "second thoughts #new", ["new"], "2026-11-23T21:30:00+00:00"),
        (2, "left alone", [], None),
    ]
    imported(run, last)
    assert entries(run)[0] == (1, "third and last #final", ["final"], "2026-11-23T22:00:00+00:00")
    # The index and the tags follow the words kept; the old ones find nothing.
    assert "third and last" in run("search", "final").stdout
    assert "#1" not in run("search", "first").stdout
    assert "#1" not in run("search", "--tag", "old").stdout
    assert "#1" in run("search", "--tag", "final").stdout
    # The same file again has nothing left to bring.
    assert imported(run, last) == "Imported from breakwell: nothing new (2 already there).\n"
    assert run("export").stdout == last.read_text()


def test_different_words_under_the_same_number_and_moment_are_two_entries_if_neither_was_edited(
    run: Cli, tmp_path: Path
) -> None:
    """A file made by hand, say: only an edit makes two texts one entry."""
    assert run("note", "as I wrote it").exit_code == 0
    document: dict[str, Any] = json.loads(run("export").stdout)
    document["entries"][0]["text"] = "something else entirely"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(document))
    assert imported(run, path) == "Imported from breakwell: 1 entry.\n"
    assert [(i, text) for i, text, _, _ in entries(run)] == [
        (1, "as I wrote it"),
        (2, "something else entirely"),
    ]
