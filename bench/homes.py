"""Write one generated journal twice: into a breakwell home, and as a jrnl journal with its config.

Both live under the bench's own folder. jrnl's config is written next to its journal and passed
explicitly, and HOME and the XDG folders point inside the bench folder too (see `jrnl_env`), so
jrnl never reads or writes a real home and, with an empty editor, never opens one.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.corpus import Journal, jrnl_lines

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


def write_jrnl(journal: Journal, folder: Path) -> Path:
    """The journal file and its config; returns the config to pass with --config-file."""
    for name in ("home", "config", "data", "cache"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    path = folder / "journal.txt"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(jrnl_lines(journal))
    config = folder / "jrnl.yaml"
    config.write_text(_JRNL_CONFIG.format(version=JRNL_VERSION, journal=path), encoding="utf-8")
    return config


def write_breakwell(journal: Journal, home: Path) -> None:
    """Import the journal through breakwell's own import, as a person moving their data in."""
    from breakwell.domain.document import as_plain
    from breakwell.services import build_services
    from breakwell.services.document import FORMAT, VERSION
    from breakwell.settings import load_settings
    from breakwell.store.transfer import Selection

    home.mkdir(parents=True, exist_ok=True)
    hosts = home / "hosts"
    hosts.write_text("127.0.0.1 localhost\n", encoding="utf-8")
    # Its own hosts file, never the machine's; no desktop or terminal notifications.
    (home / "config.toml").write_text(
        f"[blocking]\nhosts_file = {json.dumps(str(hosts))}\n\n"
        "[notifications]\ndesktop = false\nbell = false\n",
        encoding="utf-8",
    )
    services = build_services(load_settings(breakwell_env(home)))
    try:
        plain = as_plain(services.transfer.document(Selection()))
        plain["breaks"] = _breaks(journal, plain["platforms"])
        plain["entries"] = _entries(journal)
        text = json.dumps({"format": FORMAT, "version": VERSION, **plain}, default=_iso)
        services.transfer.import_text(text, None, "the generated journal")
    finally:
        services.close()


def _breaks(journal: Journal, platforms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from breakwell.domain.prompts import DEFAULT_PROMPTS, Phase

    chosen = [platform["id"] for platform in platforms[:2]]
    made = []
    for number, item in enumerate(journal.breaks, start=1):
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


def _entries(journal: Journal) -> list[dict[str, Any]]:
    return [
        {
            "id": number,
            "created_at": entry.at,
            "updated_at": entry.at,
            "kind": "observation" if entry.break_index is not None else "note",
            "text": entry.text,
            "break_id": None if entry.break_index is None else entry.break_index + 1,
            "platform_id": None,
            "mood": None,
            "tags": list(entry.tags),
            "people": [],
        }
        for number, entry in enumerate(journal.entries, start=1)
    ]


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")
