"""Every key of the config has one type, checked strictly, and every table refuses keys it does
not know: the message names the key at fault, in the same words whatever the section."""

from __future__ import annotations

import pytest

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.errors import ConfigError
from breakwell.settings.config import Config, PostingRuleConfig, parse_config

RULE = "{ methods = ['POST'], pattern = '^https://f\\.org/a' }"


def refusal(text: str) -> str:
    with pytest.raises(ConfigError) as refused:
        parse_config(text, "config.toml")
    return str(refused.value).removeprefix("config.toml: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("database_url = 1", "database_url: Input should be a valid string"),
        ("device_name = true", "device_name: Input should be a valid string"),
        ("device_name = ''", "device_name: String should have at least 1 character"),
        (f"device_name = '{'d' * 65}'", "device_name: String should have at most 64 characters"),
        (
            "[breaks]\ndefault_platforms = 'x'",
            "breaks.default_platforms: Input should be a valid tuple",
        ),
        (
            "[breaks]\ndefault_platforms = ['x', 2]",
            "breaks.default_platforms.1: Input should be a valid string",
        ),
        (
            "[breaks]\ndefault_strictness = 1",
            "breaks.default_strictness: Input should be 'gentle', 'firm' or 'locked'",
        ),
        (
            "[breaks]\ndefault_mode = 'Watch'",
            "breaks.default_mode: Input should be 'unplug' or 'watch'",
        ),
        (
            "[breaks]\nfirm_cooldown_seconds = true",
            "breaks.firm_cooldown_seconds: Input should be a valid integer",
        ),
        (
            "[breaks]\nfirm_cooldown_seconds = 60.0",
            "breaks.firm_cooldown_seconds: Input should be a valid integer",
        ),
        (
            "[breaks]\nfirm_cooldown_seconds = 86401",
            "breaks.firm_cooldown_seconds: Input should be less than or equal to 86400",
        ),
        ("[blocking]\nhosts_file = 1", "blocking.hosts_file: Input should be a valid string"),
        ("[blocking]\nwatch_apps = 1", "blocking.watch_apps: Input should be a valid boolean"),
        (
            "[blocking]\nclose_apps_when_locked = 'yes'",
            "blocking.close_apps_when_locked: Input should be a valid boolean",
        ),
        ("[notifications]\ndesktop = 0", "notifications.desktop: Input should be a valid boolean"),
        ("[notifications]\nbell = 'on'", "notifications.bell: Input should be a valid boolean"),
        (
            "[notifications]\ncheck_in_minutes = false",
            "notifications.check_in_minutes: Input should be a valid integer",
        ),
        (
            "[notifications]\ncheck_in_minutes = -5",
            "notifications.check_in_minutes: Input should be greater than or equal to 0",
        ),
        (
            "[notifications]\ncheck_in_minutes = 10081",
            "notifications.check_in_minutes: Input should be less than or equal to 10080",
        ),
        ("[enforcer]\nautostart = 1", "enforcer.autostart: Input should be a valid boolean"),
        ("keys = 'j'", "keys: Input should be a valid dictionary"),
        ("[keys]\n'go.journal' = 1", "keys.go.journal: Input should be a valid string"),
        ("platforms = []", "platforms: Input should be a valid dictionary"),
    ],
)
def test_a_value_of_the_wrong_type_names_its_key(text: str, message: str) -> None:
    assert refusal(text) == message


@pytest.mark.parametrize("section", ["breaks", "blocking", "notifications", "enforcer"])
def test_a_section_that_is_not_a_table_is_refused(section: str) -> None:
    assert refusal(f"{section} = 1").startswith(
        f"{section}: Input should be a valid dictionary or instance of "
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[breaks]\ncolour = 1", "breaks.colour"),
        ("[blocking]\ncolour = 1", "blocking.colour"),
        ("[notifications]\ncolour = 1", "notifications.colour"),
        ("[enforcer]\ncolour = 1", "enforcer.colour"),
        ("[platforms.forum]\nname = 'F'\ncolour = 1", "platforms.forum.colour"),
        (
            f"[platforms.forum]\nname = 'F'\nposting = [{RULE[:-1]}, colour = 1 }}]",
            "platforms.forum.posting.0.colour",
        ),
        ("colour = 1", "colour"),
        # Which keys the file gave is kept beside the values, never read from the file.
        ("given = []", "given"),
        ("[blocking]\ngiven = ['hosts_file']", "blocking.given"),
    ],
)
def test_an_unknown_key_in_any_table_is_refused(text: str, where: str) -> None:
    assert refusal(text) == f"{where}: unknown key"


