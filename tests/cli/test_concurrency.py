"""Several processes starting at once on the same fresh home: one migration, one break."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from breakwell.store.revision import HEAD_REVISION


def spawn(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "breakwell", *args],
        env={**os.environ, "BREAKWELL_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(2))
def test_two_starts_at_once_make_exactly_one_break(tmp_path: Path, round_: int) -> None:
    home = tmp_path / f"home{round_}"
    processes = [spawn(home, "start", "30m", "-p", "x", "--no-prompts") for _ in range(2)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    refused = next(err for code, _, err in results if code == 1)
    assert "already running" in refused
    assert "Traceback" not in refused
    with sqlite3.connect(home / "breakwell.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
        assert db.execute("SELECT status FROM breaks").fetchall() == [("active",)]


@pytest.mark.slow
def test_many_processes_migrating_a_fresh_home_all_succeed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    processes = [spawn(home, "status", "--json") for _ in range(4)]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert json.loads(out)["break"] is None
