"""The benchmark's 100,000-entry journal moves from SQLite into PostgreSQL whole, and every
search finds the same entries, in the same order, on both."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import FILTER_TAG, RARE_COUNT, RARE_WORD, generate
from bench.homes import breakwell_env, write_breakwell
from breakwell.domain.entries import MAX_PAGE, EntryQuery
from breakwell.domain.values import replace
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.store.copy import row_counts
from tests.journal import database_of
from tests.pg_server import PASSWORD

pytestmark = pytest.mark.slow
SIZE = 100_000


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The bench's journal in a SQLite home, and a spread of its words to search for."""
    generated = generate(SIZE)
    home = tmp_path_factory.mktemp("bench") / "breakwell"
    write_breakwell(generated, home)
    words = sorted({word for entry in generated.entries[:50] for word in entry.text.split()})
    return home, random.Random(7).sample(words, 12)


def services_on(home: Path, url: str | None) -> Services:
    environment = breakwell_env(home)
    if url is not None:
        environment["BREAKWELL_DATABASE_URL"] = url
    return build_services(load_settings(environment))


def hits(services: Services, query: EntryQuery, pages: int) -> list[int]:
    """The ids of the first `pages` pages, paged as the app pages them."""
    found: list[int] = []
    for _ in range(pages):
        page = services.journal.search(query)
        found += [entry.id or 0 for entry in page]
        if len(page) < query.limit:
            break
        last = page[-1]
        query = replace(query, before=(last.created_at, last.id or 0))
    return found


@pytest.fixture
def target(empty_postgres_url: str) -> str:
    return empty_postgres_url


def test_the_100k_journal_copies_whole_and_searches_alike(
    journal: tuple[Path, list[str]], target: str
) -> None:
    home, words = journal
    to = target.replace(f":{PASSWORD}@", "@")  # the password comes from the environment
    copied = subprocess.run(
        [sys.executable, "-m", "breakwell", "db", "copy", "--to", to],
        env={**os.environ, **breakwell_env(home), "PGPASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=1200,
        check=False,
    )
    assert copied.returncode == 0, copied.stderr
    assert "every table's count matches" in copied.stdout

    local, shared = services_on(home, None), services_on(home, target)
    try:
        with database_of(local).read() as session:
            wanted = row_counts(session.connection())
        with database_of(shared).read() as session:
            assert row_counts(session.connection()) == wanted
        assert wanted["entries"] >= SIZE
        queries = [
            (EntryQuery(text=RARE_WORD, limit=MAX_PAGE), 1),
            (EntryQuery(tags=(FILTER_TAG,), limit=MAX_PAGE), 3),
            (EntryQuery(text="the", limit=MAX_PAGE), 3),
            *((EntryQuery(text=word, limit=MAX_PAGE), 2) for word in words),
            *((EntryQuery(text=word[:3], prefix=True, limit=200), 1) for word in words[:4]),
            (EntryQuery(text=f"{words[0]} {words[1]}", limit=MAX_PAGE), 1),
        ]
        for query, pages in queries:
            assert hits(shared, query, pages) == hits(local, query, pages), query
        assert len(hits(shared, queries[0][0], 1)) == RARE_COUNT
    finally:
        local.close()
        shared.close()
