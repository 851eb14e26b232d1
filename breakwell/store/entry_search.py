"""Finding entries in plain SQL, run by whichever driver holds the connection.

The same statements serve the ORM session (the app, the services) and a bare `sqlite3`
connection (commands that must answer before SQLAlchemy could even be imported), so there is
one search, not two that could drift apart. Only the word match differs by database: SQLite's
FTS5 index, or PostgreSQL's tsvector column with its GIN index. Statements use `?` for
parameters; a runner for a driver with another style translates.

On SQLite, words are found through the FTS5 index newest id first: a word in most entries
needs only the newest of them, not all of them sorted by time. Ids follow time for entries
written as they happen; where they do not (imports, back-dated entries) a check says so and the
search falls back to the whole index, so the answer is always exact. PostgreSQL's planner
weighs the GIN index against the time index itself, so it needs no window.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from breakwell.domain.entries import Entry, EntryKind, EntryQuery
from breakwell.domain.markup import normalize_person, normalize_tag
from breakwell.domain.values import frozen, replace
from breakwell.store.moments import read_moment, stored_moment
from breakwell.store.search_query import fts5_query, tsquery_text

Run = Callable[[str, Sequence[Any]], Sequence[Sequence[Any]]]


@frozen
class Dialect:
    match: Callable[[str, bool], str]  # what was typed, and prefix, to the match parameter
    moment: Callable[[datetime], Any]  # a time as the database compares it
    condition: str  # on entry `e`, with one ? for the match parameter


SQLITE = Dialect(
    match=lambda text, prefix: fts5_query(text, prefix=prefix),
    moment=stored_moment,
    condition="e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)",
)
POSTGRESQL = Dialect(
    match=lambda text, prefix: tsquery_text(text, prefix=prefix),
    moment=lambda moment: moment.astimezone(UTC),
    condition="e.search_vector @@ to_tsquery('breakwell', ?)",
)
DIALECTS = {"sqlite": SQLITE, "postgresql": POSTGRESQL}

# Matches taken from the index at most, newest id first, before trying the id window.
WINDOW = 1000
# On PostgreSQL, fewer matches than this are read from the index whole, then sorted; more
# are found by reading entries newest first, where matches soon come.
PROBE = 500
# Evaluated once, before the rest (an array of a subquery), so the index finds the few.
_FEW_MATCHES = f"e.id = ANY(ARRAY(SELECT e.id FROM entries e WHERE {POSTGRESQL.condition}))"
_COLUMNS = "e.id, e.created_at, e.kind, e.text, e.break_id, e.platform_id, e.mood, e.edited_at"
_MATCH = "e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?{})"


def find(run: Run, query: EntryQuery, dialect: Dialect = SQLITE) -> list[Entry]:
    where, params = _filters(query, dialect)
    if not (query.text and query.text.strip()):
        return _hydrate(run, _select(run, where, params, query.limit))
    match = dialect.match(query.text, query.prefix)
    if dialect is not SQLITE:
        condition = dialect.condition if _common(run, dialect, match) else _FEW_MATCHES
        rows = _select(run, [*where, condition], [*params, match], query.limit)
        return _hydrate(run, rows)
    newest = run(
        "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
        (match, WINDOW),
    )
    if len(newest) == WINDOW:
        floor = int(newest[-1][0])
        window = [*where, _MATCH.format(" AND rowid >= ?"), "e.id >= ?"]
        rows = _select(run, window, [*params, match, floor, floor], query.limit)
        if len(rows) == query.limit and not _older_ids_newer(run, rows[-1], floor):
            return _hydrate(run, rows)
    rows = _select(run, [*where, _MATCH.format("")], [*params, match], query.limit)
    return _hydrate(run, rows)


def count(run: Run, query: EntryQuery, dialect: Dialect = SQLITE) -> int:
    """How many entries `query` finds in all, however many pages it is read in."""
    where, params = _filters(replace(query, before=None), dialect)
    if query.text and query.text.strip():
        condition = _MATCH.format("") if dialect is SQLITE else dialect.condition
        where, params = [*where, condition], [*params, dialect.match(query.text, query.prefix)]
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    return int(run(f"SELECT count(*) FROM entries e {condition}", params)[0][0])


def of_break(run: Run, break_id: int) -> list[Entry]:
    """Every entry linked to a break, oldest first, as a break's story reads."""
    rows = run(
        f"SELECT {_COLUMNS} FROM entries e WHERE e.break_id = ? ORDER BY e.created_at, e.id",
        (break_id,),
    )
    return _hydrate(run, rows)


