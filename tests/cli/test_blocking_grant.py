"""`blocking grant` and `blocking status` through the real CLI, never touching /etc."""

import hashlib
import json
import tempfile
from pathlib import Path

import pytest

from breakwell.enforce import helper_file, hosts, privilege
from tests.conftest import Cli
from tests.enforce.test_helper_grant import INJECTIONS, an_account, program, visudo_check


@pytest.fixture
def no_system_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Whatever a grant would install lands under a temporary root, never the real one."""
    root = tmp_path / "root"
    real_install = privilege.install

    def install(grant: privilege.Grant, *_: object, **__: object) -> list[str]:
        return real_install(grant, root, visudo=program("visudo"))

    monkeypatch.setattr(privilege, "install", install)
    return root


def test_a_user_value_that_is_not_an_account_is_refused_in_one_line(
    run: Cli, no_system_writes: Path
) -> None:
    for user in INJECTIONS[:3]:
        result = run("blocking", "grant", "--user", user)
        assert result.exit_code != 0
        assert result.stderr.startswith("breakwell: ")
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.output
    assert not no_system_writes.exists()


def test_a_grant_from_a_user_writable_install_points_to_print(
    run: Cli, no_system_writes: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    writable = tmp_path / "pipx-venv"
    writable.mkdir()
    writable.chmod(0o777)
    monkeypatch.setattr(privilege, "_installation", lambda: [writable])
    result = run("blocking", "grant", "--user", an_account())
    assert result.exit_code != 0
    assert "someone other than root can change it" in result.stderr
    assert "breakwell blocking grant --print" in result.stderr
    assert not no_system_writes.exists()


def test_grant_print_writes_the_helper_and_the_commands_to_review(
    run: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    visudo = program("visudo")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    user = an_account()
    result = run("blocking", "grant", "--print", "--user", user)
    assert result.exit_code == 0, result.stderr
    (folder,) = tmp_path.glob("breakwell-grant-*")
    helper = folder / "breakwell-hosts"
    digest = hashlib.sha256(helper.read_bytes()).hexdigest()
    assert f"sha256: {digest}" in result.stdout
    assert (
        f"  sudo install -o root -g root -m 0755 {helper} /usr/local/libexec/breakwell-hosts\n"
        in result.stdout
    )
    assert "  sudo visudo -cf /etc/sudoers.d/breakwell.new && " in result.stdout
    assert visudo_check(visudo, folder / "breakwell-sudoers").returncode == 0
    assert helper_file.GRANT_COMMAND == "breakwell blocking grant --print"


def test_status_reports_breakwell_lines_left_outside_a_block(run: Cli, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "hosts"
    path.write_bytes(b"127.0.0.1 localhost\n" + hosts.BEGIN + b"\n0.0.0.0 x.com\n:: x.com\n")
    (home / "config.toml").write_text(f'[blocking]\nhosts_file = "{path}"\n')
    data = json.loads(run("blocking", "status", "--json").stdout)
    assert data["blocked"] == []
    assert data["orphaned_lines"] == [hosts.BEGIN.decode(), "0.0.0.0 x.com", ":: x.com"]
    shown = run("blocking", "status").stdout
    assert "blocked now: nothing\n" in shown
    assert "left behind: 3 breakwell lines outside a whole block" in shown


def test_revoke_from_a_user_writable_install_says_what_to_run_instead(
    run: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    writable = tmp_path / "venv"
    writable.mkdir()
    writable.chmod(0o777)
    monkeypatch.setattr(privilege, "_installation", lambda: [writable])
    monkeypatch.setattr(privilege, "uninstall", lambda *_: pytest.fail("ran as root"))
    result = run("blocking", "revoke")
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert privilege.REVOKE_COMMAND in result.stderr
    assert privilege.REVOKE_COMMAND == (
        "sudo rm -f /etc/sudoers.d/breakwell /usr/local/libexec/breakwell-hosts"
    )
