import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from breakwell.domain.markup import extract_people, extract_tags, person_name


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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_every_name_and_tag_the_journal_keeps_reads_back_as_itself(word: str) -> None:
    """A name picked up from any text is a name the journal accepts as it keeps it (the People
    view and `people why` look it up so): "@İpek" is kept as "i̇pek", with a combining dot."""
    for person in extract_people(f"@{word} and @{word.upper()}"):
        assert person_name(person) == person
        assert person_name("@" + person) == person
    for tag in extract_tags(f"#{word} and #{word.upper()}"):
        assert extract_tags("#" + tag) == (tag,)


def test_a_name_with_a_combining_mark_is_one_name() -> None:
    assert extract_people("@İpek helps") == ("i\u0307pek",)
    assert person_name("İpek") == person_name("i\u0307pek") == "i\u0307pek"
    assert extract_people("@Jose\u0301 ok") == ("jose\u0301",)
