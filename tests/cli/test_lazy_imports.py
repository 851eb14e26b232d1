"""The quick commands must not pay for the TUI: a fresh interpreter proves what they import."""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from breakwell.browser.ids import CHROMIUM_EXTENSION_ID
from breakwell.cli.main import COMMANDS, cli

HEAVY = {"textual", "sqlalchemy", "sqlmodel", "alembic", "pydantic", "rich"}

# As the console command runs: through the front, which hands click what it does not answer.
PROBE = """
import json, sys
from breakwell.cli.front import run
try:
    run(sys.argv[2:])
except SystemExit:
    pass
with open(sys.argv[1], "w") as out:
    json.dump(sorted(sys.modules), out)
"""


def modules_loaded_by(args: list[str], home: Path, tmp_path: Path) -> set[str]:
    report = tmp_path / "modules.json"
    env = {**os.environ, "BREAKWELL_HOME": str(home)}
    subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *args],
        env=env,
        check=True,
        capture_output=True,
        # `browser-host` reads until its input ends.
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    return set(json.loads(report.read_text()))


def roots(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["status"],
        ["status", "--json"],
        ["note", "hello #tag"],
        ["browser-host", f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"],
        ["browser", "status"],
    ],
)
def test_quick_commands_do_not_import_textual(args: list[str], home: Path, tmp_path: Path) -> None:
    loaded = roots(modules_loaded_by(args, home, tmp_path))
    assert "breakwell" in loaded
    assert "textual" not in loaded


@pytest.mark.slow
def test_version_imports_neither_the_database_nor_config_libraries(
    home: Path, tmp_path: Path
) -> None:
    loaded = roots(modules_loaded_by(["--version"], home, tmp_path))
    assert not loaded & {"textual", "sqlalchemy", "sqlmodel", "alembic", "pydantic", "rich"}


@pytest.mark.slow
@pytest.mark.parametrize("args", [["paths"], ["paths", "--json"]])
def test_version_and_paths_import_no_heavy_library(
    args: list[str], home: Path, tmp_path: Path
) -> None:
    loaded = modules_loaded_by(args, home, tmp_path)
    assert "breakwell.cli.answers.system" in loaded
    assert not roots(loaded) & (HEAVY | {"click"})
    # Only the command run is imported, not every command's module.
    assert {name for name in loaded if name.startswith("breakwell.cli.commands.")} == set()


@pytest.mark.slow
def test_paths_of_a_journal_elsewhere_still_names_it(home: Path, tmp_path: Path) -> None:
    """A URL the quick reader does not read (here, with options) is still named, by
    SQLAlchemy's reading of it."""
    report = tmp_path / "modules.json"
    url = f"sqlite:///{tmp_path}/j.db?timeout=5"
    env = {**os.environ, "BREAKWELL_HOME": str(home), "BREAKWELL_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), "paths"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert f"database     {tmp_path}/j.db\n" in done.stdout
    assert "sqlalchemy" in roots(set(json.loads(report.read_text())))


@pytest.mark.slow
def test_importing_the_settings_loads_no_pydantic(home: Path) -> None:
    code = "import sys, breakwell.settings; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60
    )
    loaded = roots(set(done.stdout.split()))
    assert "breakwell" in loaded
    assert not loaded & HEAVY


def test_every_command_is_found_under_its_own_name() -> None:
    for name in COMMANDS:
        assert cli.commands[name].name == name
    assert set(cli.commands) == set(COMMANDS)


@pytest.mark.slow
def test_an_up_to_date_database_is_opened_without_importing_alembic(
    home: Path, tmp_path: Path
) -> None:
    modules_loaded_by(["status"], home, tmp_path)  # creates and migrates the database
    assert "alembic" not in roots(modules_loaded_by(["status"], home, tmp_path))


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["search", "echo"], ["search", "-n", "20"], ["search", "-t", "walk", "--json"]]
)
def test_a_search_of_an_existing_journal_never_imports_the_orm(
    args: list[str], home: Path, tmp_path: Path
) -> None:
    modules_loaded_by(["note", "the loudest echo #walk"], home, tmp_path)
    loaded = roots(modules_loaded_by(args, home, tmp_path))
    assert "sqlite3" in loaded
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic", "textual"}


@pytest.mark.slow
def test_a_search_before_any_journal_exists_goes_through_the_services(
    home: Path, tmp_path: Path
) -> None:
    assert "sqlalchemy" in roots(modules_loaded_by(["search", "echo"], home, tmp_path))
    assert (home / "breakwell.db").exists()


# Each answered over sqlite3 on a journal at the newest schema with a break running.
QUICK_COMMANDS = [
    ["note", "the loudest echo #walk @sam"],
    ["slip", "opened it", "-p", "x"],
    ["history"],
    ["show", "1"],
    ["status"],
    ["status", "--json"],
    ["search", "echo"],
]


def _loaded_by_quick_commands(home: Path, tmp_path: Path) -> dict[str, set[str]]:
    """Each quick command's top-level imports, on a migrated journal with a break running."""
    modules_loaded_by(["start", "1h", "-p", "x", "--no-prompts"], home, tmp_path)
    loaded = {
        " ".join(args): roots(modules_loaded_by(args, home, tmp_path)) for args in QUICK_COMMANDS
    }
    with closing(sqlite3.connect(home / "breakwell.db")) as journal:
        written = journal.execute("SELECT kind, break_id FROM entries ORDER BY id").fetchall()
    assert written == [("observation", 1), ("slip", 1)]
    return loaded


@pytest.mark.slow
def test_quick_commands_import_neither_the_orm_nor_the_app(home: Path, tmp_path: Path) -> None:
    loaded = _loaded_by_quick_commands(home, tmp_path)
    heavy = {"textual", "sqlalchemy", "sqlmodel", "alembic"}
    assert {args: found & heavy for args, found in loaded.items() if found & heavy} == {}
    assert all("sqlite3" in found for found in loaded.values())


@pytest.mark.slow
def test_quick_commands_load_neither_dataclasses_nor_inspect(home: Path, tmp_path: Path) -> None:
    """Loading `dataclasses` (it loads `inspect`) and making each class with it was a fifth of
    `status`; the quick paths' value classes are made by breakwell.domain.values instead."""
    modules_loaded_by(["start", "1h", "-p", "x", "--no-prompts"], home, tmp_path)
    loaded = {
        " ".join(args): modules_loaded_by(args, home, tmp_path)
        for args in (*QUICK_COMMANDS, ["--version"], ["paths"])
    }
    assert {args for args, found in loaded.items() if "breakwell.domain.values" not in found} == {
        "--version"
    }
    slow = {"dataclasses", "inspect"}
    assert {args: found & slow for args, found in loaded.items() if found & slow} == {}


@pytest.mark.slow
def test_quick_commands_import_no_pydantic(home: Path, tmp_path: Path) -> None:
    loaded = _loaded_by_quick_commands(home, tmp_path)
    assert {args for args, found in loaded.items() if "pydantic" in found} == set()


@pytest.mark.slow
def test_the_commands_the_front_answers_never_load_click(home: Path, tmp_path: Path) -> None:
    loaded = _loaded_by_quick_commands(home, tmp_path)
    assert {args for args, found in loaded.items() if "click" in found} == set()
    # Anything else is still read by click, which the probe would show if it broke.
    assert "click" in roots(modules_loaded_by(["events"], home, tmp_path))
    assert "click" not in roots(modules_loaded_by(["--version"], home, tmp_path))
    # The app too, opened by `breakwell` alone (here refused: the probe has no terminal).
    assert "click" not in roots(modules_loaded_by([], home, tmp_path))
