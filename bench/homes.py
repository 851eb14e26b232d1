"""Write one generated journal twice: into a breakwell home, and as a jrnl journal with its config.

Both live under the bench's own folder. jrnl's config is written next to its journal and passed
explicitly, and HOME and the XDG folders point inside the bench folder too (see `jrnl_env`), so
jrnl never reads or writes a real home and, with an empty editor, never opens one.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.corpus import PLATFORMS, Break, Entry, Journal, jrnl_lines

if TYPE_CHECKING:
    from breakwell.domain.prompts import Prompt

# As jrnl 4.6 writes it, so it does not rewrite the config on its first run.
JRNL_VERSION = "4.6"

_JRNL_CONFIG = """\
version: '{version}'
journals:
  default:
    journal: {journal}
editor: ''
encrypt: false
template: false
default_hour: 9
default_minute: 0
timeformat: '%Y-%m-%d %H:%M'
tagsymbols: '#@'
highlight: false
linewrap: 79
indent_character: '|'
colors:
  body: none
  date: none
  tags: none
  title: none
"""


def breakwell_env(home: Path) -> dict[str, str]:
    env = _base_env(home.parent)
    env["BREAKWELL_HOME"] = str(home)
    # A command measured during a running break must leave no enforcer behind.
    env["BREAKWELL_AUTOSTART"] = "0"
    # As in a login session, which names the user's runtime folder (shared locks live there).
    runtime = home.parent / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    # The breakwell measured is the one the bench runs from, also from another work tree.
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def jrnl_env(folder: Path) -> dict[str, str]:
    return _base_env(folder)


def _base_env(folder: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update(
        HOME=str(folder / "home"),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_CACHE_HOME=str(folder / "cache"),
        TZ="UTC",
        PYTHONIOENCODING="utf-8",
        # jrnl orders tags through a set; a fixed seed keeps runs comparable.
        PYTHONHASHSEED="0",
    )
    return env


def write_jrnl(entries: Iterable[Entry], folder: Path) -> Path:
    """The journal file and its config; returns the config to pass with --config-file."""
    for name in ("home", "config", "data", "cache"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    path = folder / "journal.txt"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(jrnl_lines(entries))
    config = folder / "jrnl.yaml"
    config.write_text(_JRNL_CONFIG.format(version=JRNL_VERSION, journal=path), encoding="utf-8")
    return config


def prepare_home(home: Path) -> None:
    """An empty breakwell home with its own hosts file, never the machine's, and no desktop or
    terminal notifications."""
    home.mkdir(parents=True, exist_ok=True)
    hosts = home / "hosts"
    hosts.write_text("127.0.0.1 localhost\n", encoding="utf-8")
    (home / "config.toml").write_text(
        f"[blocking]\nhosts_file = {json.dumps(str(hosts))}\n\n"
        "[notifications]\ndesktop = false\nbell = false\n",
        encoding="utf-8",
    )


def write_breakwell(journal: Journal, home: Path) -> None:
    """Import the journal through breakwell's own import, as a person moving their data in."""
    _import(home, journal.breaks, _entries(journal.entries))


