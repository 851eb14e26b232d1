"""`stop --wait` waits out a cool-down already running; `stop --json` always prints JSON."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner, Result

from breakwell.cli import cooldown
from breakwell.cli.context import CliContext
from breakwell.cli.main import cli
from breakwell.domain.clock import FakeClock
from tests.conftest import START


class WaitingCli:
    """Runs commands in-process like the shared Cli, with a sleep that moves the fake clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.clock.advance(timedelta(seconds=seconds))

    def __call__(self, *args: str) -> Result:
        context = CliContext(clock=self.clock, sleep=self.sleep)
        return CliRunner().invoke(cli, list(args), obj=context, catch_exceptions=False)


@pytest.fixture
def run(clock: FakeClock) -> WaitingCli:
    return WaitingCli(clock)


def firm_break_cooling_down(run: WaitingCli) -> None:
    """A firm break whose cool-down an earlier `stop` started 20 s ago."""
    assert run("start", "1h", "-s", "firm", "--no-prompts").exit_code == 0
    first = run("stop", "--reason", "a call")
    assert first.exit_code == 1
    assert "cool-down has started" in first.stderr
    run.clock.advance(timedelta(seconds=20))


def test_wait_waits_out_a_cool_down_already_running_then_ends_the_break(
    run: WaitingCli,
) -> None:
    firm_break_cooling_down(run)
    result = run("stop", "--wait")
    assert result.exit_code == 0, result.output
    assert sum(run.slept) == 40
    assert run.clock.now() == START + timedelta(seconds=60)
    assert result.stdout.startswith("Break #1 ended early after 1m.")
    # Not a terminal: one plain line, no redrawn countdown.
    assert result.stderr == (
        "Cooling down for 40s, until 20:01:00; interrupt to stay on your break.\n"
    )
    data = json.loads(run("history", "--json").stdout)[0]
    assert (data["status"], data["end_reason"]) == ("ended_early", "a call")


def test_on_a_terminal_the_wait_counts_down(
    run: WaitingCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    firm_break_cooling_down(run)
    monkeypatch.setattr(cooldown, "stderr_is_terminal", lambda: True)
    result = run("stop", "--wait")
    assert result.exit_code == 0, result.output
    assert "Take a breath" in result.stderr
    frames = [part.strip() for part in result.stderr.split("\r")[1:]]
    assert frames[0] == "40s left"
    assert frames[-2] == "1s left"
    assert frames[-1] == "cool-down over"


def test_without_wait_a_running_cool_down_says_how_to_wait_it_out(run: WaitingCli) -> None:
    firm_break_cooling_down(run)
    result = run("stop")
    assert result.exit_code == 1
    assert result.stderr == (
        "breakwell: break #1 is cooling down: it can end in 40s; wait it out with: "
        "breakwell stop --wait\n"
    )
    assert run.slept == []


def test_json_during_a_running_cool_down_holds_when_it_may_end(run: WaitingCli) -> None:
    firm_break_cooling_down(run)
    result = run("stop", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["status"] == "active"
    assert data["end_ready_at"] == (START + timedelta(seconds=60)).isoformat()


def test_json_with_wait_on_a_running_cool_down_is_the_ended_break(run: WaitingCli) -> None:
    firm_break_cooling_down(run)
    result = run("stop", "--wait", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["status"], data["end_ready_at"]) == ("ended_early", None)
    assert "Cooling down for 40s" in result.stderr


def test_json_when_refused_is_the_break_as_it_stands(run: WaitingCli) -> None:
    nothing = run("stop", "--json")
    assert nothing.exit_code == 1
    assert json.loads(nothing.stdout) is None
    assert "no break is running" in nothing.stderr
    run("start", "1h", "-s", "firm", "--no-prompts")
    no_reason = run("stop", "--json")
    assert no_reason.exit_code == 1
    assert "needs a reason" in no_reason.stderr
    data = json.loads(no_reason.stdout)
    assert (data["id"], data["status"], data["end_ready_at"]) == (1, "active", None)


def test_interrupting_the_wait_keeps_the_break_and_still_prints_json(
    run: WaitingCli,
) -> None:
    firm_break_cooling_down(run)

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    context = CliContext(clock=run.clock, sleep=interrupted)
    result = CliRunner().invoke(cli, ["stop", "--wait", "--json"], obj=context)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["status"] == "active"
    assert "still on your break" in result.stderr
    assert json.loads(run("status", "--json").stdout)["break"]["status"] == "active"
