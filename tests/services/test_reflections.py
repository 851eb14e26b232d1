from datetime import timedelta

import pytest
from sqlmodel import select

from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.domain.prompts import DEFAULT_PROMPTS, Phase, prompts_for
from breakwell.services import Services
from breakwell.store.tables import PromptRow
from tests.conftest import START
from tests.journal import database_of


def ended_break(services: Services, clock: FakeClock) -> int:
    stored = services.breaks.start(services.breaks.plan(timedelta(hours=1)), {"mood_before": "2"})
    assert stored.id is not None
    clock.advance(timedelta(hours=2))
    services.settle()
    return stored.id


def test_after_answers_are_saved_and_the_reflection_is_done(
    services: Services, clock: FakeClock
) -> None:
    break_id = ended_break(services, clock)
    assert [b.id for b in services.reflections.awaiting()] == [break_id]
    services.reflections.reflect(
        break_id, {"helpful": "y", "mood_after": "4", "learned": "I check out of habit"}
    )
    assert services.reflections.awaiting() == []
    detail = services.breaks.detail(break_id)
    after = {a.prompt_key: a.value for a in detail.answers_for(Phase.AFTER)}
    assert after == {"helpful": "yes", "mood_after": "4", "learned": "I check out of habit"}
    assert detail.answer("mood_before") is not None


def test_an_invalid_answer_saves_nothing(services: Services, clock: FakeClock) -> None:
    break_id = ended_break(services, clock)
    with pytest.raises(InvalidInput, match="yes or no"):
        services.reflections.reflect(break_id, {"learned": "x", "helpful": "perhaps"})
    with pytest.raises(
        InvalidInput, match="'mood_before' is not asked after a break; asked: helpful, learned"
    ):
        services.reflections.reflect(break_id, {"mood_before": "3"})
    assert services.reflections.answers(break_id)[0].prompt_key == "mood_before"
    assert len(services.reflections.answers(break_id)) == 1
    assert [b.id for b in services.reflections.awaiting()] == [break_id]


def test_a_running_break_cannot_be_reflected_on(services: Services) -> None:
    stored = services.breaks.start(services.breaks.plan(timedelta(hours=1)))
    assert stored.id is not None
    with pytest.raises(RuleRefused, match="has not ended"):
        services.reflections.reflect(stored.id, {})


def test_the_persons_own_questions_follow_the_defaults(services: Services) -> None:
    services.prompts.add(Phase.AFTER, "scale", "How did you sleep?")
    keys = [p.key for p in services.reflections.prompts(Phase.AFTER)]
    assert keys[-1] == "how_did_you_sleep"
    assert "learned" in keys
    assert "how_did_you_sleep" not in [p.key for p in services.reflections.prompts(Phase.BEFORE)]


def test_an_own_question_an_import_brought_follows_the_built_in_set(services: Services) -> None:
    with database_of(services).write() as session:
        session.add(
            PromptRow(key="sleep", phase="after", kind="scale", text="Slept?", created_at=START)
        )
    asked = [p.key for p in services.reflections.prompts(Phase.AFTER)]
    assert asked == [p.key for p in prompts_for(Phase.AFTER)] + ["sleep"]


def test_the_first_change_stores_the_whole_list_and_keeps_its_order(services: Services) -> None:
    before = [q.key for q in services.prompts.all()]
    services.prompts.reword("change", "One thing to change?")
    with database_of(services).read() as session:
        stored = session.exec(select(PromptRow)).all()
    assert len(stored) == len(DEFAULT_PROMPTS)
    assert [q.key for q in services.prompts.all()] == before
    assert services.prompts.all()[-1].prompt.text == "One thing to change?"


def test_a_reworded_built_in_keeps_its_pair_for_the_side_by_side(services: Services) -> None:
    services.prompts.reword("missed", "What did you miss, really?")
    missed = next(p for p in services.reflections.prompts(Phase.AFTER) if p.key == "missed")
    assert missed.pairs_with == "expect_miss"
