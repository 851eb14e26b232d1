"""The enforcer as a real process: the acceptance scenarios, in real time.

These wait on the database with deadlines (never a fixed sleep) for things a real clock
decides: a five-second break ending, a restarted enforcer catching up.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from breakwell.enforce import hosts
from breakwell.enforce.lock import running_enforcer
from breakwell.store.moments import read_moment
from tests.daemons import breakwell, query, spawn_daemon, stop, wait_for

pytestmark = pytest.mark.slow
HOSTS = b"127.0.0.1 localhost\n"


@pytest.fixture
def daemon_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "hosts").write_bytes(HOSTS)
    (home / "config.toml").write_text(
        f'[blocking]\nhosts_file = "{home / "hosts"}"\n'
        "[notifications]\ndesktop = false\nbell = false\n"
    )
    return home


@pytest.fixture
def running(daemon_home: Path) -> Iterator[subprocess.Popen[str]]:
    process = spawn_daemon(daemon_home)
    try:
        wait_for(
            lambda: query(daemon_home, "SELECT 1 FROM events WHERE kind = 'enforcer.started'"),
            30,
            "the enforcer to start",
        )
        yield process
    finally:
        stop(process)


def test_a_five_second_break_completes_at_its_end(
    daemon_home: Path, running: subprocess.Popen[str]
) -> None:
    started = breakwell(daemon_home, "start", "5s", "-p", "x", "--no-prompts", "--json")
    assert started.returncode == 0, started.stderr
    assert "no enforcer is running" not in started.stderr
    break_id = json.loads(started.stdout)["id"]
    # The stored end, to the microsecond (the JSON contract rounds to seconds).
    ends_at = read_moment(
        query(daemon_home, f"SELECT ends_at FROM breaks WHERE id = {break_id}")[0][0]
    )
    wait_for(
        lambda: "x.com" in hosts.blocked_domains((daemon_home / "hosts").read_bytes()),
        30,
        "the block",
    )
    rows = wait_for(
        lambda: query(daemon_home, "SELECT at FROM events WHERE kind = 'break.completed'"),
        30,
        "the break to complete",
    )
    assert isinstance(rows, list) and len(rows) == 1
    # Never before its end; how soon after is the bench's to measure (a loaded machine is slow).
    assert read_moment(rows[0][0]) >= ends_at
    ended_at = query(daemon_home, f"SELECT ended_at FROM breaks WHERE id = {break_id}")[0][0]
    assert read_moment(ended_at) == ends_at
    wait_for(lambda: (daemon_home / "hosts").read_bytes() == HOSTS, 30, "the block to go")
    assert query(daemon_home, "SELECT count(*) FROM events WHERE kind = 'break.completed'") == [
        (1,)
    ]
    assert query(daemon_home, "SELECT status FROM breaks") == [("completed",)]


def test_a_killed_enforcer_catches_up_in_the_first_pass_after_restarting(
    daemon_home: Path, running: subprocess.Popen[str]
) -> None:
    """What came due while no enforcer ran is done before the restarted one does anything
    else: its first pass, not a later tick, completes the break and lifts the block. How long
    that takes in real time is measured by the bench (`bench/engine.py`), not asserted here."""
    started = breakwell(daemon_home, "start", "3s", "-p", "x", "--no-prompts", "--json")
    break_id = json.loads(started.stdout)["id"]
    ends_at = read_moment(
        query(daemon_home, f"SELECT ends_at FROM breaks WHERE id = {break_id}")[0][0]
    )
    wait_for(lambda: hosts.blocked_domains((daemon_home / "hosts").read_bytes()), 30, "the block")
    running.send_signal(signal.SIGKILL)
    running.wait(timeout=30)
    wait_for(lambda: datetime.now(UTC) > ends_at + timedelta(seconds=1), 30, "the end")
    assert hosts.blocked_domains((daemon_home / "hosts").read_bytes())  # nobody removed it
    assert query(daemon_home, "SELECT status FROM breaks") == [("active",)]
    again = spawn_daemon(daemon_home)
    try:
        wait_for(
            lambda: (
                query(daemon_home, "SELECT 1 FROM breaks WHERE status = 'completed'")
                and (daemon_home / "hosts").read_bytes() == HOSTS
                # The file is written before its event is recorded.
                and query(daemon_home, "SELECT 1 FROM events WHERE kind = 'block.removed'")
            ),
            30,
            "the restarted enforcer to catch up",
        )
        events = query(daemon_home, "SELECT kind, at FROM events ORDER BY id")
        restarted = max(i for i, (kind, _) in enumerate(events) if kind == "enforcer.started")
        after = [str(kind) for kind, _ in events[restarted + 1 :]]
        assert after[:2] == ["break.completed", "block.removed"], after
        ended = [at for kind, at in events if kind in {"break.completed", "break.ended_early"}]
        assert len(ended) == 1
        assert read_moment(ended[0]) >= ends_at
        ended_at = query(daemon_home, f"SELECT ended_at FROM breaks WHERE id = {break_id}")[0][0]
        # Kept to its own end, not to when the enforcer came back to notice it.
        assert read_moment(ended_at) == ends_at
    finally:
        stop(again)


def test_two_daemons_started_together_leave_one_running(daemon_home: Path) -> None:
    first, second = spawn_daemon(daemon_home), spawn_daemon(daemon_home)
    try:
        wait_for(lambda: first.poll() is not None or second.poll() is not None, 30, "one to exit")
        loser, winner = (first, second) if first.poll() is not None else (second, first)
        _, err = loser.communicate(timeout=30)
        assert loser.returncode == 1
        assert "another breakwell enforcer is already running (pid" in err
        assert "enforcer running" not in err  # it never claimed to run
        assert "Traceback" not in err
        assert winner.poll() is None
        assert running_enforcer(daemon_home / "run") == winner.pid
    finally:
        for process in (first, second):
            stop(process)


def test_daemon_status_and_the_start_reminder(daemon_home: Path) -> None:
    alone = breakwell(daemon_home, "start", "1h", "-p", "x", "--no-prompts")
    assert "no enforcer is running" in alone.stderr
    assert (
        json.loads(breakwell(daemon_home, "daemon", "status", "--json").stdout)["running"] is False
    )


def test_a_waiting_daemon_takes_over_when_the_other_stops(
    daemon_home: Path, running: subprocess.Popen[str]
) -> None:
    waiting = spawn_daemon(daemon_home, "--wait")
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:  # it must keep waiting, not exit
            assert waiting.poll() is None
            assert running_enforcer(daemon_home / "run") == running.pid
            time.sleep(0.2)
        stop(running)
        wait_for(lambda: running_enforcer(daemon_home / "run") == waiting.pid, 30, "the takeover")
    finally:
        stop(waiting)


def test_a_deleted_lock_file_never_leaves_two_enforcers_acting(
    daemon_home: Path, running: subprocess.Popen[str]
) -> None:
    """Deleting the lock lets a second `daemon run` start; the first then stops acting."""
    (daemon_home / "run" / "enforcer.lock").unlink()
    second = spawn_daemon(daemon_home)
    try:
        wait_for(lambda: running.poll() is not None or second.poll() is not None, 30, "one to go")
        stopped, kept = (running, second) if running.poll() is not None else (second, running)
        _, err = stopped.communicate(timeout=30)
        assert "Traceback" not in err
        assert kept.poll() is None
        assert running_enforcer(daemon_home / "run") == kept.pid
    finally:
        stop(second)
