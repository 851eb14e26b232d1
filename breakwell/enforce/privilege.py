"""Granting breakwell the one privilege it needs: editing the system hosts file.

`sudo breakwell blocking grant` installs a small root-owned copy of the hosts module as a
helper, and a sudoers rule that lets the person run exactly that helper without a password.
The helper trusts nothing it is given (see hosts.py), runs with an isolated interpreter, and
only ever edits /etc/hosts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from breakwell.domain.errors import InvalidInput, RuleRefused

HELPER_PATH = Path("/usr/local/libexec/breakwell-hosts")
SUDOERS_PATH = Path("/etc/sudoers.d/breakwell")
SYSTEM_PYTHON = Path("/usr/bin/python3")
GRANT_COMMAND = 'sudo "$(command -v breakwell)" blocking grant'

Runner = Callable[..., subprocess.CompletedProcess[str]]


def helper_installed(helper: Path = HELPER_PATH) -> bool:
    try:
        info = helper.stat()
    except OSError:
        return False
    return info.st_uid == 0 and not info.st_mode & 0o022


def _trusted(path: Path) -> bool:
    """Root-owned and writable by nobody else, along with every folder above it."""
    for part in (path, *path.parents):
        info = part.stat()
        if info.st_uid != 0 or info.st_mode & 0o022:
            return False
    return True


@dataclass(frozen=True)
class Grant:
    helper: Path
    sudoers: Path
    user: str
    python: Path


def plan_grant(user: str | None, python: Path = SYSTEM_PYTHON) -> Grant:
    if os.geteuid() != 0:
        raise RuleRefused('granting needs root; run: sudo "$(command -v breakwell)" blocking grant')
    if not user or user == "root":
        raise InvalidInput("say whose breaks may block sites: run it through sudo, or pass --user")
    real = python.resolve()
    if not real.exists() or not _trusted(real):
        raise RuleRefused(
            f"{python} is missing or not owned by root; the helper needs a system Python 3"
        )
    return Grant(HELPER_PATH, SUDOERS_PATH, user, real)


def install(
    grant: Grant,
    root: Path = Path("/"),
    run: Runner = subprocess.run,
    visudo: str | None = None,
) -> list[str]:
    """Write the helper and the sudoers rule (checked with visudo); return what was done."""
    from breakwell.enforce import hosts

    helper = root / grant.helper.relative_to("/")
    sudoers = root / grant.sudoers.relative_to("/")
    source = Path(hosts.__file__).read_text(encoding="utf-8")
    helper.parent.mkdir(parents=True, exist_ok=True)
    sudoers.parent.mkdir(parents=True, exist_ok=True)
    for folder in (grant.helper.parent, grant.sudoers.parent):
        # Whoever could write there could swap what sudo runs as root.
        if root == Path("/") and not _trusted(folder):
            raise RuleRefused(f"{folder} is writable by someone other than root; fix that first")
    # One combined flag: Linux hands everything after the interpreter to it as one argument.
    _write(helper, f"#!{grant.python} -IS\n{source}", 0o755)
    rule = f"{grant.user} ALL=(root) NOPASSWD: {grant.helper}\n"
    candidate = sudoers.with_name(sudoers.name + ".new")
    _write(candidate, rule, 0o440)
    visudo = visudo or shutil.which("visudo")
    if visudo is None:
        candidate.unlink()
        raise RuleRefused("visudo was not found; is sudo installed?")
    checked = run([visudo, "-cf", str(candidate)], capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        candidate.unlink()
        raise RuleRefused(f"the sudoers rule did not validate: {checked.stderr.strip()}")
    candidate.replace(sudoers)
    return [
        f"installed the hosts helper at {grant.helper}",
        f"allowed {grant.user} to run it without a password ({grant.sudoers})",
    ]


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
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(mode)
    if os.geteuid() == 0:
        os.chown(temporary, 0, 0)
    temporary.replace(path)
