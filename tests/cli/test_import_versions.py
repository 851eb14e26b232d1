"""An export holds each entry as it was when it was taken. Imported where the entry has been
edited since, that older version is the entry already there: an old backup never brings back
words a person has since changed, nor adds the entry a second time. A file's later edit comes
in as an entry of its own, since an import never changes what the journal holds."""

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
    # The index holds only the words kept.
    for gone in ("first", "second", "old", "new"):
        assert "#1" not in run("search", gone).stdout
    assert "third and last" in run("search", "final").stdout


def test_a_later_edit_in_the_file_comes_in_beside_the_entry_and_changes_nothing_kept(
    run: Cli, backend: str, versions: tuple[Path, Path, Path]
) -> None:
    before, after, last = versions
    # The journal as it was before the edits: the entry gone, then the old backup brought in.
    assert run("delete", "1", "--yes").exit_code == 0
    assert imported(run, before) == "Imported from breakwell: 1 entry (1 already there).\n"
    kept = entries(run)
    assert [text for _, text, _, _ in kept] == ["first words #old", "left alone"]
    assert imported(run, after) == "Imported from breakwell: 1 entry (1 already there).\n"
    assert entries(run) == [
        *kept,
        (3, "second thoughts #new", ["new"], "2026-11-23T21:30:00+00:00"),
    ]
    # The newest edit comes in too; the one between, now in the journal, is not brought back
    # by the older file, nor is the entry as first written.
    assert imported(run, last) == "Imported from breakwell: 1 entry (1 already there).\n"
    for again in (before, after, last):
        assert imported(run, again) == "Imported from breakwell: nothing new (2 already there).\n"
    assert [(i, text) for i, text, _, _ in entries(run)] == [
        (1, "first words #old"),
        (2, "left alone"),
        (3, "second thoughts #new"),
        (4, "third and last #final"),
    ]
    assert "#4" in run("search", "--tag", "final").stdout


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
