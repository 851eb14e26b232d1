from datetime import timedelta

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.domain.prompts import Phase, Prompt, PromptKind
from breakwell.services import Services
from breakwell.store.prompts import add_prompt
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
    with pytest.raises(InvalidInput, match="'mood_before' is not a after question"):
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
    with database_of(services).write() as session:
        add_prompt(
            session,
            Prompt("sleep", Phase.AFTER, PromptKind.SCALE, "How did you sleep?"),
            START,
        )
    keys = [p.key for p in services.reflections.prompts(Phase.AFTER)]
    assert keys[-1] == "sleep"
    assert "learned" in keys
    assert "sleep" not in [p.key for p in services.reflections.prompts(Phase.BEFORE)]