def write_breakwell_in_bulk(breaks: list[Break], entries: Iterable[Entry], home: Path) -> None:
    """The same journal as `write_breakwell` makes, for sizes its import cannot take whole.

    The import validates one document held in memory, gigabytes at a million entries; here it
    brings in only the platforms and breaks, and the entries are inserted in batches with the
    stdlib driver, their times kept as the ORM keeps them, the full-text index built once at the
    end as its migration builds it. A test holds both ways to the same database."""
    from breakwell.store.moments import stored_moment

    _import(home, breaks, [])
    with closing(sqlite3.connect(home / "breakwell.db")) as connection:
        (trigger,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'entries_fts_insert'"
        ).fetchone()
        with connection:
            connection.execute("DROP TRIGGER entries_fts_insert")
            for batch in _batches(_entries(entries), 5000):
                connection.executemany(
                    "INSERT INTO entries (id, created_at, updated_at, kind, text, break_id, "
                    "platform_id, mood) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            e["id"],
                            stored_moment(e["created_at"]),
                            stored_moment(e["updated_at"]),
                            e["kind"],
                            e["text"],
                            e["break_id"],
                            e["platform_id"],
                            e["mood"],
                        )
                        for e in batch
                    ],
                )
                connection.executemany(
                    "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)",
                    [(e["id"], tag) for e in batch for tag in e["tags"]],
                )
                connection.executemany(
                    "INSERT INTO entry_people (entry_id, person) VALUES (?, ?)",
                    [(e["id"], person) for e in batch for person in e["people"]],
                )
            connection.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
            connection.execute(trigger)


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _import(home: Path, breaks: list[Break], entries: Iterable[dict[str, Any]]) -> None:
    from breakwell.domain.document import as_plain
    from breakwell.services import build_services
    from breakwell.services.document_json import FORMAT, VERSION
    from breakwell.settings import load_settings
    from breakwell.store.transfer import Selection

    prepare_home(home)
    settings = load_settings(breakwell_env(home))
    services = build_services(settings)
    try:
        plain = as_plain(services.transfer.document(Selection()))
        plain["platforms"] = [_platform(settings.catalogue.resolve(name)) for name in PLATFORMS]
        plain["breaks"] = _breaks(breaks, PLATFORMS[:2])
        plain["entries"] = list(entries)
        text = json.dumps({"format": FORMAT, "version": VERSION, **plain}, default=_iso)
        services.transfer.import_text(text, None, "the generated journal")
    finally:
        services.close()


def _platform(platform: Any) -> dict[str, Any]:
    return {
        "id": platform.id,
        "name": platform.name,
        "domains": list(platform.domains),
        "processes": list(platform.processes),
    }


def _breaks(breaks: list[Break], chosen: list[str]) -> list[dict[str, Any]]:
    from breakwell.domain.prompts import DEFAULT_PROMPTS, Phase

    made = []
    for number, item in enumerate(breaks, start=1):
        answers = [
            _answer(
                prompt, item.starts_at if prompt.phase is Phase.BEFORE else item.ends_at, number
            )
            for prompt in DEFAULT_PROMPTS
        ]
        made.append(
            {
                "id": number,
                "status": "completed",
                "mode": "watch",
                "strictness": "gentle",
                "starts_at": item.starts_at,
                "ends_at": item.ends_at,
                "started_at": item.starts_at,
                "ended_at": item.ends_at,
                "end_requested_at": None,
                "reflected_at": item.ends_at + timedelta(minutes=5),
                "intention": item.intention,
                "end_reason": None,
                "plan_id": None,
                "created_at": item.starts_at - timedelta(minutes=1),
                "updated_at": item.ends_at + timedelta(minutes=5),
                "platforms": chosen,
                "answers": answers,
                "slips": [],
            }
        )
    return made


def _answer(prompt: Prompt, at: Any, number: int) -> dict[str, Any]:
    kind = prompt.kind.value
    if kind == "scale":
        value = str(1 + number % 5)
    elif kind == "yes_no":
        value = "yes" if number % 3 else "no"
    elif kind == "choices":
        value = prompt.choices[number % len(prompt.choices)]
    else:
        value = f"Answer {number} to {prompt.key}: less noise, more attention."
    return {
        "prompt_key": prompt.key,
        "phase": prompt.phase.value,
        "kind": kind,
        "question": prompt.text,
        "value": value,
        "answered_at": at,
    }


def _entries(entries: Iterable[Entry]) -> Iterator[dict[str, Any]]:
    for number, entry in enumerate(entries, start=1):
        yield {
            "id": number,
            "created_at": entry.at,
            "updated_at": entry.at,
            "kind": "observation" if entry.break_index is not None else "note",
            "text": entry.text,
            "break_id": None if entry.break_index is None else entry.break_index + 1,
            "platform_id": entry.platform,
            "mood": None,
            "tags": list(entry.tags),
            "people": list(entry.people),
        }


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")
