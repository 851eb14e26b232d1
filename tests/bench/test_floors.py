"""The floor answers as breakwell does: each floor script finds the same entries and breaks as the
command it stands beside, and writes what the command writes, on a small generated journal."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from bench import floors
from bench.cases import CASES, NOTE, SLIP, START_BREAK, Case, Phase, filled
from bench.corpus import generate
from bench.homes import write_breakwell
from tests.conftest import Cli

SIZE = 1000
HEADER = re.compile(r"^#(\d+)  ", re.MULTILINE)
Floor = Callable[..., str]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("journal") / "breakwell"
    write_breakwell(generate(SIZE), home)
    return home


@pytest.fixture
def journal(pristine: Path, home: Path) -> Path:
    """This test's own copy of the generated journal, in its own home."""
    shutil.copytree(pristine, home)
    return home / "breakwell.db"


@pytest.fixture
def floor(capsys: pytest.CaptureFixture[str], journal: Path, home: Path) -> Floor:
    """Runs one floor command on this test's journal; returns what it printed."""

    def run(*arguments: str) -> str:
        capsys.readouterr()
        name, *rest = filled(arguments, db=str(journal), home=str(home), out=str(home))
        floors.COMMANDS[name](*rest)
        return capsys.readouterr().out

    return run


def _reads() -> list[Case]:
    names = {"search", "history", "show"}
    return [c for c in CASES if c.phase is Phase.JOURNAL and c.floor[0] in names]


@pytest.mark.parametrize("case", _reads(), ids=lambda case: case.name)
def test_each_floor_prints_the_entries_and_breaks_its_command_prints(
    case: Case, run: Cli, floor: Floor
) -> None:
    ours = run(*case.breakwell)
    assert ours.exit_code == 0, ours.output
    found = HEADER.findall(ours.output)
    assert found, f"{case.name} found nothing on the generated journal: it measures no work"
    assert HEADER.findall(floor(*case.floor)) == found


def _rows(journal: Path, sql: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(journal)) as connection:
        return connection.execute(sql).fetchall()


NEWEST_ENTRY = (
    "SELECT e.kind, e.text, e.break_id, (SELECT group_concat(tag) FROM entry_tags "
    "WHERE entry_id = e.id), (SELECT group_concat(person) FROM entry_people WHERE entry_id = e.id)"
    " FROM entries e ORDER BY e.id DESC LIMIT 1"
)


@pytest.mark.parametrize("running", [False, True], ids=["no break", "a break running"])
def test_the_floor_note_writes_the_entry_breakwell_writes(
    running: bool, run: Cli, floor: Floor, journal: Path
) -> None:
    if running:
        assert run(*START_BREAK).exit_code == 0
    text = NOTE + " @sam_k"
    assert run("note", text).exit_code == 0
    ours = _rows(journal, NEWEST_ENTRY)
    assert floor("note", "{db}", text).startswith(f"Saved {ours[0][0]} #")
    assert _rows(journal, NEWEST_ENTRY) == ours
    assert ours[0][2] is not None if running else ours[0][2] is None


def test_the_floor_slip_writes_what_breakwell_writes(run: Cli, floor: Floor, journal: Path) -> None:
    assert run(*START_BREAK).exit_code == 0
    assert run("slip", SLIP).exit_code == 0
    slips = "SELECT s.break_id, e.kind, e.text FROM slips s JOIN entries e ON e.id = s.entry_id"
    events = "SELECT kind, break_id FROM events WHERE kind = 'slip.logged'"
    ours = (_rows(journal, slips), _rows(journal, events))
    floor("slip", "{db}", SLIP)
    assert _rows(journal, slips) == ours[0] * 2
    assert _rows(journal, events) == ours[1] * 2


def test_the_floor_status_finds_the_running_break(run: Cli, floor: Floor) -> None:
    assert run(*START_BREAK).exit_code == 0
    ours = json.loads(run("status", "--json").output)
    theirs = json.loads(floor("status", "{db}", "json"))
    assert ours["break"]["id"] is not None
    assert theirs["break"]["id"] == ours["break"]["id"]
    assert theirs["running"] == ours["running"]
    assert f"Break #{ours['break']['id']}: off X" in floor("status", "{db}")


def test_no_break_running_the_floor_slip_refuses_as_breakwell_does(
    run: Cli, floor: Floor, journal: Path
) -> None:
    before = _rows(journal, "SELECT count(*) FROM entries")
    with pytest.raises(SystemExit):
        floor("slip", "{db}", SLIP)
    assert run("slip", SLIP).exit_code != 0
    assert _rows(journal, "SELECT count(*) FROM entries") == before


def test_the_floor_exports_every_entry_and_imports_breakwells_export(
    run: Cli, floor: Floor, journal: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small reads, so entries are cut across them as they are in a large file.
    monkeypatch.setattr(floors, "CHUNK", 1000)
    entries = _rows(journal, "SELECT id, text FROM entries ORDER BY id")
    tags = _rows(journal, "SELECT entry_id, tag FROM entry_tags ORDER BY entry_id, tag")
    floor("export-json", "{db}", "{out}/floor.json")
    written = json.loads((home / "floor.json").read_text(encoding="utf-8"))
    assert [(e["id"], e["text"]) for e in written["entries"]] == entries

    exported = home / "export.json"
    assert run("export", "-f", "json", "-o", str(exported)).exit_code == 0
    imported = home / "imported.db"
    assert (
        floor("import-json", "{db}", str(exported), str(imported)) == f"Imported {SIZE} entries.\n"
    )
    assert _rows(imported, "SELECT id, text FROM entries ORDER BY id") == entries
    assert _rows(imported, "SELECT entry_id, tag FROM entry_tags ORDER BY entry_id, tag") == tags
    rare = "SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'quillmarrow' ORDER BY rowid"
    assert _rows(imported, rare) == _rows(journal, rare)


@pytest.mark.parametrize("name", ["export-md", "export-csv"])
def test_the_floor_writes_every_entry_as_text(name: str, floor: Floor, home: Path) -> None:
    floor(name, "{db}", "{out}/written")
    written = (home / "written").read_text(encoding="utf-8")
    assert written.count("quillmarrow") == 5


def test_every_case_names_a_floor_and_fills_its_places() -> None:
    places = {name: f"/{name}" for name in ("db", "home", "out", "export", "fresh")}
    for case in CASES:
        assert case.floor[0] in floors.COMMANDS, case.name
        for arguments in (case.breakwell, case.floor, case.jrnl or ()):
            assert not any("{" in part for part in filled(arguments, **places)), case.name
