import json
import sys
from pathlib import Path

import pytest

from breakwell.enforce import hosts
from tests.conftest import Cli


@pytest.fixture
def hosts_file(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "hosts"
    path.write_bytes(b"127.0.0.1 localhost\n")
    (home / "config.toml").write_text(f'[blocking]\nhosts_file = "{path}"\n')
    return path


def test_plan_add_list_pause_resume_remove(run: Cli) -> None:
    added = run(
        "plan", "add", "--every", "weeknight", "--from", "21:00", "--to", "07:00", "-p", "x"
    )
    assert added.exit_code == 0, added.stderr
    assert added.stdout.startswith("Added plan #1: weeknights at 21:00 for 10h.")
    assert "Its first break: today 21:00." in added.stdout
    assert "no enforcer is running" in added.stderr
    listed = json.loads(run("plan", "list", "--json").stdout)
    assert listed[0]["rule"] == "0 21 * * sun,mon,tue,wed,thu"
    assert listed[0]["next"][:2] == ["2026-11-23T21:00:00+00:00", "2026-11-24T21:00:00+00:00"]
    assert listed[0]["length_seconds"] == 36000
    assert run("plan", "pause", "1").stdout == "Plan #1 paused.\n"
    assert "(paused, gentle)" in run("plan", "list").stdout
    assert run("plan", "resume", "1").exit_code == 0
    assert run("plan", "remove", "1").stdout == "Plan #1 removed.\n"
    assert "No plans yet" in run("plan", "list").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--every", "sunday", "--at", "09:00"], "give --at TIME with --for LENGTH"),
        (["--cron", "0 9 * * 8", "--for", "1h"], "not a valid day-of-week"),
        (["--every", "day", "--at", "09:00", "--for", "1h", "-p", "nosuch"], "unknown platform"),
    ],
)
def test_bad_plans_are_refused_and_nothing_is_stored(
    run: Cli, args: list[str], message: str
) -> None:
    result = run("plan", "add", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert json.loads(run("plan", "list", "--json").stdout) == []


def test_unblock_needs_emergency_and_is_logged(run: Cli, hosts_file: Path) -> None:
    run("start", "1h", "-p", "x", "--no-prompts")
    hosts.set_blocked(hosts_file, ["x.com"])
    refused = run("unblock")
    assert refused.exit_code == 2
    assert "--emergency" in refused.stderr
    assert hosts.blocked_domains(hosts_file.read_bytes()) == ["x.com"]
    done = run("unblock", "--emergency")
    assert done.stdout == "Sites unblocked for break #1. Logged; the break itself goes on.\n"
    assert hosts_file.read_bytes() == b"127.0.0.1 localhost\n"
    logged = json.loads(run("events", "--json", "-k", "block").stdout)
    assert [(e["kind"], e["detail"], e["break_id"]) for e in logged] == [
        ("block.removed", "emergency", 1)
    ]


def test_blocking_status(run: Cli, hosts_file: Path) -> None:
    hosts.set_blocked(hosts_file, ["x.com"])
    data = json.loads(run("blocking", "status", "--json").stdout)
    assert data["hosts_file"] == str(hosts_file)
    assert data["blocked"] == ["x.com"]
    assert data["writable"] is True
    assert "can edit it directly" in run("blocking", "status").stdout


def test_daemon_status_without_an_enforcer(run: Cli) -> None:
    data = json.loads(run("daemon", "status", "--json").stdout)
    assert data["running"] is False
    assert data["pid"] is None
    assert "enforcer: not running" in run("daemon", "status").stdout


def test_daemon_install_writes_the_unit(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    ran: list[list[str]] = []

    def fake_run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        ran.append(command)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr("breakwell.enforce.service_files.subprocess.run", fake_run)
    if not sys.platform.startswith("linux"):
        pytest.fail("this test describes the Linux service")
    result = run("daemon", "install")
    assert result.exit_code == 0, result.stderr
    unit = tmp_path / "cfg" / "systemd" / "user" / "breakwell.service"
    assert unit.exists()
    assert ["systemctl", "--user", "enable", "--now", "breakwell.service"] in ran
    assert f"service: installed at {unit}" in run("daemon", "status").stdout
    assert run("daemon", "uninstall").stdout.strip().endswith(f"removed {unit}")


def test_a_block_left_behind_is_pointed_out(run: Cli, hosts_file: Path) -> None:
    hosts.set_blocked(hosts_file, ["x.com"])  # left by an enforcer that was killed
    result = run("status")
    assert "still blocks sites, but no break is running" in result.stderr
    run("start", "1h", "--no-prompts")
    assert "still blocks" not in run("status").stderr


def test_an_emergency_unblock_that_cannot_write_changes_nothing(
    run: Cli, hosts_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("start", "1h", "-p", "x", "--no-prompts")
    hosts.set_blocked(hosts_file, ["x.com"])

    def refuse(path: Path, domains: object) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(hosts, "set_blocked", refuse)
    result = run("unblock", "--emergency")
    assert result.exit_code == 1
    assert "sites stay blocked" in result.stderr
    assert result.stderr.count("\n") == 1
    assert json.loads(run("events", "--json", "-k", "block").stdout) == []
