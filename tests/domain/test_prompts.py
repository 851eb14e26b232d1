from datetime import UTC, datetime

import pytest

from breakwell.domain.errors import InvalidInput
from breakwell.domain.prompts import (
    DEFAULT_PROMPTS,
    Phase,
    PromptKind,
    answer,
    find_prompt,
    prompts_for,
)

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def test_default_set_covers_both_phases_with_moods() -> None:
    before = {p.key for p in prompts_for(Phase.BEFORE)}
    after = {p.key for p in prompts_for(Phase.AFTER)}
    assert {"expect_miss", "mood_before"} <= before
    assert {
        "helpful",
        "learned",
        "noticed",
        "missed",
        "not_missed",
        "mood_after",
        "change",
    } <= after
    assert len({p.key for p in DEFAULT_PROMPTS}) == len(DEFAULT_PROMPTS)
    for prompt in DEFAULT_PROMPTS:
        if prompt.pairs_with:
            assert find_prompt(prompt.pairs_with).phase is Phase.BEFORE


@pytest.mark.parametrize(
    ("key", "raw", "stored"),
    [
        ("mood_before", " 4 ", "4"),
        ("helpful", "Y", "yes"),
        ("helpful", "no", "no"),
        ("pulls", "2, habit, NEWS, habit", "notifications, habit, news"),
        ("learned", "  people perform  ", "people perform"),
    ],
)
def test_answers_are_normalized(key: str, raw: str, stored: str) -> None:
    item = answer(find_prompt(key), raw, NOW)
    assert item is not None
    assert item.value == stored
    assert item.question == find_prompt(key).text


def test_blank_answers_are_skipped() -> None:
    assert answer(find_prompt("learned"), "   ", NOW) is None


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("mood_after", "6", "from 1 to 5"),
        ("mood_after", "great", "from 1 to 5"),
        ("helpful", "maybe", "yes or no"),
        ("pulls", "doomscrolling", "not one of"),
        ("pulls", "9", "not one of"),
    ],
)
def test_invalid_answers_say_what_is_expected(key: str, raw: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        find_prompt(key).normalize(raw)


def test_kinds_used_by_defaults() -> None:
    assert {p.kind for p in DEFAULT_PROMPTS} == set(PromptKind)
