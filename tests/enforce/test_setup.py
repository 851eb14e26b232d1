"""Installing the enforcer service and the hosts helper, without touching the real system."""

import os
import pwd
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.enforce import helper_file, hosts, privilege, service_files


class Commands:
    def __init__(self, fail: str | None = None) -> None:
        self.ran: list[list[str]] = []
        self.fail = fail

    def __call__(self, command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        self.ran.append(command)
        code = 1 if self.fail and self.fail in command else 0
        return subprocess.CompletedProcess(command, code, "", "it broke" if code else "")


def test_systemd_unit_runs_the_daemon_with_the_right_journal(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "BREAKWELL_HOME": "/data/me", "UNRELATED": "x"}
    unit = service_files.service_file(env, "linux", "/opt/py/bin/python")
    assert unit.path == tmp_path / ".config" / "systemd" / "user" / "breakwell.service"
    text = unit.text.decode()
    assert "ExecStart=/opt/py/bin/python -m breakwell daemon run --wait" in text
    assert "Environment=BREAKWELL_HOME=/data/me" in text
    assert "UNRELATED" not in text
    commands = Commands()
    done = service_files.install(unit, commands).done
    assert unit.path.read_bytes() == unit.text
    assert unit.path.stat().st_mode & 0o777 == 0o600
    assert commands.ran == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "breakwell.service"],
    ]
    assert done[0].startswith("wrote the systemd user unit")
    assert service_files.uninstall(unit, commands).done[-1] == f"removed {unit.path}"
    assert not unit.path.exists()
    assert commands.ran[-2] == ["systemctl", "--user", "disable", "--now", "breakwell.service"]


def test_launchd_agent_on_macos(tmp_path: Path) -> None:
    import plistlib

    agent = service_files.service_file({"HOME": str(tmp_path)}, "darwin", "/usr/bin/python3")
    assert agent.path.name == "org.breakwell.enforcer.plist"
    data = plistlib.loads(agent.text)
    assert data["ProgramArguments"] == [
        "/usr/bin/python3",
        "-m",
        "breakwell",
        "daemon",
        "run",
        "--wait",
    ]
    assert data["KeepAlive"] is True
    assert agent.start[0][:2] == ("launchctl", "bootstrap")


