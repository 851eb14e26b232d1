"""Granting breakwell the one privilege it needs: editing the system hosts file.

What runs as root is one file: a copy of the stdlib-only hosts module (hosts.py), installed
root-owned as the helper, started by the system's own Python. A sudoers rule lets one person
run exactly that helper without a password. The rule cannot limit the helper's arguments
usefully, so the helper checks them itself: it trusts nothing it is given, only edits
/etc/hosts, refuses to lift or shrink a block it was asked to hold until a locked break ends,
and logs every action.

The safe way in is `breakwell blocking grant --print`, run as yourself: it writes that one
file and prints the root commands to review and run. `sudo breakwell blocking grant` does the
same directly, but only from an installation that no one but root can change: otherwise sudo
would be running code a user could have edited.
"""

from __future__ import annotations

import os
import pwd
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.domain.values import frozen
from breakwell.enforce.helper_file import GRANT_COMMAND, HELPER_PATH

SUDOERS_PATH = Path("/etc/sudoers.d/breakwell")
SYSTEM_PYTHON = Path("/usr/bin/python3")
# An account name and nothing else: sudoers reads spaces, '=', ',', ':', '#', '!', '%', '+'
# and upper-case words (aliases, ALL) as syntax.
_ACCOUNT = re.compile(r"[a-z_][a-z0-9_.-]{0,31}")

if TYPE_CHECKING:
    import subprocess

Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def _trusted(path: Path) -> bool:
    """Root-owned and writable by nobody else, along with every folder above it."""
    for part in (path, *path.parents):
        info = part.stat()
        if info.st_uid != 0 or info.st_mode & 0o022:
            return False
    return True


def check_account(user: str) -> str:
    """An existing account's plain name, other than root; InvalidInput otherwise."""
    if not _ACCOUNT.fullmatch(user):
        raise InvalidInput(f"{user!r} is not an account name (lower-case letters, digits, _ . -)")
    try:
        account = pwd.getpwnam(user)
    except KeyError:
        raise InvalidInput(f"there is no account named {user!r}") from None
    if account.pw_uid == 0:
        raise InvalidInput("root needs no grant; name the person whose breaks block sites")
    return user


@frozen
class Grant:
    helper: Path
    sudoers: Path
    user: str
    python: Path

    @property
    def rule(self) -> str:
        return (
            "# breakwell: the hosts helper checks its own arguments (see its source)\n"
            f"{self.user} ALL=(root) NOPASSWD: {self.helper}\n"
        )


def helper_source(python: Path) -> str:
    """The helper, exactly as installed: the hosts module under the system Python."""
    from breakwell.enforce import hosts

    # One combined flag: Linux hands everything after the interpreter to it as one argument.
    return f"#!{python} -IS\n" + Path(hosts.__file__).read_text(encoding="utf-8")


def _system_python(python: Path) -> Path:
    real = python.resolve()
    if not real.exists() or not _trusted(real):
        raise RuleRefused(
            f"{python} is missing or not owned by root; the helper needs a system Python 3"
        )
    return real


def _installation() -> list[Path]:
    """What a grant run as root would be running: this breakwell and its interpreter."""
    import breakwell

    return [Path(breakwell.__file__).parent, Path(sys.executable).resolve()]


def check_installation(installation: list[Path] | None, instead: str) -> None:
    """Refuse to act as root from code that someone other than root could have changed."""
    for place in installation if installation is not None else _installation():
        if not _trusted(place):
            raise RuleRefused(
                f"refusing to run as root from {place}: someone other than root can change "
                f"it; {instead}"
            )


def plan_grant(
    user: str | None,
    python: Path = SYSTEM_PYTHON,
    installation: list[Path] | None = None,
) -> Grant:
    if not user or user == "root":
        raise InvalidInput("say whose breaks may block sites: run it through sudo, or pass --user")
    check_account(user)
    if os.geteuid() != 0:
        raise RuleRefused(f"granting needs root; run `{GRANT_COMMAND}` and follow what it says")
    check_installation(installation, f"run `{GRANT_COMMAND}` without sudo instead")
    return Grant(HELPER_PATH, SUDOERS_PATH, user, _system_python(python))


