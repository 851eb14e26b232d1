"""`breakwell browser install`: the native messaging host manifests and the launcher they name.

Each browser reads a host manifest, by the host's name, from a documented folder of the
person's own; the manifest names the program to start (an absolute path: the launcher, which
runs this very breakwell) and the extensions allowed to start it. Nothing is written anywhere
else, and a manifest, launcher or folder that is a symbolic link is refused, never followed.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from breakwell.browser.ids import CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID
from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.domain.values import frozen
from breakwell.settings.paths import DATABASE_URL_ENV, HOME_ENV

HOST_NAME = "org.breakwell.companion"
MANIFEST_NAME = f"{HOST_NAME}.json"
LAUNCHER_NAME = "browser-host"
# What the launcher keeps of the environment it was installed from, and only if set there:
# which journal to answer from, and which breakwell to run.
KEPT_ENV = (HOME_ENV, DATABASE_URL_ENV, "BREAKWELL_HOSTS_FILE", "PYTHONPATH")


@frozen
class Browser:
    id: str
    name: str
    # The user folder under the config home on Linux, and under Application Support on macOS.
    linux: str
    macos: str
    programs: tuple[str, ...]

    @property
    def firefox(self) -> bool:
        return self.id == "firefox"


BROWSERS: tuple[Browser, ...] = (
    Browser("chromium", "Chromium", "chromium", "Chromium", ("chromium", "chromium-browser")),
    Browser(
        "chrome",
        "Google Chrome",
        "google-chrome",
        "Google/Chrome",
        ("google-chrome", "google-chrome-stable"),
    ),
    Browser(
        "brave",
        "Brave",
        "BraveSoftware/Brave-Browser",
        "BraveSoftware/Brave-Browser",
        ("brave-browser", "brave"),
    ),
    Browser("edge", "Microsoft Edge", "microsoft-edge", "Microsoft Edge", ("microsoft-edge",)),
    Browser("firefox", "Firefox", "", "Mozilla", ("firefox", "firefox-esr")),
)


def browser_named(name: str) -> Browser:
    for browser in BROWSERS:
        if browser.id == name:
            return browser
    known = ", ".join(b.id for b in BROWSERS)
    raise InvalidInput(f"unknown browser '{name}'; known: {known}")


def _home(env: Mapping[str, str]) -> Path:
    home = env.get("HOME", "").strip()
    return Path(home) if home else Path.home()


def hosts_folder(browser: Browser, env: Mapping[str, str] | None = None) -> Path:
    """The folder `browser` reads this user's host manifests from."""
    env = os.environ if env is None else env
    home = _home(env)
    if sys.platform == "darwin":
        base = home / "Library" / "Application Support" / browser.macos
        return base / "NativeMessagingHosts"
    if not sys.platform.startswith("linux"):
        raise RuleRefused("breakwell installs its browser companion on Linux and macOS only")
    if browser.firefox:
        return home / ".mozilla" / "native-messaging-hosts"
    config = env.get("XDG_CONFIG_HOME", "").strip()
    return (Path(config) if config else home / ".config") / browser.linux / "NativeMessagingHosts"


def manifest_path(browser: Browser, env: Mapping[str, str] | None = None) -> Path:
    return hosts_folder(browser, env) / MANIFEST_NAME


def found(browser: Browser, env: Mapping[str, str] | None = None) -> bool:
    """Whether `browser` seems to be here: its program on the path, or its user folder."""
    env = os.environ if env is None else env
    if any(shutil.which(program, path=env.get("PATH")) for program in browser.programs):
        return True
    return hosts_folder(browser, env).parent.is_dir()


