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
    command = [python, "-m", "breakwell", "daemon", "run"]
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
            f"ExecStart={shlex.join(command)}",
            *(f'Environment="{name}={value}"' for name, value in passed.items()),
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


def install(service: ServiceFile, run: Runner | None = None) -> list[str]:
    ensure_private_dir(service.path.parent)
    service.path.write_bytes(service.text)
    service.path.chmod(0o600)
    done = [f"wrote the {service.kind} {service.path}"]
    return done + _run_all(service.start, run)


def uninstall(service: ServiceFile, run: Runner | None = None) -> list[str]:
    if not service.path.exists():
        return [f"no {service.kind} was installed ({service.path})"]
    done = _run_all(service.stop, run)
    service.path.unlink()
    return [*done, f"removed {service.path}"]


def _run_all(commands: tuple[tuple[str, ...], ...], run: Runner | None) -> list[str]:
    # Looked up at call time, so a test can stand in for systemctl and launchctl.
    run = run or subprocess.run
    done = []
    for command in commands:
        try:
            result = run(list(command), capture_output=True, text=True, check=False)
        except FileNotFoundError:
            done.append(f"{command[0]} was not found; run it yourself: {shlex.join(command)}")
            break
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip()
            done.append(f"`{shlex.join(command)}` failed: {reason}")
            break
        done.append(f"ran {shlex.join(command)}")
    return done
