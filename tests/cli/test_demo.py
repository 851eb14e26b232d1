"""`breakwell demo`: a sample journal in a home of its own, never the person's own."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from breakwell.services import build_services
from breakwell.settings import load_settings
from breakwell.settings.config import HOSTS_FILE_ENV
from tests.conftest import START, Cli


def test_fill_only_writes_a_journal_in_the_given_home(run: Cli, home: Path, tmp_path: Path) -> None:
    # The hosts file this test's home would block in otherwise (the machine's stands guarded).
    default_hosts = Path(os.environ[HOSTS_FILE_ENV])
    before = default_hosts.read_bytes()
    folder = tmp_path / "demo"
    result = run("demo", "--fill-only", "--home", str(folder))
    assert result.exit_code == 0, result.output
    assert str(folder) in result.stdout
    assert f"BREAKWELL_HOME={folder} breakwell" in result.stdout

    settings = load_settings({"BREAKWELL_HOME": str(folder)})
    assert settings.hosts_file == folder / "hosts"
    assert settings.hosts_file.is_file()
    assert settings.config.notifications.desktop is False
    assert settings.config.blocking.watch_apps is False
    services = build_services(settings, run.clock)
    status = services.breaks.status()
    services.close()
    assert status.active is not None
    assert status.active.starts_at < START < status.active.ends_at
    assert len(status.awaiting_reflection) == 1
    # Neither the person's own home nor the system's hosts file was touched.
    assert not home.exists()
    assert default_hosts.read_bytes() == before


def test_without_a_home_it_makes_a_throwaway_one(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = run("demo", "--fill-only", "--weeks", "4")
    assert result.exit_code == 0, result.output
    [made] = tmp_path.glob("breakwell-demo-*")
    assert (made / "breakwell.db").is_file()
    assert f"rm -r {made}" in result.stdout


def test_an_empty_home_is_accepted(run: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert run("demo", "--fill-only", "--home", str(folder)).exit_code == 0
    assert (folder / "config.toml").is_file()


def test_a_home_with_something_in_it_is_refused(run: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run("demo", "--fill-only", "--home", str(folder))
    assert result.exit_code == 2
    assert result.stderr.startswith("breakwell: ")
    assert result.stderr.count("\n") == 1
    assert "not empty" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_the_app_needs_a_terminal_and_nothing_is_written_without_one(
    run: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "never"
    result = run("demo", "--home", str(folder))
    assert result.exit_code == 2
    assert "--fill-only" in result.stderr
    assert not folder.exists()
