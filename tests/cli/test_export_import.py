"""`breakwell export` and `breakwell import`: formats, filters, jrnl files and refusals."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from breakwell.cli.progress import SHOW_FROM, TerminalProgress
from breakwell.demo import fill_demo
from breakwell.domain.clock import FakeClock
from breakwell.services import Services
from breakwell.settings import Settings
from tests.conftest import Cli, database_files

JRNL = Path(__file__).parent.parent / "fixtures" / "jrnl"
SECTIONS = ("platforms", "prompts", "plans", "breaks", "entries", "commitments", "people")

EARLY = "before the break #early"  # Mon 23 Nov 2026 20:00, outside any break
DURING = "during the break #focus @anna"  # Mon 21:30, inside break #1 (21:00 to 23:00)
LATER = "the day after #later"  # Tue 24 Nov 10:00, outside any break


def one_line_error(result: Any, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert message in result.stderr, result.stderr
    assert result.stderr.startswith("breakwell: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.fixture
def journal(run: Cli, services: Services, clock: FakeClock) -> Iterator[None]:
    """A note, a completed break with answers before and after and a note in it, a note the
    next day, and a commitment with one log."""
    assert run("note", EARLY).exit_code == 0
    clock.advance(timedelta(hours=1))
    proposal = services.breaks.plan(
        timedelta(hours=2), platforms=["x"], intention="notice the quiet"
    )
    started = services.breaks.start(proposal, {"mood_before": "2", "expect_miss": "the news"})
    assert started.id == 1
    clock.advance(timedelta(minutes=30))
    assert run("note", DURING).exit_code == 0
    clock.advance(timedelta(hours=2))
    result = run("reflect", "1", "-a", "learned=quiet mornings", "-a", "mood_after=4")
    assert result.exit_code == 0, result.output
    clock.advance(timedelta(hours=10, minutes=30))
    assert run("note", LATER).exit_code == 0
    assert run("commit", "add", "one post", "--max", "1").exit_code == 0
    assert run("commit", "log", "1").exit_code == 0
    yield


def entry_texts(document: dict[str, Any]) -> list[str]:
    return [entry["text"] for entry in document["entries"]]


def search_all(run: Cli) -> list[dict[str, Any]]:
    result = run("search", "--json", "--limit", "100")
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


# 1. JSON to stdout and to a file ---------------------------------------------------------


@pytest.mark.usefixtures("journal")
def test_json_export_has_the_header_and_every_section(run: Cli) -> None:
    result = run("export")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["format"] == "breakwell"
    assert document["version"] == 1
    assert list(document)[:2] == ["format", "version"]
    for section in SECTIONS:
        assert isinstance(document[section], list), section
    assert set(document) == {"format", "version", *SECTIONS}
    assert entry_texts(document) == [EARLY, DURING, LATER]
    [item] = document["breaks"]
    assert item["platforms"] == ["x"]
    assert {a["prompt_key"]: a["value"] for a in item["answers"]} == {
        "mood_before": "2",
        "expect_miss": "the news",
        "learned": "quiet mornings",
        "mood_after": "4",
    }
    [commitment] = document["commitments"]
    assert commitment["text"] == "one post"
    assert len(commitment["logs"]) == 1
    assert [p["id"] for p in document["platforms"]] == ["x"]


@pytest.mark.usefixtures("journal")
def test_json_export_to_a_file_is_the_same_bytes_private_and_said_on_stderr(
    run: Cli, tmp_path: Path
) -> None:
    to_stdout = run("export")
    target = tmp_path / "journal.json"
    result = run("export", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Wrote {target}\n"
    assert target.read_bytes() == to_stdout.stdout_bytes
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.usefixtures("journal")
def test_an_existing_file_is_overwritten_and_made_private(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "journal.json"
    target.write_text("old and much longer content " * 1000)
    target.chmod(0o644)
    assert run("export", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["format"] == "breakwell"
    assert target.stat().st_mode & 0o777 == 0o600


# 2. Filters --------------------------------------------------------------------------------


@pytest.mark.usefixtures("journal")
@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        (["--since", "2026-11-24"], [LATER], [EARLY, DURING]),
        (["--until", "2026-11-24"], [EARLY, DURING], [LATER]),
        (["--since", "2026-11-23T21:00", "--until", "2026-11-23T22:00"], [DURING], [EARLY, LATER]),
        (["--break", "1"], [DURING], [EARLY, LATER]),
    ],
)
def test_filters_narrow_every_format(
    run: Cli, tmp_path: Path, args: list[str], present: list[str], absent: list[str]
) -> None:
    result = run("export", *args)
    assert result.exit_code == 0, result.output
    assert entry_texts(json.loads(result.stdout)) == present

    markdown = run("export", "-f", "md", *args)
    assert markdown.exit_code == 0, markdown.output
    table = run("export", "-f", "csv", "--table", "entries", *args)
    assert table.exit_code == 0, table.output
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [row["text"] for row in rows] == present
    for text in present:
        assert text in markdown.stdout
    for text in absent:
        assert text not in markdown.stdout
        assert text not in table.stdout


@pytest.mark.usefixtures("journal")
def test_the_break_filter_keeps_the_break_and_only_its_entries(run: Cli) -> None:
    document = json.loads(run("export", "--break", "1").stdout)
    assert [b["id"] for b in document["breaks"]] == [1]
    assert [e["break_id"] for e in document["entries"]] == [1]
    breaks = run("export", "-f", "csv", "--table", "breaks", "--break", "1")
    rows = list(csv.DictReader(io.StringIO(breaks.stdout)))
    assert [(row["id"], row["entries"]) for row in rows] == [("1", "1")]


@pytest.mark.usefixtures("journal")
def test_a_window_before_the_break_leaves_the_break_out(run: Cli) -> None:
    document = json.loads(run("export", "--until", "2026-11-23T20:30").stdout)
    assert entry_texts(document) == [EARLY]
    assert document["breaks"] == []
    markdown = run("export", "-f", "md", "--until", "2026-11-23T20:30").stdout
    assert "## Break #1" not in markdown


@pytest.mark.usefixtures("journal")
@pytest.mark.parametrize("fmt", ["json", "md", "csv", "ics"])
def test_since_after_until_is_refused(run: Cli, fmt: str) -> None:
    args = ["--since", "2026-11-24", "--until", "2026-11-23"]
    table = ["--table", "entries"] if fmt == "csv" else []
    result = run("export", "-f", fmt, *table, *args)
    one_line_error(result, "--since must be before --until")


@pytest.mark.usefixtures("journal")
@pytest.mark.parametrize("fmt", ["json", "md", "csv", "ics"])
def test_an_unknown_break_is_refused(run: Cli, fmt: str) -> None:
    table = ["--table", "entries"] if fmt == "csv" else []
    one_line_error(run("export", "-f", fmt, *table, "--break", "99"), "there is no break #99")


@pytest.mark.usefixtures("journal")
def test_an_unreadable_window_is_refused(run: Cli) -> None:
    one_line_error(run("export", "--since", "someday"), "cannot read 'someday'")


# 3. Markdown -------------------------------------------------------------------------------


@pytest.mark.usefixtures("journal")
def test_markdown_has_the_break_its_answers_its_entries_and_days(
    run: Cli, settings: Settings
) -> None:
    name = settings.catalogue.name_of("x")
    assert name == "X (Twitter)"
    result = run("export", "-f", "md")
    assert result.exit_code == 0, result.output
    text = result.stdout
    lines = text.splitlines()
    assert lines[0] == "# breakwell journal"
    heading = f"## Break #1: {name} (completed)"
    assert heading in lines
    monday = "## Monday 23 November 2026"
    tuesday = "## Tuesday 24 November 2026"
    assert lines.index(monday) < lines.index(heading) < lines.index(tuesday)
    section = text[text.index(heading) : text.index(tuesday)]
    assert "### Before" in section
    assert "- **How do you feel right now?** 2/5" in section
    assert "the news" in section
    assert "### After" in section
    assert "- **What did you learn?** quiet mornings" in section
    assert "- **How do you feel now?** 4/5" in section
    assert section.index("### Before") < section.index(DURING) < section.index("### After")
    assert "> notice the quiet" in section
    assert f"(observation): {DURING}" in section
    assert EARLY not in section and LATER not in section
    early = text[text.index(monday) : text.index(heading)]
    assert f"- **20:00** (note): {EARLY}" in early
    assert f"- **10:00** (note): {LATER}" in text[text.index(tuesday) :]


def test_markdown_of_an_empty_journal_says_so(run: Cli) -> None:
    result = run("export", "-f", "md")
    assert result.exit_code == 0, result.output
    assert "Nothing was written in this period." in result.stdout


def test_markdown_keeps_a_multiline_entry_inside_its_list_item(run: Cli) -> None:
    assert run("note", "first line\nsecond line").exit_code == 0
    text = run("export", "-f", "md").stdout
    assert "): first line\n  second line\n" in text


# 4. CSV ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("journal")
def test_csv_entries_table_to_stdout(run: Cli) -> None:
    assert run("note", "two tags #alpha #beta").exit_code == 0
    result = run("export", "-f", "csv", "--table", "entries")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    header = [
        "id",
        "created_at",
        "kind",
        "text",
        "break_id",
        "platform",
        "tags",
        "people",
        "mood",
        "edited_at",
    ]
    assert rows[0] == header
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [r["text"] for r in records] == [EARLY, DURING, LATER, "two tags #alpha #beta"]
    assert records[-1]["tags"] == "alpha beta"
    assert records[1]["tags"] == "focus"
    assert records[1]["people"] == "anna"
    assert records[1]["break_id"] == "1"
    assert records[0]["break_id"] == ""
    assert records[0]["kind"] == "note"
    assert records[0]["created_at"].startswith("2026-11-23T20:00")
    assert records[0]["edited_at"] == ""


def test_csv_quotes_commas_quotes_and_newlines(run: Cli) -> None:
    text = 'one, "two"\nthree'
    assert run("note", text).exit_code == 0
    result = run("export", "-f", "csv", "--table", "entries")
    [row] = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert row["text"] == text


@pytest.mark.usefixtures("journal")
def test_csv_without_a_table_or_a_place_is_refused(run: Cli) -> None:
    one_line_error(run("export", "-f", "csv"), "csv has two tables")


@pytest.mark.usefixtures("journal")
def test_csv_into_a_folder_writes_both_tables(run: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run("export", "-f", "csv", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["breaks.csv", "entries.csv"]
    assert f"Wrote {folder / 'breaks.csv'}\n" in result.stderr
    assert f"Wrote {folder / 'entries.csv'}\n" in result.stderr
    assert result.stdout == ""
    with (folder / "breaks.csv").open(newline="") as file:
        [row] = list(csv.DictReader(file))
    assert row["id"] == "1"
    assert row["platforms"] == "x"
    assert row["status"] == "completed"
    assert (row["mood_before"], row["mood_after"], row["entries"]) == ("2", "4", "1")
    entries = (folder / "entries.csv").read_bytes()
    assert entries == run("export", "-f", "csv", "--table", "entries").stdout_bytes
    assert entries.count(b"\r\n") == 4
    for path in folder.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.usefixtures("journal")
def test_csv_to_a_file_name_writes_two_files_beside_it(run: Cli, tmp_path: Path) -> None:
    result = run("export", "-f", "csv", "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".csv") == [
        "out-breaks.csv",
        "out-entries.csv",
    ]
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.usefixtures("journal")
def test_csv_with_one_table_to_a_file_writes_that_file(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "entries.csv"
    result = run("export", "-f", "csv", "--table", "entries", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == run("export", "-f", "csv", "--table", "entries").stdout_bytes


@pytest.mark.usefixtures("journal")
def test_csv_into_something_that_is_a_file_is_refused(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "plain"
    target.write_text("keep me")
    one_line_error(run("export", "-f", "csv", "-o", str(target)), "is a file")
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("fmt", ["json", "md", "ics"])
def test_table_is_only_for_csv(run: Cli, fmt: str) -> None:
    one_line_error(run("export", "-f", fmt, "--table", "entries"), "--table is for --format csv")


# 5. iCalendar ------------------------------------------------------------------------------


def test_ics_has_the_weekly_plan_as_one_series_and_the_planned_break_once(run: Cli) -> None:
    from icalendar import Calendar

    result = run("plan", "add", "--every", "sunday", "--at", "09:00", "--for", "24h", "-p", "x")
    assert result.exit_code == 0, result.output
    result = run("start", "1h", "--at", "tomorrow 10:00", "-p", "x", "--no-prompts")
    assert result.exit_code == 0, result.output
    assert "Planned" in result.stdout
    result = run("export", "-f", "ics")
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.stdout_bytes)
    events = list(calendar.walk("VEVENT"))
    series = [e for e in events if "RRULE" in e]
    [plan] = series
    rule: Any = plan["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["SU"]
    assert rule.to_ical() == b"FREQ=WEEKLY;BYDAY=SU"
    start = plan.decoded("DTSTART")
    assert (start.weekday(), start.hour, start.minute) == (6, 9, 0)
    assert plan.decoded("DTEND") - start == timedelta(hours=24)
    [one_off] = [e for e in events if "RRULE" not in e]
    assert one_off.decoded("DTSTART").isoformat() == "2026-11-24T10:00:00+00:00"
    assert one_off.decoded("DTEND") - one_off.decoded("DTSTART") == timedelta(hours=1)
    assert "X (Twitter)" in str(one_off["SUMMARY"])
    assert len(events) == 2


@pytest.mark.usefixtures("journal")
def test_ics_to_a_file(run: Cli, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "breaks.ics"
    result = run("export", "-f", "ics", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {target}\n"
    calendar = Calendar.from_ical(target.read_bytes())
    # The break of the journal is over: nothing is still to come.
    assert list(calendar.walk("VEVENT")) == []


# 6. jrnl -----------------------------------------------------------------------------------


def jrnl_entries() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads((JRNL / "export.json").read_text())["entries"]
    return found


def test_a_jrnl_export_arrives_whole(run: Cli) -> None:
    result = run("import", str(JRNL / "export.json"), "--format", "jrnl")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported from jrnl: 12 entries.\n"
    found = sorted(search_all(run), key=lambda e: (e["created_at"], e["id"]))
    expected = jrnl_entries()
    assert len(found) == len(expected) == 12
    for entry, source in zip(found, expected, strict=True):
        assert entry["kind"] == "note"
        assert entry["created_at"] == f"{source['date']}T{source['time']}:00+00:00"
        assert entry["text"].startswith(source["title"])
        if source["body"]:
            assert entry["text"].endswith(source["body"])
        else:
            assert entry["text"] == source["title"]
        for tag in source["tags"]:
            assert tag[1:] in entry["tags"], (tag, entry)
        assert ("starred" in entry["tags"]) is source["starred"]
        assert entry["break_id"] is None
    by_time = {e["created_at"][:16]: e for e in found}
    assert sorted(by_time["2024-05-20T18:00"]["tags"]) == ["milestone", "starred"]
    assert "été" in by_time["2021-07-19T12:40"]["tags"]
    assert "本" in by_time["2023-08-08T23:10"]["tags"]
    assert by_time["2025-01-15T10:00"]["tags"] == []
    twins = [e["text"] for e in found if e["created_at"].startswith("2024-03-01T09:15")]
    assert twins == [
        "Same-minute entry one. First of two notes written at 09:15. #twins",
        "Same-minute entry two. Second note written in the same minute. #twins",
    ]
    multi = by_time["2023-02-14T19:30"]["text"]
    assert "\n\nSecond paragraph" in multi
    assert "\n  An indented third line." in multi


def test_importing_a_jrnl_file_twice_adds_nothing(run: Cli) -> None:
    assert run("import", str(JRNL / "export.json")).exit_code == 0
    first = run("export").stdout
    result = run("import", str(JRNL / "export.json"), "--format", "jrnl")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported from jrnl: nothing new (12 already there).\n"
    assert len(search_all(run)) == 12
    assert run("export").stdout == first


def test_a_corrupt_jrnl_file_imports_nothing(run: Cli, home: Path) -> None:
    assert run("note", "already here").exit_code == 0
    before = database_files(home)
    result = run("import", str(JRNL / "corrupt.json"))
    one_line_error(result, "entries[9].date")
    assert "2024-02-31" in result.stderr
    assert database_files(home) == before
    assert [e["text"] for e in search_all(run)] == ["already here"]


def test_jrnl_format_is_found_without_being_named(run: Cli) -> None:
    result = run("import", str(JRNL / "export.json"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported from jrnl: 12 entries")


def test_a_jrnl_file_from_standard_input(run: Cli) -> None:
    result = run("import", "-", input=(JRNL / "export.json").read_text())
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported from jrnl: 12 entries.\n"
    one = '{"entries": [{"title": "One.", "date": "2024-01-01", "time": "12:00"}]}'
    assert run("import", "-", input=one).stdout == "Imported from jrnl: 1 entry.\n"


@pytest.fixture
def berlin() -> Iterator[None]:
    """This machine's local zone is Europe/Berlin for the test."""
    before = os.environ["TZ"]
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        yield
    finally:
        os.environ["TZ"] = before
        time.tzset()


