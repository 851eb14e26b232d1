"""`breakwell people`: who you wrote about, when last, and the line you keep on why."""

import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import Cli, database_files


def _write(run: Cli) -> None:
    assert run("note", "@Anna shares what she learns, unlike @bob.").exit_code == 0
    run.clock.advance(timedelta(hours=1))
    assert run("note", "@anna again, with @alice@mastodon.social").exit_code == 0


def test_people_lists_each_person_with_entries_and_last_mention(run: Cli) -> None:
    _write(run)
    listed = run("people")
    assert listed.exit_code == 0
    lines = [" ".join(line.split()) for line in listed.output.splitlines()]
    # The most recently written about first; names as the journal keeps them, lower-cased.
    assert lines == [
        "@alice@mastodon.social 1 entry today 21:00",
        "@anna 2 entries today 21:00",
        "@bob 1 entry today 20:00",
    ]


def test_people_says_how_to_begin_when_no_one_is_named(run: Cli) -> None:
    run("note", "no one here")
    assert run("people").output.startswith("No one yet. Name someone as @name")


def test_why_is_kept_shown_and_cleared(run: Cli) -> None:
    _write(run)
    said = run("people", "why", "@ANNA", "  gives   more than she takes ")
    assert said.exit_code == 0
    assert said.output == "@anna: gives more than she takes\n"
    assert run("people").output.splitlines()[1].endswith("  gives more than she takes")
    [_, anna, bob] = json.loads(run("people", "--json").output)
    assert anna == {
        "name": "anna",
        "entries": 2,
        "last_mention": "2026-11-23T21:00:00+00:00",
        "why": "gives more than she takes",
    }
    assert bob["why"] is None
    cleared = run("people", "why", "anna", "--clear", "--json")
    assert json.loads(cleared.output)["why"] is None
    assert "gives" not in run("people").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("carol", "kind"), "breakwell: no entry mentions @carol; write about them first\n"),
        (
            ("bob.", "kind"),
            "breakwell: 'bob.' is not a name the journal picks up, such as @alice\n",
        ),
        (("a b", "kind"), "breakwell: 'a b' is not a name the journal picks up, such as @alice\n"),
        (("", "kind"), "breakwell: '(empty)' is not a name the journal picks up, such as @alice\n"),
        (("anna", "one\ntwo"), "breakwell: a why line is one line of text\n"),
        (("anna", "   "), "breakwell: a why line needs some words; --clear removes one\n"),
        (("anna", "x" * 201), "breakwell: a why line can be at most 200 characters\n"),
        (
            ("anna", "bell\x07"),
            "breakwell: a why line holds the control character U+0007, "
            "which breakwell does not keep\n",
        ),
        (
            ("anna",),
            "breakwell: say why in one line, such as: people why alice 'gives more than "
            "she takes'\n",
        ),
        (("anna", "kind", "--clear"), "breakwell: give a line or --clear, not both\n"),
    ],
)
def test_a_bad_name_or_line_is_one_line_and_writes_nothing(
    run: Cli, home: Path, args: tuple[str, ...], message: str
) -> None:
    _write(run)
    run("people", "why", "bob", "kept")
    before = database_files(home)
    refused = run("people", "why", *args)
    assert refused.exit_code == 2
    assert refused.stderr == message
    assert refused.stdout == ""
    assert database_files(home) == before


def test_the_entries_of_a_person_are_the_journals_person_filter(run: Cli) -> None:
    _write(run)
    found = json.loads(run("search", "--person", "@Anna", "--json").output)
    assert [entry["id"] for entry in found] == [2, 1]


def test_export_and_import_carry_the_why_lines(run: Cli, home: Path, tmp_path: Path) -> None:
    _write(run)
    run("people", "why", "anna", "gives more than she takes")
    run("people", "why", "bob", "kept for a moment")
    run("people", "why", "bob", "--clear")
    out = tmp_path / "journal.json"
    assert run("export", "-o", str(out)).exit_code == 0
    [anna] = json.loads(out.read_text())["people"]
    assert (anna["name"], anna["why"]) == ("anna", "gives more than she takes")
    for item in home.glob("breakwell.db*"):
        item.unlink()
    assert run("import", str(out)).output == ("Imported from breakwell: 2 entries, 1 why line.\n")
    assert run("import", str(out)).output.startswith("Imported from breakwell: nothing new")
    assert json.loads(run("people", "--json").output)[1]["why"] == "gives more than she takes"
    again = tmp_path / "again.json"
    run("export", "-o", str(again))
    assert again.read_text() == out.read_text()


def test_an_import_keeps_the_journals_own_line(run: Cli, tmp_path: Path) -> None:
    _write(run)
    run("people", "why", "anna", "from the file")
    out = tmp_path / "journal.json"
    run("export", "-o", str(out))
    run("people", "why", "anna", "said here since")
    run("import", str(out))
    assert json.loads(run("people", "--json").output)[1]["why"] == "said here since"


def test_a_part_of_the_journal_takes_only_the_lines_of_people_it_names(
    run: Cli, tmp_path: Path
) -> None:
    _write(run)
    run("people", "why", "anna", "asks first")
    run("people", "why", "bob", "only in the first entry")
    out = tmp_path / "part.json"
    assert run("export", "--since", "30m", "-o", str(out)).exit_code == 0
    assert [p["name"] for p in json.loads(out.read_text())["people"]] == ["anna"]


def test_a_file_from_before_why_lines_still_imports(run: Cli, tmp_path: Path) -> None:
    _write(run)
    out = tmp_path / "journal.json"
    run("export", "-o", str(out))
    older = json.loads(out.read_text())
    del older["people"]
    out.write_text(json.dumps(older))
    run("people", "why", "anna", "here")
    assert run("import", str(out)).exit_code == 0


@pytest.mark.parametrize(
    ("person", "message"),
    [
        ({"name": "Anna"}, "people[0]: 'Anna' is not a name as the journal keeps it"),
        ({"name": "anna."}, "people[0]: 'anna.' is not a name the journal picks up"),
        ({"why": "two\nlines"}, "people[0]: a why line is one line of text"),
        ({"why": ""}, "people[0]: a why line needs some words"),
        ({"why": " padded"}, "people[0]: a why line is kept without spaces around or doubled"),
        ({"why": "x" * 201}, "people[0]: a why line can be at most 200 characters"),
        ({"shoe": 1}, "people[0].shoe: Extra inputs are not permitted"),
    ],
)
def test_a_bad_why_line_in_a_file_imports_nothing(
    run: Cli, home: Path, tmp_path: Path, person: dict[str, object], message: str
) -> None:
    _write(run)
    run("people", "why", "anna", "good")
    out = tmp_path / "journal.json"
    run("export", "-o", str(out))
    data = json.loads(out.read_text())
    data["people"][0].update(person)
    data["entries"][0]["text"] += " and a new line"  # something the import would add
    out.write_text(json.dumps(data))
    before = database_files(home)
    refused = run("import", str(out))
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"breakwell: {out}: {message}")
    assert len(refused.stderr.splitlines()) == 1
    assert database_files(home) == before
