import json
from datetime import timedelta

from tests.conftest import Cli


def test_review_of_this_week_and_as_json(run: Cli) -> None:
    assert run("start", "2h", "-p", "x", "--no-prompts").exit_code == 0
    run("note", "@anna copies @bob #emulation")
    run("commit", "add", "one post", "--max", "1")
    run.clock.advance(timedelta(hours=2))
    answers = ["-a", "learned=people copy the loud", "-a", "mood_after=4"]
    assert run("reflect", "1", *answers).exit_code == 0
    text = run("review").output
    assert text.startswith("Week 2026-W48 (Mon 23 Nov - Sun 29 Nov 2026)\n")
    assert "Time away     2h over 1 break" in text
    assert "#emulation (1)" in text and "@anna (1), @bob (1)" in text
    assert "#1 one post: kept (0 of 1)" in text
    assert "break #1: people copy the loud" in text
    data = json.loads(run("review", "--json").output)
    assert data["week"] == "2026-W48"
    assert data["time_away_seconds"] == 7200
    assert data["completed"] == 1
    assert data["mood"]["after"] == 4.0
    assert data["commitments"][0]["kept"] == 1
    assert data["learned"][0]["text"] == "people copy the loud"
    last = json.loads(run("review", "--week", "last", "--json").output)
    assert (last["week"], last["time_away_seconds"], last["learned"]) == ("2026-W47", 0, [])


def test_a_bad_week_is_one_line(run: Cli) -> None:
    result = run("review", "--week", "2026-W60")
    assert result.exit_code == 2
    assert result.stderr == "breakwell: 2026 has no week 60\n"
