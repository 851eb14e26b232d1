"""Breaks are kept with no setup: commands and the app start the enforcer by themselves.

The first tests count starts in-process; the acceptance tests run real processes on the real
clock, with a temporary hosts file, and poll with generous deadlines (never a time bound).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psutil
import pytest

from breakwell.domain.errors import RuleRefused
from breakwell.enforce import autostart, hosts
from breakwell.enforce.lock import EnforcerLock, running_enforcer
from breakwell.settings import load_settings
from tests.conftest import Cli
from tests.daemons import breakwell, query, wait_for
from tests.journal import settings_of

HOSTS = b"127.0.0.1 localhost\n"
FAKE_PID = 4242


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Autostart on, with the start itself recorded instead of run."""
    monkeypatch.setenv("BREAKWELL_AUTOSTART", "1")
    started: list[str] = []

    def spawn(settings: object) -> int:
        started.append("enforcer")
        return FAKE_PID

    monkeypatch.setattr(autostart, "spawn_enforcer", spawn)
    return started


def test_start_starts_an_enforcer_when_none_runs(run: Cli, starts: list[str]) -> None:
    result = run("start", "30m", "-p", "x", "--no-prompts")
    assert result.exit_code == 0, result.output
    assert starts == ["enforcer"]
    assert f"breakwell keeps break #1 in the background (enforcer pid {FAKE_PID}" in result.stderr
    assert "no enforcer is running" not in result.stderr
    # JSON on stdout stays pure; the line goes to stderr.
    planned = run("start", "1h", "--at", "23:00", "-p", "x", "--no-prompts", "--json")
    assert json.loads(planned.stdout)["id"] == 2
    assert starts == ["enforcer"] * 2


def test_every_command_that_leaves_something_to_enforce_starts_one(
    run: Cli, starts: list[str]
) -> None:
    assert run("start", "30m", "-p", "x", "--no-prompts").exit_code == 0
    assert run("extend", "10m").exit_code == 0
    added = run("plan", "add", "--every", "sunday", "--at", "09:00", "--for", "2h", "-p", "x")
    assert "breakwell keeps plan #1 in the background" in added.stderr
    assert run("plan", "pause", "1").exit_code == 0
    resumed = run("plan", "resume", "1")
    assert "breakwell keeps plan #1 in the background" in resumed.stderr
    assert starts == ["enforcer"] * 4


def test_quick_commands_start_nothing(run: Cli, starts: list[str]) -> None:
    for args in (["status"], ["status", "--json"], ["note", "quiet evening"], ["search", "x"]):
        assert run(*args).exit_code == 0
    assert starts == []


def test_nothing_is_started_while_an_enforcer_runs(run: Cli, starts: list[str]) -> None:
    held = EnforcerLock(load_settings().paths.runtime_dir)
    assert held.acquire()
    try:
        result = run("start", "30m", "-p", "x", "--no-prompts")
    finally:
        held.release()
    assert result.exit_code == 0
    assert starts == []
    assert result.stderr == ""


def test_turned_off_it_starts_nothing_and_says_so(
    run: Cli, starts: list[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BREAKWELL_AUTOSTART")
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[enforcer]\nautostart = false\n")
    result = run("start", "30m", "-p", "x", "--no-prompts")
    assert result.exit_code == 0
    assert starts == []
    assert "no enforcer is running" in result.stderr


def test_a_stop_that_leaves_a_block_starts_one_to_lift_it(
    run: Cli, starts: list[str], home: Path
) -> None:
    hosts_file = home / "hosts"
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f'[blocking]\nhosts_file = "{hosts_file}"\n')
    assert run("start", "30m", "-p", "x", "--no-prompts").exit_code == 0
    # What an enforcer that has since stopped left behind.
    hosts_file.write_bytes(hosts.with_block(HOSTS, ["x.com"]))
    stopped = run("stop")
    assert stopped.exit_code == 0, stopped.output
    assert starts == ["enforcer"] * 2
    assert f"breakwell lifts the block in the background (enforcer pid {FAKE_PID})" in (
        stopped.stderr
    )
    assert "unblock --emergency" not in stopped.stderr


def test_status_lifts_a_block_left_after_the_break_instead_of_advising_an_emergency(
    run: Cli, starts: list[str], home: Path
) -> None:
    hosts_file = home / "hosts"
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f'[blocking]\nhosts_file = "{hosts_file}"\n')
    # A break that is over, and the block a stopped enforcer left behind.
    hosts_file.write_bytes(hosts.with_block(HOSTS, ["x.com"]))
    shown = run("status")
    assert shown.exit_code == 0, shown.output
    assert starts == ["enforcer"]
    assert f"breakwell lifts the block left in {hosts_file} in the background" in shown.stderr
    assert "emergency" not in shown.stderr


