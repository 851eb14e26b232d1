from pathlib import Path

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.errors import ConfigError
from breakwell.settings import load_settings
from breakwell.settings.config import parse_config


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text)


def test_without_a_config_file_defaults_apply(home: Path) -> None:
    settings = load_settings()
    assert settings.config.breaks.firm_cooldown_seconds == 60
    assert settings.config.breaks.default_strictness is Strictness.GENTLE
    assert "x" in settings.default_platforms
    assert settings.database_url == f"sqlite:///{home / 'breakwell.db'}"


def test_documented_keys_are_read(home: Path) -> None:
    write_config(
        home,
        """
        database_url = "sqlite:////tmp/elsewhere.db"

        [breaks]
        default_platforms = ["twitter", "instagram"]
        default_strictness = "firm"
        default_mode = "watch"
        firm_cooldown_seconds = 120

        [platforms.forum]
        name = "Local forum"
        domains = ["forum.example.org"]
        processes = ["forum-app"]
        """,
    )
    settings = load_settings()
    assert settings.database_url == "sqlite:////tmp/elsewhere.db"
    assert settings.default_platforms == ("x", "instagram")
    assert settings.end_policy.firm_cooldown.total_seconds() == 120
    forum = settings.catalogue.resolve("forum")
    assert (forum.name, forum.domains, forum.processes) == (
        "Local forum",
        ("forum.example.org",),
        ("forum-app",),
    )


def test_environment_database_url_wins(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(home, 'database_url = "sqlite:////tmp/from-config.db"\n')
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", "sqlite:////tmp/from-env.db")
    assert load_settings().database_url == "sqlite:////tmp/from-env.db"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[breaks]\ncooldown = 5\n", r"breaks\.cooldown: unknown key"),
        ("[breaks]\nfirm_cooldown_seconds = 'soon'\n", r"breaks\.firm_cooldown_seconds: "),
        ("[breaks]\nfirm_cooldown_seconds = -1\n", r"breaks\.firm_cooldown_seconds: .*0"),
        ("[breaks]\ndefault_strictness = 'iron'\n", r"breaks\.default_strictness: "),
        ("colour = 'blue'\n", r"colour: unknown key"),
        ("[platforms.forum]\ndomains = ['a.org']\n", r"platforms\.forum\.name: "),
        (
            "[platforms.forum]\nname = 'F'\ndomains = ['1.2.3.4']\n",
            r"platforms\.forum\.domains: '1\.2\.3\.4' is an IP address",
        ),
        ("[platforms.Bad_Id]\nname = 'F'\n", r"platforms: 'Bad_Id' is not a valid platform id"),
        ("[breaks\n", r"not valid TOML: .*line 1"),
    ],
)
def test_bad_config_names_the_key_at_fault(home: Path, text: str, message: str) -> None:
    write_config(home, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings()
    assert str(home / "config.toml") in str(caught.value)
    assert "\n" not in str(caught.value)


def test_alias_collisions_and_unknown_defaults_are_config_errors(home: Path) -> None:
    write_config(home, "[platforms.twitter]\nname = 'T'\ndomains = ['t.example.org']\n")
    with pytest.raises(ConfigError, match=r"use \[platforms\.x\]"):
        load_settings()
    write_config(home, "[breaks]\ndefault_platforms = ['myspace']\n")
    with pytest.raises(ConfigError, match=r"breaks\.default_platforms: unknown platform"):
        load_settings()


def test_parse_config_accepts_an_empty_document() -> None:
    assert parse_config("", "inline").platforms == {}
