import pytest
from hypothesis import given
from hypothesis import strategies as st

from breakwell.domain.errors import InvalidInput
from breakwell.domain.platforms import (
    BUILTIN_PLATFORMS,
    DEFAULT_CATALOGUE,
    Catalogue,
    Platform,
    validate_domain,
    validate_platform_id,
)

REQUIRED = {
    "x",
    "facebook",
    "instagram",
    "tiktok",
    "reddit",
    "youtube",
    "linkedin",
    "mastodon",
    "bluesky",
    "threads",
    "snapchat",
}


def test_catalogue_has_the_major_platforms_with_valid_domains() -> None:
    ids = {p.id for p in BUILTIN_PLATFORMS}
    assert ids >= REQUIRED
    for platform in BUILTIN_PLATFORMS:
        validate_platform_id(platform.id)
        assert platform.domains
        assert all(validate_domain(d) == d for d in platform.domains)


def test_x_is_also_known_as_twitter_and_names_resolve_case_insensitively() -> None:
    assert DEFAULT_CATALOGUE.resolve("twitter").id == "x"
    assert DEFAULT_CATALOGUE.resolve("Instagram").id == "instagram"
    assert "twitter.com" in DEFAULT_CATALOGUE.resolve("x").domains


def test_unknown_platform_suggests_the_closest() -> None:
    with pytest.raises(InvalidInput, match=r"unknown platform 'redit' \(did you mean 'reddit'"):
        DEFAULT_CATALOGUE.resolve("redit")


def test_resolve_all_keeps_order_and_drops_repeats() -> None:
    assert DEFAULT_CATALOGUE.resolve_all(["twitter", "reddit", "x"]) == ("x", "reddit")


def test_custom_platforms_extend_and_replace_builtins() -> None:
    custom = {
        "forum": Platform("forum", "My forum", ("forum.example.org",)),
        "reddit": Platform("reddit", "Reddit", ("reddit.com",)),
    }
    catalogue = Catalogue.with_custom(custom)
    assert catalogue.resolve("forum").name == "My forum"
    assert catalogue.resolve("reddit").domains == ("reddit.com",)
    assert catalogue.resolve("twitter").id == "x"


def test_a_custom_platform_cannot_take_a_builtin_alias() -> None:
    with pytest.raises(InvalidInput, match=r"use \[platforms\.x\]"):
        Catalogue.with_custom({"twitter": Platform("twitter", "T", ("t.example",))})


@pytest.mark.parametrize(
    "bad",
    [
        "example",
        "exa mple.com",
        "example.com\n1.2.3.4 bank.com",
        "127.0.0.1",
        "::1",
        "#comment.com",
        "-bad.com",
        "bad-.com",
        "a..com",
        "example.123",
        " example.com",
    ],
)
def test_domains_are_validated_strictly(bad: str) -> None:
    with pytest.raises(InvalidInput):
        validate_domain(bad)


@given(st.text(), st.sampled_from([" ", "\n", "\t", "#", "\r", "/", "@"]), st.text())
def test_no_whitespace_comment_or_path_can_reach_the_hosts_file(
    left: str, bad: str, right: str
) -> None:
    with pytest.raises(InvalidInput):
        validate_domain(f"{left}{bad}{right}.com")


@pytest.mark.parametrize("bad", ["X", "1abc", "a b", "", "a" * 40, "with_underscore"])
def test_platform_ids_are_short_and_lower_case(bad: str) -> None:
    with pytest.raises(InvalidInput):
        validate_platform_id(bad)


def test_name_of_shows_the_name_or_an_unknown_id_as_it_is() -> None:
    assert DEFAULT_CATALOGUE.name_of("x") == "X (Twitter)"
    assert DEFAULT_CATALOGUE.name_of("gone-forum") == "gone-forum"