def test_type_errors_come_before_unknown_keys_and_in_the_order_keys_are_documented() -> None:
    assert refusal("colour = 1\n[breaks]\nbogus = 1\ndefault_mode = 2") == (
        "breaks.default_mode: Input should be 'unplug' or 'watch'"
    )
    assert refusal("[breaks]\nfirm_cooldown_seconds = 'x'\ndefault_strictness = 'x'") == (
        "breaks.default_strictness: Input should be 'gentle', 'firm' or 'locked'"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[platforms]\nforum = 'F'", "platforms.forum: Input should be a valid dictionary or"),
        ("[platforms.forum]\ndomains = []", "platforms.forum.name: Field required"),
        ("[platforms.forum]\nname = 1", "platforms.forum.name: Input should be a valid string"),
        (
            "[platforms.forum]\nname = 'F'\nprocesses = 'app'",
            "platforms.forum.processes: Input should be a valid tuple",
        ),
        (
            "[platforms.forum]\nname = 'F'\ndomains = ['f.org', 3]",
            "platforms.forum.domains.1: Input should be a valid string",
        ),
        (
            "[platforms.forum]\nname = 'F'\nposting = [1]",
            "platforms.forum.posting.0: Input should be a valid dictionary or",
        ),
        (
            f"[platforms.forum]\nname = 'F'\nposting = [{RULE}, {{ pattern = 1 }}]",
            "platforms.forum.posting.1.methods: Field required",
        ),
        (
            f"[platforms.forum]\nname = 'F'\nposting = [{{ methods = ['POST', 1] }}, {RULE}]",
            "platforms.forum.posting.0.methods.1: Input should be a valid string",
        ),
        # A platform id is checked once each platform's table is.
        ("[platforms.Bad]\nname = 'F'\n[platforms.b]\nname = 1", "platforms.b.name: Input should"),
    ],
)
def test_platform_tables_are_checked_at_every_depth(text: str, message: str) -> None:
    assert refusal(text).startswith(message)


def test_too_many_posting_rules_outweigh_a_bad_one_after_them() -> None:
    rules = ", ".join([RULE] * 51 + ["{ methods = ['GET'] }"])
    assert refusal(f"[platforms.forum]\nname = 'F'\nposting = [{rules}]") == (
        "platforms.forum.posting: Tuple should have at most 50 items after validation, not 52"
    )
    rules = ", ".join([RULE] * 50 + ["{ methods = ['GET'] }"])
    assert refusal(f"[platforms.forum]\nname = 'F'\nposting = [{rules}]").startswith(
        "platforms.forum.posting.50.methods: 'GET' is not a posting method"
    )


def test_a_full_config_reads_as_typed_values() -> None:
    config = parse_config(
        """
        device_name = "laptop"
        [breaks]
        default_platforms = ["x"]
        default_strictness = "locked"
        default_mode = "watch"
        firm_cooldown_seconds = 0
        [blocking]
        watch_apps = false
        [notifications]
        check_in_minutes = 10080
        [enforcer]
        autostart = false
        [keys]
        "go.journal" = "j"
        [platforms.forum]
        name = "Forum"
        domains = ["Forum.Example.org"]
        posting = [{ methods = ["post", "POST"], pattern = '^https://forum\\.example\\.org/new' }]
        """,
        "inline",
    )
    assert config.breaks.default_platforms == ("x",)
    assert config.breaks.default_strictness is Strictness.LOCKED
    assert config.breaks.default_mode is Mode.WATCH
    assert config.breaks.firm_cooldown_seconds == 0
    assert (config.blocking.watch_apps, config.blocking.close_apps_when_locked) == (False, True)
    assert config.blocking.given == {"watch_apps"}
    assert config.notifications.check_in_minutes == 10080 and config.notifications.desktop
    assert config.enforcer.autostart is False
    assert config.keys == {"go.journal": "j"} and config.device_name == "laptop"
    forum = config.platforms["forum"]
    assert forum.domains == ("forum.example.org",) and forum.processes == ()
    assert forum.posting == (
        PostingRuleConfig(methods=("POST",), pattern=r"^https://forum\.example\.org/new"),
    )
    assert parse_config("", "inline") == Config()