@pytest.mark.usefixtures("berlin")
def test_jrnl_times_are_read_as_local_wall_clock(run: Cli) -> None:
    assert run("import", str(JRNL / "export.json")).exit_code == 0
    document = json.loads(run("export").stdout)
    moments = {e["text"][:22]: e["created_at"] for e in document["entries"]}
    assert moments["Started a social media"] == "2019-06-14T06:30:00+00:00"  # summer, +02:00
    assert moments["New year, new limits. "] == "2020-01-02T20:05:00+00:00"  # winter, +01:00


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/New_York"])
@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "3000-01-02", "9999-12-31"])
def test_jrnl_dates_outside_breakwells_years_are_refused(
    run: Cli, home: Path, tmp_path: Path, zone: str, day: str
) -> None:
    assert run("note", "already here").exit_code == 0
    before = database_files(home)
    entries = [
        {"title": "Fine.", "body": "", "date": "2024-01-01", "time": "12:00"},
        {"title": "Ancient.", "body": "", "date": day, "time": "00:30"},
    ]
    path = write_json(tmp_path, {"tags": {}, "entries": entries})
    saved = os.environ["TZ"]
    os.environ["TZ"] = zone
    time.tzset()
    try:
        result = run("import", str(path))
    finally:
        os.environ["TZ"] = saved
        time.tzset()
    one_line_error(result, f"entries[1].date: {day} is too far from now")
    assert database_files(home) == before


