"""The floor: what each quick command costs done by hand, to measure breakwell against.

    python bench/floors.py COMMAND [ARG...]

A plain script on the standard library alone: it opens the same SQLite database with `sqlite3`,
runs the statements breakwell runs for the command (read from `breakwell/store/entry_search.py`,
`store/entries.py`, `store/breaks.py`, `store/answers.py`), and prints as much as the command
prints. It never imports breakwell: its time is the interpreter, the driver and the query, which
no command can go below. The harness measures it as it measures the commands (whole process, wall
time and peak memory from wait4); a test holds its answers to the commands' own.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import sys
import textwrap
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TIMEOUT = 5.0
COLUMNS = "e.id, e.created_at, e.kind, e.text, e.break_id, e.platform_id, e.mood"
WINDOW = 1000
CHUNK = 1 << 20
TAG = re.compile(r"(?<![\w#])#(\w[\w-]*)")
PERSON = re.compile(r"(?<![\w@])@([\w.]+(?:@[\w.-]+)?)")
BREAK_COLUMNS = "id, status, mode, strictness, starts_at, ends_at, started_at, ended_at, intention"


def _connect(database: str) -> sqlite3.Connection:
    return sqlite3.connect(database, timeout=TIMEOUT)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _moment(value: str) -> str:
    return datetime.fromisoformat(value).strftime("%a %d %b %Y %H:%M")


def _words(query: str) -> str:
    return " ".join('"' + word + '"' for word in re.findall(r"[^\W_]+", query))


def _labels(db: sqlite3.Connection, ids: list[int]) -> tuple[dict[int, list[str]], ...]:
    tags: dict[int, list[str]] = {}
    people: dict[int, list[str]] = {}
    if ids:
        marks = ", ".join("?" * len(ids))
        for table, column, into in (
            ("entry_tags", "tag", tags),
            ("entry_people", "person", people),
        ):
            sql = f"SELECT entry_id, {column} FROM {table} WHERE entry_id IN ({marks})"
            for entry_id, name in db.execute(sql, ids):
                into.setdefault(entry_id, []).append(name)
    return tags, people


def _print_entries(db: sqlite3.Connection, rows: list[Any]) -> None:
    tags, people = _labels(db, [row[0] for row in rows])
    blocks = []
    for entry_id, created_at, kind, text, break_id, platform_id, _mood in rows:
        where = [f"break #{break_id}"] if break_id else []
        if platform_id:
            where.append(platform_id)
        context = f"  [{' · '.join(where)}]" if where else ""
        labels = " ".join([*tags.get(entry_id, []), *people.get(entry_id, [])])
        body = "\n".join(
            textwrap.fill(line, width=88, initial_indent="    ", subsequent_indent="    ")
            for line in text.splitlines()
        )
        blocks.append(f"#{entry_id}  {_moment(created_at)}  {kind}{context}  {labels}\n{body}")
    print("\n\n".join(blocks) if blocks else "No entries match.")


def _select(db: sqlite3.Connection, where: list[str], params: list[Any], limit: int) -> list[Any]:
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    sql = (
        f"SELECT {COLUMNS} FROM entries e {condition} ORDER BY e.created_at DESC, e.id DESC LIMIT ?"
    )
    return db.execute(sql, [*params, limit]).fetchall()


def search(database: str, *args: str) -> None:
    """search DB [word W] [tag T] [person P] [platform P] [kind K] [since ISO] [limit N]"""
    options = dict(zip(args[::2], args[1::2], strict=True))
    where: list[str] = []
    params: list[Any] = []
    if "tag" in options:
        where.append("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?)")
        params.append(options["tag"])
    if "person" in options:
        where.append(
            "EXISTS (SELECT 1 FROM entry_people p WHERE p.entry_id = e.id AND p.person = ?)"
        )
        params.append(options["person"])
    for name, condition in (("platform", "e.platform_id = ?"), ("kind", "e.kind = ?")):
        if name in options:
            where.append(condition)
            params.append(options[name])
    if "since" in options:
        where.append("e.created_at >= ?")
        params.append(options["since"])
    limit = int(options.get("limit", "20"))
    db = _connect(database)
    if "word" not in options:
        _print_entries(db, _select(db, where, params, limit))
        return
    match = _words(options["word"])
    fts = "e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?{})"
    newest = db.execute(
        "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
        (match, WINDOW),
    ).fetchall()
    if len(newest) == WINDOW:
        floor = newest[-1][0]
        window = [*where, fts.format(" AND rowid >= ?"), "e.id >= ?"]
        rows = _select(db, window, [*params, match, floor, floor], limit)
        older = (
            rows
            and db.execute(
                "SELECT 1 FROM entries WHERE created_at >= ? AND id < ? LIMIT 1",
                (rows[-1][1], floor),
            ).fetchone()
        )
        if len(rows) == limit and not older:
            _print_entries(db, rows)
            return
    _print_entries(db, _select(db, [*where, fts.format("")], [*params, match], limit))


def _begin_write(db: sqlite3.Connection) -> Any:
    """Take the write lock, as breakwell's writes do, and read the running break's id row."""
    db.execute("BEGIN IMMEDIATE")
    return db.execute(
        "SELECT id FROM breaks WHERE status = 'active' ORDER BY starts_at DESC, id DESC"
    ).fetchone()


def note(database: str, text: str) -> None:
    db = _connect(database)
    with db:
        running = _begin_write(db)
        kind = "observation" if running else "note"
        now = _now()
        cursor = db.execute(
            "INSERT INTO entries (created_at, updated_at, kind, text, break_id, platform_id, mood)"
            " VALUES (?, ?, ?, ?, ?, NULL, NULL)",
            (now, now, kind, text, running[0] if running else None),
        )
        entry_id = cursor.lastrowid
        tags = list(dict.fromkeys(tag.lower() for tag in TAG.findall(text)))
        people = list(dict.fromkeys(person.lower() for person in PERSON.findall(text)))
        db.executemany(
            "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)", [(entry_id, t) for t in tags]
        )
        db.executemany(
            "INSERT INTO entry_people (entry_id, person) VALUES (?, ?)",
            [(entry_id, p) for p in people],
        )
    linked = f", linked to break #{running[0]}" if running else ""
    shown = f" Tags: {', '.join('#' + t for t in tags)}." if tags else ""
    print(f"Saved {kind} #{entry_id}{linked}.{shown}")


def slip(database: str, text: str) -> None:
    db = _connect(database)
    with db:
        running = _begin_write(db)
        if running is None:
            print("no break is running, so there is nothing to slip from", file=sys.stderr)
            raise SystemExit(1)
        now = _now()
        cursor = db.execute(
            "INSERT INTO entries (created_at, updated_at, kind, text, break_id, platform_id, mood)"
            " VALUES (?, ?, 'slip', ?, ?, NULL, NULL)",
            (now, now, text, running[0]),
        )
        db.execute(
            "INSERT INTO slips (occurred_at, break_id, platform_id, entry_id) "
            "VALUES (?, ?, NULL, ?)",
            (now, running[0], cursor.lastrowid),
        )
        db.execute(
            "INSERT INTO events (at, kind, break_id, device, detail) "
            "VALUES (?, 'slip.logged', ?, ?, '')",
            (now, running[0], os.uname().nodename),
        )
    print("Slip logged. Noticing it is the point; the break goes on.")


def _breaks(db: sqlite3.Connection, where: str, params: tuple[Any, ...] = ()) -> list[Any]:
    rows = db.execute(f"SELECT {BREAK_COLUMNS} FROM breaks {where}", params).fetchall()
    platforms: dict[int, list[str]] = {}
    if rows:
        marks = ", ".join("?" * len(rows))
        for break_id, platform_id in db.execute(
            f"SELECT break_id, platform_id FROM break_platforms WHERE break_id IN ({marks}) "
            "ORDER BY break_id, position",
            [row[0] for row in rows],
        ):
            platforms.setdefault(break_id, []).append(platform_id)
    return [(*row, platforms.get(row[0], [])) for row in rows]


def history(database: str) -> None:
    db = _connect(database)
    rows = _breaks(db, "ORDER BY starts_at DESC, id DESC LIMIT 20")
    lines = [("id", "starts", "status", "strictness", "mode", "platforms")]
    for item in rows:
        lines.append(
            (f"#{item[0]}", _moment(item[4]), item[1], item[3], item[2], ", ".join(item[-1]))
        )
    widths = [max(len(line[i]) for line in lines) for i in range(5)]
    for line in lines:
        print(
            "  ".join([*(cell.ljust(w) for cell, w in zip(line, widths, strict=False)), line[-1]])
        )


def _status_rows(db: sqlite3.Connection) -> tuple[list[Any], list[Any], list[Any]]:
    open_ = _breaks(db, "WHERE status IN ('planned', 'active') ORDER BY starts_at, id")
    plans = db.execute("SELECT id, rule, length_seconds FROM plans WHERE paused = 0").fetchall()
    awaiting = _breaks(
        db,
        "WHERE status IN ('completed', 'ended_early') AND reflected_at IS NULL "
        "ORDER BY coalesce(ended_at, ends_at) DESC, id DESC LIMIT 50",
    )
    return open_, plans, awaiting


def status(database: str, as_json: str = "") -> None:
    db = _connect(database)
    open_, _plans, awaiting = _status_rows(db)
    running = [item for item in open_ if item[1] == "active"]
    names = dict(db.execute("SELECT id, name FROM platforms").fetchall()) if running else {}
    upcoming = [item for item in open_ if item[1] == "planned"][:3]
    if as_json:
        shown = {
            "now": datetime.now(UTC).isoformat(),
            "break": _break_json(running[0]) if running else None,
            "running": [item[0] for item in running],
            "upcoming": [_break_json(item) for item in upcoming],
            "awaiting_reflection": [item[0] for item in awaiting],
        }
        print(json.dumps(shown, indent=2))
        return
    for item in running:
        off = ", ".join(names.get(platform, platform) for platform in item[-1])
        print(f"Break #{item[0]}: off {off} until {_moment(item[5])}, {item[3]}, {item[2]}")
        if item[8]:
            print(f"  Intention: {item[8]}")
    if not running:
        print("No break is running. Start one with: breakwell start 2h")
    for item in upcoming:
        print(f"Next: Break #{item[0]} from {_moment(item[4])}")
    if awaiting:
        print(f"Waiting for your reflection: {', '.join(f'#{item[0]}' for item in awaiting)}.")


def _break_json(item: Any) -> dict[str, Any]:
    names = BREAK_COLUMNS.split(", ")
    return {**dict(zip(names, item, strict=False)), "platforms": item[-1]}


def show(database: str, break_id: str) -> None:
    db = _connect(database)
    [item] = _breaks(db, "WHERE id = ?", (int(break_id),))
    print(f"Break #{item[0]}: off {', '.join(item[-1])}, {item[1]} {_moment(item[7] or item[5])}")
    print(f"Intention: {item[8]}\n")
    answers = db.execute(
        "SELECT prompt_key, phase, kind, question, value, answered_at FROM answers "
        "WHERE break_id = ? ORDER BY id",
        (item[0],),
    ).fetchall()
    for phase in ("before", "after"):
        print(phase.capitalize())
        for answer in answers:
            if answer[1] == phase:
                print(f"  {answer[3]}\n    {answer[4]}")
        print()
    rows = db.execute(
        f"SELECT {COLUMNS} FROM entries e WHERE e.break_id = ? ORDER BY e.created_at, e.id",
        (item[0],),
    ).fetchall()
    print(f"Entries ({len(rows)})")
    _print_entries(db, rows)


def version() -> None:
    print("breakwell 0.1.0")


def paths(home: str) -> None:
    folder = Path(home)
    for name, path in (
        ("config file", folder / "config.toml"),
        ("database", folder / "breakwell.db"),
        ("data dir", folder),
        ("log dir", folder / "logs"),
        ("runtime dir", folder / "run"),
    ):
        print(f"{name:<11}  {path}")


def _entries_with_labels(db: sqlite3.Connection) -> Any:
    return db.execute(
        "SELECT e.id, e.created_at, e.updated_at, e.kind, e.text, e.break_id, e.platform_id, "
        "e.mood, (SELECT group_concat(tag, ' ') FROM entry_tags WHERE entry_id = e.id), "
        "(SELECT group_concat(person, ' ') FROM entry_people WHERE entry_id = e.id) "
        "FROM entries e ORDER BY e.created_at, e.id"
    )


def export_json(database: str, output: str) -> None:
    """Streamed: one entry at a time from the cursor to the file."""
    db = _connect(database)
    names = ("id", "created_at", "updated_at", "kind", "text", "break_id", "platform_id", "mood")
    with Path(output).open("w", encoding="utf-8") as out:
        out.write('{"format": "breakwell", "version": 1,\n "breaks": [')
        for n, item in enumerate(_breaks(db, "ORDER BY id")):
            out.write(("," if n else "") + "\n" + json.dumps(_break_json(item)))
        out.write('],\n "entries": [')
        for n, row in enumerate(_entries_with_labels(db)):
            entry = dict(zip(names, row, strict=False))
            entry["tags"] = row[8].split() if row[8] else []
            entry["people"] = row[9].split() if row[9] else []
            out.write(("," if n else "") + "\n" + json.dumps(entry, ensure_ascii=False))
        out.write("\n]}\n")


def export_md(database: str, output: str) -> None:
    db = _connect(database)
    with Path(output).open("w", encoding="utf-8") as out:
        out.write("# Journal\n")
        for row in _entries_with_labels(db):
            out.write(f"\n## {_moment(row[1])} · {row[3]} #{row[0]}\n\n{row[4]}\n")


def export_csv(database: str, output: str) -> None:
    db = _connect(database)
    with Path(output).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "created_at", "updated_at", "kind", "text", "break_id",
                         "platform_id", "mood", "tags", "people"])  # fmt: skip
        writer.writerows(_entries_with_labels(db))


def _stream_entries(path: str) -> Any:
    """The objects of the document's "entries" list, decoded one at a time from a buffer of
    about a chunk: the file is never held whole."""
    decoder = json.JSONDecoder()
    with Path(path).open(encoding="utf-8-sig") as source:
        buffer = ""
        while '"entries"' not in buffer:
            chunk = source.read(CHUNK)
            if not chunk:
                return
            buffer = buffer[-16:] + chunk
        at = buffer.index("[", buffer.index('"entries"')) + 1
        while True:
            while at < len(buffer) and buffer[at] in " \n\r\t,":
                at += 1
            if at < len(buffer) and buffer[at] == "]":
                return
            try:
                item, at = decoder.raw_decode(buffer, at)
            except json.JSONDecodeError:
                # An entry cut by the end of the buffer: read on, keeping only what is left.
                chunk = source.read(CHUNK)
                if not chunk:
                    raise
                buffer, at = buffer[at:] + chunk, 0
                continue
            yield item


def import_json(schema_from: str, path: str, database: str) -> None:
    """Entries, tags and people from breakwell's own export into a new database with the same
    schema; the full-text index is built once at the end."""
    source = _connect(schema_from)
    statements = source.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'trigger', rowid"
    ).fetchall()
    db = _connect(database)
    db.execute("PRAGMA journal_mode = WAL")
    later = []
    for kind, name, sql in statements:
        if name.startswith("entries_fts"):
            if kind != "table" or name == "entries_fts":
                later.append(sql)
        else:
            db.execute(sql)
    count = 0
    with db:
        batch: list[dict[str, Any]] = []
        for entry in _stream_entries(path):
            batch.append(entry)
            if len(batch) == 5000:
                count += _insert(db, batch)
                batch = []
        count += _insert(db, batch)
        for sql in later:
            db.execute(sql)
        db.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
    print(f"Imported {count} entries.")


def _insert(db: sqlite3.Connection, batch: list[dict[str, Any]]) -> int:
    db.executemany(
        "INSERT INTO entries (id, created_at, updated_at, kind, text, break_id, platform_id, mood)"
        " VALUES (:id, :created_at, :updated_at, :kind, :text, NULL, NULL, :mood)",
        batch,
    )
    db.executemany(
        "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)",
        [(e["id"], tag) for e in batch for tag in e["tags"]],
    )
    db.executemany(
        "INSERT INTO entry_people (entry_id, person) VALUES (?, ?)",
        [(e["id"], person) for e in batch for person in e["people"]],
    )
    return len(batch)


COMMANDS: dict[str, Callable[..., None]] = {
    "search": search,
    "note": note,
    "slip": slip,
    "history": history,
    "status": status,
    "show": show,
    "version": version,
    "paths": paths,
    "export-json": export_json,
    "export-md": export_md,
    "export-csv": export_csv,
    "import-json": import_json,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
