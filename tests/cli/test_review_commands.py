import json
from datetime import timedelta

import pytest

from breakwell.cli import ask
from tests.conftest import Cli


@pytest.fixture
def ended(run: Cli) -> None:
    """One break with before-answers and an observation, now ended."""
    run("start", "1h", "-p", "x", "--intention", "watch who leads", "--no-prompts")
    run("note", "everyone copies @bigaccount #emulation")
    run.clock.advance(timedelta(hours=2))


def test_reflect_with_answers_on_the_command_line(run: Cli, ended: None) -> None:
    result = run("reflect", "--answer", "helpful=yes", "-a", "mood_after=4", "-a", "learned=less")
    assert result.exit_code == 0, result.output
    assert "Reflection on break #1 saved" in result.stdout
    assert run("reflect").stdout.startswith("Nothing to reflect on")
    after = json.loads(run("show", "1", "--json").stdout)["answers"]["after"]
    assert {a["key"]: a["value"] for a in after} == {
        "helpful": "yes",
        "mood_after": "4",
        "learned": "less",
    }


def test_reflect_asks_at_a_terminal_showing_the_earlier_answers(
    run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ask, "interactive", lambda: True)
    run("start", "1h", "-p", "x", "--intention", "rest", input="the memes\n\n\n2\n")
    run.clock.advance(timedelta(hours=1))
    answers = ["y", "people perform", "", "not the memes", "", "5", "post less"]
    result = run("reflect", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Your intention was: rest" in result.stdout
    assert "before, you wrote: the memes" in result.stdout
    assert "before, you wrote: 2" in result.stdout
    after = json.loads(run("show", "1", "--json").stdout)["answers"]["after"]
    assert {a["key"]: a["value"] for a in after} == {
        "helpful": "yes",
        "learned": "people perform",
        "missed": "not the memes",
        "mood_after": "5",
        "change": "post less",
    }


def test_reflect_without_a_terminal_or_answers_explains_itself(run: Cli, ended: None) -> None:
    result = run("reflect")
    assert result.exit_code == 2
    assert "--answer KEY=VALUE" in result.stderr


def test_reflect_with_several_waiting_needs_an_id(run: Cli, ended: None) -> None:
    run("start", "1h", "--no-prompts")
    run.clock.advance(timedelta(hours=2))
    result = run("reflect", "--skip")
    assert result.exit_code == 2
    assert "several breaks await reflection (#1, #2)" in result.stderr
    assert run("reflect", "2", "--skip").exit_code == 0
    assert json.loads(run("status", "--json").stdout)["awaiting_reflection"] == [1]


def test_history_lists_newest_first(run: Cli) -> None:
    assert "No breaks yet" in run("history").stdout
    for _ in range(3):
        run("start", "1h", "-p", "x", "--no-prompts")
        run.clock.advance(timedelta(hours=2))
    items = json.loads(run("history", "--json").stdout)
    assert [b["id"] for b in items] == [3, 2, 1]
    assert all(b["status"] == "completed" for b in items)
    assert [b["id"] for b in json.loads(run("history", "-n", "2", "--json").stdout)] == [3, 2]
    lines = run("history").stdout.splitlines()
    assert lines[0].split() == [
        "id",
        "starts",
        "length",
        "status",
        "strictness",
        "mode",
        "platforms",
    ]
    assert lines[1].startswith("#3")
    assert "completed" in lines[1]


def test_show_puts_before_and_after_side_by_side(run: Cli, ended: None) -> None:
    run("reflect", "-a", "mood_after=5", "-a", "learned=the loud ones lead")
    text = run("show", "1").stdout
    assert "Intention: watch who leads" in text
    assert "What did you learn?\n    the loud ones lead" in text
    assert "Entries (1)" in text
    assert "everyone copies @bigaccount #emulation" in text
    data = json.loads(run("show", "1", "--json").stdout)
    assert data["break"]["status"] == "completed"
    assert data["entries"][0]["people"] == ["bigaccount"]
    assert data["slips"] == 0


def test_show_pairs_after_answers_with_before_answers(run: Cli) -> None:
    from breakwell.cli.context import CliContext

    context = CliContext(clock=run.clock)
    services = context.services
    stored = services.breaks.start(
        services.breaks.plan(timedelta(hours=1)), {"mood_before": "2", "expect_miss": "news"}
    )
    context.close()
    assert stored.id is not None
    run.clock.advance(timedelta(hours=2))
    run("reflect", "1", "-a", "mood_after=4", "-a", "missed=nothing")
    text = run("show", "1").stdout
    assert "How do you feel now?\n    4\n    (before: 2)" in text
    assert "What did you actually miss?\n    nothing\n    (before: news)" in text
