import pytest

from breakwell.domain.markup import extract_people, extract_tags


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("they all echo the loudest voice #groupthink", ("groupthink",)),
        ("#Emulation and #emulation again, #self-image.", ("emulation", "self-image")),
        ("my #1 reason", ()),
        ("see https://example.com/page#section", ()),
        ("a#b is not a tag but (#c) is", ("c",)),
        ("#café culture", ("café",)),
    ],
)
def test_tags(text: str, tags: tuple[str, ...]) -> None:
    assert extract_tags(text) == tags


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("@alice replied to @Bob.", ("alice", "bob")),
        ("mail me at me@example.com", ()),
        ("@carol@mastodon.social boosts everyone", ("carol@mastodon.social",)),
        ("@dave.bsky.social posts daily", ("dave.bsky.social",)),
    ],
)
def test_people(text: str, people: tuple[str, ...]) -> None:
    assert extract_people(text) == people


def test_tags_and_people_fit_their_columns() -> None:
    from breakwell.domain.markup import MAX_PERSON, MAX_TAG, extract_people, extract_tags

    assert extract_tags("#" + "a" * MAX_TAG) == ("a" * MAX_TAG,)
    assert extract_tags("#" + "a" * (MAX_TAG + 1)) == ()
    assert extract_people("@" + "b" * (MAX_PERSON + 1)) == ()
