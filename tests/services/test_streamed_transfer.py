"""Export and import of a large journal hold a chunk of entries, not the journal: memory stays
flat as the journal grows, the full-text index comes out as the row-by-row trigger made it,
and an import refused after it began writing leaves the journal as it was."""

from __future__ import annotations

import io
import json
import tracemalloc
import weakref
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TextIO

import pytest
from sqlalchemy import event

from breakwell.domain.document import as_plain
from breakwell.domain.entries import EntryQuery
from breakwell.domain.errors import InvalidInput
from breakwell.domain.platforms import BUILTIN_PLATFORMS
from breakwell.domain.prompts import DEFAULT_PROMPTS, PromptKind
from breakwell.domain.values import replace
from breakwell.services import Services
from breakwell.services import document as document_module
from breakwell.services.document import Checked, check_file
from breakwell.services.document_json import FORMAT, VERSION
from breakwell.services.transfer import ExportFormat, Selection
from breakwell.store.dump import BREAKS_AT_ONCE
from breakwell.store.platforms import ensure_platforms
from breakwell.store.tables import AnswerRow, BreakRow
from breakwell.store.transfer import CHUNK
from tests.conftest import START
from tests.journal import database_of

WORDS = ("harbour", "lantern", "quillmarrow", "thistle", "ember", "cobalt", "meadow", "tide")


def two_hours_from(at: datetime) -> dict[str, datetime]:
    """A finished break's times: made, begun and ended as planned, two hours long."""
    end = at + timedelta(hours=2)
    return {
        "starts_at": at,
        "ends_at": end,
        "started_at": at,
        "ended_at": end,
        "created_at": at,
        "updated_at": at,
    }


def generated(services: Services, count: int, *, text_size: int = 600) -> dict[str, Any]:
    """An export file of `count` entries of about `text_size` characters, one break holding
    every tenth, built on the journal's own platforms and questions."""
    with database_of(services).write() as session:
        ensure_platforms(session, [p for p in BUILTIN_PLATFORMS if p.id == "x"])
    plain = as_plain(services.transfer.document(Selection()))
    began = START - timedelta(days=400)
    plain["breaks"] = [
        {
            "id": 1,
            "status": "completed",
            "mode": "watch",
            "strictness": "gentle",
            **two_hours_from(began),
            "end_requested_at": None,
            "reflected_at": None,
            "intention": "see who leads",
            "end_reason": None,
            "plan_id": None,
            "platforms": ["x"],
            "answers": [],
            "slips": [{"occurred_at": began, "platform_id": None, "entry_id": 10}],
        }
    ]
    entries = []
    for n in range(1, count + 1):
        words = " ".join(WORDS[(n * k) % len(WORDS)] for k in range(1, 9))
        text = f"entry {n} {words} " + "x" * max(0, text_size - 80) + f" #tag{n % 7}"
        at = began + timedelta(minutes=n * 37)
        entries.append(
            {
                "id": n,
                "created_at": at,
                "updated_at": at,
                "kind": "observation" if n % 10 == 0 else "note",
                "text": text,
                "break_id": 1 if n % 10 == 0 else None,
                "platform_id": None,
                "mood": None,
                "tags": [f"tag{n % 7}"],
                "people": [],
            }
        )
    plain["entries"] = entries
    return {"format": FORMAT, "version": VERSION, **plain}


def written(folder: Path, document: dict[str, Any]) -> Path:
    path = folder / "journal.json"
    path.write_text(json.dumps(document, default=str), encoding="utf-8")
    return path


def import_path(services: Services, path: Path) -> None:
    with path.open("rb") as source:
        services.transfer.import_file(source, None, "the file")


def every(services: Services, query: EntryQuery) -> list[int]:
    """The ids of every entry found, a page at a time as the app pages."""
    found: list[int] = []
    while page := services.journal.search(query):
        found += [entry.id or 0 for entry in page]
        query = replace(query, before=(page[-1].created_at, page[-1].id or 0))
    return found


def searches(services: Services) -> dict[str, list[int]]:
    words = (*WORDS, "entry", "lant", "tag3", "xxxx")
    return {w: every(services, EntryQuery(text=w, prefix=w == "lant")) for w in words}


def triggers(services: Services) -> list[tuple[str, str]]:
    """The journal's triggers as SQLite keeps them, word for word (none on PostgreSQL)."""
    with database_of(services).read() as session:
        connection = session.connection()
        if connection.dialect.name != "sqlite":
            return []
        found = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        )
        return [(name, sql) for name, sql in found]


