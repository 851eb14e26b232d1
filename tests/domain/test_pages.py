"""The pages the browser companion writes from: addresses, platforms, and the entry's text."""

import pytest

from breakwell.domain.errors import InvalidInput
from breakwell.domain.pages import MAX_ADDRESS, page_address, page_entry_text, platform_of
from breakwell.domain.platforms import DEFAULT_CATALOGUE


@pytest.mark.parametrize(
    "url", ["https://x.com/ann/status/1", "http://news.ycombinator.com/item?id=1#c"]
)
def test_a_web_address_is_kept_as_it_is(url: str) -> None:
    assert page_address(f"  {url} ") == url


@pytest.mark.parametrize(
    "url",
    [
        "",
        "x.com/home",
        "ftp://x.com/file",
        "javascript:alert(1)",
        "https://",
        "https://x.com/a b",
        "https://x.com:99999/",
        "https://x.com/\x00",
        "https://x.com/" + "a" * MAX_ADDRESS,
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    with pytest.raises(InvalidInput, match="page address"):
        page_address(url)


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://x.com/home", "x"),
        ("https://MOBILE.twitter.com/ann", "x"),
        ("https://help.instagram.com/", "instagram"),
        ("https://news.ycombinator.com/", "hackernews"),
        ("https://ycombinator.com/", None),
        ("https://x.com.example.org/", None),
        ("https://notx.com/", None),
    ],
)
def test_the_platform_is_the_one_whose_domain_holds_the_host(
    url: str, platform: str | None
) -> None:
    found = platform_of(url, DEFAULT_CATALOGUE)
    assert (found.id if found else None) == platform


def test_the_entry_holds_the_words_then_the_quote_then_the_address() -> None:
    text = page_entry_text(
        " @ann only broadcasts #broadcast ", "https://x.com/ann", "line one\n\nthree"
    )
    assert text == "@ann only broadcasts #broadcast\n\n> line one\n>\n> three\n\nhttps://x.com/ann"
    assert page_entry_text("seen", "https://x.com/", "  ") == "seen\n\nhttps://x.com/"


def test_the_entry_needs_the_persons_own_words() -> None:
    with pytest.raises(InvalidInput, match="needs some text"):
        page_entry_text("  ", "https://x.com/", "a quote alone")
    with pytest.raises(InvalidInput, match="quote"):
        page_entry_text("seen", "https://x.com/", "\x07")
