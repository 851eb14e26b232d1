"""Starting the enforcer at login: a systemd user unit where the user's service manager
answers, an XDG autostart entry on Linux where it does not, a launchd agent on macOS.

An install either completes or leaves the machine as it found it: a file written for a
manager that then refuses it is taken back, so nothing is left that `daemon status` would
call installed.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from breakwell.domain.errors import RuleRefused
from breakwell.domain.values import frozen
from breakwell.private_files import ensure_private_dir

Runner = Callable[..., subprocess.CompletedProcess[str]]
UNIT_NAME = "breakwell.service"
AGENT_LABEL = "org.breakwell.enforcer"
DESKTOP_NAME = "breakwell.desktop"
SYSTEMD = "systemd user unit"
AUTOSTART = "XDG autostart entry"
LAUNCHD = "launchd agent"
# Only these reach the service: they decide which journal it enforces.
PASSED_ON = ("BREAKWELL_HOME", "BREAKWELL_DATABASE_URL")
# Asks the user's service manager something harmless: it answers only over the user bus.
BUS_PROBE = ("systemctl", "--user", "show-environment")


@frozen
class ServiceFile:
    kind: str
    path: Path
    text: bytes
    start: tuple[tuple[str, ...], ...]
    stop: tuple[tuple[str, ...], ...]
    # Files the start commands may add beside `path` (systemd's enablement link): a failed
    # install removes them again when they were not there before.
    leaves: tuple[Path, ...] = ()
    # Run after a failed install took the file back, so the manager forgets it too.
    forget: tuple[tuple[str, ...], ...] = ()


@frozen
class Outcome:
    done: list[str]
    ok: bool


@frozen
class Installed:
    """What `daemon status` reports of one installed kind; None where nobody could tell."""

    kind: str
    path: Path
    enabled: bool | None
    active: bool | None


def _command(python: str) -> list[str]:
    # --wait: while the app enforces, the service waits its turn instead of failing.
    return [python, "-m", "breakwell", "daemon", "run", "--wait"]


def _passed(env: Mapping[str, str]) -> dict[str, str]:
    return {name: env[name] for name in PASSED_ON if env.get(name)}


def _home(env: Mapping[str, str]) -> Path:
    return Path(env.get("HOME") or Path.home())


def _config(env: Mapping[str, str]) -> Path:
    return Path(env.get("XDG_CONFIG_HOME") or _home(env) / ".config")


def service_file(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    python: str = sys.executable,
) -> ServiceFile:
    """The service manager's own way for this platform: systemd on Linux, launchd on macOS."""
    env = os.environ if env is None else env
    command, passed = _command(python), _passed(env)
    if platform == "darwin":
        path = _home(env) / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"
        agent = {
            "Label": AGENT_LABEL,
            "ProgramArguments": command,
            "EnvironmentVariables": passed,
            "RunAtLoad": True,
            "KeepAlive": True,
        }
        domain = f"gui/{os.getuid()}"
        return ServiceFile(
            LAUNCHD,
            path,
            plistlib.dumps(agent),
            (("launchctl", "bootstrap", domain, str(path)),),
            (("launchctl", "bootout", f"{domain}/{AGENT_LABEL}"),),
        )
    if platform.startswith("linux"):
        folder = _config(env) / "systemd" / "user"
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
            SYSTEMD,
            folder / UNIT_NAME,
            "\n".join(lines).encode(),
            ((*user, "daemon-reload"), (*user, "enable", "--now", UNIT_NAME)),
            ((*user, "disable", "--now", UNIT_NAME), (*user, "daemon-reload")),
            leaves=(folder / "default.target.wants" / UNIT_NAME,),
            forget=((*user, "daemon-reload"),),
        )
    raise RuleRefused(f"keeping the enforcer running is not supported on {platform} yet")


def autostart_entry(
    env: Mapping[str, str] | None = None, python: str = sys.executable
) -> ServiceFile:
    """A desktop session's autostart entry: starts the enforcer at login with no user bus."""
    env = os.environ if env is None else env
    words = _command(python)
    passed = _passed(env)
    if passed:
        words = ["env", *(f"{k}={v}" for k, v in passed.items()), *words]
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=breakwell enforcer",
        "Comment=Keeps your social-media breaks on schedule",
        "Exec=" + _desktop_value(" ".join(_desktop_quote(word) for word in words)),
        "Terminal=false",
        "NoDisplay=true",
        "X-GNOME-Autostart-enabled=true",
        "",
    ]
    path = _config(env) / "autostart" / DESKTOP_NAME
    return ServiceFile(AUTOSTART, path, "\n".join(lines).encode(), (), ())


