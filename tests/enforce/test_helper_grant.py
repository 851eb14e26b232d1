"""The grant writes a sudoers rule that names one real account and exactly the helper, checked
by the real visudo, and never runs code a user could have changed as root."""

import hashlib
import os
import pwd
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.enforce import helper_file, privilege

INJECTIONS = [
    "alice ALL=(ALL) NOPASSWD: ALL #",
    "alice,bob",
    "alice\nbob ALL=(ALL) ALL",
    "ALL",
    "%sudo",
    "#0",
    "alice:x",
    "alice=1",
    "+netgroup",
    "Alice",
    "-rf",
    "",
]


def an_account() -> str:
    """Some account on this machine other than root: a grant names only real ones."""
    return next(
        a.pw_name
        for a in pwd.getpwall()
        if a.pw_uid != 0 and re.fullmatch(r"[a-z_][a-z0-9_.-]*", a.pw_name)
    )


def visudo_check(visudo: str, rule: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([visudo, "-cf", str(rule)], capture_output=True, text=True, check=False)


def program(name: str) -> str:
    """A system program these tests need: skipped without it, except in CI, which must run them."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        reason = f"{name} is not installed (Debian: apt-get install sudo)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the sudoers tests: {reason}")
        pytest.skip(reason)
    return found


def grant_for(user: str) -> privilege.Grant:
    return privilege.Grant(
        helper_file.HELPER_PATH, privilege.SUDOERS_PATH, user, Path("/usr/bin/python3")
    )


@pytest.mark.parametrize("user", INJECTIONS)
def test_only_an_account_name_reaches_sudoers(user: str, tmp_path: Path) -> None:
    visudo = program("visudo")
    root = tmp_path / "root"
    root.mkdir()
    with pytest.raises(InvalidInput):
        privilege.install(grant_for(user), root, visudo=visudo)
    with pytest.raises(InvalidInput):
        privilege.plan_grant(user, installation=[])
    assert [p for p in root.rglob("*") if p.is_file()] == []


def test_an_account_that_does_not_exist_or_root_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no account named 'nosuchperson'"):
        privilege.check_account("nosuchperson")
    with pytest.raises(InvalidInput, match="root needs no grant"):
        privilege.check_account("root")


def test_the_rule_names_one_account_and_exactly_the_helper_and_visudo_accepts_it(
    tmp_path: Path,
) -> None:
    visudo = program("visudo")
    user = an_account()
    privilege.install(grant_for(user), tmp_path, visudo=visudo)
    rule = tmp_path / "etc/sudoers.d/breakwell"
    checked = visudo_check(visudo, rule)
    assert checked.returncode == 0, checked.stderr
    lines = [line for line in rule.read_text().splitlines() if not line.startswith("#")]
    assert lines == [f"{user} ALL=(root) NOPASSWD: /usr/local/libexec/breakwell-hosts"]
    assert "checks its own arguments" in rule.read_text()


def test_the_injection_would_have_passed_visudo(tmp_path: Path) -> None:
    """Why the name is checked before visudo: visudo alone accepts the full-root rule."""
    visudo = program("visudo")
    rule = tmp_path / "rule"
    rule.write_text(f"{INJECTIONS[0]} ALL=(root) NOPASSWD: {helper_file.HELPER_PATH}\n")
    rule.chmod(0o440)
    assert visudo_check(visudo, rule).returncode == 0


def test_a_grant_from_an_installation_others_can_change_is_refused(tmp_path: Path) -> None:
    writable = tmp_path / "venv" / "lib" / "breakwell"
    writable.mkdir(parents=True)
    writable.chmod(0o777)
    with pytest.raises(RuleRefused, match=r"someone other than root can change it.*--print"):
        privilege.plan_grant(an_account(), installation=[writable])
    # A home folder's own install: owned by its user, not root.
    owned = tmp_path / "home-install"
    owned.mkdir(mode=0o755)
    if os.geteuid() == 0:
        account = pwd.getpwnam(an_account())
        os.chown(owned, account.pw_uid, account.pw_gid)
    with pytest.raises(RuleRefused, match="refusing to run as root from"):
        privilege.plan_grant(an_account(), installation=[owned])


def test_prepare_writes_one_stdlib_file_and_the_root_commands_to_install_it(
    tmp_path: Path,
) -> None:
    visudo = program("visudo")
    user = an_account()
    ready = privilege.prepare(user, folder=tmp_path)
    source = ready.helper_file.read_bytes()
    assert source.decode() == privilege.helper_source(Path("/usr/bin/python3").resolve())
    assert hashlib.sha256(source).hexdigest() == ready.digest
    imports = re.findall(rb"^(?:import|from) (\S+)", source, re.MULTILINE)
    assert imports and not [name for name in imports if name.startswith(b"breakwell")]
    assert ready.commands == [
        f"sudo install -o root -g root -m 0755 {ready.helper_file} "
        "/usr/local/libexec/breakwell-hosts",
        f"echo '{ready.digest}  /usr/local/libexec/breakwell-hosts' | sha256sum -c",
        f"sudo install -o root -g root -m 0440 {ready.rule_file} /etc/sudoers.d/breakwell.new",
        "sudo visudo -cf /etc/sudoers.d/breakwell.new && "
        "sudo mv /etc/sudoers.d/breakwell.new /etc/sudoers.d/breakwell",
    ]
    assert visudo_check(visudo, ready.rule_file).returncode == 0
    assert ready.rule_file.read_text() == grant_for(user).rule
    with pytest.raises(InvalidInput):
        privilege.prepare(INJECTIONS[0], folder=tmp_path / "other")
    assert not (tmp_path / "other").exists()
