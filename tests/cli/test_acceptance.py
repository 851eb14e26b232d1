"""The spine's acceptance scenario, run as a person would type it."""

import json
from datetime import timedelta
from pathlib import Path

from tests.conftest import START, Cli


def test_firm_break_with_a_note_that_search_finds_and_stop_refuses(run: Cli, home: Path) -> None:
    started = run("start", "30m", "--platform", "x", "--strictness", "firm", "--no-prompts")
    assert started.exit_code == 0, started.stderr
    assert "Started" in started.stdout

    status = json.loads(run("status", "--json").stdout)
    current = status["break"]
    assert current["status"] == "active"
    assert current["platforms"] == ["x"]
    assert current["strictness"] == "firm"
    assert current["ends_at"] == (START + timedelta(minutes=30)).isoformat()

    noted = run("note", "they all echo the loudest voice #groupthink")
    assert noted.exit_code == 0
    assert f"linked to break #{current['id']}" in noted.stdout

    found = json.loads(run("search", "echo", "--json").stdout)
    assert [entry["text"] for entry in found] == ["they all echo the loudest voice #groupthink"]
    assert found[0]["break_id"] == current["id"]
    assert found[0]["tags"] == ["groupthink"]

    stopped = run("stop")
    assert stopped.exit_code == 1
    assert "needs a reason" in stopped.stderr
    assert json.loads(run("status", "--json").stdout)["break"]["status"] == "active"


def test_a_locked_break_refuses_stop_whatever_the_flags(run: Cli) -> None:
    assert run("start", "1h", "--strictness", "locked", "--no-prompts").exit_code == 0
    for flags in ([], ["--reason", "please"], ["--reason", "now", "--wait"], ["--json"]):
        result = run("stop", *flags)
        assert result.exit_code == 1, flags
        assert "locked" in result.stderr
        assert "Traceback" not in result.output
    assert json.loads(run("status", "--json").stdout)["break"]["status"] == "active"
