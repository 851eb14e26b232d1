"""Without a PostgreSQL server the PostgreSQL tests are skipped with the reason shown, except
in CI, where they fail: the suite can never pass there without having run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_server import BINDIR_ENV

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parent.parent
ONE_TEST = "tests/store/test_fulltext.py::test_index_follows_inserts_updates_and_deletes"


def run_without_server(tmp_path: Path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment[BINDIR_ENV] = str(tmp_path)  # a folder with no server programs
    if ci:
        environment["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs", ONE_TEST],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_locally_they_are_skipped_with_the_reason(tmp_path: Path) -> None:
    result = run_without_server(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout
    assert "PostgreSQL tests skipped" in result.stdout and "holds no pg_ctl" in result.stdout


def test_in_ci_they_fail(tmp_path: Path) -> None:
    result = run_without_server(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout
    assert "CI must run the PostgreSQL tests" in result.stdout
