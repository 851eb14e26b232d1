"""Folder and file locations: platformdirs by default, one folder with BREAKWELL_HOME."""

from __future__ import annotations

import os
import stat
import sys
import warnings
from collections.abc import Mapping
from pathlib import Path

from breakwell.domain.errors import ConfigError
from breakwell.domain.values import frozen

APP_NAME = "breakwell"
HOME_ENV = "BREAKWELL_HOME"
DATABASE_URL_ENV = "BREAKWELL_DATABASE_URL"


@frozen
class Paths:
    config_file: Path
    data_dir: Path
    log_dir: Path
    runtime_dir: Path

    @property
    def default_database(self) -> Path:
        return self.data_dir / "breakwell.db"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "breakwell.log"

    def screenshots_dir(self) -> Path:
        """Where the app saves screenshots, made (private) on first use."""
        # Imported here: the quick commands load these paths and never take a screenshot.
        from breakwell.private_files import ensure_private_dir

        return ensure_private_dir(self.data_dir / "screenshots")


def resolve_paths(env: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if env is None else env
    home = env.get(HOME_ENV, "").strip()
    if home:
        try:
            base = Path(home).expanduser().absolute()
        except RuntimeError as error:
            raise ConfigError(f"{HOME_ENV}={home}: {error}") from None
        return Paths(
            config_file=base / "config.toml",
            data_dir=base,
            log_dir=base / "logs",
            runtime_dir=base / "run",
        )
    import platformdirs

    data_dir = platformdirs.user_data_path(APP_NAME)
    return Paths(
        config_file=platformdirs.user_config_path(APP_NAME) / "config.toml",
        data_dir=data_dir,
        log_dir=platformdirs.user_log_path(APP_NAME),
        runtime_dir=_runtime_dir(env, data_dir),
    )


def user_runtime_dir(env: Mapping[str, str] | None = None) -> Path:
    """This user's runtime folder, whatever BREAKWELL_HOME says.

    What every breakwell of this user must share, such as the lock on a hosts file, lives
    here: the platform runtime folder (XDG_RUNTIME_DIR), or a folder beside the user's data.
    """
    env = os.environ if env is None else env
    # Most often the session's folder answers, and platformdirs need not load to find it.
    found = _session_runtime_dir(env)
    if found is not None:
        return found
    return resolve_paths({k: v for k, v in env.items() if k != HOME_ENV}).runtime_dir


def _own_folder(path: Path) -> Path | None:
    try:
        info = path.lstat()
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077:
        return path
    return None


def _session_runtime_dir(env: Mapping[str, str]) -> Path | None:
    """The session's runtime folder on Linux and the like, or None where there is none."""
    if os.name != "posix" or sys.platform == "darwin":
        return None
    runtime = env.get("XDG_RUNTIME_DIR", "").strip()
    if runtime:
        return Path(runtime) / APP_NAME
    # The folder the login manager makes, found without the variable (cron, some ssh
    # sessions), so that every process of this user agrees on where shared locks are.
    session = _own_folder(Path("/run/user") / str(os.getuid()))
    return session / APP_NAME if session is not None else None


def _runtime_dir(env: Mapping[str, str], data_dir: Path) -> Path:
    if os.name == "posix" and sys.platform != "darwin":
        # Without XDG_RUNTIME_DIR (ssh sessions, cron) platformdirs falls back to a folder in
        # shared /tmp, which another user can make first; a folder beside the data is
        # private. breakwell checks its own folder in either place before using it.
        return _session_runtime_dir(env) or data_dir / "run"
    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return platformdirs.user_runtime_path(APP_NAME)
