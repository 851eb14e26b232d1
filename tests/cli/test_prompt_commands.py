"""`breakwell prompts ...`: the person's own list of questions, and asking from it."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from breakwell.cli import ask
from tests.conftest import Cli, database_files


@pytest.fixture
def at_keyboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ask, "interactive", lambda: True)


def listed(run: Cli, *args: str) -> list[dict[str, Any]]:
    result = run("prompts", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def keys(run: Cli, phase: str) -> list[str]:
    return [q["key"] for q in listed(run) if q["phase"] == phase]


def test_list_shows_both_phases_in_order_with_the_built_in_set(run: Cli) -> None:
    result = run("prompts", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Before a break"
    assert "   1. expect_miss" in lines[1]
    assert "How do you feel right now? (1-5)" in result.stdout
    assert keys(run, "after")[:2] == ["helpful", "learned"]
    assert all(q["built_in"] and q["active"] for q in listed(run))


def test_add_puts_a_question_last_in_its_phase_with_a_key_from_its_words(run: Cli) -> None:
    result = run(
        "prompts", "add", "--after", "--kind", "choices", "Who did you miss?",
        "-c", "family", "-c", "friends", "--hint", "Pick any.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Added 'who_did_you_miss' as question 8 after a break" in result.stdout
    made = listed(run)[-1]
    assert made == {
        "key": "who_did_you_miss",
        "phase": "after",
        "kind": "choices",
        "text": "Who did you miss?",
        "hint": "Pick any.",
        "choices": ["family", "friends"],
        "position": 8,
        "active": True,
        "built_in": False,
    }
    added = json.loads(
        run("prompts", "add", "--before", "-k", "scale", "How rested?", "--json").stdout
    )
    assert (added["key"], added["position"]) == ("how_rested", 5)


def test_word_move_retire_and_restore_change_the_list(run: Cli) -> None:
    assert run("prompts", "word", "helpful", "Did this break help?").exit_code == 0
    assert run("prompts", "move", "change", "1").exit_code == 0
    assert run("prompts", "move", "helpful", "down").exit_code == 0
    assert keys(run, "after")[:4] == ["change", "learned", "helpful", "noticed"]
    assert "Did this break help?" in [q["text"] for q in listed(run)]
    assert run("prompts", "retire", "learned").exit_code == 0
    assert "learned" not in keys(run, "after")
    retired = [q for q in listed(run, "--all") if not q["active"]]
    assert [(q["key"], q["position"]) for q in retired] == [("learned", None)]
    assert "[retired]" in run("prompts", "list", "--all").stdout
    assert run("prompts", "restore", "learned").exit_code == 0
    assert keys(run, "after")[-1] == "learned"
    # The before-questions were never touched.
    assert keys(run, "before") == ["expect_miss", "watch_for", "pulls", "mood_before"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "--after", ""], 2, "a question needs some words"),
        (["add", "--after", "   "], 2, "a question needs some words"),
        (["add", "--after", "-k", "choices", "Which?"], 2, "needs 2 to 20 choices"),
        (["add", "--after", "-k", "choices", "Which?", "-c", "a", "-c", "A"], 2, "once"),
        (["add", "--after", "-k", "scale", "How?", "-c", "a", "-c", "b"], 2, "only a question"),
        (["add", "--after", "-k", "essay", "Which?"], 2, "'essay' is not a kind of question"),
        (["add", "Which?"], 2, "--before or --after"),
        (["add", "--after", "x" * 201], 2, "at most 200 characters"),
        (["add", "--after", "What did you learn?"], 2, "'learned' asks that already"),
        (["add", "--after", "--key", "helpful", "Else?"], 2, "the key 'helpful' exists already"),
        (["add", "--after", "--key", "Bad Key", "Else?"], 2, "is not a question key"),
        (["add", "--before", "--key", "intention", "Else?"], 2, "kept for the intention"),
        (["word", "nope", "Text"], 2, "no question 'nope'; known questions: expect_miss"),
        (["word", "helpful", ""], 2, "a question needs some words"),
        (["word", "helpful", "Was this break helpful?"], 1, "worded that way already"),
        (["move", "nope", "1"], 2, "no question 'nope'"),
        (["move", "helpful", "0"], 2, "give 1 to 7, up, down, first or last"),
        (["move", "helpful", "up"], 1, "at position 1 already"),
        (["retire", "nope"], 2, "no question 'nope'"),
        (["restore", "helpful"], 1, "'helpful' is asked already"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    run: Cli, home: Path, args: list[str], code: int, message: str
) -> None:
    run("prompts", "list")
    before = database_files(home)
    result = run("prompts", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.startswith("breakwell: ")
    assert result.stderr.count("\n") == 1
    assert database_files(home) == before


def test_a_retired_question_cannot_be_moved_or_retired_again(run: Cli) -> None:
    run("prompts", "retire", "learned")
    moved = run("prompts", "move", "learned", "1")
    assert moved.exit_code == 1
    assert "restore it before moving it" in moved.stderr
    assert "retired already" in run("prompts", "retire", "learned").stderr


def test_start_asks_the_changed_before_questions_in_their_order(
    run: Cli, at_keyboard: None
) -> None:
    run("prompts", "add", "--before", "-k", "yes_no", "Did you sleep well?")
    run("prompts", "move", "did_you_sleep_well", "first")
    for key in ("expect_miss", "watch_for", "pulls"):
        run("prompts", "retire", key)
    run("prompts", "word", "mood_before", "How are you, honestly?")
    result = run("start", "1h", "-p", "x", input="rest\nmaybe\ny\n9\n4\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Did you sleep well? (y/n)") < out.index("How are you, honestly? (1-5)")
    assert "What do you expect to miss" not in out
    # A refused answer says what is wrong in words, never the question's internal key.
    assert "Error: answer yes or no" in result.output
    assert "Error: answer with a whole number from 1 to 5" in result.output
    assert "did_you_sleep_well:" not in result.output
    assert "mood_before:" not in result.output
    before = json.loads(run("show", "1", "--json").stdout)["answers"]["before"]
    assert [(a["key"], a["question"], a["value"]) for a in before] == [
        ("did_you_sleep_well", "Did you sleep well?", "yes"),
        ("mood_before", "How are you, honestly?", "4"),
    ]


def test_reflect_asks_the_changed_after_questions(run: Cli, at_keyboard: None) -> None:
    run("start", "1h", "-p", "x", "--no-prompts")
    run.clock.advance(timedelta(hours=2))
    for key in ("learned", "noticed", "missed", "not_missed", "mood_after", "change"):
        run("prompts", "retire", key)
    run(
        "prompts",
        "add",
        "--after",
        "-k",
        "choices",
        "Where was the time?",
        "-c",
        "books",
        "-c",
        "walks",
    )
    result = run("reflect", input="perhaps\nn\n3\n1,2\n")
    assert result.exit_code == 0, result.output
    assert "What did you learn?" not in result.stdout
    assert "Error: answer yes or no" in result.output
    assert "Error: '3' is not one of: books, walks" in result.output
    after = json.loads(run("show", "1", "--json").stdout)["answers"]["after"]
    assert {a["key"]: a["value"] for a in after} == {
        "helpful": "no",
        "where_was_the_time": "books, walks",
    }


def test_answers_to_retired_and_reworded_questions_stay_as_asked(run: Cli) -> None:
    run("start", "1h", "-p", "x", "--no-prompts")
    run.clock.advance(timedelta(hours=2))
    run("reflect", "-a", "learned=people copy", "-a", "helpful=yes", "-a", "mood_after=4")
    run("prompts", "retire", "learned")
    run("prompts", "word", "helpful", "Did it help?")
    # A retired question takes no new answers.
    run("start", "1h", "-p", "x", "--no-prompts")
    run.clock.advance(timedelta(hours=2))
    refused = run("reflect", "2", "-a", "learned=more")
    assert refused.exit_code == 2
    assert "'learned' is not asked after a break; asked: helpful, noticed" in refused.stderr
    shown = run("show", "1")
    assert "What did you learn?\n    people copy" in shown.stdout
    assert "Was this break helpful?\n    yes" in shown.stdout
    assert "Did it help?" not in shown.stdout
    review = run("review")
    assert "break #1: people copy" in review.stdout
    learned = json.loads(run("review", "--json").stdout)["learned"]
    assert [a["text"] for a in learned] == ["people copy"]
    markdown = run("export", "-f", "md").stdout
    assert "What did you learn?" in markdown
    assert "people copy" in markdown
    assert "Was this break helpful?" in markdown
    document = json.loads(run("export").stdout)
    answers = {a["prompt_key"]: a["question"] for a in document["breaks"][0]["answers"]}
    assert answers["learned"] == "What did you learn?"
    assert answers["helpful"] == "Was this break helpful?"


def test_the_list_travels_in_an_export_and_an_import_keeps_it(run: Cli, tmp_path: Path) -> None:
    run("prompts", "add", "--after", "-k", "scale", "How rested?")
    run("prompts", "retire", "learned")
    run("prompts", "move", "how_rested", "1")
    target = tmp_path / "journal.json"
    assert run("export", "-o", str(target)).exit_code == 0
    mine = listed(run, "--all")
    document = json.loads(target.read_text())
    assert {p["key"] for p in document["prompts"]} >= {"how_rested", "learned", "helpful"}
    run.runner.env = {"BREAKWELL_HOME": str(tmp_path / "other")}
    (tmp_path / "other").mkdir()
    assert listed(run, "--all") != mine
    assert run("import", str(target)).exit_code == 0
    assert listed(run, "--all") == mine
    assert list((tmp_path / "other").glob("breakwell.db*"))


def test_an_import_refuses_a_question_the_commands_would_refuse(run: Cli, tmp_path: Path) -> None:
    run("prompts", "add", "--after", "-k", "choices", "Which?", "-c", "a", "-c", "b")
    document = json.loads(run("export").stdout)
    mine = listed(run, "--all")
    wanted = next(p for p in document["prompts"] if p["key"] == "which")
    wanted["choices"] = ["a"]
    wanted["key"] = "which_one"
    target = tmp_path / "bad.json"
    target.write_text(json.dumps(document))
    result = run("import", str(target))
    assert result.exit_code == 2
    assert "prompts[" in result.stderr
    assert "needs 2 to 20 choices" in result.stderr
    assert listed(run, "--all") == mine
