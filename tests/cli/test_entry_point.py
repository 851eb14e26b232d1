"""The installed entry point, run as a real process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from breakwell.enforce import hosts
from breakwell.settings.config import HOSTS_FILE_ENV
from tests.conftest import HOSTS


def status_with_a_library_warning(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # An unknown driver option makes SQLAlchemy warn; the person should see only the answer.
    return subprocess.run(
        [sys.executable, "-m", "breakwell", "status"],
        env={
            **os.environ,
            "BREAKWELL_HOME": str(home),
            "BREAKWELL_DATABASE_URL": f"sqlite:///{home / 'b.db'}?unknown_option=1",
            **env,
        },
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_library_warnings_never_reach_the_person(home: Path) -> None:
    result = status_with_a_library_warning(home)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "No break is running" in result.stdout


@pytest.mark.slow
def test_a_block_in_the_machines_hosts_file_changes_no_test(home: Path, tmp_path: Path) -> None:
    """A block the developer's own breakwell left in the machine's hosts file made the test
    above fail; each test's home now has its own file, and every process it starts uses it."""
    machine = tmp_path / "machine" / "hosts"
    machine.parent.mkdir()
    machine.write_bytes(hosts.with_block(HOSTS, ["x.com"]))
    as_before = status_with_a_library_warning(home, **{HOSTS_FILE_ENV: str(machine)})
    assert f"{machine} still blocks sites" in as_before.stderr
    kept = status_with_a_library_warning(home)
    assert kept.returncode == 0, kept.stderr
    assert kept.stderr == ""
    assert kept.stdout == as_before.stdout
    own = Path(os.environ[HOSTS_FILE_ENV])
    assert own.is_relative_to(tmp_path)
    assert own != machine
