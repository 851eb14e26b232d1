"""The quick commands' sqlite3 paths behave exactly as the services do.

Every case runs twice, each in a fresh home on the same fake clock: as shipped (the quick path
answers where it can) and with the quick path switched off (the services answer everything).
Both runs must print the same, exit the same and leave the same rows in every table. Each case
also says whether the quick path should have answered it, so a quick path that silently always
falls back cannot pass.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryQuery
from breakwell.settings import load_settings
from breakwell.store import quick, quick_journal, quick_status
from tests.conftest import START, Cli

# The quick path's entry points, each where the commands call it.
QUICK = (
    (quick_journal, "note"),
    (quick_journal, "slip"),
    (quick_journal, "history"),
    (quick_journal, "detail"),
    (quick_status, "status"),
    (quick, "search"),
)
Step = tuple[str, ...] | timedelta


@dataclass(frozen=True)
class Case:
    name: str
    command: tuple[str, ...]
    setup: tuple[Step, ...] = ()
    input: str | bytes | None = None
    # Whether the quick path answers (True), or the services or the refusal of bad input
    # before either is asked (False).
    quick: bool = True


RUNNING = (("start", "1h", "-p", "x", "--no-prompts"),)
# The break ran out an hour ago by the clock; nothing has settled it yet.
DUE = (*RUNNING, ("note", "during it"), timedelta(hours=2))
# An entry reworded a while after it was written.
EDITED = (
    *RUNNING,
    ("note", "first words #old @ann"),
    timedelta(minutes=20),
    ("edit", "1", "--text", "second thoughts #new @bob"),
)

CASES = [
    Case("plain note", ("note", "a plain thought")),
    Case("tags and people", ("note", "leaders #Emulation, @bigaccount and @sam@mastodon.social")),
    Case("people only", ("note", "asked @Sam and @sam@mastodon.social")),
    Case("platform stored", ("note", "seen there", "-p", "x"), RUNNING),
    Case("platform not stored yet", ("note", "seen there", "-p", "reddit"), quick=False),
    Case("mood and kind", ("note", "calmer now", "--mood", "4", "-k", "reflection")),
    Case("json", ("note", "for a script #json", "--json")),
    Case("standard input", ("note", "-"), input="written elsewhere\nsecond line #draft\n"),
    Case("linked to the running break", ("note", "during #watch"), RUNNING),
    Case("not linked with --no-break", ("note", "apart", "--no-break", "--json"), RUNNING),
    Case("linked with --break", ("note", "about it", "--break", "1"), RUNNING),
    Case("--break with a kind", ("note", "after", "--break", "1", "-k", "reflection"), RUNNING),
    Case("empty text", ("note", "   "), quick=False),
    Case("unknown platform", ("note", "where?", "-p", "nosuchplace"), quick=False),
    Case("unknown --break", ("note", "lost", "--break", "9"), quick=False),
    Case("mood out of range", ("note", "too happy", "--mood", "9"), quick=False),
    Case("NUL in the text", ("note", "a\x00b"), quick=False),
    Case("text not UTF-8", ("note", "caf\udce9"), quick=False),
    Case("standard input not UTF-8", ("note", "-"), input=b"caf\xe9\n", quick=False),
    Case(
        "--break with --no-break",
        ("note", "both", "--break", "1", "--no-break"),
        RUNNING,
        quick=False,
    ),
    Case("slip with words", ("slip", "opened it on the bus #bus", "-p", "x"), RUNNING),
    Case("slip naming someone", ("slip", "replied to @aunt_ruth"), RUNNING),
    Case("slip without words", ("slip", "--json"), RUNNING),
    Case("slip with no break running", ("slip", "scrolled"), quick=False),
    Case("history", ("history",), (*RUNNING, ("note", "x"))),
    Case("history json", ("history", "--json", "-n", "1"), RUNNING),
    Case("history empty", ("history",)),
    Case("show", ("show", "1"), (*RUNNING, ("note", "one #a"), ("slip", "two"))),
    Case("show json", ("show", "1", "--json"), (*RUNNING, ("note", "one"))),
    Case("show unknown", ("show", "9"), RUNNING, quick=False),
    Case("show an edited entry", ("show", "1"), EDITED),
    Case("show json of an edited entry", ("show", "1", "--json"), EDITED),
    Case("search finds the edited words", ("search", "second"), EDITED),
    Case("search json of an edited entry", ("search", "-t", "new", "--json"), EDITED),
    Case("search misses the words edited away", ("search", "first"), EDITED),
    Case("status", ("status",), RUNNING),
    Case("status json", ("status", "--json"), RUNNING),
    Case("status with nothing running", ("status",)),
    Case(
        "status with breaks to come that meet",
        ("status",),
        (
            *RUNNING,
            ("start", "1h", "--at", "21:00", "-p", "x", "--no-prompts"),
            ("start", "2h", "--at", "in 3h", "-m", "watch", "-s", "firm", "--no-prompts"),
        ),
    ),
    Case(
        "status of a watch break, json",
        ("status", "--json"),
        (("start", "1h", "-m", "watch", "-p", "x", "--no-prompts"),),
    ),
    Case(
        "status with a reflection waiting",
        ("status",),
        (*RUNNING, ("stop",), ("start", "2h", "-p", "x", "--no-prompts")),
    ),
    Case(
        "status with a plan",
        ("status", "--json"),
        (("plan", "add", "--every", "day", "--at", "23:00", "--for", "1h"),),
        quick=False,
    ),
    Case(
        "status with a paused plan",
        ("status",),
        (
            ("plan", "add", "--every", "day", "--at", "23:00", "--for", "1h"),
            ("plan", "pause", "1"),
        ),
    ),
    Case("due: note settles first", ("note", "after it", "--json"), DUE, quick=False),
    Case("due: slip settles first", ("slip", "late"), DUE, quick=False),
    Case("due: history shows it completed", ("history", "--json"), DUE, quick=False),
    Case("due: show shows it completed", ("show", "1"), DUE, quick=False),
    Case("due: status", ("status", "--json"), DUE, quick=False),
]


@dataclass(frozen=True)
class Outcome:
    stdout: str
    stderr: str
    exit_code: int
    tables: dict[str, list[tuple[Any, ...]]]


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The quick functions that answered (returned something) during the test."""
    seen: list[str] = []
    for module, name in QUICK:
        original = getattr(module, name)

        def spy(*args: Any, _name: str = name, _f: Callable[..., Any] = original, **kw: Any) -> Any:
            result = _f(*args, **kw)
            if result is not None:
                seen.append(_name)
            return result

        monkeypatch.setattr(module, name, spy)
    yield seen


