"""Keeping the enforcer running: a systemd user unit on Linux, a launchd agent on macOS."""

from __future__ import annotations

import os
import plistlib
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from breakwell.domain.errors import RuleRefused
from breakwell.private_files import ensure_private_dir

Runner = Callable[..., subprocess.CompletedProcess[str]]
UNIT_NAME = "breakwell.service"
AGENT_LABEL = "org.breakwell.enforcer"
# Only these reach the service: they decide which journal it enforces.
PASSED_ON = ("BREAKWELL_HOME", "BREAKWELL_DATABASE_URL")


@dataclass(frozen=True)
class ServiceFile:
    kind: str
    path: Path
    text: bytes
    start: tuple[tuple[str, ...], ...]
    stop: tuple[tuple[str, ...], ...]


def service_file(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    python: str = sys.executable,
) -> ServiceFile:
    env = os.environ if env is None else env
    passed = {name: env[name] for name in PASSED_ON if env.get(name)}
    # --wait: while the app enforces, the service waits its turn instead of failing.
    command = [python, "-m", "breakwell", "daemon", "run", "--wait"]
    home = Path(env.get("HOME") or Path.home())
    if platform == "darwin":
        path = home / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"
        agent = {
            "Label": AGENT_LABEL,
            "ProgramArguments": command,
            "EnvironmentVariables": passed,
            "RunAtLoad": True,
            "KeepAlive": True,
        }
        domain = f"gui/{os.getuid()}"
        return ServiceFile(
            "launchd agent",
            path,
            plistlib.dumps(agent),
            (("launchctl", "bootstrap", domain, str(path)),),
            (("launchctl", "bootout", f"{domain}/{AGENT_LABEL}"),),
        )
    if platform.startswith("linux"):
        config = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
        lines = [
            "[Unit]",
            "Description=breakwell enforcer: keeps your social-media breaks on schedule",
            "",
            "[Service]",
            "ExecStart=" + " ".join(_systemd_quote(arg) for arg in command),
            *(f"Environment={_systemd_quote(f'{k}={v}')}" for k, v in passed.items()),
            "Restart=on-failure",
            "RestartSec=5",
            "",
            "[Install]",
            "WantedBy=default.target",
            "",
        ]
        user = ("systemctl", "--user")
        return ServiceFile(
            "systemd user unit",
            config / "systemd" / "user" / UNIT_NAME,
            "\n".join(lines).encode(),
            ((*user, "daemon-reload"), (*user, "enable", "--now", UNIT_NAME)),
            ((*user, "disable", "--now", UNIT_NAME), (*user, "daemon-reload")),
        )
    raise RuleRefused(f"keeping the enforcer running is not supported on {platform} yet")


def _systemd_quote(word: str) -> str:
    """One word for a unit file: % is systemd's specifier sign, quotes keep spaces."""
    word = word.replace("%", "%%")
    if word and not any(c in word for c in " \"\\'\t"):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Outcome:
    done: list[str]
    ok: bool


def install(service: ServiceFile, run: Runner | None = None) -> Outcome:
    ensure_private_dir(service.path.parent)
    # Private from its first byte: the unit may carry the database URL with its password, and
    # a file readable for a moment can be opened, and read later, by anyone.
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC
    with os.fdopen(os.open(service.path, flags, 0o600), "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(service.text)
    steps = _run_all(service.start, run)
    return Outcome([f"wrote the {service.kind} {service.path}", *steps.done], steps.ok)


def uninstall(service: ServiceFile, run: Runner | None = None) -> Outcome:
    if not service.path.exists():
        return Outcome([f"no {service.kind} was installed ({service.path})"], True)
    steps = _run_all(service.stop, run)
    if not steps.ok:
        # Keep the file: removing it while the service still runs would orphan it.
        return Outcome([*steps.done, f"kept {service.path}"], False)
    service.path.unlink()
    return Outcome([*steps.done, f"removed {service.path}"], True)


def _run_all(commands: tuple[tuple[str, ...], ...], run: Runner | None) -> Outcome:
    # Looked up at call time, so a test can stand in for systemctl and launchctl.
    run = run or subprocess.run
    done = []
    for command in commands:
        try:
            result = run(list(command), capture_output=True, text=True, check=False)
        except FileNotFoundError:
            done.append(f"{command[0]} was not found; run it yourself: {shlex.join(command)}")
            return Outcome(done, False)
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip()
            done.append(f"`{shlex.join(command)}` failed: {reason}")
            return Outcome(done, False)
        done.append(f"ran {shlex.join(command)}")
    return Outcome(done, True)
