"""`breakwell doctor` compares the database's tables and columns with the schema, so a damaged
journal is reported as damaged, not as "ok"."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import Cli


def doctor(run: Cli) -> tuple[int, dict[str, dict[str, object]]]:
    result = run("doctor", "--json")
    return result.exit_code, {c["check"]: c for c in json.loads(result.stdout)}


def damage(url: str, *statements: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def journal(run: Cli, database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A journal with an entry and a break at the newest schema, on each backend."""
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", database_url)
    assert run("note", "a first observation").exit_code == 0
    assert run("start", "30m", "--platform", "x", "--no-prompts").exit_code == 0
    return database_url


def test_a_whole_journal_passes(run: Cli, journal: str) -> None:
    _, found = doctor(run)
    assert found["schema"] == {
        "check": "schema",
        "ok": True,
        "detail": "every table and column in place",
    }
    assert found["migrations"]["ok"] is True


def test_a_dropped_table_is_damage(run: Cli, journal: str) -> None:
    damage(journal, "DROP TABLE commitment_logs")
    code, found = doctor(run)
    assert code == 1
    assert found["schema"]["ok"] is False
    assert "damaged: missing table commitment_logs" in str(found["schema"]["detail"])
    text_output = run("doctor")
    assert "BAD schema" in text_output.stdout


def test_a_dropped_column_is_damage(run: Cli, journal: str, backend: str) -> None:
    damage(journal, "ALTER TABLE plans DROP COLUMN until")
    code, found = doctor(run)
    assert code == 1
    assert "missing column plans.until" in str(found["schema"]["detail"])


@pytest.mark.sqlite_only
def test_a_lost_search_index_is_damage(run: Cli, journal: str) -> None:
    damage(journal, "DROP TRIGGER entries_fts_update", "DROP TABLE entries_fts")
    code, found = doctor(run)
    assert code == 1
    detail = str(found["schema"]["detail"])
    assert "table entries_fts (the search index)" in detail
    assert "trigger entries_fts_update" in detail


def test_many_gaps_are_summed_up_in_one_line(run: Cli, journal: str) -> None:
    damage(
        journal,
        "DROP TABLE commitment_logs",
        "DROP TABLE commitments",
        "DROP TABLE slips",
        "DROP TABLE answers",
        "DROP TABLE prompts",
        "DROP TABLE devices",
    )
    code, found = doctor(run)
    detail = str(found["schema"]["detail"])
    assert code == 1 and "and 2 more" in detail and "\n" not in detail
