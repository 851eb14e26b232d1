import sys
from pathlib import Path

import pytest

from breakwell.private_files import ensure_private_dir, ensure_private_file
from breakwell.settings.paths import resolve_paths


def test_breakwell_home_holds_everything(tmp_path: Path) -> None:
    paths = resolve_paths({"BREAKWELL_HOME": str(tmp_path)})
    assert paths.config_file == tmp_path / "config.toml"
    assert paths.default_database == tmp_path / "breakwell.db"
    assert paths.log_dir == tmp_path / "logs"
    assert paths.runtime_dir == tmp_path / "run"


def test_without_home_platform_folders_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "rt"))
    paths = resolve_paths({"XDG_RUNTIME_DIR": str(tmp_path / "rt")})
    assert paths.config_file == tmp_path / "cfg" / "breakwell" / "config.toml"
    assert paths.data_dir == tmp_path / "data" / "breakwell"
    assert paths.runtime_dir == tmp_path / "rt" / "breakwell"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS has no XDG runtime folder")
def test_missing_runtime_folder_falls_back_quietly_to_a_private_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    paths = resolve_paths({})
    assert paths.runtime_dir == tmp_path / "data" / "breakwell" / "run"


def test_private_files_and_folders(tmp_path: Path) -> None:
    folder = ensure_private_dir(tmp_path / "a" / "b")
    assert folder.stat().st_mode & 0o777 == 0o700
    file = ensure_private_file(tmp_path / "c" / "file.db")
    assert file.stat().st_mode & 0o777 == 0o600
    assert file.parent.stat().st_mode & 0o777 == 0o700