def test_a_jrnl_entry_with_only_a_body_keeps_its_text(run: Cli, tmp_path: Path) -> None:
    entries = [{"title": "", "body": "Only a body. #b", "date": "2024-01-01", "time": "12:00"}]
    assert run("import", str(write_json(tmp_path, {"entries": entries}))).exit_code == 0
    [entry] = search_all(run)
    assert entry["text"] == "Only a body. #b"
    assert entry["tags"] == ["b"]


# Round trips -------------------------------------------------------------------------------


@pytest.mark.usefixtures("journal")
def test_a_breakwell_export_is_found_without_being_named_and_moves_whole(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "journal.json"
    assert run("export", "-o", str(target)).exit_code == 0
    original = target.read_text()
    monkeypatch.setenv("BREAKWELL_HOME", str(tmp_path / "elsewhere"))
    result = run("import", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported from breakwell: 1 platform, 1 break, 4 answers, 3 entries, "
        "1 commitment, 1 commitment log.\n"
    )
    assert run("export").stdout == original
    again = run("import", str(target))
    assert again.exit_code == 0, again.output
    assert again.stdout == "Imported from breakwell: nothing new (11 already there).\n"
    assert run("export").stdout == original


def test_the_demo_journal_moves_to_an_empty_home_unchanged(
    run: Cli,
    services: Services,
    clock: FakeClock,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_demo(services, clock, weeks=10)
    target = tmp_path / "demo.json"
    assert run("export", "-o", str(target)).exit_code == 0
    original = json.loads(target.read_text())
    assert len(original["entries"]) > 20
    assert original["plans"]
    assert any(b["slips"] for b in original["breaks"])
    monkeypatch.setenv("BREAKWELL_HOME", str(tmp_path / "elsewhere"))
    result = run("import", str(target))
    assert result.exit_code == 0, result.output
    assert "already there" not in result.stdout
    assert json.loads(run("export").stdout) == original
    markdown = run("export", "-f", "md")
    monkeypatch.setenv("BREAKWELL_HOME", str(home))
    assert markdown.stdout == run("export", "-f", "md").stdout


@pytest.mark.usefixtures("journal")
def test_reimporting_into_the_same_journal_adds_nothing(
    run: Cli, home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "journal.json"
    assert run("export", "-o", str(target)).exit_code == 0
    result = run("import", str(target), "--format", "breakwell")
    assert result.exit_code == 0, result.output
    assert "Imported from breakwell: nothing new" in result.stdout
    assert run("export").stdout == target.read_text()


@pytest.mark.usefixtures("journal")
def test_a_breakwell_file_named_as_jrnl_is_refused(run: Cli, tmp_path: Path, home: Path) -> None:
    target = tmp_path / "journal.json"
    assert run("export", "-o", str(target)).exit_code == 0
    before = database_files(home)
    result = run("import", str(target), "--format", "jrnl")
    one_line_error(result, f"{target}: entries[0].title: Field required")
    assert database_files(home) == before


# 7. Import errors --------------------------------------------------------------------------


@pytest.fixture
def exported(journal: None, run: Cli) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run("export").stdout)
    return document


def write_json(folder: Path, document: Any) -> Path:
    path = folder / "bad.json"
    path.write_text(json.dumps(document))
    return path


def test_a_file_that_is_not_json_is_refused(
    run: Cli, home: Path, exported: dict[str, Any], tmp_path: Path
) -> None:
    before = database_files(home)
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": "breakwell",\n  "version": 1,,\n}\n')
    result = run("import", str(path))
    one_line_error(result, "is not valid JSON: line 3 column 16")
    assert database_files(home) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["entries"][0].update(kind="rant"), "entries[0].kind"),
        (
            lambda d: d["entries"][0].update(break_id=99),
            "entries[0].break_id: 99 is not in the file",
        ),
        (lambda d: d.update(version=2), "version 2 of breakwell's export"),
        (lambda d: d["breaks"][0].update(starts_at="yesterday"), "breaks[0].starts_at"),
        (
            lambda d: d["entries"][1].update(created_at="2026-11-23T21:30:00"),
            "entries[1].created_at",
        ),
        (lambda d: d["entries"][0].update(mood=9), "entries[0].mood"),
        (lambda d: d["entries"][0].update(id="1"), "entries[0].id"),
        (lambda d: d["entries"][0].update(extra=1), "entries[0].extra"),
        (lambda d: d.pop("commitments"), "commitments"),
        (lambda d: d["entries"][1].update(id=1), "the same id is used twice"),
        (lambda d: d["breaks"][0]["platforms"].append("myspace"), "breaks[0].platforms[1]"),
    ],
)
def test_a_bad_breakwell_file_imports_nothing(
    run: Cli,
    home: Path,
    exported: dict[str, Any],
    tmp_path: Path,
    change: Any,
    message: str,
) -> None:
    change(exported)
    path = write_json(tmp_path, exported)
    # Into a journal that lacks the file's rows, so a partial import would show.
    assert run("note", "something else").exit_code == 0
    before = database_files(home)
    result = run("import", str(path))
    one_line_error(result, message)
    assert str(path) in result.stderr
    assert database_files(home) == before


