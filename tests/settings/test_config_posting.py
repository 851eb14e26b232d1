"""`[platforms.ID] posting`: a person's own posting rules, checked as strictly as domains."""

from pathlib import Path

import pytest

from breakwell.domain.errors import ConfigError
from breakwell.domain.platforms import DEFAULT_CATALOGUE
from breakwell.domain.posting import PostingRule, is_posting
from breakwell.settings import load_settings
from tests.settings.test_config import write_config

FORUM = """
[platforms.forum]
name = "Local forum"
domains = ["forum.example.org"]
posting = [
  { methods = ["post", "PUT"], pattern = '^https://forum\\.example\\.org/(?:reply|new)' },
  { methods = ["DELETE"], pattern = '^https://forum\\.example\\.org/posts/\\d+' },
]
"""


def test_a_platform_of_ones_own_brings_its_posting_rules(home: Path) -> None:
    write_config(home, FORUM)
    forum = load_settings().catalogue.resolve("forum")
    assert forum.posting == (
        PostingRule(("POST", "PUT"), r"^https://forum\.example\.org/(?:reply|new)"),
        PostingRule(("DELETE",), r"^https://forum\.example\.org/posts/\d+"),
    )
    assert is_posting(forum, "POST", "https://forum.example.org/reply?to=3")
    assert is_posting(forum, "DELETE", "https://forum.example.org/posts/12")
    assert not is_posting(forum, "GET", "https://forum.example.org/reply")


def test_a_platform_of_ones_own_without_rules_has_none(home: Path) -> None:
    write_config(home, '[platforms.forum]\nname = "F"\ndomains = ["forum.example.org"]\n')
    assert load_settings().catalogue.resolve("forum").posting == ()


def test_a_built_in_keeps_its_rules_unless_the_config_names_its_own(home: Path) -> None:
    builtin = DEFAULT_CATALOGUE.resolve("mastodon").posting
    write_config(home, '[platforms.mastodon]\nname = "Mastodon"\ndomains = ["my.server.org"]\n')
    mastodon = load_settings().catalogue.resolve("mastodon")
    assert (mastodon.domains, mastodon.posting) == (("my.server.org",), builtin)

    write_config(home, '[platforms.x]\nname = "X"\ndomains = ["x.com"]\nposting = []\n')
    assert load_settings().catalogue.resolve("x").posting == ()

    write_config(
        home,
        '[platforms.x]\nname = "X"\ndomains = ["x.com"]\n'
        "posting = [{ methods = ['POST'], pattern = '^https://x\\.com/compose' }]\n",
    )
    x = load_settings().catalogue.resolve("twitter")
    assert x.posting == (PostingRule(("POST",), r"^https://x\.com/compose"),)
    assert x.aliases == ("twitter",)


def rules(*lines: str) -> str:
    return '[platforms.forum]\nname = "F"\nposting = [\n' + ",\n".join(lines) + "\n]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            rules("{ methods = ['POST'], pattern = '^https://f\\.org/(?=x)' }"),
            r"platforms\.forum\.posting\.0\.pattern: lookarounds",
        ),
        (
            rules(
                "{ methods = ['POST'], pattern = '^https://f\\.org/a' }",
                "{ methods = ['POST'], pattern = '^https://f\\.org/(a)\\1' }",
            ),
            r"platforms\.forum\.posting\.1\.pattern: '\\1' is a backreference",
        ),
        (
            rules("{ methods = ['POST'], pattern = 'f\\.org/a' }"),
            r"platforms\.forum\.posting\.0\.pattern: must start with \^https://",
        ),
        (
            rules("{ methods = ['POST'], pattern = '^https://f\\.org/(a' }"),
            r"platforms\.forum\.posting\.0\.pattern: is not a valid regular expression",
        ),
        (
            rules("{ methods = ['GET'], pattern = '^https://f\\.org/a' }"),
            r"platforms\.forum\.posting\.0\.methods: 'GET' is not a posting method",
        ),
        (
            rules("{ methods = [], pattern = '^https://f\\.org/a' }"),
            r"platforms\.forum\.posting\.0\.methods: name at least one method",
        ),
        (
            rules("{ methods = 'POST', pattern = '^https://f\\.org/a' }"),
            r"platforms\.forum\.posting\.0\.methods: ",
        ),
        (rules("{ methods = ['POST'] }"), r"platforms\.forum\.posting\.0\.pattern: Field required"),
        (
            rules("{ methods = ['POST'], pattern = '^https://f\\.org/a', regex = 'x' }"),
            r"platforms\.forum\.posting\.0\.regex: unknown key",
        ),
        (
            rules(*["{ methods = ['POST'], pattern = '^https://f\\.org/a' }"] * 51),
            r"platforms\.forum\.posting: .*at most 50",
        ),
    ],
)
def test_a_bad_posting_rule_names_the_key_at_fault(home: Path, text: str, message: str) -> None:
    write_config(home, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings()
    assert str(home / "config.toml") in str(caught.value)
    assert "\n" not in str(caught.value)
