"""An import read one entry at a time reports the problem a check of the whole file reported,
whatever the order of its parts; an export written as it is read leaves no half file."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from breakwell.domain.errors import BreakwellError
from breakwell.services import document as document_module
from tests.cli.test_export_import import one_line_error
from tests.conftest import Cli, database_files


@pytest.fixture
def exported(run: Cli) -> dict[str, Any]:
    """A journal of three notes, as its export file."""
    for text in ("one #a", "two #b", "three #c"):
        assert run("note", text).exit_code == 0
    document: dict[str, Any] = json.loads(run("export").stdout)
    return document


def imported(run: Cli, folder: Path, document: dict[str, Any], order: list[str]) -> Any:
    """`breakwell import` of the document with its parts in the given order first."""
    ordered = {key: document[key] for key in order if key in document}
    ordered.update({key: value for key, value in document.items() if key not in ordered})
    path = folder / "doctored.json"
    path.write_text(json.dumps(ordered, indent=1))
    return run("import", str(path))


def refused_alike(
    run: Cli, home: Path, folder: Path, document: dict[str, Any], order: list[str], message: str
) -> None:
    """The import of `document` (its parts in `order` first) is refused in one line holding
    `message`, with the journal unchanged; the reading of the whole file (the one for files
    the streamed reader does not follow) says the same line."""
    files = database_files(home)
    one_line_error(imported(run, folder, document, order), message)
    assert database_files(home) == files
    text = (folder / "doctored.json").read_text()
    with pytest.raises(BreakwellError) as whole:
        document_module.read_document(json.loads(text), "f")
    with pytest.raises(BreakwellError) as streamed:
        document_module.check_file(io.StringIO(text), "f")
    assert str(whole.value) == str(streamed.value)
    assert message in str(whole.value)


@pytest.mark.parametrize(
    ("spoil", "order", "message"),
    [
        # The whole file's schema is checked in the order of its parts, not the file's.
        (
            lambda d: (d["entries"][1].update(kind="poem"), d.update(platforms=3)),
            ["entries", "platforms"],
            "platforms: Input should be a valid list",
        ),
        (
            lambda d: (d["entries"][1].update(kind="poem"), d.update(commitments=3)),
            ["commitments"],
            "entries[1].kind: Input should be",
        ),
        (
            lambda d: (d["entries"][2].update(mood=9), d.update(extra=1)),
            ["extra"],
            "entries[2].mood: Input should be less than or equal to 5",
        ),
        (lambda d: d.pop("commitments"), [], "commitments: Field required"),
        # Then the links, whatever part they are in and wherever it is.
        (
            lambda d: (d["entries"][0].update(break_id=99), d["entries"][2].update(id=1)),
            ["entries"],
            "entries[0].break_id: 99 is not in the file",
        ),
        (lambda d: d["entries"][2].update(id=1), [], "entries: the same id is used twice"),
        (
            lambda d: d["entries"][1].update(platform_id="myspace"),
            [],
            "entries[1].platform_id: 'myspace' is not in the file",
        ),
        # Then the rules, in the order of the parts.
        (
            lambda d: (d["entries"][1].update(tags=["\x01"]), d["commitments"].append({})),
            [],
            "commitments[0]",
        ),
        (
            lambda d: (d["entries"][1].update(tags=["\x01"]), d["entries"][2].update(text="\x02")),
            ["entries"],
            "entries[1]: a tag holds the control character U+0001",
        ),
    ],
)
def test_the_first_problem_is_the_one_a_check_of_the_whole_file_found(
    run: Cli,
    home: Path,
    tmp_path: Path,
    exported: dict[str, Any],
    spoil: Any,
    order: list[str],
    message: str,
) -> None:
    spoil(exported)
    refused_alike(run, home, tmp_path, exported, order, message)


def test_a_syntax_error_after_a_bad_entry_is_told_by_line_and_column(
    run: Cli, home: Path, tmp_path: Path, exported: dict[str, Any]
) -> None:
    exported["entries"][0]["mood"] = 9
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(exported, indent=2)[:-3] + ",,}")
    files = database_files(home)
    lines = path.read_text().count("\n") + 1
    one_line_error(run("import", str(path)), f"is not valid JSON: line {lines} column")
    assert database_files(home) == files


def test_an_import_from_standard_input_is_read_one_entry_at_a_time(
    run: Cli, exported: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    streamed: list[str] = []
    checked_file = document_module.check_file

    def check_file(file: Any, what: str, reading: Any) -> Any:
        streamed.append(what)
        return checked_file(file, what, reading)

    monkeypatch.setattr(document_module, "check_file", check_file)
    exported["entries"].append({**exported["entries"][0], "id": 9, "text": "four #d"})
    result = run("import", "-", input=json.dumps(exported))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported from breakwell: 1 entry (3 already there).\n"
    assert streamed == ["standard input"]


def test_an_export_that_fails_leaves_no_file_behind(
    run: Cli, tmp_path: Path, exported: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "journal.json"
    one_line_error(run("export", "-o", str(target), "--break", "99"), "99")
    target.write_text("the export before")

    def fail_midway(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("breakwell.services.document_json.write_json", fail_midway)
    one_line_error(
        run("export", "-o", str(target)), f"cannot write {target}: No space left on device"
    )
    assert target.read_text() == "the export before"
    assert [p.name for p in folder.iterdir()] == ["journal.json"]


@pytest.fixture
def with_breaks(run: Cli) -> dict[str, Any]:
    """A journal with a running break and two notes in it, as its export file, with a second
    break (a copy of the first, numbered 2)."""
    assert run("start", "1h", "-p", "x", "--no-prompts").exit_code == 0
    for text in ("one #a", "two #b"):
        assert run("note", text).exit_code == 0
    document: dict[str, Any] = json.loads(run("export").stdout)
    document["breaks"].append({**document["breaks"][0], "id": 2})
    return document


def _first(d: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = d["breaks"][0]
    return first


BREAK_CASES = [
    # The schema first, in the order of the parts: breaks before entries, after platforms.
    (
        lambda d: (d["entries"][1].update(kind="poem"), _first(d).update(status="bogus")),
        ["entries", "breaks"],
        "breaks[0].status: Input should be",
    ),
    (
        lambda d: (_first(d).update(mode="loud"), d.update(platforms=3)),
        ["breaks", "platforms"],
        "platforms: Input should be a valid list",
    ),
    (lambda d: d["breaks"].append(5), [], "breaks[2]: Input should be a valid dictionary"),
    (lambda d: d.update(breaks={}), [], "breaks: Input should be a valid list"),
    (lambda d: d.pop("breaks"), [], "breaks: Field required"),
    # A later break's schema before an earlier one's rules.
    (
        lambda d: (_first(d).update(intention="\x01"), d["breaks"][1].update(strictness=1)),
        [],
        "breaks[1].strictness: Input should be",
    ),
    # Then the links.
    (
        lambda d: (_first(d).update(plan_id=99), d["entries"][0].update(break_id=99)),
        ["entries"],
        "breaks[0].plan_id: 99 is not in the file",
    ),
    (
        lambda d: d["breaks"][1].update(platforms=["myspace"]),
        [],
        "breaks[1].platforms[0]: 'myspace' is not in the file",
    ),
    (lambda d: d["breaks"][1].update(id=1), [], "breaks: the same id is used twice"),
    # Then the rules, in the order of the parts, whatever the order in the file.
    (
        lambda d: (d["entries"][1].update(tags=["\x01"]), _first(d).update(intention="\x02")),
        ["entries", "breaks"],
        "breaks[0]: the intention holds the control character U+0002",
    ),
    (
        lambda d: (_first(d).update(intention="\x02"), d["platforms"][0].update(name=" ")),
        ["breaks", "platforms"],
        "platforms[0]: a platform's name is one line of text",
    ),
    (
        lambda d: d["breaks"][1].update(platforms=["x", "x"]),
        [],
        "breaks[1]: the platform 'x' is given twice",
    ),
]


@pytest.mark.parametrize(("spoil", "order", "message"), BREAK_CASES)
def test_the_first_problem_of_the_breaks_is_the_one_a_check_of_the_whole_file_found(
    run: Cli,
    home: Path,
    tmp_path: Path,
    with_breaks: dict[str, Any],
    spoil: Any,
    order: list[str],
    message: str,
) -> None:
    """Breaks are checked one at a time as they are read, as entries are."""
    spoil(with_breaks)
    refused_alike(run, home, tmp_path, with_breaks, order, message)


def test_breaks_read_one_at_a_time_are_the_breaks_of_the_whole_file(
    with_breaks: dict[str, Any],
) -> None:
    whole = document_module.read_document(with_breaks, "f")
    assert [item.id for item in whole.breaks] == [1, 2]
    for order in (["entries", "breaks"], ["breaks", "entries"]):
        ordered = {key: with_breaks[key] for key in order}
        ordered.update({key: value for key, value in with_breaks.items() if key not in order})
        checked = document_module.check_file(io.StringIO(json.dumps(ordered)), "f")
        assert checked is not None
        assert checked.document.breaks == whole.breaks
