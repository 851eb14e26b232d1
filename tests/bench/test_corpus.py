"""The benchmark compares like with like: the same entries reach breakwell and jrnl."""

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from bench.corpus import (
    FILTER_PERSON,
    FILTER_PLATFORM,
    FILTER_TAG,
    RARE_COUNT,
    RARE_WORD,
    generate,
    jrnl_lines,
    stream,
)
from bench.homes import breakwell_env, write_breakwell, write_breakwell_in_bulk, write_jrnl
from breakwell.domain.entries import EntryQuery
from breakwell.domain.prompts import Phase
from breakwell.services import build_services
from breakwell.settings import load_settings

HEADER = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d)\] ", re.MULTILINE)


def test_the_same_seed_gives_the_same_journal() -> None:
    assert generate(300) == generate(300)
    assert generate(300) != generate(300, seed=1)


def test_entries_are_realistic_and_in_time_order() -> None:
    journal = generate(600)
    assert [e.at for e in journal.entries] == sorted(e.at for e in journal.entries)
    assert all(40 <= len(e.text.split()) <= 200 for e in journal.entries)
    assert all(1 <= len(e.tags) <= 3 for e in journal.entries)
    assert sum(RARE_WORD in e.text for e in journal.entries) == RARE_COUNT
    assert journal.breaks
    assert any(e.break_index is not None for e in journal.entries)


def test_jrnl_and_breakwell_hold_the_same_entries(tmp_path: Path) -> None:
    journal = generate(300)
    config = write_jrnl(journal.entries, tmp_path / "jrnl")
    text = (tmp_path / "jrnl" / "journal.txt").read_text(encoding="utf-8")
    assert text == "".join(jrnl_lines(journal.entries))
    assert HEADER.findall(text) == [f"{e.at:%Y-%m-%d %H:%M}" for e in journal.entries]
    assert str(tmp_path / "jrnl" / "journal.txt") in config.read_text()

    home = tmp_path / "breakwell"
    write_breakwell(journal, home)
    services = build_services(load_settings(breakwell_env(home)))
    try:
        stored = services.journal.search(EntryQuery(limit=1000))
        assert sorted(e.text for e in stored) == sorted(e.text for e in journal.entries)
        rare = services.journal.search(EntryQuery(text=RARE_WORD))
        assert len(rare) == RARE_COUNT
        tagged = services.journal.search(EntryQuery(tags=(FILTER_TAG,), limit=1000))
        assert len(tagged) == sum(FILTER_TAG in e.tags for e in journal.entries)
        assert len(services.breaks.history(limit=1000)) == len(journal.breaks)
        first = services.breaks.detail(1)
        assert first.answers_for(Phase.BEFORE)
        assert first.answers_for(Phase.AFTER)
        assert len(first.entries) == sum(e.break_index == 0 for e in journal.entries)
    finally:
        services.close()
    assert "/etc/hosts" not in (home / "config.toml").read_text()


def test_some_entries_name_a_person_or_a_platform() -> None:
    journal = generate(600)
    named = [e for e in journal.entries if e.people]
    assert named and all(f"@{e.people[0]}" in e.text for e in named)
    assert any(FILTER_PERSON in e.people for e in journal.entries)
    assert any(e.platform == FILTER_PLATFORM for e in journal.entries)
    assert [e for e, _ in stream(600)] == journal.entries


TABLES = ("entries", "entry_tags", "entry_people", "breaks", "break_platforms", "answers")


def test_the_bulk_writer_makes_the_journal_the_import_makes(tmp_path: Path) -> None:
    journal = generate(400)
    write_breakwell(journal, tmp_path / "imported")
    write_breakwell_in_bulk(journal.breaks, iter(journal.entries), tmp_path / "bulk")

    def contents(home: Path) -> dict[str, object]:
        with closing(sqlite3.connect(home / "breakwell.db")) as connection:
            found: dict[str, object] = {
                table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in TABLES
            }
            found["triggers"] = sorted(
                connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            )
            found["rare"] = connection.execute(
                "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid",
                (RARE_WORD,),
            ).fetchall()
            found["the"] = connection.execute(
                "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'the'"
            ).fetchall()
        return found

    imported = contents(tmp_path / "imported")
    assert imported["entries"] and imported["rare"]
    assert contents(tmp_path / "bulk") == imported
