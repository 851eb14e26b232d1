"""`breakwell prompts ...` reads what it is given as the list and the app show it: kinds in
either form, positions and wordings that start with a minus sign, and one phase only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from breakwell.domain.prompts import PromptKind
from breakwell.domain.questions import KIND_WORDS, check_kind
from tests.conftest import Cli, database_files


@pytest.mark.parametrize(
    ("given", "kind"),
    [("1-5", "scale"), ("yes/no", "yes_no"), ("Yes/No", "yes_no"), ("scale", "scale")],
)
def test_a_kind_is_taken_as_prompts_list_shows_it(run: Cli, given: str, kind: str) -> None:
    result = run("prompts", "add", "--before", "-k", given, "How rested?", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["kind"] == kind
    shown = KIND_WORDS[PromptKind(kind)]
    assert f"How rested? ({shown})" in run("prompts", "list").stdout


def test_every_kind_is_read_back_from_the_word_it_is_shown_as() -> None:
    for kind, word in KIND_WORDS.items():
        assert check_kind(word) is kind
        assert check_kind(kind.value) is kind


def test_help_and_refusal_say_every_form_a_kind_is_taken_in(run: Cli) -> None:
    forms = "text, 1-5 (or scale), yes/no (or yes_no), choices"
    assert forms in " ".join(run("prompts", "add", "--help").stdout.split())
    refused = run("prompts", "add", "--after", "-k", "essay", "Which?")
    assert refused.exit_code == 2
    assert f"'essay' is not a kind of question; kinds: {forms}" in refused.stderr


def one_line(run: Cli, home: Path, args: list[str], said: str) -> None:
    run("prompts", "list")
    before = database_files(home)
    result = run("prompts", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("breakwell: ") and result.stderr.count("\n") == 1
    assert said in result.stderr, result.stderr
    assert database_files(home) == before


def test_before_and_after_together_are_refused(run: Cli, home: Path) -> None:
    one_line(run, home, ["add", "Which?", "--before", "--after"], "not both")
    one_line(run, home, ["add", "--after", "--before", "Which?"], "not both")


@pytest.mark.parametrize("position", ["-1", "-3"])
def test_a_negative_position_is_refused_as_a_position(run: Cli, home: Path, position: str) -> None:
    one_line(
        run,
        home,
        ["move", "helpful", position],
        f"'{position}' is not a position: give 1 to 7, up, down, first or last",
    )


def test_a_wording_may_start_with_a_minus_sign(run: Cli) -> None:
    added = run("prompts", "add", "--after", "-3 followers, or more?", "--json")
    assert added.exit_code == 0, added.output
    key = json.loads(added.stdout)["key"]
    worded = run("prompts", "word", key, "-5 followers?")
    assert worded.exit_code == 0, worded.output
    assert "Reworded" in worded.stdout and "-5 followers?" in worded.stdout