def install(
    grant: Grant,
    root: Path = Path("/"),
    run: Runner | None = None,
    visudo: str | None = None,
) -> list[str]:
    """Write the helper and the sudoers rule (checked with visudo); return what was done."""
    # Loaded here: `status` reads this module's checks and should not pay for a process runner.
    import shutil
    import subprocess

    run = run or subprocess.run
    check_account(grant.user)
    helper = root / grant.helper.relative_to("/")
    sudoers = root / grant.sudoers.relative_to("/")
    helper.parent.mkdir(parents=True, exist_ok=True)
    sudoers.parent.mkdir(parents=True, exist_ok=True)
    for folder in (grant.helper.parent, grant.sudoers.parent):
        # Whoever could write there could swap what sudo runs as root.
        if root == Path("/") and not _trusted(folder):
            raise RuleRefused(f"{folder} is writable by someone other than root; fix that first")
    visudo = visudo or shutil.which("visudo")
    if visudo is None:
        raise RuleRefused("visudo was not found; is sudo installed?")
    candidate = sudoers.with_name(sudoers.name + ".new")
    _write(candidate, grant.rule, 0o440)
    checked = run([visudo, "-cf", str(candidate)], capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        candidate.unlink()
        raise RuleRefused(f"the sudoers rule did not validate: {checked.stderr.strip()}")
    _write(helper, helper_source(grant.python), 0o755)
    candidate.replace(sudoers)
    return [
        f"installed the hosts helper at {grant.helper}",
        f"allowed {grant.user} to run it without a password ({grant.sudoers})",
    ]


@frozen
class Instructions:
    """A grant prepared without root: the files to copy, and the commands that copy them."""

    helper_file: Path
    rule_file: Path
    digest: str
    commands: list[str]


def prepare(user: str, python: Path = SYSTEM_PYTHON, folder: Path | None = None) -> Instructions:
    """Write the helper and the rule into a private folder, and say how root installs them."""
    import hashlib
    import shlex
    import tempfile

    check_account(user)
    grant = Grant(HELPER_PATH, SUDOERS_PATH, user, _system_python(python))
    where = folder or Path(tempfile.mkdtemp(prefix="breakwell-grant-"))
    helper = where / HELPER_PATH.name
    rule = where / "breakwell-sudoers"
    source = helper_source(grant.python)
    _write(helper, source, 0o755)
    _write(rule, grant.rule, 0o440)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    staged = SUDOERS_PATH.with_name(SUDOERS_PATH.name + ".new")  # sudo skips names with a dot
    q = shlex.quote
    commands = [
        f"sudo install -o root -g root -m 0755 {q(str(helper))} {HELPER_PATH}",
        f"echo '{digest}  {HELPER_PATH}' | sha256sum -c",
        f"sudo install -o root -g root -m 0440 {q(str(rule))} {staged}",
        f"sudo visudo -cf {staged} && sudo mv {staged} {SUDOERS_PATH}",
    ]
    return Instructions(helper, rule, digest, commands)


REVOKE_COMMAND = f"sudo rm -f {SUDOERS_PATH} {HELPER_PATH}"


def uninstall(root: Path = Path("/")) -> list[str]:
    done = []
    for path in (SUDOERS_PATH, HELPER_PATH):
        target = root / path.relative_to("/")
        if target.exists():
            target.unlink()
            done.append(f"removed {path}")
    return done or ["nothing to remove"]


def _write(path: Path, text: str, mode: int) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    temporary.chmod(mode)
    if os.geteuid() == 0:
        os.chown(temporary, 0, 0)
    temporary.replace(path)