def peak(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class _Null(io.StringIO):
    def write(self, text: str) -> int:
        return len(text)


def export_everything(services: Services, fmt: ExportFormat) -> None:
    sink = _Null()
    services.transfer.export_into(fmt, Selection(), lambda _name: sink)


def test_import_and_export_memory_does_not_grow_with_the_journal(
    services: Services, tmp_path: Path
) -> None:
    small, large = 2 * CHUNK, 8 * CHUNK
    file = generated(services, large, text_size=1000)
    peaks: dict[str, list[int]] = {}
    for count in (small, large):
        folder = tmp_path / str(count)
        folder.mkdir()
        path = written(folder, {**file, "entries": file["entries"][:count]})
        peaks.setdefault("import", []).append(peak(partial(import_path, services, path)))
        for fmt in (ExportFormat.JSON, ExportFormat.MD, ExportFormat.CSV):
            done = peak(partial(export_everything, services, fmt))
            peaks.setdefault(fmt.value, []).append(done)
    # The large file and journal hold 6 MiB more text than the small ones: holding the
    # entries, rather than a chunk of them (half a MiB), would show as that much more.
    grown = {kind: after - before for kind, (before, after) in peaks.items()}
    assert all(extra < 1024 * 1024 for extra in grown.values()), grown
    assert len(every(services, EntryQuery())) == large


def with_many_breaks(services: Services, count: int) -> str:
    """An export file of ten entries and `count` breaks, each answering eleven questions."""
    file = generated(services, 10)
    template = file["breaks"][0]
    file["breaks"] = [
        {
            **template,
            **two_hours_from(START - timedelta(days=2 * n)),
            "id": n,
            "slips": [],
            "answers": [
                {
                    "prompt_key": f"q{k}",
                    "phase": "before",
                    "kind": "text",
                    "question": f"What will you notice, {k}?",
                    "value": f"The answer {k} to break {n}.",
                    "answered_at": START - timedelta(days=2 * n),
                }
                for k in range(11)
            ],
        }
        for n in range(1, count + 1)
    ]
    return json.dumps(file, default=str)


def test_an_import_checks_the_breaks_one_at_a_time_and_keeps_only_their_records(
    services: Services,
) -> None:
    """While the file is checked, no more is held than the breaks' records it keeps (and one
    break being read): holding each break's decoded JSON and model as well showed as about
    10 MiB more than the records at 400 breaks."""
    for count in (40, 400):
        source = io.StringIO(with_many_breaks(services, count))
        tracemalloc.start()
        try:
            checked = check_file(source, "the file")
            kept, most = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert checked is not None
        assert [item.id for item in checked.document.breaks] == list(range(1, count + 1))
        assert len(checked.document.breaks[-1].answers) == 11
        assert most - kept < 1024 * 1024, (count, most, kept)


def test_a_streamed_import_indexes_every_entry_as_the_row_by_row_trigger_did(
    services: Services, tmp_path: Path, backend: str
) -> None:
    services.journal.write("a note written before, lantern and tide")
    triggers_before = triggers(services)
    assert ("entries_fts_insert" in dict(triggers_before)) == (backend == "sqlite")
    import_path(services, written(tmp_path, generated(services, 3 * CHUNK + 7, text_size=100)))
    assert triggers(services) == triggers_before
    found = searches(services)
    assert len(found["entry"]) == 3 * CHUNK + 7
    assert found["lantern"] and found["tide"]
    if backend == "sqlite":
        with database_of(services).write() as session:
            connection = session.connection()
            # FTS5 checks its index against the entries themselves, row by row...
            connection.exec_driver_sql(
                "INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)"
            )
            # ...and an index rebuilt whole from them answers every search the same.
            connection.exec_driver_sql("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
        assert searches(services) == found
    # The trigger is back: an entry written after the import is found.
    services.journal.write("written after, cobaltish")
    assert len(services.journal.search(EntryQuery(text="cobaltish"))) == 1


def test_a_bad_entry_late_in_a_big_file_changes_nothing(services: Services, tmp_path: Path) -> None:
    services.journal.write("already here")
    document = generated(services, 3 * CHUNK, text_size=50)
    before = services.transfer.export(ExportFormat.JSON, Selection())
    document["entries"][-1]["text"] = "bell \x07 inside"
    late = rf"entries\[{3 * CHUNK - 1}\]: an entry holds the control character"
    with pytest.raises(InvalidInput, match=late):
        import_path(services, written(tmp_path, document))
    assert services.transfer.export(ExportFormat.JSON, Selection()) == before


def test_a_file_that_turns_bad_while_it_is_merged_changes_nothing(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import checks the file, then reads it again as it writes: a late entry changed in
    between is found after chunks were written, and the whole transaction goes."""
    services.journal.write("already here, harbour")
    document = generated(services, 3 * CHUNK, text_size=50)
    before = services.transfer.export(ExportFormat.JSON, Selection())
    path = written(tmp_path, document)
    checked_file = document_module.check_file

    def check_then_change(file: TextIO, what: str, reading: Callable[[], None]) -> Checked | None:
        checked = checked_file(file, what, reading)
        document["entries"][-1]["text"] = "bell \x07 inside"
        written(tmp_path, document)
        return checked

    monkeypatch.setattr(document_module, "check_file", check_then_change)
    with pytest.raises(InvalidInput, match="changed while it was imported; nothing was imported"):
        import_path(services, path)
    assert services.transfer.export(ExportFormat.JSON, Selection()) == before
    assert len(services.journal.search(EntryQuery(text="harbour"))) == 1
    services.journal.write("written after, cobaltish")
    assert len(services.journal.search(EntryQuery(text="cobaltish"))) == 1


def test_a_streamed_import_and_export_tell_their_progress(
    services: Services, tmp_path: Path
) -> None:
    path = written(tmp_path, generated(services, 2 * CHUNK + 3, text_size=50))
    told: list[tuple[str, int, int]] = []
    with path.open("rb") as source:
        services.transfer.import_file(source, None, "the file", lambda *step: told.append(step))
    size = path.stat().st_size
    checking = [done for step, done, total in told if step == "checking" and total == size]
    assert checking and checking == sorted(checking) and checking[-1] <= size
    assert [step for step in told if step[0] == "writing"][-1] == ("writing", 1003, 1003)
    told.clear()
    sink = _Null()
    services.transfer.export_into(
        ExportFormat.JSON, Selection(), lambda _: sink, lambda *step: told.append(step)
    )
    assert told[-1] == ("reading", 1004, 1004)  # the break, then every entry


def _iso(moment: datetime) -> str:
    return moment.isoformat()


class _Alive:
    """How many of the rows it is shown are alive at once, at most (rows are not hashable)."""

    def __init__(self) -> None:
        self._rows: dict[int, weakref.ref[Any]] = {}
        self.most = 0

    def add(self, row: Any) -> None:
        key = id(row)
        self._rows[key] = weakref.ref(row, lambda _gone: self._rows.pop(key, None))
        self.most = max(self.most, len(self._rows))


def with_breaks(services: Services, count: int) -> dict[str, Any]:
    """An export file of `count` finished breaks, each with an answer to every question and
    a slip, and one entry written in each."""
    document = generated(services, count, text_size=50)
    began = START - timedelta(days=400)
    breaks = []
    for n in range(1, count + 1):
        at = began + timedelta(hours=3 * n)
        breaks.append(
            {
                **document["breaks"][0],
                "id": n,
                **two_hours_from(at),
                "answers": [
                    {
                        "prompt_key": prompt.key,
                        "phase": prompt.phase.value,
                        "kind": prompt.kind.value,
                        "question": prompt.text,
                        "value": "3" if prompt.kind is PromptKind.SCALE else f"answer {n}",
                        "answered_at": at + timedelta(hours=2),
                    }
                    for prompt in DEFAULT_PROMPTS
                    if prompt.kind in (PromptKind.TEXT, PromptKind.SCALE)
                ],
                "slips": [{"occurred_at": at, "platform_id": "x", "entry_id": n}],
            }
        )
        entry = document["entries"][n - 1]
        entry.update(created_at=at + timedelta(minutes=5), break_id=n)
        entry["updated_at"] = entry["created_at"]
    document["breaks"] = breaks
    return document


def test_an_export_reads_the_breaks_a_chunk_at_a_time_and_writes_what_one_dump_would(
    services: Services, tmp_path: Path
) -> None:
    """A long-kept journal has thousands of breaks, each with its answers and slips: their
    rows are read and let go a chunk of breaks at a time, not held all at once."""
    count = 2 * BREAKS_AT_ONCE + 7
    import_path(services, written(tmp_path, with_breaks(services, count)))
    held: dict[Any, _Alive] = {BreakRow: _Alive(), AnswerRow: _Alive()}

    def loaded(table: type[Any]) -> Callable[[Any, Any], None]:
        return lambda row, _context: held[table].add(row)

    listeners = [(table, loaded(table)) for table in held]
    for table, listener in listeners:
        event.listen(table, "load", listener)
    try:
        out = io.StringIO()
        services.transfer.export_into(ExportFormat.JSON, Selection(), lambda _name: out)
        for fmt in (ExportFormat.MD, ExportFormat.CSV):
            export_everything(services, fmt)
    finally:
        for table, listener in listeners:
            event.remove(table, "load", listener)
    answers = len(with_breaks(services, 1)["breaks"][0]["answers"])
    assert answers >= 2
    assert 0 < held[BreakRow].most <= BREAKS_AT_ONCE
    assert 0 < held[AnswerRow].most <= BREAKS_AT_ONCE * answers
    # Written a record at a time, the file is word for word one dump of the whole document.
    whole = {
        "format": FORMAT,
        "version": VERSION,
        **as_plain(services.transfer.document(Selection())),
    }
    assert out.getvalue() == json.dumps(whole, indent=2, ensure_ascii=False, default=_iso) + "\n"
    exported = json.loads(out.getvalue())
    assert len(exported["breaks"]) == count
    assert [len(b["answers"]) for b in exported["breaks"]] == [answers] * count
    assert all(b["slips"][0]["entry_id"] == b["id"] for b in exported["breaks"])
