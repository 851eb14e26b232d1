"""BREAKWELL_HOSTS_FILE replaces the default /etc/hosts; a hosts_file in the config wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from breakwell.domain.errors import ConfigError
from breakwell.settings import load_settings
from breakwell.settings.config import HOSTS_FILE_ENV
from tests.conftest import Cli


def settings_with(home: Path, config: str, value: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(config)
    return load_settings({"BREAKWELL_HOME": str(home), HOSTS_FILE_ENV: value}).hosts_file


def test_the_variable_replaces_the_default(home: Path, tmp_path: Path) -> None:
    assert settings_with(home, "", str(tmp_path / "sandbox")) == tmp_path / "sandbox"
    assert load_settings({"BREAKWELL_HOME": str(home)}).hosts_file == Path("/etc/hosts")


def test_a_hosts_file_named_in_the_config_wins(home: Path, tmp_path: Path) -> None:
    config = f'[blocking]\nhosts_file = "{tmp_path / "named"}"\n'
    assert settings_with(home, config, str(tmp_path / "sandbox")) == tmp_path / "named"


def test_the_other_blocking_keys_stay_as_configured(home: Path, tmp_path: Path) -> None:
    settings_with(home, "[blocking]\nwatch_apps = false\n", str(tmp_path / "sandbox"))
    settings = load_settings(
        {"BREAKWELL_HOME": str(home), HOSTS_FILE_ENV: str(tmp_path / "sandbox")}
    )
    assert settings.config.blocking.watch_apps is False
    assert settings.config.blocking.close_apps_when_locked is True


@pytest.mark.parametrize(
    ("value", "said"),
    [("hosts", "'hosts' is relative"), ("/", "/ is a folder"), ("/dev/null", "not a regular")],
)
def test_a_bad_value_is_one_line_naming_the_variable(
    run: Cli, monkeypatch: pytest.MonkeyPatch, home: Path, value: str, said: str
) -> None:
    with pytest.raises(ConfigError, match=f"^{HOSTS_FILE_ENV}: .*{said}"):
        load_settings({"BREAKWELL_HOME": str(home), HOSTS_FILE_ENV: value})
    monkeypatch.setenv(HOSTS_FILE_ENV, value)
    result = run("status")
    assert result.exit_code != 0
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"breakwell: {HOSTS_FILE_ENV}: ")
    assert not home.exists()  # nothing written
