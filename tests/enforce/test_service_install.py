"""Starting the enforcer at login with whatever this machine has: a systemd user unit where the
user bus answers, an XDG autostart entry where it does not. No real systemctl runs and no real
user folder is touched: the runner and the folders are the test's own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from breakwell.enforce import service_files
from breakwell.enforce.service_files import AUTOSTART, SYSTEMD, Installed
from tests.conftest import Cli

PYTHON = "/opt/py/bin/python"
NO_BUS = "Failed to connect to bus: No medium found"


class Manager:
    """A stand-in for systemctl: answers, or fails like one with no user bus."""

    def __init__(
        self, *, bus: bool = True, fail: str | None = None, wants: Path | None = None
    ) -> None:
        self.bus, self.fail, self.wants = bus, fail, wants
        self.ran: list[list[str]] = []
        self.enabled = self.active = False

    def __call__(self, command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        self.ran.append(command)
        if not self.bus:
            return subprocess.CompletedProcess(command, 1, "", NO_BUS + "\n")
        if "enable" in command:
            # systemctl links the unit in before it fails to start it.
            if self.wants is not None:
                self.wants.parent.mkdir(parents=True, exist_ok=True)
                self.wants.symlink_to(self.wants.parent.parent / "breakwell.service")
            if self.fail == "enable":
                return subprocess.CompletedProcess(command, 1, "", "Job failed to start\n")
            self.enabled = self.active = True
        if "is-enabled" in command:
            word = "enabled" if self.enabled else "disabled"
            return subprocess.CompletedProcess(command, 0 if self.enabled else 1, word + "\n", "")
        if "is-active" in command:
            word = "active" if self.active else "inactive"
            return subprocess.CompletedProcess(command, 0 if self.active else 3, word + "\n", "")
        return subprocess.CompletedProcess(command, 0, "", "")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "HOME": str(tmp_path / "home-folder"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "BREAKWELL_HOME": "/data/my journal",
    }


def files_under(folder: Path) -> list[str]:
    """Every file in the test's config and home folders (the rest of tmp_path is not ours)."""
    found = []
    for mine in ("cfg", "home-folder"):
        found += [p for p in (folder / mine).rglob("*") if not p.is_dir()]
    return sorted(str(p.relative_to(folder)) for p in found)


def test_no_user_bus_falls_back_to_an_autostart_entry(tmp_path: Path, env: dict[str, str]) -> None:
    manager = Manager(bus=False)
    outcome = service_files.install_at_login(env, "linux", PYTHON, manager)
    assert outcome.ok, outcome.done
    assert outcome.done[0] == f"no systemd user bus answered ({NO_BUS}); using an {AUTOSTART}"
    entry = tmp_path / "cfg" / "autostart" / "breakwell.desktop"
    assert files_under(tmp_path) == ["cfg/autostart/breakwell.desktop"]
    text = entry.read_text()
    assert text.startswith("[Desktop Entry]\nType=Application\n")
    exec_line = (
        f'Exec=env "BREAKWELL_HOME=/data/my journal" {PYTHON} -m breakwell daemon run --wait'
    )
    assert exec_line in text.splitlines()
    assert entry.stat().st_mode & 0o777 == 0o600
    # Only the question was asked: nothing was enabled where no manager answers.
    assert manager.ran == [["systemctl", "--user", "show-environment"]]
    assert service_files.installed(env, "linux", PYTHON, manager) == [
        Installed(AUTOSTART, entry, True, None)
    ]
    removed = service_files.uninstall_all(env, "linux", PYTHON, manager)
    assert (removed.ok, removed.done) == (True, [f"removed {entry}"])
    assert files_under(tmp_path) == []


def test_no_systemctl_at_all_falls_back_too(tmp_path: Path, env: dict[str, str]) -> None:
    def missing(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(command[0])

    outcome = service_files.install_at_login(env, "linux", PYTHON, missing)
    assert outcome.ok
    assert "systemctl was not found" in outcome.done[0]
    assert files_under(tmp_path) == ["cfg/autostart/breakwell.desktop"]


def test_where_the_bus_answers_a_unit_is_enabled_and_an_old_entry_replaced(
    tmp_path: Path, env: dict[str, str]
) -> None:
    assert service_files.install_at_login(env, "linux", PYTHON, Manager(bus=False)).ok
    manager = Manager()
    outcome = service_files.install_at_login(env, "linux", PYTHON, manager)
    assert outcome.ok, outcome.done
    unit = tmp_path / "cfg" / "systemd" / "user" / "breakwell.service"
    assert files_under(tmp_path) == ["cfg/systemd/user/breakwell.service"]
    assert manager.ran[:3] == [
        ["systemctl", "--user", "show-environment"],
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "breakwell.service"],
    ]
    assert outcome.done[-1] == f"removed {tmp_path / 'cfg' / 'autostart' / 'breakwell.desktop'}"
    assert service_files.installed(env, "linux", PYTHON, manager) == [
        Installed(SYSTEMD, unit, True, True)
    ]