def _outcome(
    case: Case, home: Path, monkeypatch: pytest.MonkeyPatch, answered: list[str]
) -> tuple[Outcome, bool]:
    """What the case's command did, and whether its quick path answered it."""
    monkeypatch.setenv("BREAKWELL_HOME", str(home))
    run = Cli(FakeClock(START))
    # A journal that exists, as the quick path needs; made the way a first command makes it.
    run("history")
    for step in case.setup:
        if isinstance(step, timedelta):
            run.clock.advance(step)
        else:
            assert run(*step).exit_code == 0, step
    answered.clear()
    result = run(*case.command, input=case.input)
    quick_name = {"show": "detail"}.get(case.command[0], case.command[0])
    outcome = Outcome(result.stdout, result.stderr, result.exit_code, dump(home / "breakwell.db"))
    return outcome, quick_name in answered


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, the full-text index's own tables included, in order."""
    connection = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        connection.close()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_quick_path_answers_as_the_services_do(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answered: list[str]
) -> None:
    fast, quick_answered = _outcome(case, tmp_path / "quick", monkeypatch, answered)
    with monkeypatch.context() as off:
        for module, name in QUICK:
            off.setattr(module, name, lambda *_a, **_k: None)
        slow, _ = _outcome(case, tmp_path / "services", monkeypatch, answered)
    assert fast == slow
    assert quick_answered is case.quick


def test_search_finds_a_note_the_quick_path_wrote(run: Cli, answered: list[str]) -> None:
    run("history")
    assert run("note", "a quillmarrow in the feed #rare").exit_code == 0
    assert answered == ["note"]
    found = quick.search(load_settings().database_url, EntryQuery(text="quillmarrow"))
    assert found is not None
    assert [entry.text for entry in found] == ["a quillmarrow in the feed #rare"]
    assert "quillmarrow" in run("search", "quillmarrow").stdout


def test_a_due_break_is_settled_before_a_note_and_not_linked(run: Cli) -> None:
    run("start", "1h", "--no-prompts")
    run.clock.advance(timedelta(hours=2))
    entry = json.loads(run("note", "after it ended", "--json").stdout)
    assert (entry["kind"], entry["break_id"]) == ("note", None)
    (item,) = json.loads(run("history", "--json").stdout)
    assert item["status"] == "completed"
    assert json.loads(run("status", "--json").stdout)["awaiting_reflection"] == [1]
