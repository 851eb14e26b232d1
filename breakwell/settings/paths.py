"""Folder and file locations: platformdirs by default, one folder with BREAKWELL_HOME."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "breakwell"
HOME_ENV = "BREAKWELL_HOME"
DATABASE_URL_ENV = "BREAKWELL_DATABASE_URL"


@dataclass(frozen=True)
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


def resolve_paths(env: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if env is None else env
    home = env.get(HOME_ENV, "").strip()
    if home:
        base = Path(home).expanduser().absolute()
        return Paths(
            config_file=base / "config.toml",
            data_dir=base,
            log_dir=base / "logs",
            runtime_dir=base / "run",
        )
    import platformdirs

    return Paths(
        config_file=platformdirs.user_config_path(APP_NAME) / "config.toml",
        data_dir=platformdirs.user_data_path(APP_NAME),
        log_dir=platformdirs.user_log_path(APP_NAME),
        runtime_dir=platformdirs.user_runtime_path(APP_NAME),
    )