def _common(run: Run, dialect: Dialect, match: str) -> bool:
    """Whether a word is in at least PROBE entries.

    PostgreSQL's planner guesses a word it has no statistics for to be in about 0.5% of the
    entries, and so reads entries newest first looking for a handful: for a rare word, all of
    them. Asked first, the index says at once how common the word really is.
    """
    sql = f"SELECT count(*) FROM (SELECT 1 FROM entries e WHERE {dialect.condition} LIMIT ?) s"
    return int(run(sql, (match, PROBE))[0][0]) >= PROBE


def labels(run: Run, ids: Sequence[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Each entry's tags and people, by entry id."""
    tags: dict[int, list[str]] = defaultdict(list)
    people: dict[int, list[str]] = defaultdict(list)
    if ids:
        marks = ", ".join("?" * len(ids))
        for entry_id, tag in run(
            f"SELECT entry_id, tag FROM entry_tags WHERE entry_id IN ({marks})", ids
        ):
            tags[int(entry_id)].append(str(tag))
        for entry_id, person in run(
            f"SELECT entry_id, person FROM entry_people WHERE entry_id IN ({marks})", ids
        ):
            people[int(entry_id)].append(str(person))
    return tags, people


def in_text_order(text: str, names: list[str], sigil: str) -> tuple[str, ...]:
    """Tags come back in the order the text holds them."""
    lowered = text.lower()
    return tuple(sorted(names, key=lambda name: lowered.find(sigil + name)))


def _filters(query: EntryQuery, dialect: Dialect) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for tag in query.tags:
        where.append("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?)")
        params.append(normalize_tag(tag))
    for person in query.people:
        where.append(
            "EXISTS (SELECT 1 FROM entry_people p WHERE p.entry_id = e.id AND p.person = ?)"
        )
        params.append(normalize_person(person))
    for column, value in (
        ("e.platform_id = ?", query.platform),
        ("e.kind = ?", query.kind.value if query.kind else None),
        ("e.break_id = ?", query.break_id),
        ("e.created_at >= ?", dialect.moment(query.since) if query.since else None),
        ("e.created_at < ?", dialect.moment(query.until) if query.until else None),
    ):
        if value is not None:
            where.append(column)
            params.append(value)
    if query.before is not None:
        moment, entry_id = query.before
        where.append("(e.created_at < ? OR (e.created_at = ? AND e.id < ?))")
        params.extend([dialect.moment(moment), dialect.moment(moment), entry_id])
    return where, params


def _select(run: Run, where: list[str], params: list[Any], limit: int) -> Sequence[Sequence[Any]]:
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    return run(
        f"SELECT {_COLUMNS} FROM entries e {condition} "
        "ORDER BY e.created_at DESC, e.id DESC LIMIT ?",
        [*params, limit],
    )


def _older_ids_newer(run: Run, last: Sequence[Any], floor: int) -> bool:
    """Whether an entry below the id window could sort before the last one found in it."""
    found = run("SELECT 1 FROM entries WHERE created_at >= ? AND id < ? LIMIT 1", (last[1], floor))
    return bool(found)


def _hydrate(run: Run, rows: Sequence[Sequence[Any]]) -> list[Entry]:
    tags, people = labels(run, [int(row[0]) for row in rows])
    return [
        Entry(
            id=int(entry_id),
            created_at=read_moment(created_at),
            kind=EntryKind(kind),
            text=text,
            break_id=break_id,
            platform=platform_id,
            mood=mood,
            tags=in_text_order(text, tags[int(entry_id)], "#"),
            people=in_text_order(text, people[int(entry_id)], "@"),
            edited_at=read_moment(edited_at) if edited_at is not None else None,
        )
        for entry_id, created_at, kind, text, break_id, platform_id, mood, edited_at in rows
    ]
