"""The person's list of questions: one ordered list per phase, built-in and own alike."""

from datetime import UTC, datetime

import pytest

from breakwell.domain import questions as rules
from breakwell.domain.document import PromptRecord
from breakwell.domain.errors import InvalidInput
from breakwell.domain.prompts import DEFAULT_PROMPTS, Phase, PromptKind

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def own(key: str, position: int = 0, phase: Phase = Phase.AFTER) -> PromptRecord:
    return PromptRecord(key, phase, PromptKind.TEXT, f"{key}?", "", (), position, True, NOW)


def test_before_any_change_the_built_in_set_leads_and_own_questions_follow() -> None:
    arranged = rules.arrange([own("sleep")])
    assert [q.key for q in arranged] == [*(p.key for p in DEFAULT_PROMPTS), "sleep"]


def test_a_stored_list_is_the_order_and_a_built_in_it_lacks_joins_its_end() -> None:
    stored = rules.records_of(rules.arrange([]), NOW)
    without_change = [r for r in stored if r.key != "change"]
    reordered = [own("sleep", position=-1), *without_change]
    keys = [q.key for q in rules.arrange(reordered) if q.phase is Phase.AFTER]
    assert keys[0] == "sleep"
    assert keys[-1] == "change"


def test_records_round_trip_to_the_same_list_whatever_their_stored_order() -> None:
    changed = rules.move(rules.arrange([]), "mood_after", "first")
    changed = rules.retire(changed, "noticed")
    records = rules.records_of(changed, NOW)
    assert rules.arrange(list(reversed(records))) == rules.arrange(records)
    assert [q.key for q in rules.arrange(records)] == [q.key for q in changed]


def test_keys_from_words_are_safe_slugs_never_taken() -> None:
    assert rules.key_from("Who did you miss?", []) == "who_did_you_miss"
    assert rules.key_from("Who did you miss?", ["who_did_you_miss"]) == "who_did_you_miss_2"
    assert rules.key_from("Café ¿ça va?", []) == "cafe_ca_va"
    assert rules.key_from("1 thing?", []) == "q_1_thing"
    assert rules.key_from("¿?", []) == "q"
    assert rules.key_from("Intention", []) == "intention_2"
    assert len(rules.key_from("word " * 40, [])) <= rules.MAX_KEY


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (["a"], "needs 2 to 20 choices"),
        (["a", "a "], "each choice can be given once"),
        (["a", ""], "a choice needs some words"),
        (["a, b", "c"], "cannot hold a comma"),
    ],
)
def test_choices_are_two_or_more_distinct_and_pickable(choices: list[str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        rules.check_choices(PromptKind.CHOICES, choices)


def test_a_stored_built_in_keeps_its_phase_and_kind() -> None:
    record = PromptRecord(
        "mood_before", Phase.BEFORE, PromptKind.TEXT, "Mood?", "", (), 0, True, NOW
    )
    with pytest.raises(InvalidInput, match="built-in before question of kind scale"):
        rules.check_record(record)


def test_a_reworded_built_in_keeps_its_pair() -> None:
    reworded = rules.reword(rules.arrange([]), "mood_after", "And now?")
    found = rules.find(reworded, "mood_after")
    assert found.prompt.pairs_with == "mood_before"
    assert found.prompt.kind is PromptKind.SCALE
