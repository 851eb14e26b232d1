import json
from datetime import timedelta

import pytest

from breakwell.cli import ask
from tests.conftest import START, Cli


@pytest.fixture
def at_keyboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ask, "interactive", lambda: True)


def status(run: Cli) -> dict[str, object]:
    data: dict[str, object] = json.loads(run("status", "--json").stdout)
    return data


def test_start_prints_a_summary_and_json_has_the_contract_keys(run: Cli) -> None:
    human = run("start", "45m", "-p", "twitter", "-p", "reddit", "--no-prompts")
    assert human.stdout.startswith("Started. Break #1: off X (Twitter), Reddit until today 20:45")
    run.clock.advance(timedelta(hours=1))
    data = json.loads(run("start", "2h", "--mode", "watch", "--json").stdout)
    assert set(data) >= {"id", "status", "starts_at", "ends_at", "platforms", "mode", "strictness"}
    assert data["mode"] == "watch"
    assert data["starts_at"].endswith("+00:00")


def test_start_at_a_later_time_plans_the_break(run: Cli) -> None:
    result = run("start", "1h", "--at", "tomorrow 09:00", "--no-prompts", "-p", "x")
    assert result.exit_code == 0
    assert "Planned. Break #1: off X (Twitter) from tomorrow 09:00 for 1h" in result.stdout
    data = status(run)
    assert data["break"] is None
    upcoming = data["upcoming"]
    assert isinstance(upcoming, list)
    assert upcoming[0]["starts_at"] == "2026-11-24T09:00:00+00:00"


