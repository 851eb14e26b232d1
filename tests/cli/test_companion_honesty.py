"""While a watch break runs and no browser companion is connected, nothing refuses a post:
`status` and `doctor` say so plainly, and how to connect it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from breakwell.enforce.companions import hold_companion
from breakwell.enforce.lock import EnforcerLock
from breakwell.settings import load_settings
from tests.conftest import Cli

SAID = "Posting is not blocked: no browser companion is connected (breakwell browser install)."


@pytest.fixture
def companion(home: Path) -> Iterator[None]:
    held = hold_companion(load_settings().paths.runtime_dir, "firefox")
    assert held is not None
    yield
    held.release()


def watch(run: Cli, mode: str = "watch") -> int:
    result = run("start", "1h", "-p", "x", "--mode", mode, "--no-prompts", "--json")
    assert result.exit_code == 0, result.output
    break_id: int = json.loads(result.stdout)["id"]
    return break_id


def test_status_says_a_watch_break_without_a_companion_blocks_no_posting(run: Cli) -> None:
    break_id = watch(run)
    said = run("status").output
    assert SAID in said
    # A watch break blocks no sites, so it is not said that nothing blocks them.
    assert "or block sites" not in said
    data = json.loads(run("status", "--json").stdout)
    assert data["posting_open"] == [break_id]
    assert data["posting_blocked"] is False
    # Whether sites are blocked is asked of unplug breaks only.
    assert data["blocked"] is None


def test_with_a_companion_connected_it_is_not_said(run: Cli, companion: None) -> None:
    watch(run)
    assert "Posting is not blocked" not in run("status").output
    data = json.loads(run("status", "--json").stdout)
    assert data["posting_open"] == []
    assert data["posting_blocked"] is True


def test_an_unplug_break_has_no_posting_to_block(run: Cli) -> None:
    watch(run, mode="unplug")
    said = run("status").output
    assert "Posting is not blocked" not in said
    assert "or block sites" in said
    data = json.loads(run("status", "--json").stdout)
    assert data["posting_open"] == []
    assert data["posting_blocked"] is None
    assert data["blocked"] is not None


def doctor_says(run: Cli) -> tuple[int, dict[str, object]]:
    result = run("doctor", "--json")
    checks = {check["check"]: check for check in json.loads(result.stdout)}
    return result.exit_code, checks["companion"]


def test_doctor_fails_a_watch_break_without_a_companion(run: Cli) -> None:
    watch(run)
    code, check = doctor_says(run)
    assert code == 1
    assert check == {
        "check": "companion",
        "ok": False,
        "detail": "a watch break runs, but posting is not blocked: no browser companion is "
        "connected (breakwell browser install)",
    }


def test_doctor_names_the_browsers_connected(run: Cli, companion: None) -> None:
    watch(run)
    assert doctor_says(run)[1] == {
        "check": "companion",
        "ok": True,
        "detail": "connected in firefox",
    }


def test_doctor_says_how_to_connect_it_when_no_break_needs_it(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert doctor_says(run)[1] == {
        "check": "companion",
        "ok": True,
        "detail": "not installed; connect it with: breakwell browser install",
    }
    run("browser", "install", "--browser", "firefox")
    assert doctor_says(run)[1]["detail"] == "installed for Firefox; not connected now"


def test_the_enforcer_lock_is_no_companion(run: Cli, home: Path) -> None:
    lock = EnforcerLock(load_settings().paths.runtime_dir)
    assert lock.acquire()
    try:
        watch(run)
        assert SAID in run("status").output
    finally:
        lock.release()