def manifest(browser: Browser, launcher: Path) -> dict[str, object]:
    described: dict[str, object] = {
        "name": HOST_NAME,
        "description": "breakwell's browser companion",
        "path": str(launcher),
        "type": "stdio",
    }
    if browser.firefox:
        described["allowed_extensions"] = [FIREFOX_EXTENSION_ID]
    else:
        described["allowed_origins"] = [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"]
    return described


def launcher_text(env: Mapping[str, str], python: str | None = None) -> str:
    """A shell script running this breakwell's host with the journal it was installed for."""
    lines = [
        "#!/bin/sh",
        "# Written by `breakwell browser install`: the browser runs this to reach breakwell.",
    ]
    for name in KEPT_ENV:
        value = env.get(name, "")
        if value:
            lines.append(f"export {name}={shlex.quote(value)}")
    command = shlex.quote(python or sys.executable)
    lines.append(f'exec {command} -m breakwell browser-host "$@"')
    return "\n".join(lines) + "\n"


def write_launcher(data_dir: Path, env: Mapping[str, str]) -> Path:
    """The launcher in breakwell's data folder, only its owner may run or read it (it may
    hold a database address with a password)."""
    if not data_dir.is_dir():
        data_dir.mkdir(mode=0o700, parents=True)
    path = data_dir / LAUNCHER_NAME
    _write(path, launcher_text(env).encode(), 0o700)
    return path


def write_manifest(folder: Path, browser: Browser, launcher: Path) -> Path:
    """The host manifest for `browser` in `folder`, made if missing."""
    _refuse_link(folder)
    folder.mkdir(mode=0o755, parents=True, exist_ok=True)
    path = folder / MANIFEST_NAME
    text = json.dumps(manifest(browser, launcher), indent=2) + "\n"
    _write(path, text.encode(), 0o644)
    return path


def installed(path: Path) -> bool:
    """Whether `path` is a host manifest naming a launcher that is there."""
    try:
        if path.is_symlink():
            return False
        described = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    target = described.get("path") if isinstance(described, dict) else None
    return isinstance(target, str) and os.access(target, os.X_OK)


def _refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise RuleRefused(f"{path} is a symbolic link; breakwell will not write through it")


def _write(path: Path, content: bytes, mode: int) -> None:
    """Replace `path` whole, never following a link at it or at the temporary file."""
    _refuse_link(path)
    if path.exists() and not stat.S_ISREG(path.lstat().st_mode):
        raise RuleRefused(f"{path} is not a plain file; breakwell will not replace it")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(temporary, flags, mode)
    except FileExistsError:
        temporary.unlink()
        fd = os.open(temporary, flags, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            os.fchmod(out.fileno(), mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def install(
    data_dir: Path,
    env: Mapping[str, str],
    names: tuple[str, ...] = (),
    profile: Path | None = None,
) -> list[tuple[Browser, Path]]:
    """Write the launcher and a manifest for each browser named, else each one found; with
    `profile`, one manifest in that Chromium profile folder (as `--user-data-dir` reads it)."""
    chosen = [browser_named(name) for name in dict.fromkeys(names)]
    if profile is not None:
        if any(browser.firefox for browser in chosen):
            raise InvalidInput(
                "--profile is a Chromium profile folder; Firefox reads its hosts from "
                "~/.mozilla/native-messaging-hosts"
            )
        browser = chosen[0] if chosen else browser_named("chromium")
        targets = [(browser, profile.absolute() / "NativeMessagingHosts")]
    else:
        chosen = chosen or [browser for browser in BROWSERS if found(browser, env)]
        if not chosen:
            known = ", ".join(b.id for b in BROWSERS)
            raise RuleRefused(f"no supported browser found; name one with --browser ({known})")
        targets = [(browser, hosts_folder(browser, env)) for browser in chosen]
    try:
        launcher = write_launcher(data_dir, env)
        return [(browser, write_manifest(folder, browser, launcher)) for browser, folder in targets]
    except OSError as error:
        where = str(error.filename or "a file")
        shown = where if len(where) <= 200 else f"…{where[-200:]}"
        raise RuleRefused(f"cannot write {shown}: {error.strerror or error}") from None


@frozen
class BrowserStatus:
    browser: Browser
    manifest: Path
    installed: bool
    connected: bool


def browser_status(env: Mapping[str, str], connected: list[str]) -> list[BrowserStatus]:
    """Each supported browser: is its host manifest in place, is its companion connected."""
    found_here = []
    for browser in BROWSERS:
        path = manifest_path(browser, env)
        found_here.append(BrowserStatus(browser, path, installed(path), browser.id in connected))
    return found_here