@pytest.mark.usefixtures("journal")
def test_a_missing_file_is_refused(run: Cli, home: Path, tmp_path: Path) -> None:
    before = database_files(home)
    path = tmp_path / "nowhere.json"
    one_line_error(run("import", str(path)), f"cannot read {path}: No such file or directory")
    assert database_files(home) == before


@pytest.mark.usefixtures("journal")
def test_bytes_that_are_not_utf8_are_refused(run: Cli, home: Path, tmp_path: Path) -> None:
    before = database_files(home)
    path = tmp_path / "latin1.json"
    path.write_bytes('{"entries": [{"title": "caf\u00e9"}]}'.encode("latin-1"))
    one_line_error(run("import", str(path)), f"{path} is not UTF-8 text (byte 27)")
    assert database_files(home) == before


@pytest.mark.usefixtures("journal")
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", 'not a jrnl JSON export (no "entries" list)'),
        ('{"entries": 3}', "entries"),
        ('{"entries": [{"title": "x", "date": "2024-01-01", "time": "25:00"}]}', "entries[0].time"),
        (
            '{"entries": [{"title": " ", "date": "2024-01-01"}]}',
            "entries[0]: the entry has no text",
        ),
        ('{"format": "breakwell"}', "version None of breakwell's export"),
    ],
)
def test_other_unusable_files_are_refused(
    run: Cli, home: Path, tmp_path: Path, content: str, message: str
) -> None:
    before = database_files(home)
    path = tmp_path / "odd.json"
    path.write_text(content)
    one_line_error(run("import", str(path)), message)
    assert database_files(home) == before


