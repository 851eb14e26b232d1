import json
from datetime import timedelta

from tests.conftest import Cli


def test_add_log_and_list_a_commitment(run: Cli) -> None:
    added = run("commit", "add", "at most 1 political post", "--max", "1", "--per", "week")
    assert added.exit_code == 0
    assert added.output == "Commitment #1: at most 1 political post (at most 1 per week).\n"
    assert "1 of 1 this week." in run("commit", "log", "1", "shared a thread").output
    over = run("commit", "log", "1")
    assert "2 of 1 this week, over by 1" in over.output
    assert "starts again next week" in over.output
    listed = run("commit", "list")
    assert " ".join(listed.output.split()) == (
        "#1 over 2 of 1 this week, over by 1 at most 1 political post"
    )
    [data] = json.loads(run("commit", "list", "--json").output)
    assert data["count"] == 2 and data["max"] == 1 and data["kept"] is False
    assert (data["period_start"], data["period_end"]) == ("2026-11-23", "2026-11-30")


def test_the_count_starts_again_with_the_next_period(run: Cli) -> None:
    assert run("commit", "add", "one check", "--max", "1", "--per", "day").exit_code == 0
    run("commit", "log", "1")
    run.clock.advance(timedelta(hours=4))  # past midnight UTC
    [data] = json.loads(run("commit", "list", "--json").output)
    assert (data["count"], data["period_start"]) == (0, "2026-11-24")


def test_history_and_archive(run: Cli) -> None:
    run("commit", "add", "one post", "--max", "1")
    run("commit", "log", "1", "about the election")
    history = json.loads(run("commit", "history", "1", "--json").output)
    assert [log["note"] for log in history["logs"]] == ["about the election"]
    assert run("commit", "archive", "1").output == "Archived commitment #1: one post.\n"
    refused = run("commit", "log", "1")
    assert refused.exit_code == 1
    assert "archived" in refused.stderr
    assert "No commitments yet" in run("commit", "list").output


def test_the_list_lines_up_however_long_the_counts(run: Cli) -> None:
    run("commit", "add", "one post", "--max", "1")
    run("commit", "add", "no late scrolling", "--max", "0", "--per", "day")
    for _ in range(12):
        run("commit", "log", "1")
    lines = run("commit", "list").output.splitlines()
    assert lines[0].index("one post") == lines[1].index("no late scrolling")
