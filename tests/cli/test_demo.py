"""`breakwell demo`: a sample journal in a home of its own, never the person's own."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from breakwell.cli.commands import demo as demo_command
from breakwell.domain.errors import InvalidInput
from breakwell.services import Services, build_services
from breakwell.settings import Settings, load_settings
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


# What happens to the folder afterwards ------------------------------------------------------


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the demo makes its temporary folder in these tests."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


class FakeApp:
    """Stands in for the app on a terminal: notes the journal it was given, then ends as told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, ending: BaseException | None) -> None:
        self.homes: list[Path] = []
        self.ending = ending
        monkeypatch.setattr(demo_command, "on_terminal", lambda: True)
        monkeypatch.setattr("breakwell.tui.run_app", self.run)

    def run(self, services: Services, settings: Settings) -> None:
        assert services.breaks.status().active is not None
        self.homes.append(settings.paths.data_dir)
        if self.ending is not None:
            raise self.ending


def test_a_temporary_folder_is_removed_when_the_app_closes(
    run: Cli, temporary: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = FakeApp(monkeypatch, None)
    result = run("demo", "--weeks", "4")
    assert result.exit_code == 0, result.output
    [used] = app.homes
    assert used.parent == temporary
    assert list(temporary.iterdir()) == []
    assert f"Removed the sample journal in {used}" in result.stdout
    assert "rm -r" not in result.stdout
    # The person's own settings are back.
    assert os.environ["BREAKWELL_HOME"] == str(home)


@pytest.mark.parametrize(
    ("ending", "code", "said"),
    [
        (InvalidInput("the app could not start"), 2, "breakwell: the app could not start"),
        (KeyboardInterrupt(), 130, "breakwell: interrupted"),
        (RuntimeError("a bug"), 70, "breakwell: unexpected error: a bug"),
    ],
)
def test_a_temporary_folder_is_removed_when_the_app_fails_or_is_interrupted(
    run: Cli,
    temporary: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    ending: BaseException,
    code: int,
    said: str,
) -> None:
    app = FakeApp(monkeypatch, ending)
    result = run("demo", "--weeks", "4")
    assert result.exit_code == code
    assert result.stderr.strip().startswith(said)
    assert len(app.homes) == 1
    assert list(temporary.iterdir()) == []
    if code == 70:
        # The details went to the person's own log, not into the folder just removed.
        assert str(home / "logs") in result.stderr


def test_an_interrupted_fill_removes_its_temporary_folder(
    run: Cli, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        assert len(list(temporary.glob("breakwell-demo-*/config.toml"))) == 1
        raise KeyboardInterrupt

    monkeypatch.setattr("breakwell.demo.fill_demo", interrupted)
    result = run("demo", "--fill-only")
    assert result.exit_code == 130
    assert list(temporary.iterdir()) == []


def test_a_stop_request_during_the_fill_removes_its_temporary_folder(temporary: Path) -> None:
    """SIGTERM, as `kill` sends, in a process of its own, as it would arrive."""
    script = (
        "import os, signal, breakwell.demo\n"
        "from breakwell.cli.main import run\n"
        "def stopped(*args, **kwargs):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    raise AssertionError('still running after SIGTERM')\n"
        "breakwell.demo.fill_demo = stopped\n"
        "run()\n"
    )
    env = {**os.environ, "TMPDIR": str(temporary)}
    done = subprocess.run(
        [sys.executable, "-c", script, "demo", "--fill-only"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "breakwell: interrupted"
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("ending", [None, KeyboardInterrupt(), RuntimeError("a bug")])
def test_a_folder_the_person_gave_is_never_removed(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: BaseException | None
) -> None:
    FakeApp(monkeypatch, ending)
    folder = tmp_path / "mine"
    result = run("demo", "--weeks", "4", "--home", str(folder))
    assert (folder / "breakwell.db").is_file()
    if ending is None:
        assert result.exit_code == 0, result.output
        assert f"Delete it when you are done: rm -r {folder}" in result.stdout


def test_fill_only_keeps_its_temporary_folder_to_be_opened(run: Cli, temporary: Path) -> None:
    result = run("demo", "--fill-only", "--weeks", "4")
    assert result.exit_code == 0, result.output
    [made] = temporary.iterdir()
    assert f"BREAKWELL_HOME={made} breakwell" in result.stdout
    assert (made / "breakwell.db").is_file()