# 8. Progress -------------------------------------------------------------------------------


def test_progress_draws_a_bar_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with TerminalProgress("Importing") as progress:
        progress("writing", 0, SHOW_FROM)
        progress("writing", SHOW_FROM // 2, SHOW_FROM)
        progress("writing", SHOW_FROM, SHOW_FROM)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Importing: writing" in captured.err
    assert "[" in captured.err and "#" in captured.err
    assert "100%" in captured.err


def test_progress_enabled_writes_its_label_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    with TerminalProgress("Importing", enabled=True) as progress:
        progress("writing", 0, SHOW_FROM)
        progress("writing", SHOW_FROM, SHOW_FROM)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Importing: writing" in captured.err


@pytest.mark.parametrize(("enabled", "total"), [(False, SHOW_FROM * 10), (True, SHOW_FROM - 1)])
def test_progress_is_silent_when_disabled_or_small(
    capsys: pytest.CaptureFixture[str], enabled: bool, total: int
) -> None:
    with TerminalProgress("Importing", enabled=enabled) as progress:
        progress("reading", 0, total)
        progress("reading", total, total)
    assert capsys.readouterr() == ("", "")


def test_an_import_off_a_terminal_prints_no_progress(run: Cli, tmp_path: Path) -> None:
    count = SHOW_FROM + 500
    entries = [
        {"title": f"Entry number {n}.", "body": "", "date": "2024-01-01", "time": "12:00"}
        for n in range(count)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"tags": {}, "entries": entries}))
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Imported from jrnl: {count} entries.\n"
    assert result.stderr == ""
    exported = run("export", "-f", "csv", "--table", "entries")
    assert exported.stderr == ""
    assert exported.stdout_bytes.count(b"\r\n") == count + 1


