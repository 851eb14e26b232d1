"""Whatever a refusal suggests typing instead is itself accepted, by the same command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Cli

START = ("start", "{}")
START_AT = ("start", "1h", "--at", "{}")
EXTEND = ("extend", "{}")
PLAN_FOR = ("plan", "add", "--every", "sunday", "--at", "09:00", "--for", "{}")
PLAN_CRON = ("plan", "add", "--cron", "*/10 * * * *", "--for", "{}")
PLAN_DAILY = ("plan", "add", "--every", "day", "--at", "09:00", "--for", "{}")
PLAN_AT = ("plan", "add", "--every", "sunday", "--at", "{}", "--for", "1h")
PLAN_FROM = ("plan", "add", "--every", "day", "--from", "{}", "--to", "07:00")
SEARCH_SINCE = ("search", "--since", "{}")
EXPORT_UNTIL = ("export", "--until", "{}")
REVIEW_WEEK = ("review", "--week", "{}")

CASES = [
    *((START, bad) for bad in ("0", "5", "0.5", "0.001", "1h 30", "600000", "5 2x", "1 2", "2x")),
    *((START_AT, bad) for bad in ("today", "yesterday", "tomorrow", "sunday", "21", "25")),
    *((START_AT, bad) for bad in ("in 5", "in 0", "in 600000", "in 5x", "soon")),
    *((EXTEND, bad) for bad in ("0", "5", "1h 30", "600000")),
    *((PLAN_FOR, bad) for bad in ("0", "200", "20000", "5x")),
    # Each break must also fit between two of the plan's: ten minutes, or a day.
    *((PLAN_CRON, bad) for bad in ("20", "5", "5x", "")),
    *((PLAN_DAILY, bad) for bad in ("5000", "50", "2x")),
    *((PLAN_AT, bad) for bad in ("21", "25")),
    (PLAN_FROM, "21"),
    *((SEARCH_SINCE, bad) for bad in ("5 ago", "0 ago", "21", "5x ago")),
    (EXPORT_UNTIL, "5 ago"),
    (REVIEW_WEEK, "x"),
]


def suggestions(message: str) -> list[str]:
    found = [a or b for a, b in re.findall(r"as in (?:'([^']+)'|([^'\s)]+))", message)]
    found += re.findall(r"write it as (\S+)", message)
    text = message.strip()
    listed = re.search(r"such as (.+)$", text) or re.search(r"; use (.+)$", text)
    if listed:
        for item in re.split(r", | or ", listed.group(1)):
            found.append(item.removeprefix("ISO 8601 like ").removesuffix(" (ago)").strip("'"))
    return found


def fresh(
    run: Cli, monkeypatch: pytest.MonkeyPatch, folder: Path, command: tuple[str, ...]
) -> None:
    """A journal of its own for each try, so one accepted suggestion never hinders the next."""
    monkeypatch.setenv("BREAKWELL_HOME", str(folder))
    if command[0] == "extend":
        assert run("start", "2h").exit_code == 0


@pytest.mark.parametrize(("command", "bad"), CASES)
def test_what_a_refusal_suggests_is_accepted(
    run: Cli,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    command: tuple[str, ...],
    bad: str,
) -> None:
    fresh(run, monkeypatch, tmp_path / "refused", command)
    refused = run(*(arg.format(bad) for arg in command))
    assert refused.exit_code == 2, refused.output
    assert refused.stderr.count("\n") == 1, refused.stderr
    for index, suggestion in enumerate(suggestions(refused.stderr)):
        fresh(run, monkeypatch, tmp_path / f"try{index}", command)
        tried = run(*(arg.format(suggestion) for arg in command))
        assert tried.exit_code == 0, (suggestion, refused.stderr, tried.output)


def test_the_suggestions_are_found_in_a_refusal() -> None:
    message = "breakwell: '5' needs a unit after 5: s, m, h, d or w (as in '5m')\n"
    assert suggestions(message) == ["5m"]
    assert suggestions("'5' needs a unit (as in 5m)") == ["5m"]
    listed = "'x' needs a unit after 9: s, m, h, d or w, such as 45m, 2h or 90 minutes"
    assert suggestions(listed) == ["45m", "2h", "90 minutes"]
