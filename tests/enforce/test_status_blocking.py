"""`breakwell status` says plainly when a running break is not actually blocked, and why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.enforce import hosts
from breakwell.enforce.blocker import Blocker
from breakwell.enforce.lock import EnforcerLock, hosts_lock
from breakwell.enforce.unblock import emergency_unblock
from breakwell.settings import load_settings
from tests.conftest import Cli
from tests.enforce.conftest import HOSTS
from tests.enforce.test_every_running_break import Enforcer, configure, running
from tests.journal import settings_of

HOLD = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def hosts_file(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "hosts"
    path.write_bytes(HOSTS)
    configure(home, path)
    return path


@pytest.fixture
def daemon_lock() -> Iterator[EnforcerLock]:
    """The enforcer's own lock, as `daemon run` holds it while the engine runs."""
    lock = EnforcerLock(load_settings().paths.runtime_dir)
    assert lock.acquire(patience=0)
    yield lock
    lock.release()


def status(run: Cli) -> dict[str, Any]:
    result = run("status", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_blocked_break_says_so(
    run: Cli, clock: FakeClock, hosts_file: Path, daemon_lock: EnforcerLock
) -> None:
    enforcer = Enforcer(clock, hosts_file).start()
    break_id = running(enforcer.services, "x")
    enforcer.engine.reconcile()
    data = status(run)
    assert data["blocked"] is True
    assert data["blocking"] == [
        {"break_id": break_id, "blocked": True, "missing_domains": 0, "reasons": []}
    ]
    assert "Not blocked" not in run("status").output
    enforcer.stop()


def test_with_no_enforcer_the_break_is_not_blocked(run: Cli, hosts_file: Path) -> None:
    run("start", "1h", "-p", "x", "--no-prompts")
    data = status(run)
    assert data["blocked"] is False
    [state] = data["blocking"]
    assert state["missing_domains"] == 7
    assert state["reasons"] == ["no enforcer is running (start one with: breakwell daemon run)"]
    assert (
        "  Not blocked: break #1's sites are open: no enforcer is running (start one with: "
        "breakwell daemon run)." in run("status").output.splitlines()
    )


def test_a_watch_break_is_not_reported_as_an_unapplied_block(run: Cli, hosts_file: Path) -> None:
    # Nothing belongs in the hosts file for it, so nothing is missing even with no enforcer.
    run("start", "1h", "-p", "x", "--mode", "watch", "--no-prompts")
    data = status(run)
    assert data["blocking"] == [
        {"break_id": 1, "blocked": True, "missing_domains": 0, "reasons": []}
    ]
    assert "Not blocked" not in run("status").output
    assert hosts_file.read_bytes() == HOSTS


@pytest.mark.slow
def test_a_hosts_lock_held_by_someone_else_is_named(
    run: Cli, clock: FakeClock, hosts_file: Path, daemon_lock: EnforcerLock
) -> None:
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
    lock_path = hosts_lock(hosts_file).path
    lock_path.parent.mkdir(exist_ok=True, mode=0o700)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        enforcer = Enforcer(clock, hosts_file).start()
        running(enforcer.services, "x")
        enforcer.engine.reconcile()
        assert hosts_file.read_bytes() == HOSTS
        [state] = status(run)["blocking"]
        assert state["blocked"] is False
        assert state["reasons"][0] == (
            f"another process holds the lock on {hosts_file}, so no enforcer may write it"
        )
        assert state["reasons"][1].startswith("the last attempt failed: another breakwell")
        enforcer.stop()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()


def test_a_failed_block_gives_its_reason(
    run: Cli,
    clock: FakeClock,
    hosts_file: Path,
    daemon_lock: EnforcerLock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(path: Path, domains: object) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(hosts, "set_blocked", refuse)
    enforcer = Enforcer(clock, hosts_file).start()
    running(enforcer.services, "x")
    enforcer.engine.reconcile()
    [state] = status(run)["blocking"]
    assert state["reasons"] == [
        f"the last attempt failed: breakwell may not edit {hosts_file}, so sites are not "
        "blocked (breaks still run, with notifications and the slip log); give your user "
        "write access to it and its folder"
    ]
    enforcer.stop()


def test_an_emergency_unblock_is_the_reason_given(
    run: Cli, clock: FakeClock, hosts_file: Path, daemon_lock: EnforcerLock
) -> None:
    enforcer = Enforcer(clock, hosts_file).start()
    running(enforcer.services, "x")
    enforcer.engine.reconcile()
    emergency_unblock(
        enforcer.services, settings_of(enforcer.services), Blocker(hosts_file, exclusive=False)
    )
    enforcer.engine.reconcile()
    [state] = status(run)["blocking"]
    assert state["reasons"] == ["you lifted its block with an emergency unblock"]
    enforcer.stop()


def test_a_block_left_in_a_hosts_file_used_before_is_shown(
    run: Cli, clock: FakeClock, hosts_file: Path, home: Path, daemon_lock: EnforcerLock
) -> None:
    first = Enforcer(clock, hosts_file).start()
    running(first.services, "x")
    first.engine.reconcile()
    first.stop()
    squatter = hosts_lock(hosts_file)
    assert squatter.acquire(patience=0)
    moved = home / "hosts.new"
    moved.write_bytes(HOSTS)
    configure(home, moved)
    again = Enforcer(clock, moved).start()
    again.engine.reconcile()
    data = status(run)
    assert data["blocked"] is True
    assert data["block_left"] == {"hosts_file": str(hosts_file), "domains": 7}
    assert f"  Note: {hosts_file} still holds breakwell's block (7 domains)" in run("status").output
    again.stop()
    squatter.release()