# 3b. Slips are written once ----------------------------------------------------------------

WORDED_SLIP = "opened it on the bus"


@pytest.fixture
def slipped(services: Services, clock: FakeClock) -> None:
    """A running break with one slip that has words (an entry too) and one that has none."""
    proposal = services.breaks.plan(timedelta(hours=2), platforms=["x"])
    services.breaks.start(proposal, {})
    clock.advance(timedelta(minutes=10))
    services.journal.slip(WORDED_SLIP, "x")
    clock.advance(timedelta(minutes=10))
    services.journal.slip(None, "x")


@pytest.mark.usefixtures("slipped")
def test_markdown_writes_a_slip_with_words_once_and_a_wordless_one_under_slips(
    run: Cli,
) -> None:
    text = run("export", "-f", "md").stdout
    assert text.count(WORDED_SLIP) == 1
    assert "- **Mon 23 Nov 2026 20:10** (slip, X (Twitter)): opened it on the bus" in text
    slips = text[text.index("### Slips") :]
    assert slips.splitlines()[2:] == ["- Mon 23 Nov 2026 20:20 on X (Twitter)"]
    assert "20:10" not in slips


@pytest.mark.usefixtures("slipped")
def test_markdown_still_lists_a_slip_whose_entry_the_export_left_out(run: Cli) -> None:
    text = run("export", "-f", "md", "--since", "2026-11-23T20:15").stdout
    assert WORDED_SLIP not in text
    assert "- Mon 23 Nov 2026 20:10 on X (Twitter)" in text
    assert "- Mon 23 Nov 2026 20:20 on X (Twitter)" in text


@pytest.mark.usefixtures("slipped")
def test_json_and_csv_hold_each_slip_once(run: Cli) -> None:
    document = json.loads(run("export").stdout)
    assert entry_texts(document) == [WORDED_SLIP]
    [entry] = document["entries"]
    [item] = document["breaks"]
    # The break's slips name the entry rather than repeat its words.
    assert [s["entry_id"] for s in item["slips"]] == [entry["id"], None]
    assert WORDED_SLIP not in json.dumps(item)
    entries = run("export", "-f", "csv", "--table", "entries").stdout
    assert [row["text"] for row in csv.DictReader(io.StringIO(entries))] == [WORDED_SLIP]
    breaks = run("export", "-f", "csv", "--table", "breaks").stdout
    [row] = list(csv.DictReader(io.StringIO(breaks)))
    assert (row["entries"], row["slips"]) == ("1", "2")
