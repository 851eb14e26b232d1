"""A `[keys]` entry names a binding by id; one that names none is refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from breakwell.domain.errors import ConfigError
from breakwell.settings import load_settings
from breakwell.settings.keys import BINDING_IDS
from tests.conftest import Cli


def write_keys(home: Path, body: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(f"[keys]\n{body}\n")
    return path


def test_a_misspelled_binding_id_is_named_with_the_one_meant(home: Path) -> None:
    path = write_keys(home, '"go.jornal" = "j"')
    with pytest.raises(ConfigError) as refused:
        load_settings()
    assert str(refused.value) == (
        f"{path}: keys: go.jornal: unknown key binding id (did you mean go.journal?)"
    )


def test_an_id_like_none_lists_every_id(home: Path) -> None:
    write_keys(home, '"zzz" = "j"')
    with pytest.raises(ConfigError) as refused:
        load_settings()
    text = str(refused.value)
    assert "keys: zzz: unknown key binding id (the ids are go.now, go.journal," in text
    assert all(binding in text for binding in BINDING_IDS)


def test_every_command_refuses_it_before_doing_anything(run: Cli, home: Path) -> None:
    write_keys(home, '"break.strat" = "b"')
    result = run("note", "kept?")
    assert result.exit_code == 2
    assert "keys: break.strat: unknown key binding id (did you mean break.start?)" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (home / "breakwell.db").exists()


def test_every_binding_id_may_be_given_keys(home: Path) -> None:
    write_keys(home, "\n".join(f'"{binding}" = "f12"' for binding in BINDING_IDS))
    assert dict(load_settings().config.keys) == dict.fromkeys(BINDING_IDS, "f12")