def test_a_unit_the_manager_refuses_is_taken_back(tmp_path: Path, env: dict[str, str]) -> None:
    wants = tmp_path / "cfg" / "systemd" / "user" / "default.target.wants" / "breakwell.service"
    manager = Manager(fail="enable", wants=wants)
    outcome = service_files.install_at_login(env, "linux", PYTHON, manager)
    assert not outcome.ok
    unit = wants.parent.parent / "breakwell.service"
    assert outcome.done[-2:] == [
        "`systemctl --user enable --now breakwell.service` failed: Job failed to start",
        f"removed {unit} again: nothing is installed",
    ]
    assert not wants.is_symlink()
    assert files_under(tmp_path) == []
    # The manager is told to forget the file it may have read.
    assert manager.ran[-1] == ["systemctl", "--user", "daemon-reload"]
    assert service_files.installed(env, "linux", PYTHON, manager) == []


def test_a_refused_reinstall_puts_the_earlier_unit_back(
    tmp_path: Path, env: dict[str, str]
) -> None:
    unit = tmp_path / "cfg" / "systemd" / "user" / "breakwell.service"
    unit.parent.mkdir(parents=True)
    unit.write_bytes(b"[Service]\nExecStart=/an/earlier/python\n")
    wants = unit.parent / "default.target.wants" / "breakwell.service"
    wants.parent.mkdir()
    wants.symlink_to(unit)
    outcome = service_files.install_at_login(env, "linux", PYTHON, Manager(fail="enable"))
    assert not outcome.ok
    assert outcome.done[-1] == f"put the earlier {unit} back"
    assert unit.read_bytes() == b"[Service]\nExecStart=/an/earlier/python\n"
    assert wants.is_symlink()


def test_an_entry_that_cannot_be_written_leaves_nothing(
    tmp_path: Path, env: dict[str, str]
) -> None:
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "autostart").write_text("a file where the folder should be\n")
    outcome = service_files.install_at_login(env, "linux", PYTHON, Manager(bus=False))
    assert not outcome.ok
    assert outcome.done[-1].startswith(f"could not write the {AUTOSTART} ")
    assert files_under(tmp_path) == ["cfg/autostart"]


def test_an_entry_switched_off_in_the_session_is_reported_so(
    tmp_path: Path, env: dict[str, str]
) -> None:
    assert service_files.install_at_login(env, "linux", PYTHON, Manager(bus=False)).ok
    entry = tmp_path / "cfg" / "autostart" / "breakwell.desktop"
    entry.write_text(entry.read_text().replace("Autostart-enabled=true", "Autostart-enabled=false"))
    assert [i.enabled for i in service_files.installed(env, "linux", PYTHON, Manager())] == [False]


def test_exec_words_are_quoted_for_the_desktop_entry(env: dict[str, str]) -> None:
    env["BREAKWELL_HOME"] = "/data/a\\b 100%"
    text = service_files.autostart_entry(env, "/opt/my py/python").text.decode()
    # Quoted for Exec (\\ inside quotes, %% for a literal %), then escaped as a string value,
    # which doubles each backslash once more.
    expected = (
        'Exec=env "BREAKWELL_HOME=/data/a\\\\\\\\b 100%%" "/opt/my py/python" -m breakwell daemon'
        " run --wait"
    )
    assert expected in text.splitlines()


def test_daemon_commands_without_a_user_bus(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.fail("this test describes the Linux fallback")
    monkeypatch.setenv("HOME", str(tmp_path / "home-folder"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    manager = Manager(bus=False)
    monkeypatch.setattr("breakwell.enforce.service_files.subprocess.run", manager)
    done = run("daemon", "install")
    assert done.exit_code == 0, done.output
    entry = tmp_path / "cfg" / "autostart" / "breakwell.desktop"
    assert f"wrote the {AUTOSTART} {entry}" in done.stdout
    assert sys.executable in entry.read_text()
    status = run("daemon", "status").stdout.splitlines()
    assert status == [
        "enforcer: not running",
        f"service: installed at {entry} ({AUTOSTART}; enabled)",
    ]
    data = json.loads(run("daemon", "status", "--json").stdout)
    assert data["installed"] == str(entry)
    assert data["services"] == [
        {"kind": AUTOSTART, "path": str(entry), "enabled": True, "running": None}
    ]
    assert run("daemon", "uninstall").stdout == f"removed {entry}\n"
    assert run("daemon", "status").stdout.splitlines()[1].startswith("service: not installed")


def test_status_names_the_unit_and_what_its_manager_says(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    manager = Manager()
    monkeypatch.setattr("breakwell.enforce.service_files.subprocess.run", manager)
    assert run("daemon", "install").exit_code == 0
    unit = tmp_path / "cfg" / "systemd" / "user" / "breakwell.service"
    line = run("daemon", "status").stdout.splitlines()[1]
    assert line == f"service: installed at {unit} ({SYSTEMD}; enabled; running)"
    manager.bus = False  # the same unit seen from a shell with no user bus
    line = run("daemon", "status").stdout.splitlines()[1]
    assert line == (
        f"service: installed at {unit} ({SYSTEMD}; enabled: unknown, its manager did not answer)"
    )
    failed = run("daemon", "uninstall")
    assert failed.exit_code == 1
    assert failed.stdout.splitlines()[-1] == f"kept {unit}"