def test_a_missing_or_failing_service_manager_is_reported(tmp_path: Path) -> None:
    unit = service_files.service_file({"HOME": str(tmp_path)}, "linux", "python")

    def missing(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(command[0])

    not_found = service_files.install(unit, missing)
    assert not not_found.ok
    assert "systemctl was not found" in not_found.done[-2]
    failing = service_files.install(unit, Commands(fail="enable"))
    assert not failing.ok
    assert failing.done[-2].startswith("`systemctl --user enable --now breakwell.service` failed")
    assert not unit.path.exists()  # a failed install is taken back
    assert service_files.install(unit, Commands()).ok
    kept = service_files.uninstall(unit, Commands(fail="disable"))
    assert (kept.ok, kept.done[-1]) == (False, f"kept {unit.path}")
    assert unit.path.exists()
    with pytest.raises(RuleRefused, match="not supported on win32"):
        service_files.service_file({"HOME": str(tmp_path)}, "win32", "python")


def an_account() -> str:
    """Some account on this machine other than root: a grant names only real ones."""
    return next(
        a.pw_name
        for a in pwd.getpwall()
        if a.pw_uid != 0 and re.fullmatch(r"[a-z_][a-z0-9_.-]*", a.pw_name)
    )


def test_grant_installs_a_self_contained_helper_and_a_checked_rule(tmp_path: Path) -> None:
    user = an_account()
    grant = privilege.Grant(
        helper_file.HELPER_PATH, privilege.SUDOERS_PATH, user, Path("/usr/bin/python3")
    )
    checks = Commands()
    done = privilege.install(grant, tmp_path, checks, visudo="/usr/sbin/visudo")
    helper = tmp_path / "usr/local/libexec/breakwell-hosts"
    rule = tmp_path / "etc/sudoers.d/breakwell"
    assert helper.read_text().startswith("#!/usr/bin/python3 -IS\n")
    assert helper.read_text().endswith(Path(hosts.__file__).read_text())
    assert helper.stat().st_mode & 0o777 == 0o755
    assert rule.read_text().endswith(
        f"\n{user} ALL=(root) NOPASSWD: /usr/local/libexec/breakwell-hosts\n"
    )
    assert rule.stat().st_mode & 0o777 == 0o440
    assert checks.ran[0][:2] == ["/usr/sbin/visudo", "-cf"]
    assert len(done) == 2
    # The helper runs on its own, with nothing but the standard library.
    target = tmp_path / "hosts"
    target.write_bytes(b"127.0.0.1 localhost\n")
    namespace: dict[str, Any] = {"__name__": "helper"}
    exec(compile(helper.read_text().split("\n", 1)[1], str(helper), "exec"), namespace)
    assert namespace["main"](["apply", "x.com"], target, tmp_path / "state") == 0
    assert hosts.blocked_domains(target.read_bytes()) == ["x.com"]
    assert privilege.uninstall(tmp_path) == [
        "removed /etc/sudoers.d/breakwell",
        "removed /usr/local/libexec/breakwell-hosts",
    ]


def test_a_rule_visudo_rejects_is_not_installed(tmp_path: Path) -> None:
    grant = privilege.Grant(
        helper_file.HELPER_PATH, privilege.SUDOERS_PATH, an_account(), Path("/p")
    )
    with pytest.raises(RuleRefused, match="did not validate"):
        privilege.install(grant, tmp_path, Commands(fail="-cf"), visudo="visudo")
    assert not (tmp_path / "etc/sudoers.d/breakwell").exists()
    assert not list((tmp_path / "etc/sudoers.d").iterdir())


def test_grant_needs_root_a_user_and_a_trusted_python(tmp_path: Path) -> None:
    untrusted = tmp_path / "python3"
    untrusted.write_text("")
    untrusted.chmod(0o777)
    with pytest.raises(InvalidInput, match="whose breaks"):
        privilege.plan_grant(None)
    if os.geteuid() != 0:
        with pytest.raises(RuleRefused, match="needs root"):
            privilege.plan_grant(an_account(), installation=[])
        return
    with pytest.raises(RuleRefused, match="not owned by root"):
        privilege.plan_grant(an_account(), untrusted, installation=[])


@pytest.mark.slow
def test_the_installed_helper_starts_as_an_executable(tmp_path: Path) -> None:
    """Run through its own first line, as sudo runs it (not imported, not exec'd)."""
    grant = privilege.Grant(
        helper_file.HELPER_PATH, privilege.SUDOERS_PATH, an_account(), Path(sys.executable)
    )
    privilege.install(grant, tmp_path, Commands(), visudo="visudo")
    helper = tmp_path / "usr/local/libexec/breakwell-hosts"
    # An unknown command makes the helper print its usage without touching any file.
    result = subprocess.run([str(helper), "status"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: breakwell-hosts")


def test_unit_values_are_quoted_for_systemd(tmp_path: Path) -> None:
    env = {
        "HOME": str(tmp_path),
        "BREAKWELL_HOME": "/data/my journal",
        "BREAKWELL_DATABASE_URL": "postgresql+psycopg://me:p%40ss@db/journal",
    }
    text = service_files.service_file(env, "linux", "/opt/my py/python").text.decode()
    # % starts a systemd specifier, so it is doubled; spaces are kept inside quotes.
    assert "Environment=BREAKWELL_DATABASE_URL=postgresql+psycopg://me:p%%40ss@db/journal" in text
    assert 'Environment="BREAKWELL_HOME=/data/my journal"' in text
    assert 'ExecStart="/opt/my py/python" -m breakwell daemon run --wait' in text
