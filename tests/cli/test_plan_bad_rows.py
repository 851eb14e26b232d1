"""A plan row that a hand edit or an older import left broken never stops a command: it is
shown as broken, skipped, and can be removed."""

import json
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.daemons import breakwell, query, spawn_daemon, stop, wait_for

# A column and the value a hand edit leaves in it.
BAD = [
    ("rule", "every full moon"),
    ("timezone", "Mars/Olympus_Mons"),
    ("until", "soon"),
    ("length_seconds", 10**14),
    ("strictness", "iron"),
]


def hand_edit(home: Path, plan_id: int, column: str, value: object) -> None:
    with sqlite3.connect(home / "breakwell.db") as connection:
        connection.execute(f"UPDATE plans SET {column} = ? WHERE id = ?", (value, plan_id))


def add_plans(run: Cli) -> None:
    for at in ("21:00", "22:00"):  # START is 20:00 UTC
        added = run("plan", "add", "--every", "day", "--at", at, "--for", "30m", "-p", "x")
        assert added.exit_code == 0, added.stderr


@pytest.mark.parametrize(("column", "value"), BAD)
def test_every_command_works_around_a_broken_plan_until_it_is_removed(
    run: Cli, home: Path, column: str, value: object
) -> None:
    add_plans(run)
    hand_edit(home, 2, column, value)

    listed = run("plan", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "#1 every day at 21:00 for 30m (active, gentle)" in listed.stdout
    assert "#2 broken, makes no breaks: " in listed.stdout
    assert "remove it with: breakwell plan remove 2" in listed.stdout
    as_json = run("plan", "list", "--json")
    assert as_json.exit_code == 0, as_json.stderr
    [good, bad] = json.loads(as_json.stdout)
    assert (good["id"], good["broken"], bad["id"], bad["next"]) == (1, None, 2, [])
    assert bad["broken"]

    calendar = run("export", "-f", "ics")
    assert calendar.exit_code == 0, calendar.stderr
    assert "UID:plan-1@breakwell" in calendar.stdout
    assert "plan-2" not in calendar.stdout
    assert run("status").exit_code == 0

    assert run("plan", "pause", "2").stdout == "Plan #2 paused.\n"
    resumed = run("plan", "resume", "2")
    assert resumed.exit_code == 2
    assert resumed.stderr.startswith("breakwell: plan #2 cannot be used (")
    assert resumed.stderr.count("\n") == 1
    assert run("plan", "remove", "2").stdout == "Plan #2 removed.\n"
    listed = run("plan", "list")
    assert "#2" not in listed.stdout and "#1 " in listed.stdout


@pytest.fixture
def daemon_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "hosts").write_bytes(b"127.0.0.1 localhost\n")
    (home / "config.toml").write_text(
        f'[blocking]\nhosts_file = "{home / "hosts"}"\n'
        "[notifications]\ndesktop = false\nbell = false\n"
    )
    return home


@pytest.fixture
def enforcer(daemon_home: Path) -> Iterator[subprocess.Popen[str]]:
    for at in ("09:00", "10:00"):
        added = breakwell(daemon_home, "plan", "add", "--every", "day", "--at", at, "--for", "1h")
        assert added.returncode == 0, added.stderr
    hand_edit(daemon_home, 2, "timezone", "Mars/Olympus_Mons")
    process = spawn_daemon(daemon_home)
    try:
        yield process
    finally:
        stop(process)


@pytest.mark.slow
def test_the_enforcer_runs_past_a_broken_plan_and_reports_it_once(
    daemon_home: Path, enforcer: subprocess.Popen[str]
) -> None:
    wait_for(
        lambda: query(daemon_home, "SELECT 1 FROM breaks WHERE plan_id = 1"),
        30,
        "the good plan's break to be made",
    )
    assert enforcer.poll() is None
    # A second start passes over the same plan again, and reports nothing new.
    stop(enforcer)
    again = spawn_daemon(daemon_home)
    try:
        wait_for(
            lambda: (
                len(query(daemon_home, "SELECT 1 FROM events WHERE kind = 'enforcer.started'")) == 2
            ),
            30,
            "the enforcer to start again",
        )
        assert again.poll() is None
    finally:
        stop(again)
    assert query(daemon_home, "SELECT detail FROM events WHERE kind = 'row.skipped'") == [
        ("plan #2: unknown time zone 'Mars/Olympus_Mons'",)
    ]
    log = (daemon_home / "logs" / "daemon.log").read_text()
    assert log.count("plan #2 skipped: unknown time zone 'Mars/Olympus_Mons'") == 1
    assert "Traceback" not in log
