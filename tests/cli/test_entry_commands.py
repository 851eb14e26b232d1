"""`breakwell edit` and `breakwell delete`: rewording and removing entries from the command line."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

import click
import pytest

from breakwell.cli import ask
from breakwell.domain.entries import MAX_ENTRY_LENGTH
from tests.conftest import Cli, database_files


def search(run: Cli, *args: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(run("search", *args, "--json").stdout)
    return found


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ask, "interactive", lambda: True)


def test_edit_with_text_rewords_the_entry_and_everything_follows(run: Cli) -> None:
    run("note", "the loud ones lead #echo @ann")
    run.clock.advance(timedelta(hours=1))
    result = run("edit", "1", "--text", "quiet builders matter #craft @bob")
    assert result.exit_code == 0
    assert result.stdout == "Edited entry #1. Now with #craft, @bob.\n"
    assert [e["id"] for e in search(run, "builders")] == [1]
    assert search(run, "loud") == []
    assert [e["id"] for e in search(run, "-t", "craft")] == [1]
    assert search(run, "-t", "echo") == []
    assert search(run, "--person", "ann") == []
    (entry,) = search(run, "--person", "bob")
    assert (entry["created_at"], entry["edited_at"]) == (
        "2026-11-23T20:00:00+00:00",
        "2026-11-23T21:00:00+00:00",
    )
    shown = run("search", "builders").stdout
    assert "(edited today" in shown.splitlines()[0]


def test_edit_json_says_what_changed(run: Cli) -> None:
    run("note", "first words")
    done = json.loads(run("edit", "1", "--text", "second words #two", "--json").stdout)
    assert done["changed"] is True
    assert (done["entry"]["text"], done["entry"]["tags"]) == ("second words #two", ["two"])
    assert done["entry"]["edited_at"] is not None
    same = json.loads(run("edit", "1", "--text", "second words #two", "--json").stdout)
    assert same["changed"] is False


def test_edit_reads_standard_input(run: Cli) -> None:
    run("note", "short")
    run("edit", "1", "--text", "-", input="longer now\nwith a second line\n")
    assert search(run)[0]["text"] == "longer now\nwith a second line"


def write_editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR that replaces whatever file it is given with `body`."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nopen(sys.argv[1], 'w').write({body!r})\n")
    return f"{sys.executable} {script}"


def test_edit_opens_the_editor_with_the_text(
    run: Cli, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("note", "typed in a hurry")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", write_editor(tmp_path, "written with care #care\n"))
    result = run("edit", "1")
    assert result.exit_code == 0, result.stderr
    assert "Edited entry #1" in result.stdout
    assert search(run)[0]["text"] == "written with care #care"


def test_the_editor_is_given_the_entry_and_unchanged_text_changes_nothing(
    run: Cli, terminal: None, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("note", "as it was #kept")
    given: list[str] = []

    def same(text: str, **_: object) -> str:
        given.append(text)
        return text

    monkeypatch.setattr(click, "edit", same)
    before = database_files(home)
    result = run("edit", "1")
    assert given == ["as it was #kept\n"]
    assert result.stdout == "Entry #1 is unchanged; nothing was saved.\n"
    assert database_files(home) == before
    monkeypatch.setattr(click, "edit", lambda *_, **__: None)
    assert "unchanged" in run("edit", "1").stdout
    assert search(run)[0]["edited_at"] is None


def test_edit_without_a_terminal_or_text_is_refused(run: Cli) -> None:
    run("note", "kept")
    result = run("edit", "1")
    assert result.exit_code == 2
    assert result.stderr == "breakwell: edit opens an editor on a terminal; pass --text TEXT\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("   ", "an entry needs some text"),
        ("x" * (MAX_ENTRY_LENGTH + 1), "an entry can be at most 20,000 characters"),
    ],
)
def test_bad_new_text_is_one_line_and_nothing_changes(
    run: Cli, home: Path, text: str, problem: str
) -> None:
    run("note", "kept as written")
    before = database_files(home)
    result = run("edit", "1", "--text", text)
    assert (result.exit_code, result.stderr) == (2, f"breakwell: {problem}\n")
    assert database_files(home) == before


@pytest.mark.parametrize("command", [("edit", "7", "--text", "new"), ("delete", "7", "--yes")])
def test_an_unknown_entry_is_one_line_and_nothing_changes(
    run: Cli, home: Path, command: tuple[str, ...]
) -> None:
    run("note", "the only one")
    before = database_files(home)
    result = run(*command)
    assert (result.exit_code, result.stderr) == (2, "breakwell: there is no entry #7\n")
    assert database_files(home) == before


def test_delete_with_yes_removes_the_entry_from_search_and_tags(run: Cli) -> None:
    run("note", "to go #gone @ann")
    run("note", "to stay")
    result = run("delete", "1", "--yes")
    assert (result.exit_code, result.stdout) == (0, "Deleted entry #1.\n")
    assert [e["text"] for e in search(run)] == ["to stay"]
    assert search(run, "-t", "gone") == []
    assert search(run, "--person", "ann") == []


def test_delete_json_is_the_entry_deleted(run: Cli) -> None:
    run("note", "to go #gone")
    deleted = json.loads(run("delete", "1", "--yes", "--json").stdout)["deleted"]
    assert (deleted["id"], deleted["text"], deleted["tags"]) == (1, "to go #gone", ["gone"])


def test_delete_asks_on_a_terminal(run: Cli, terminal: None, home: Path) -> None:
    run("note", "maybe keep this")
    before = database_files(home)
    kept = run("delete", "1", input="n\n")
    assert kept.exit_code == 0
    assert "Delete entry #1?" in kept.stderr
    assert "maybe keep this" in kept.stderr
    assert kept.stdout == "Kept entry #1; nothing was deleted.\n"
    assert database_files(home) == before
    gone = run("delete", "1", input="y\n")
    assert gone.stdout == "Deleted entry #1.\n"
    assert search(run) == []


def test_delete_without_a_terminal_or_yes_is_refused(run: Cli, home: Path) -> None:
    run("note", "stays")
    before = database_files(home)
    result = run("delete", "1")
    assert result.exit_code == 2
    assert result.stderr == (
        "breakwell: delete asks first on a terminal; pass --yes to delete anyway\n"
    )
    assert database_files(home) == before


def test_a_deleted_slip_stays_counted(run: Cli) -> None:
    run("start", "1h", "--no-prompts")
    run("slip", "opened it")
    run("delete", "1", "--yes")
    shown = json.loads(run("show", "1", "--json").stdout)
    assert (shown["slips"], shown["entries"]) == (1, [])


def test_text_the_journal_refuses_is_offered_back_in_the_editor(
    run: Cli, terminal: None, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("note", "first words")
    too_long = "careful words " * 2000
    given: list[str] = []
    answers = iter([too_long, "careful words, fewer"])

    def editor(text: str, **_: object) -> str:
        given.append(text)
        return next(answers)

    monkeypatch.setattr(click, "edit", editor)
    result = run("edit", "1", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "an entry can be at most" in result.stderr
    assert given[1].startswith("careful words careful words")  # what was typed, not lost
    assert search(run)[0]["text"] == "careful words, fewer"
    # Declined, it is refused in one line and nothing changes.
    answers = iter([too_long])
    before = database_files(home)
    declined = run("edit", "1", input="n\n")
    assert declined.exit_code == 2
    assert declined.stderr.count("breakwell: an entry can be at most") == 1
    assert database_files(home) == before
