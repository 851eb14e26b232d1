"""Search inside one process, as the app's Journal screen searches: one page of 20 per query."""

from __future__ import annotations

import random
import re
import sqlite3
import statistics
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bench.homes import breakwell_env

QUERIES = 200
PAGE = 20


@dataclass(frozen=True)
class Latency:
    what: str
    p50_ms: float
    p99_ms: float
    worst_ms: float


def search_latency(home: Path, seed: int = 7) -> list[Latency]:
    """Whole words taken from random entries (what a person remembers writing), and the same
    words typed halfway, as search-as-you-type sends them."""
    from breakwell.domain.entries import EntryQuery
    from breakwell.services import build_services
    from breakwell.settings import load_settings

    services = build_services(load_settings(breakwell_env(home)))
    try:
        words = _remembered_words(home / "breakwell.db", random.Random(seed))
        measured = []
        for what, texts, prefix in (
            ("a word", words, False),
            ("a word half typed", [w[: max(2, len(w) // 2)] for w in words], True),
        ):
            timings = []
            for text in texts:
                start = time.perf_counter()
                services.journal.search(EntryQuery(text=text, prefix=prefix, limit=PAGE))
                timings.append((time.perf_counter() - start) * 1000)
            cuts = statistics.quantiles(timings, n=100)
            measured.append(Latency(what, cuts[49], cuts[98], max(timings)))
        return measured
    finally:
        services.close()


def _remembered_words(database: Path, rng: random.Random) -> list[str]:
    with closing(sqlite3.connect(database)) as connection:
        (newest,) = connection.execute("SELECT max(id) FROM entries").fetchone()
        words: list[str] = []
        while len(words) < QUERIES:
            row = connection.execute(
                "SELECT text FROM entries WHERE id = ?", (rng.randint(1, newest),)
            ).fetchone()
            tokens = re.findall(r"[a-z]{3,}", row[0].lower()) if row else []
            if tokens:
                words.append(rng.choice(tokens))
        return words
