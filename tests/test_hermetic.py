"""The suite keeps off this machine: no test reads its hosts file, every home has its own, and
no enforcer a test started outlives it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from breakwell.enforce import hosts
from breakwell.settings import load_settings
from tests import daemons
from tests.conftest import HOSTS
from tests.hosts_guard import GUARD, SYSTEM_HOSTS


def test_reading_the_machines_hosts_file_fails_the_test() -> None:
    with pytest.raises(AssertionError, match="holds this machine's state"):
        SYSTEM_HOSTS.read_bytes()
    with pytest.raises(AssertionError):
        os.open("/etc/../etc/hosts", os.O_RDONLY)
    assert len(GUARD.forget()) == 2


def test_a_read_whose_error_was_swallowed_is_still_counted() -> None:
    # Code under test that catches every error (the CLI's last resort does) must not hide it.
    with contextlib.suppress(Exception):
        hosts.read_blocked(SYSTEM_HOSTS)
    assert GUARD.forget() == [str(SYSTEM_HOSTS)]


def test_every_home_has_its_own_clean_hosts_file(tmp_path: Path) -> None:
    own = load_settings().hosts_file
    assert own.is_relative_to(tmp_path)
    assert own.read_bytes() == HOSTS


def test_a_home_that_names_a_hosts_file_keeps_it(home: Path, tmp_path: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_text(f'[blocking]\nhosts_file = "{tmp_path / "named"}"\n')
    assert load_settings().hosts_file == tmp_path / "named"


def sleeper(argv_tail: list[str], home: Path) -> subprocess.Popen[str]:
    """A process that looks like breakwell to the checks, and takes a minute to end."""
    process = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)", *argv_tail],
        env={**os.environ, "BREAKWELL_HOME": str(home)},
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        text=True,
    )
    # Until it has started the program, the child still shows this process's command line.
    daemons.wait_for(lambda: process.pid in _named_breakwell(), 30, "the child to start")
    return process


def _named_breakwell() -> set[int]:
    return {
        p.pid for p in psutil.process_iter(["cmdline"]) if "breakwell" in (p.info["cmdline"] or [])
    }


def test_an_enforcer_left_running_by_a_test_is_found_and_killed(tmp_path: Path) -> None:
    left = daemons.track(sleeper(["breakwell"], tmp_path / "home"))
    assert daemons.still_running() == [left.pid]
    assert left.returncode is not None
    assert daemons.still_running() == []


@pytest.mark.skipif(sys.platform != "linux", reason="reads other processes' environment")
def test_an_untracked_breakwell_process_in_a_test_home_is_found_and_killed(
    tmp_path: Path,
) -> None:
    ours = sleeper(["breakwell"], tmp_path / "tests" / "home")
    elsewhere = sleeper(["breakwell"], tmp_path / "elsewhere")
    try:
        found = daemons.strays(tmp_path / "tests")
        assert len(found) == 1
        assert f"pid {ours.pid} " in found[0]
        assert ours.wait(timeout=30) != 0
        assert elsewhere.poll() is None
    finally:
        for process in (ours, elsewhere):
            process.kill()
            process.wait(timeout=30)
