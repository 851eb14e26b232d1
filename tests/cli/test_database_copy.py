"""`breakwell db copy`: SQLite into PostgreSQL and back, checked, and never over a journal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from breakwell.demo import fill_demo
from breakwell.domain.clock import FakeClock
from breakwell.services import Services
from breakwell.store import Database
from breakwell.store.copy import copy_all, row_counts
from tests.conftest import Cli, database_files
from tests.journal import database_of
from tests.pg_server import PASSWORD, Server

WORDS = ("quiet", "feed", "morn", "walk", "the")


def counts(url: str) -> dict[str, int]:
    database = Database(url)
    try:
        with database.read() as session:
            return row_counts(session.connection())
    finally:
        database.close()


def searches(run: Cli) -> dict[str, list[int]]:
    found = {}
    for word in WORDS:
        result = run("search", word, "-n", "1000", "--json")
        assert result.exit_code == 0, result.output
        found[word] = [entry["id"] for entry in json.loads(result.stdout)]
    return found


@pytest.fixture
def journal(services: Services, clock: FakeClock) -> str:
    fill_demo(services, clock, weeks=6)
    return database_of(services).url


@pytest.fixture
def target(empty_postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The target's URL as `--to` takes it: its password comes from the environment."""
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    return empty_postgres_url.replace(f":{PASSWORD}@", "@")


def test_sqlite_to_postgresql_and_back_keeps_every_row_and_every_hit(
    run: Cli,
    journal: str,
    target: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = counts(journal)
    assert before["entries"] > 20 and before["events"] > 10 and before["breaks"] > 3
    hits = searches(run)
    assert all(hits.values())

    copied = run("db", "copy", "--to", target, "--json")
    assert copied.exit_code == 0, copied.output
    report = json.loads(copied.stdout)
    assert report["rows"] == before and report["merged"] is False
    assert "test-only-secret" not in copied.stdout
    assert counts(target) == before

    monkeypatch.setenv("BREAKWELL_DATABASE_URL", target)
    assert searches(run) == hits
    added = json.loads(run("note", "after the move #moved", "--json").stdout)
    assert added["id"] == before["entries"] + 1  # the counters moved past the copied ids
    hits = searches(run)
    assert added["id"] in hits["the"]

    back = f"sqlite:///{tmp_path / 'back.db'}"
    assert run("db", "copy", "--to", back).exit_code == 0
    assert counts(back) == counts(target)
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", back)
    assert searches(run) == hits


def test_a_target_holding_a_journal_is_refused_and_left_alone(
    run: Cli, journal: str, target: str
) -> None:
    assert run("db", "copy", "--to", target).exit_code == 0
    held = counts(target)
    again = run("db", "copy", "--to", target)
    assert again.exit_code != 0
    assert again.stderr.startswith("breakwell: ") and again.stderr.count("\n") == 1
    assert "already holds a journal; add --merge" in again.stderr
    assert "test-only-secret" not in again.stderr
    assert counts(target) == held


def test_merge_adds_only_what_the_target_lacks(
    run: Cli, journal: str, target: str, clock: FakeClock
) -> None:
    assert run("db", "copy", "--to", target).exit_code == 0
    held = counts(target)
    assert run("note", "written after the first copy").exit_code == 0
    merged = run("db", "copy", "--to", target, "--merge", "--json")
    assert merged.exit_code == 0, merged.output
    assert json.loads(merged.stdout)["rows"] == {"entries": 1}
    assert counts(target)["entries"] == held["entries"] + 1


def test_refusals_change_nothing(run: Cli, journal: str, home: Path) -> None:
    files = database_files(home)
    same = run("db", "copy", "--to", journal)
    assert same.exit_code == 2 and "the target is the database in use" in same.stderr
    nonsense = run("db", "copy", "--to", "no such thing")
    assert nonsense.exit_code != 0 and "is not a database URL" in nonsense.stderr
    assert "Traceback" not in nonsense.output
    assert database_files(home) == files


def test_an_unreachable_target_is_one_line(run: Cli, journal: str, postgres_server: Server) -> None:
    closed = postgres_server.url("anything", port=1).replace(f":{PASSWORD}@", "@")
    result = run("db", "copy", "--to", closed)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert "cannot reach the PostgreSQL server at 127.0.0.1:1" in result.stderr


def test_progress_is_told_per_table_and_a_failed_copy_keeps_nothing(
    journal: str, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, destination = Database(journal), Database(target)
    told: list[tuple[str, int, int]] = []
    from breakwell.store import copy as copying

    def fail_on_events(step: str, done: int, total: int) -> None:
        told.append((step, done, total))
        if step == "events" and done:
            raise RuntimeError("the line dropped")

    with pytest.raises(RuntimeError):
        copy_all(source.engine, destination.engine, fail_on_events)
    assert {step for step, _, _ in told} >= {"entries", "breaks", "events"}
    assert ("entries", counts(journal)["entries"], counts(journal)["entries"]) in told
    assert not any(counts(target).values())
    monkeypatch.setattr(copying, "BATCH", 7)
    copied = copy_all(source.engine, destination.engine, lambda *_: None)
    assert copied.counts == counts(target) == counts(journal)
    source.close()
    destination.close()


def test_a_url_that_cannot_be_read_never_shows_its_password(run: Cli, journal: str) -> None:
    result = run("db", "copy", "--to", "not a url://me:hunter2@db.lan/journal")
    assert result.exit_code != 0
    assert "hunter2" not in result.output and "me:***@db.lan" in result.stderr
