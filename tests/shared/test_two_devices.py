"""Two devices, one PostgreSQL journal: each runs its own enforcer with its own home and hosts
file, in real time, as two machines would.

These wait with deadlines (never a fixed sleep) for what a real clock and a real server
decide: notices crossing from one device to the other, a break ending, a server coming back.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from breakwell.enforce import hosts
from tests.daemons import breakwell, query, spawn_daemon, stop, wait_for
from tests.pg_server import Server

pytestmark = pytest.mark.slow
HOSTS = b"127.0.0.1 localhost\n"
NAMES = ("laptop", "desktop")


@pytest.fixture
def devices(postgres_url: str, tmp_path: Path) -> dict[str, Path]:
    homes = {}
    for name in NAMES:
        home = tmp_path / name
        home.mkdir()
        (home / "hosts").write_bytes(HOSTS)
        (home / "config.toml").write_text(
            f'device_name = "{name}"\n[blocking]\nhosts_file = "{home / "hosts"}"\n'
            "[notifications]\ndesktop = false\nbell = false\n"
        )
        homes[name] = home
    return homes


@pytest.fixture
def enforcers(devices: dict[str, Path]) -> Iterator[dict[str, subprocess.Popen[str]]]:
    running = {name: spawn_daemon(home) for name, home in devices.items()}
    try:
        for name, home in devices.items():
            wait_for(started(home, name), 30, f"the {name}'s enforcer to start")
        yield running
    finally:
        for process in running.values():
            stop(process)


def started(home: Path, name: str) -> Callable[[], bool]:
    return lambda: name in devices_that(home, "enforcer.started")


def blocked(home: Path) -> bool:
    return "x.com" in hosts.blocked_domains((home / "hosts").read_bytes())


def start_break(home: Path, length: str) -> datetime:
    started = breakwell(home, "start", length, "-p", "x", "--no-prompts", "--json")
    assert started.returncode == 0, started.stderr
    return datetime.fromisoformat(json.loads(started.stdout)["ends_at"])


def devices_that(home: Path, kind: str) -> list[str]:
    """The device of each event of this kind, sorted."""
    rows = query(home, f"SELECT device FROM events WHERE kind = '{kind}'")
    return sorted(str(device) for (device,) in rows)


def blocked_on(home: Path) -> Callable[[], bool]:
    return lambda: blocked(home)


def logged(home: Path, words: str) -> Callable[[], bool]:
    return lambda: words in daemon_log(home)


def test_a_break_started_on_one_device_holds_on_both_and_completes_once(
    devices: dict[str, Path], enforcers: dict[str, subprocess.Popen[str]]
) -> None:
    ends_at = start_break(devices["laptop"], "8s")
    # Each device blocks while the break runs (however slow the machine, before its end).
    for name, home in devices.items():
        wait_for(blocked_on(home), (ends_at - datetime.now().astimezone()).total_seconds(), name)
    wait_for(
        lambda: all(not blocked(home) for home in devices.values()),
        (ends_at - datetime.now().astimezone()).total_seconds() + 30,
        "both blocks to go",
    )
    assert all((home / "hosts").read_bytes() == HOSTS for home in devices.values())
    assert len(devices_that(devices["laptop"], "break.completed")) == 1
    assert devices_that(devices["laptop"], "block.applied") == sorted(NAMES)
    assert devices_that(devices["laptop"], "block.removed") == sorted(NAMES)
    assert query(devices["desktop"], "SELECT status FROM breaks") == [("completed",)]


def test_losing_the_server_mid_break_loses_nothing(
    devices: dict[str, Path],
    enforcers: dict[str, subprocess.Popen[str]],
    postgres_server: Server,
) -> None:
    ends_at = start_break(devices["desktop"], "12s")
    for name, home in devices.items():
        wait_for(blocked_on(home), (ends_at - datetime.now().astimezone()).total_seconds(), name)
    postgres_server.stop()
    try:
        for name, home in devices.items():
            wait_for(
                logged(home, "the database is unreachable"),
                30,
                f"{name}'s enforcer to notice",
            )
        wait_for(
            lambda: datetime.now().astimezone() > ends_at + timedelta(seconds=1), 30, "the end"
        )
        # Nobody could confirm the break ended, so nobody lifted the block.
        assert all(blocked(home) for home in devices.values())
    finally:
        postgres_server.start()
    wait_for(lambda: all(not blocked(home) for home in devices.values()), 30, "the catching up")
    for name, home in devices.items():
        wait_for(logged(home, "the database answers again"), 30, f"{name} to say so")
        assert "test-only-secret" not in daemon_log(home)
    assert len(devices_that(devices["laptop"], "break.completed")) == 1
    assert query(devices["laptop"], "SELECT status FROM breaks") == [("completed",)]
    assert devices_that(devices["laptop"], "store.unreachable") == sorted(NAMES)


def daemon_log(home: Path) -> str:
    return "".join(path.read_text() for path in home.rglob("daemon.log"))
