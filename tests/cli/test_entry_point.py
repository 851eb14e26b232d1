"""The installed entry point, run as a real process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_library_warnings_never_reach_the_person(home: Path) -> None:
    # An unknown driver option makes SQLAlchemy warn; the person should see only the answer.
    env = {
        **os.environ,
        "BREAKWELL_HOME": str(home),
        "BREAKWELL_DATABASE_URL": f"sqlite:///{home / 'b.db'}?unknown_option=1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "breakwell", "status"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "No break is running" in result.stdout
