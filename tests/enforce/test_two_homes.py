"""Two journals on one machine share one hosts file without fighting over it: what one home
does (an emergency unblock, a stop, a status) never lifts or disowns the other home's block."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from click.testing import CliRunner, Result

from breakwell.cli.context import CliContext
from breakwell.cli.main import cli
from breakwell.domain.clock import FakeClock
from breakwell.enforce import hosts
from breakwell.enforce.build import build_engine
from breakwell.enforce.engine import JOB_DEFAULTS, Engine
from breakwell.enforce.lock import EnforcerLock
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from tests.enforce.conftest import HOSTS
from tests.enforce.test_every_running_break import running
from tests.journal import settings_of


@pytest.fixture(autouse=True)
def _each_backend() -> str:
    """SQLite only: two journals here are two files; on one PostgreSQL database the two homes
    would be one journal (and rightly share their block)."""
    return "sqlite"


class Home:
    """One BREAKWELL_HOME, its CLI, and (once started) its enforcer, all on one fake clock."""

    def __init__(self, folder: Path, hosts_file: Path, clock: FakeClock) -> None:
        folder.mkdir(parents=True)
        (folder / "config.toml").write_text(
            f'device_name = "laptop"\n[blocking]\nhosts_file = "{hosts_file}"\n'
            "watch_apps = false\n[notifications]\ndesktop = false\n"
        )
        self.env = {**os.environ, "BREAKWELL_HOME": str(folder)}
        self.clock = clock
        self.settings = load_settings(self.env)
        self.services: Services = build_services(self.settings, clock)
        self.engine: Engine | None = None
        self._lock: EnforcerLock | None = None
        self._scheduler: BackgroundScheduler | None = None

    def __call__(self, *args: str) -> Result:
        context = CliContext(env=self.env, clock=self.clock)
        return CliRunner().invoke(cli, list(args), obj=context, catch_exceptions=False)

    def enforce(self) -> Engine:
        """As `daemon run` does: this home's enforcer lock, then an engine from settings."""
        self._lock = EnforcerLock(self.settings.paths.runtime_dir)
        assert self._lock.acquire(patience=0)
        self._scheduler = BackgroundScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
        self._scheduler.start(paused=True)
        self.engine = build_engine(self.services, settings_of(self.services), self._scheduler)
        self.engine.prepare()
        return self.engine

    def stop_enforcing(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        self.stop_enforcing()
        self.services.close()

    def events(self, prefix: str) -> list[tuple[str, str, int | None]]:
        found = json.loads(self("events", "--json", "-k", prefix).stdout)
        return [(e["kind"], e["detail"], e["break_id"]) for e in found]


@pytest.fixture
def hosts_file(tmp_path: Path) -> Path:
    path = tmp_path / "shared-hosts"
    path.write_bytes(HOSTS)
    return path


@pytest.fixture
def homes(tmp_path: Path, hosts_file: Path, clock: FakeClock) -> Iterator[tuple[Home, Home]]:
    first = Home(tmp_path / "home-a", hosts_file, clock)
    second = Home(tmp_path / "home-b", hosts_file, clock)
    yield first, second
    first.close()
    second.close()


def blocked(hosts_file: Path) -> list[str]:
    return hosts.blocked_domains(hosts_file.read_bytes())


def a_blocks_x(a: Home, hosts_file: Path) -> None:
    running(a.services, "x")
    a.enforce()
    assert "x.com" in blocked(hosts_file)


def test_an_emergency_unblock_in_one_home_leaves_the_other_homes_block(
    homes: tuple[Home, Home], hosts_file: Path
) -> None:
    a, b = homes
    a_blocks_x(a, hosts_file)
    running(b.services, "reddit")
    result = b("unblock", "--emergency")
    assert result.exit_code == 0, result.output
    assert "another breakwell journal's and stays" in result.stdout
    assert "x.com" in blocked(hosts_file)
    # B's own break is still never blocked again: its exit is logged in its journal only.
    assert b.events("block.removed") == [("block.removed", "emergency", 1)]
    assert a.events("block.removed") == []
    assert a.engine is not None
    a.engine.watch()
    assert "x.com" in blocked(hosts_file)


def test_with_nothing_of_its_own_running_a_home_refuses_to_lift_anothers_block(
    homes: tuple[Home, Home], hosts_file: Path
) -> None:
    a, b = homes
    a_blocks_x(a, hosts_file)
    before = hosts_file.read_bytes()
    result = b("unblock", "--emergency")
    assert result.exit_code == 1
    assert "is another breakwell journal's" in result.stderr
    assert result.stderr.count("\n") == 1
    assert hosts_file.read_bytes() == before
    assert b.events("block") == []


def test_another_homes_block_left_by_a_stopped_enforcer_is_still_not_ours(
    homes: tuple[Home, Home], hosts_file: Path
) -> None:
    a, b = homes
    a_blocks_x(a, hosts_file)
    a.stop_enforcing()  # the block stays while A's break runs; nothing holds the file now
    assert "x.com" in blocked(hosts_file)
    assert b("unblock", "--emergency").exit_code == 1
    running(b.services, "reddit")
    assert b("unblock", "--emergency").exit_code == 0
    assert "x.com" in blocked(hosts_file)
    # B does not call A's block left behind; A, with nothing enforcing its break, is told.
    assert "still blocks sites" not in b("status").stderr
    assert "x.com" in blocked(hosts_file)


def test_a_stop_in_one_home_leaves_the_other_homes_block_and_says_nothing_of_it(
    homes: tuple[Home, Home], hosts_file: Path
) -> None:
    a, b = homes
    a_blocks_x(a, hosts_file)
    b("start", "1h", "-p", "reddit", "--no-prompts")
    stopped = b("stop")
    assert stopped.exit_code == 0, stopped.output
    assert "still blocks sites" not in stopped.stderr
    assert "unblock" not in stopped.stderr
    assert "x.com" in blocked(hosts_file)


def test_status_in_one_home_does_not_call_the_other_homes_block_stale(
    homes: tuple[Home, Home], hosts_file: Path
) -> None:
    a, b = homes
    a_blocks_x(a, hosts_file)
    result = b("status")
    assert result.exit_code == 0
    assert "still blocks sites" not in result.stderr
    assert json.loads(b("status", "--json").stdout)["block_left"] is None
    # The same block, left by a stopped enforcer, is A's to hear about, not B's.
    a.stop_enforcing()
    assert "still blocks sites" not in b("status").stderr
    a.services.breaks.stop(None, 1)
    assert "still blocks sites" in a("status").stderr


def test_a_homes_own_emergency_unblock_is_lifted_by_its_enforcer(
    homes: tuple[Home, Home], hosts_file: Path
) -> None:
    a, _ = homes
    a_blocks_x(a, hosts_file)
    result = a("unblock", "--emergency")
    assert result.exit_code == 0, result.output
    assert "the enforcer lifts the block at its next check" in result.stdout
    assert a.engine is not None
    a.engine.watch()
    assert blocked(hosts_file) == []