def test_start_asks_the_before_questions_at_a_terminal(run: Cli, at_keyboard: None) -> None:
    answers = "\n".join(["see who leads", "the group chat", "", "1, habit", "7", "3", ""])
    result = run("start", "1h", "-p", "x", input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "What is your intention for this break?" in result.stdout
    assert "How do you feel right now? (1-5)" in result.stdout
    assert "answer with a whole number from 1 to 5" in result.output
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["break"]["intention"] == "see who leads"
    before = {a["key"]: a["value"] for a in shown["answers"]["before"]}
    assert before == {
        "expect_miss": "the group chat",
        "pulls": "boredom, habit",
        "mood_before": "3",
    }


def test_no_prompts_and_intention_flags_skip_the_questions(run: Cli, at_keyboard: None) -> None:
    result = run("start", "1h", "--intention", "rest", "--no-prompts")
    assert "intention" not in result.stdout.lower().split("intention: rest")[0]
    assert "Intention: rest" in result.stdout


def test_status_human_forms(run: Cli) -> None:
    assert "No break is running" in run("status").stdout
    run("start", "1h", "-p", "x", "--intention", "notice the loud ones", "--no-prompts")
    run("start", "1h", "--at", "23:00", "-p", "x", "--no-prompts")
    text = run("status").stdout
    assert "Break #1: off X (Twitter) until today 21:00 (1h left)" in text
    assert "Intention: notice the loud ones" in text
    assert "Next: Break #2: off X (Twitter) from today 23:00 for 1h" in text
    run.clock.advance(timedelta(hours=1, minutes=1))
    assert "Waiting for your reflection: #1" in run("status").stdout
    assert status(run)["awaiting_reflection"] == [1]


def test_status_counts_down_with_the_clock(run: Cli) -> None:
    run("start", "1h", "--no-prompts")
    run.clock.advance(timedelta(minutes=15))
    current = status(run)["break"]
    assert isinstance(current, dict)
    assert current["remaining_seconds"] == 45 * 60


def test_extend_the_running_break_even_when_locked(run: Cli) -> None:
    run("start", "1h", "-s", "locked", "--no-prompts")
    result = run("extend", "30m")
    assert result.exit_code == 0
    assert "Extended by 30m." in result.stdout
    current = status(run)["break"]
    assert isinstance(current, dict)
    assert current["ends_at"] == (START + timedelta(minutes=90)).isoformat()


def test_extend_without_a_running_break_is_refused(run: Cli) -> None:
    result = run("extend", "1h")
    assert result.exit_code == 1
    assert "no break is running" in result.stderr


def test_gentle_stop_ends_and_points_to_reflection(run: Cli) -> None:
    run("start", "1h", "--no-prompts")
    run.clock.advance(timedelta(minutes=20))
    result = run("stop")
    assert result.exit_code == 0
    assert "Break #1 ended early after 20m." in result.stdout
    assert "breakwell reflect 1" in result.stdout


def test_firm_stop_is_two_steps_around_the_cool_down(run: Cli) -> None:
    run("start", "1h", "-s", "firm", "--no-prompts")
    first = run("stop", "--reason", "I need to reply to a client")
    assert first.exit_code == 1
    assert "cool-down has started" in first.stderr
    assert "in 1m" in first.stderr
    run.clock.advance(timedelta(seconds=30))
    early = run("stop")
    assert early.exit_code == 1
    assert "it can end in 30s" in early.stderr
    run.clock.advance(timedelta(seconds=31))
    done = run("stop", "--json")
    assert done.exit_code == 0
    item = json.loads(done.stdout)
    assert item["status"] == "ended_early"
    assert item["end_reason"] == "I need to reply to a client"


def test_firm_stop_with_wait_counts_down_then_ends(
    run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("start", "1h", "-s", "firm", "--no-prompts")
    slept: list[float] = []

    def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        run.clock.advance(timedelta(seconds=seconds))

    monkeypatch.setattr("breakwell.cli.context.time.sleep", fake_sleep)
    result = run("stop", "--reason", "family call", "--wait", "--json")
    assert result.exit_code == 0, result.output
    assert sum(slept) == 60
    assert "Cooling down for 1m" in result.stderr
    ended = json.loads(result.stdout)
    assert (ended["status"], ended["end_ready_at"]) == ("ended_early", None)


def test_cancel_a_planned_break(run: Cli) -> None:
    run("start", "1h", "--at", "tomorrow 08:00", "--no-prompts")
    result = run("cancel", "1")
    assert result.exit_code == 0
    assert result.stdout == "Break #1 cancelled.\n"
    assert json.loads(run("history", "--json").stdout)[0]["status"] == "cancelled"


def test_negative_looking_durations_still_allow_options_after_them(run: Cli) -> None:
    result = run("start", "-5m", "--platform", "x")
    assert result.exit_code == 2
    assert "must be positive" in result.stderr
    ok = run("start", "--platform", "x", "5m", "--no-prompts")
    assert ok.exit_code == 0


def test_stop_json_shows_when_a_firm_cool_down_will_let_the_break_end(run: Cli) -> None:
    run("start", "1h", "-s", "firm", "--no-prompts")
    result = run("stop", "--reason", "a call", "--json")
    assert result.exit_code == 1
    assert "cool-down has started" in result.stderr
    pending = json.loads(result.stdout)
    assert pending["status"] == "active"
    assert pending["end_ready_at"] == (START + timedelta(seconds=60)).isoformat()


def test_a_start_time_that_passes_while_answering_starts_the_break_at_once(
    run: Cli, monkeypatch: pytest.MonkeyPatch, at_keyboard: None
) -> None:
    def slow_answers(*_: object, **__: object) -> dict[str, str]:
        run.clock.advance(timedelta(minutes=2))
        return {"mood_before": "3"}

    monkeypatch.setattr(ask, "ask_all", slow_answers)
    result = run("start", "1h", "--at", "in 30s", "-i", "rest")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Started.")
    current = status(run)["break"]
    assert isinstance(current, dict)
    assert current["starts_at"] == (START + timedelta(minutes=2)).isoformat()


def test_status_says_whether_anything_enforces(run: Cli) -> None:
    from breakwell.cli.context import CliContext
    from breakwell.enforce.lock import EnforcerLock

    run("start", "1h", "--no-prompts")
    assert status(run)["enforced"] is False
    assert "Not enforced" in run("status").stdout
    lock = EnforcerLock(CliContext().settings.paths.runtime_dir)
    assert lock.acquire()
    try:
        assert status(run)["enforced"] is True
        assert "Not enforced" not in run("status").stdout
    finally:
        lock.release()
