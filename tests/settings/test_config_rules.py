"""Config values that would be accepted and then keep nothing, block nothing or mean something
else in every folder are refused, in one line naming the key, before any work starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from breakwell.domain.errors import ConfigError
from breakwell.settings import load_settings
from breakwell.settings.config import MAX_CONFIG_BYTES
from tests.conftest import Cli


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(text)
    return path


MEMORY = "keeps nothing once the command ends"


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///:memory:",
        "sqlite://",
        "sqlite:///",
        "sqlite+pysqlite:///:memory:",
        "sqlite:///file::memory:?cache=shared",
        "sqlite:////tmp/x.db?mode=memory&uri=true",
    ],
)
def test_an_in_memory_database_is_refused(
    run: Cli, home: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    write_config(home, f'database_url = "{url}"\n')
    result = run("note", "kept?")
    assert result.exit_code == 2
    assert f"config.toml: database_url: an in-memory SQLite database {MEMORY}" in result.stderr
    assert result.stderr.count("\n") == 1 and "Saved" not in result.output

    (home / "config.toml").unlink()
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", url)
    result = run("note", "kept?")
    assert result.exit_code == 2
    assert f"BREAKWELL_DATABASE_URL: an in-memory SQLite database {MEMORY}" in result.stderr
    assert "Saved" not in result.output


def test_copying_into_memory_is_refused(run: Cli, home: Path) -> None:
    assert run("note", "a first observation").exit_code == 0
    result = run("db", "copy", "--to", "sqlite://")
    assert result.exit_code == 2
    assert MEMORY in result.stderr and "Copied" not in result.output


@pytest.mark.parametrize("url", ["sqlite:///journal.db", "sqlite:///~/journal.db"])
def test_a_relative_sqlite_path_is_refused(run: Cli, home: Path, url: str) -> None:
    write_config(home, f'database_url = "{url}"\n')
    result = run("status")
    assert result.exit_code == 2
    assert "database_url: the SQLite path" in result.stderr and "is relative" in result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('""', "must be the full path of a file"),
        ('"   "', "must be the full path of a file"),
        ('"hosts"', "'hosts' is relative; give the full path"),
        ('"~/hosts"', "is relative"),
        ('"/etc/hosts\\u0000x"', "must not hold control characters"),
        ('"/etc/hosts\\nx"', "must not hold control characters"),
        ('"{folder}"', "is a folder; give the hosts file itself"),
        ('"/dev/null"', "/dev/null is not a regular file"),
    ],
)
def test_a_hosts_file_that_is_not_a_file_path_is_refused(
    run: Cli, home: Path, tmp_path: Path, value: str, message: str
) -> None:
    write_config(home, f"[blocking]\nhosts_file = {value.format(folder=tmp_path)}\n")
    for command in (("status",), ("blocking", "status"), ("note", "x")):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert "config.toml: blocking.hosts_file: " in result.stderr
        assert message in result.stderr
        assert result.stderr.count("\n") == 1
    assert not list(home.glob("breakwell.db*"))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('database_url = ""\n', "database_url: the database URL is empty"),
        ('database_url = "   "\n', "database_url: the database URL is empty"),
        ('database_url = "sqlite:////tmp/a\\u0000.db"\n', "database_url: the database URL holds"),
        ('device_name = "   "\n', "device_name: must not be blank"),
        ('device_name = "lap\\u0000top"\n', "device_name: must not hold control characters"),
        ('device_name = "lap\\ntop"\n', "device_name: must not hold control characters"),
        ("[platforms.forum]\nname = '  '\n", "platforms.forum.name: must not be blank"),
        ('[platforms.forum]\nname = "a\\u001bb"\n', "platforms.forum.name: must not hold"),
        (f"[platforms.forum]\nname = '{'n' * 65}'\n", "platforms.forum.name: String should"),
        ('[keys]\n"go.journal" = ""\n', "keys: go.journal: give key names"),
        ('[keys]\n"go.journal" = "j,,k"\n', "keys: go.journal: give key names"),
        ('[keys]\n"go.journal" = "j\\u0000"\n', "keys: go.journal: give key names"),
        ('[keys]\n" " = "j"\n', "keys: must not be blank"),
    ],
)
def test_empty_blank_and_absurd_values_are_refused(home: Path, text: str, key: str) -> None:
    path = write_config(home, text)
    with pytest.raises(ConfigError) as refused:
        load_settings()
    assert str(refused.value).startswith(f"{path}: ")
    assert key in str(refused.value)


def test_a_huge_config_file_is_refused_without_reading_it_whole(home: Path) -> None:
    path = write_config(home, "# " + "x" * MAX_CONFIG_BYTES + "\n")
    with pytest.raises(ConfigError, match="not a config file"):
        load_settings()
    assert path.stat().st_size > MAX_CONFIG_BYTES


def test_good_values_still_load(home: Path, tmp_path: Path) -> None:
    hosts = tmp_path / "hosts"
    write_config(
        home,
        f'database_url = "sqlite:///{tmp_path}/j.db"\ndevice_name = "my laptop"\n'
        f'[blocking]\nhosts_file = "{hosts}"\n[keys]\n"go.journal" = "j,ctrl+j"\n'
        '[platforms.forum]\nname = "Local forum"\n',
    )
    settings = load_settings()
    assert settings.hosts_file == hosts and settings.device == "my laptop"
    assert settings.database_url == f"sqlite:///{tmp_path}/j.db"
