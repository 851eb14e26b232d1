"""What an import file brings is bounded and tidied as the commands bound and tidy it: a number
too large for the database, or a question the commands would have stored otherwise, is refused
in one line that names the field, and nothing is written."""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from annotated_types import Ge, Le
from pydantic import BaseModel

from breakwell.services.document_schema import DocumentIn
from tests.conftest import Cli, database_files

RUN = {"occurs_at": "2026-11-23T19:00:00+00:00", "break_id": 1, "outcome": "started"}


def int_fields(model: type[BaseModel], path: str = "") -> Iterator[tuple[str, list[object]]]:
    """Each integer field under `model` as `plans.runs.break_id`, with its constraints."""
    for name, field in model.model_fields.items():
        at = f"{path}.{name}" if path else name
        yield from _ints(field.annotation, list(field.metadata), at)


def _ints(annotation: Any, metadata: list[object], at: str) -> Iterator[tuple[str, list[object]]]:
    if annotation is int:
        yield at, metadata
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from int_fields(annotation, at)
    elif typing.get_origin(annotation) is typing.Annotated:
        inner, *more = typing.get_args(annotation)
        yield from _ints(inner, [*metadata, *_flat(more)], at)
    elif typing.get_origin(annotation) in {typing.Union, types.UnionType, list}:
        for arg in typing.get_args(annotation):
            yield from _ints(arg, metadata, at)


def _flat(metadata: list[Any]) -> list[object]:
    # Field(ge=..) inside Annotated arrives as a FieldInfo holding the bounds.
    return [m for item in metadata for m in getattr(item, "metadata", [item])]


INT_FIELDS = sorted(dict(int_fields(DocumentIn)))


def test_every_integer_a_file_brings_is_bounded_both_ways() -> None:
    assert {"prompts.position", "plans.length_seconds", "entries.mood"} <= set(INT_FIELDS)
    for at, metadata in int_fields(DocumentIn):
        assert any(isinstance(m, Ge) for m in metadata), at
        assert any(isinstance(m, Le) and m.le <= 2**63 - 1 for m in metadata), at


@pytest.fixture
def document(run: Cli) -> dict[str, Any]:
    """An export with at least one row of every kind that holds a number."""
    assert run("start", "3h", "-p", "x", "--no-prompts").exit_code == 0
    assert run("note", "quiet today", "--mood", "3").exit_code == 0
    assert run("slip", "opened it", "-p", "x").exit_code == 0
    plan = ("plan", "add", "--every", "sunday", "--at", "09:00", "--for", "2h", "-p", "x")
    assert run(*plan).exit_code == 0
    assert run("commit", "add", "one post", "--max", "3").exit_code == 0
    assert run("prompts", "add", "--after", "Who did you miss?").exit_code == 0
    data: dict[str, Any] = json.loads(run("export").stdout)
    data["plans"][0]["runs"].append(dict(RUN))
    return data


def put(document: dict[str, Any], dotted: str, value: object) -> str:
    """Set the first row's field at `dotted`; the path an error names it by."""
    *rows, field = dotted.split(".")
    place: Any = document
    for name in rows:
        assert place[name], f"the document has no {name} to change"
        place = place[name][0]
    place[field] = value
    return "".join(f"{name}[0]." for name in rows) + field


def refused(run: Cli, home: Path, tmp_path: Path, document: dict[str, Any], said: str) -> None:
    before = database_files(home)
    path = tmp_path / "doctored.json"
    path.write_text(json.dumps(document))
    result = run("import", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("breakwell: ") and result.stderr.count("\n") == 1
    assert said in result.stderr, result.stderr
    assert "unexpected" not in result.stderr and result.stdout == ""
    assert database_files(home) == before


@pytest.mark.parametrize("value", [2**70, 2**63, -(2**70)], ids=["2**70", "2**63", "-2**70"])
@pytest.mark.parametrize("dotted", INT_FIELDS)
def test_a_number_out_of_bounds_is_refused_naming_its_field(
    run: Cli, home: Path, tmp_path: Path, document: dict[str, Any], dotted: str, value: int
) -> None:
    at = put(document, dotted, value)
    side = "less" if value > 0 else "greater"
    refused(run, home, tmp_path, document, f"{at}: Input should be {side} than or equal to")


QUESTION = {
    "key": "own",
    "phase": "after",
    "kind": "choices",
    "text": "Which?",
    "hint": "Pick any.",
    "choices": ["one", "two"],
    "position": 0,
    "active": True,
    "created_at": "2026-11-23T19:00:00+00:00",
}


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("text", "  Multi\nline\tq  ", "a question is kept"),
        ("text", "Which  one?", "a question is kept"),
        ("hint", " Pick any.", "a question's hint is kept"),
        ("hint", "Pick\nany.", "a question's hint is kept"),
        ("choices", ["one ", "two"], "a choice is kept"),
        ("choices", ["one", "t\two"], "a choice is kept"),
    ],
)
def test_a_question_is_imported_only_as_the_commands_keep_it(
    run: Cli,
    home: Path,
    tmp_path: Path,
    document: dict[str, Any],
    field: str,
    value: object,
    said: str,
) -> None:
    document["prompts"] = [{**QUESTION, field: value}]
    refused(run, home, tmp_path, document, f"prompts[0]: {said}")


def test_a_tidy_question_imports_and_lists_on_one_line(
    run: Cli, tmp_path: Path, document: dict[str, Any]
) -> None:
    document["prompts"] = [QUESTION]
    path = tmp_path / "tidy.json"
    path.write_text(json.dumps(document))
    assert run("import", str(path)).exit_code == 0
    [line] = [line for line in run("prompts", "list").stdout.splitlines() if " own " in line]
    assert line.endswith(" Which? (choices: one, two)")