def test_a_stop_with_nothing_left_starts_nothing(run: Cli, starts: list[str]) -> None:
    assert run("start", "30m", "-p", "x", "--no-prompts").exit_code == 0
    assert run("stop").exit_code == 0
    assert starts == ["enforcer"]


def test_the_demo_leaves_no_enforcer_behind_for_its_plans(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BREAKWELL_AUTOSTART")
    folder = tmp_path / "demo"
    assert run("demo", "--fill-only", "--home", str(folder)).exit_code == 0
    monkeypatch.setenv("BREAKWELL_HOME", str(folder))
    assert not autostart.autostart_enabled(load_settings())


async def _quit_with_a_break_running(
    monkeypatch: pytest.MonkeyPatch, home: Path, autostart_on: str
) -> tuple[str | None, list[int | None]]:
    """The app, enforcing, quit while a break runs: its farewell, and whether the enforcer's
    lock was free each time a background enforcer was started."""
    from breakwell.domain.clock import FakeClock
    from breakwell.services import build_services
    from breakwell.tui.app import BreakwellApp
    from breakwell.tui.role import Role
    from tests.conftest import START
    from tests.tui.helpers import settle

    monkeypatch.setenv("BREAKWELL_AUTOSTART", autostart_on)
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[notifications]\ndesktop = false\nbell = false\n")
    services = build_services(load_settings(), FakeClock(START))
    runtime = services.preferences.runtime_dir
    lock_at_start: list[int | None] = []

    def spawn(settings: object) -> int:
        lock_at_start.append(running_enforcer(runtime))
        return FAKE_PID

    monkeypatch.setattr(autostart, "spawn_enforcer", spawn)
    services.breaks.start(services.breaks.plan(timedelta(minutes=95), platforms=["x"]))
    try:
        app = BreakwellApp(services, settings_of(services), offer_reflections=False)
        async with app.run_test() as pilot:
            await settle(pilot)
            assert app.role_text == Role.ENFORCING
            await pilot.press("q")
    finally:
        services.close()
    return app.farewell, lock_at_start


@pytest.mark.slow
async def test_quitting_the_app_hands_over_after_releasing_its_lock_and_says_so(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    farewell, lock_at_start = await _quit_with_a_break_running(monkeypatch, home, "1")
    # The lock was free when the background enforcer was started, so it can take it.
    assert lock_at_start == [None]
    assert farewell == "breakwell keeps break #1 in the background until 21:35."


@pytest.mark.slow
async def test_quitting_the_app_with_autostart_off_says_nothing_keeps_the_break(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    farewell, lock_at_start = await _quit_with_a_break_running(monkeypatch, home, "0")
    assert lock_at_start == []
    assert farewell is not None
    assert farewell.startswith("Nothing keeps break #1 now: ")


# Real processes ----------------------------------------------------------------------------


def _kill_enforcer(runtime: Path) -> None:
    with contextlib.suppress(RuleRefused):
        pid = running_enforcer(runtime)
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def fresh_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A home with its own hosts file, autostart on, and whatever enforcer a test's command
    started killed at the end, even when the test failed."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "hosts").write_bytes(HOSTS)
    (home / "config.toml").write_text(
        f'[blocking]\nhosts_file = "{home / "hosts"}"\n'
        "[notifications]\ndesktop = false\nbell = false\n"
    )
    monkeypatch.setenv("BREAKWELL_AUTOSTART", "1")
    try:
        yield home
    finally:
        _kill_enforcer(home / "run")


def _blocked(home: Path) -> bool:
    return "x.com" in hosts.blocked_domains((home / "hosts").read_bytes())


def _completed(home: Path) -> list[tuple[object, ...]]:
    return query(home, "SELECT break_id FROM events WHERE kind = 'break.completed'")


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _kept_to_the_end(home: Path) -> None:
    """The break completes once, the block goes, and the enforcer leaves by itself."""
    pid = wait_for(lambda: running_enforcer(home / "run"), 30, "an enforcer to keep the break")
    assert isinstance(pid, int)
    wait_for(lambda: _completed(home), 30, "the break to complete")
    wait_for(lambda: (home / "hosts").read_bytes() == HOSTS, 30, "the block to go")
    wait_for(lambda: running_enforcer(home / "run") is None, 30, "the enforcer to leave")
    log = home / "logs" / "daemon.log"
    wait_for(lambda: "nothing is left to enforce; stopped" in log.read_text(), 30, "its last word")
    wait_for(lambda: _gone(pid), 30, "the enforcer's process to end")
    assert _completed(home) == [(1,)]
    assert query(home, "SELECT status FROM breaks") == [("completed",)]


# Long enough that a loaded machine has the enforcer up before the end; nothing here asserts
# how soon anything happened.
LENGTH = "10s"


@pytest.mark.slow
def test_a_break_started_with_nothing_running_is_kept_and_the_enforcer_leaves(
    fresh_home: Path,
) -> None:
    assert running_enforcer(fresh_home / "run") is None
    started = breakwell(fresh_home, "start", LENGTH, "-p", "x", "--no-prompts")
    assert started.returncode == 0, started.stderr
    assert "in the background" in started.stderr
    wait_for(lambda: _blocked(fresh_home), 30, "the block")
    pid = running_enforcer(fresh_home / "run")
    assert pid, "the block is applied by an enforcer holding the lock"
    if sys.platform == "linux":
        # Detached: a session of its own, no terminal, nothing of the shell's kept open.
        assert os.getsid(pid) == pid
        assert Path(f"/proc/{pid}/fd/0").readlink() == Path(os.devnull)
        assert Path(f"/proc/{pid}/fd/1").readlink() == Path(os.devnull)
    _kept_to_the_end(fresh_home)
    assert query(fresh_home, "SELECT count(*) FROM events WHERE kind = 'enforcer.started'") == [
        (1,)
    ]


@pytest.mark.slow
async def test_a_break_running_when_the_app_quits_is_kept_in_the_background(
    fresh_home: Path,
) -> None:
    from breakwell.services import build_services
    from breakwell.tui.app import BreakwellApp
    from breakwell.tui.role import Role
    from tests.tui.helpers import settle

    services = build_services(load_settings())
    try:
        app = BreakwellApp(services, settings_of(services), offer_reflections=False)
        async with app.run_test() as pilot:
            await settle(pilot)
            assert app.role_text == Role.ENFORCING
            services.breaks.start(
                services.breaks.plan(timedelta(seconds=int(LENGTH[:-1])), platforms=["x"])
            )
            for _ in range(600):
                if _blocked(fresh_home):
                    break
                await pilot.pause(0.05)
            assert _blocked(fresh_home), "the app blocks while it is open"
            await pilot.press("q")
        assert app.farewell is not None
        assert app.farewell.startswith("breakwell keeps break #1 in the background until ")
        assert not _completed(fresh_home), "the break outlives the app"
        _kept_to_the_end(fresh_home)
    finally:
        services.close()


def test_an_import_that_brings_a_break_to_come_starts_one(
    run: Cli, starts: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("start", "1h", "--at", "23:00", "-p", "x", "--no-prompts").exit_code == 0
    exported = tmp_path / "journal.json"
    assert run("export", "-o", str(exported)).exit_code == 0
    monkeypatch.setenv("BREAKWELL_HOME", str(tmp_path / "other"))
    imported = run("import", str(exported))
    assert imported.exit_code == 0, imported.output
    assert "1 break" in imported.stdout
    assert starts == ["enforcer"] * 2
    again = run("import", str(exported))
    assert again.exit_code == 0
    assert starts == ["enforcer"] * 2  # nothing new, nothing to start