def kinds_for(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    python: str = sys.executable,
) -> tuple[ServiceFile, ...]:
    """Every kind that can start the enforcer at login here, the preferred one first."""
    preferred = service_file(env, platform, python)
    if preferred.kind == SYSTEMD:
        return (preferred, autostart_entry(env, python))
    return (preferred,)


def _systemd_quote(word: str) -> str:
    """One word for a unit file: % is systemd's specifier sign, quotes keep spaces."""
    word = word.replace("%", "%%")
    if word and not any(c in word for c in " \"\\'\t"):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The Desktop Entry Specification's reserved characters in an Exec argument.
_DESKTOP_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def _desktop_quote(word: str) -> str:
    """One Exec argument: % starts a field code, reserved characters need double quotes."""
    word = word.replace("%", "%%")
    if word and not any(c in _DESKTOP_RESERVED for c in word):
        return word
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in word) + '"'


def _desktop_value(text: str) -> str:
    """A desktop file's string escapes, applied after the Exec quoting (so \\ becomes \\\\)."""
    for raw, escaped in (("\\", "\\\\"), ("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
        text = text.replace(raw, escaped)
    return text


# Installing -------------------------------------------------------------------------------


def user_bus_answers(run: Runner | None = None) -> tuple[bool, str]:
    """Whether `systemctl --user` reaches the user's service manager, and if not, why."""
    try:
        result = _runner(run)(list(BUS_PROBE), capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return False, "systemctl was not found"
    except OSError as problem:
        return False, f"systemctl could not run: {problem}"
    if result.returncode == 0:
        return True, ""
    reason = (result.stderr or result.stdout).strip().splitlines()
    return False, reason[0] if reason else f"`{shlex.join(BUS_PROBE)}` failed"


def install_at_login(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    python: str = sys.executable,
    run: Runner | None = None,
) -> Outcome:
    """Install the best kind this machine can use; a kind left from before is replaced."""
    kinds = kinds_for(env, platform, python)
    chosen, said = kinds[0], []
    if chosen.kind == SYSTEMD:
        answers, reason = user_bus_answers(run)
        if not answers:
            chosen = kinds[1]
            said.append(f"no systemd user bus answered ({reason}); using an {AUTOSTART}")
    outcome = install(chosen, run)
    if not outcome.ok:
        return Outcome([*said, *outcome.done], False)
    done = [*said, *outcome.done]
    for other in kinds:
        if other.kind != chosen.kind and other.path.exists():
            # Two kinds would each start an enforcer at login; keep only the one just made.
            done.extend(uninstall(other, run).done)
    if chosen.kind == AUTOSTART:
        done.append("the enforcer starts at your next login")
    return Outcome(done, True)


def install(service: ServiceFile, run: Runner | None = None) -> Outcome:
    try:
        earlier = _snapshot(service)
        _write_private(service.path, service.text)
    except OSError as problem:
        return Outcome([f"could not write the {service.kind} {service.path}: {problem}"], False)
    wrote = f"wrote the {service.kind} {service.path}"
    steps = _run_all(service.start, run)
    if steps.ok:
        return Outcome([wrote, *steps.done], True)
    return Outcome([wrote, *steps.done, *_take_back(service, earlier, run)], False)


def _snapshot(service: ServiceFile) -> dict[Path, bytes | None]:
    """What the install may change, as it is now: the file's bytes, whether each link exists."""
    state: dict[Path, bytes | None] = {}
    try:
        state[service.path] = service.path.read_bytes()
    except FileNotFoundError:
        state[service.path] = None
    for path in service.leaves:
        state[path] = b"" if path.is_symlink() or path.exists() else None
    return state


def _take_back(
    service: ServiceFile, earlier: dict[Path, bytes | None], run: Runner | None
) -> list[str]:
    """Undo a failed install: the earlier file back (or none), links the commands added gone."""
    for path in service.leaves:
        if earlier[path] is None and (path.is_symlink() or path.exists()):
            path.unlink()
    before = earlier[service.path]
    if before is None:
        service.path.unlink(missing_ok=True)
        said = f"removed {service.path} again: nothing is installed"
    else:
        _write_private(service.path, before)
        said = f"put the earlier {service.path} back"
    # The manager may have read the file meanwhile. If it cannot be told now, what it would
    # find on its next reload is already as before, so its answer changes nothing here.
    _run_all(service.forget, run)
    return [said]


def _write_private(path: Path, text: bytes) -> None:
    """Whole or not at all, and private from its first byte: the file may carry the database
    URL with its password, and a file readable for a moment can be opened, and read later,
    by anyone."""
    ensure_private_dir(path.parent)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(name).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(name).unlink()
        raise


# Removing and reporting -------------------------------------------------------------------


def uninstall(service: ServiceFile, run: Runner | None = None) -> Outcome:
    if not service.path.exists():
        return Outcome([f"no {service.kind} was installed ({service.path})"], True)
    steps = _run_all(service.stop, run)
    if not steps.ok:
        # Keep the file: removing it while the service still runs would orphan it.
        return Outcome([*steps.done, f"kept {service.path}"], False)
    service.path.unlink()
    return Outcome([*steps.done, f"removed {service.path}"], True)


def uninstall_all(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    python: str = sys.executable,
    run: Runner | None = None,
) -> Outcome:
    kinds = kinds_for(env, platform, python)
    present = [kind for kind in kinds if kind.path.exists()]
    if not present:
        where = ", ".join(str(kind.path) for kind in kinds)
        return Outcome([f"nothing was installed to start at login ({where})"], True)
    done: list[str] = []
    ok = True
    for kind in present:
        outcome = uninstall(kind, run)
        done.extend(outcome.done)
        ok = ok and outcome.ok
    return Outcome(done, ok)


def installed(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    python: str = sys.executable,
    run: Runner | None = None,
) -> list[Installed]:
    """Each kind whose file is in place, with whether its manager has it enabled and running."""
    found = []
    for kind in kinds_for(env, platform, python):
        if kind.path.exists():
            found.append(_describe(kind, run))
    return found


def _describe(service: ServiceFile, run: Runner | None) -> Installed:
    if service.kind == SYSTEMD:
        enabled = _answer(("systemctl", "--user", "is-enabled", UNIT_NAME), run)
        active = _answer(("systemctl", "--user", "is-active", UNIT_NAME), run)
        return Installed(
            service.kind,
            service.path,
            None if enabled is None else enabled == "enabled",
            None if active is None else active == "active",
        )
    if service.kind == LAUNCHD:
        loaded = _answer(("launchctl", "print", f"gui/{os.getuid()}/{AGENT_LABEL}"), run)
        return Installed(service.kind, service.path, loaded is not None, None)
    return Installed(service.kind, service.path, _autostart_enabled(service.path), None)


def _autostart_enabled(path: Path) -> bool:
    """A desktop session skips an entry that is hidden or switched off."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return False
    values = {k.strip(): v.strip().lower() for k, _, v in (line.partition("=") for line in lines)}
    return values.get("Hidden") != "true" and values.get("X-GNOME-Autostart-enabled") != "false"


def _answer(command: tuple[str, ...], run: Runner | None) -> str | None:
    """The first word the manager answered, "" when it answered no; None when none answered.

    systemctl's is-enabled and is-active say "disabled" or "inactive" with a non-zero status,
    so the status alone does not tell a "no" from an unreachable manager: its words do."""
    try:
        result = _runner(run)(list(command), capture_output=True, text=True, check=False)
    except OSError:
        return None
    words = result.stdout.split()
    if words:
        return words[0]
    if result.returncode == 0:
        return ""
    return None if result.stderr.strip() else ""


def _runner(run: Runner | None) -> Runner:
    # Looked up at call time, so a test can stand in for systemctl and launchctl.
    return run or subprocess.run


def _run_all(commands: tuple[tuple[str, ...], ...], run: Runner | None) -> Outcome:
    run = _runner(run)
    done = []
    for command in commands:
        try:
            result = run(list(command), capture_output=True, text=True, check=False)
        except FileNotFoundError:
            done.append(f"{command[0]} was not found; run it yourself: {shlex.join(command)}")
            return Outcome(done, False)
        except OSError as problem:
            done.append(f"could not run `{shlex.join(command)}`: {problem}")
            return Outcome(done, False)
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip()
            done.append(f"`{shlex.join(command)}` failed: {reason}")
            return Outcome(done, False)
        done.append(f"ran {shlex.join(command)}")
    return Outcome(done, True)
