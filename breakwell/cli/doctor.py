"""The checks behind `breakwell doctor`; each reports a problem instead of raising it."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from breakwell.domain.errors import BreakwellError
from breakwell.domain.values import frozen
from breakwell.settings import Settings, load_settings

if TYPE_CHECKING:
    from breakwell.store.diagnosis import DatabaseFacts


@frozen
class Check:
    name: str
    ok: bool
    detail: str


def database_location(url: str) -> str:
    """The database file for SQLite, otherwise the URL with any password hidden."""
    from breakwell.store.quick import sqlite_file

    # The file of a plain SQLite URL is named without importing SQLAlchemy to read it.
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    from breakwell.store.database import masked
    from breakwell.store.locations import describe_location
    from breakwell.store.urls import read_url

    try:
        return describe_location(read_url(url))
    except BreakwellError:
        return masked(url)


def run_checks() -> list[Check]:
    try:
        settings = load_settings()
    except BreakwellError as error:
        return [Check("config", False, str(error))]
    database, watching = _database_checks(settings)
    return [
        Check("config", True, _config_detail(settings)),
        *database,
        _private("data folder", settings.paths.data_dir, "chmod 700"),
        _writable("log folder", settings.paths.log_dir),
        _writable("runtime", settings.paths.runtime_dir),
        _enforcer(settings),
        _blocking(settings),
        _companion(settings, watching=bool(watching)),
    ]


def _enforcer(settings: Settings) -> Check:
    """Informational: breaks are recorded either way, and reconciled when one starts."""
    from breakwell.enforce.lock import running_enforcer

    pid = running_enforcer(settings.paths.runtime_dir)
    if pid is None:
        return Check("enforcer", True, "not running; start one with: breakwell daemon run")
    return Check("enforcer", True, f"running (pid {pid})")


def _blocking(settings: Settings) -> Check:
    from breakwell.enforce.helper_file import GRANT_COMMAND, helper_installed

    path = settings.hosts_file
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return Check("blocking", True, f"{path} can be edited")
    if helper_installed():
        return Check("blocking", True, f"{path} through the installed helper")
    return Check("blocking", True, f"soft only: {path} cannot be edited; allow it: {GRANT_COMMAND}")


def _companion(settings: Settings, *, watching: bool) -> Check:
    """Whether a browser companion is connected; a fault only while a watch break runs,
    whose posting nothing else can refuse."""
    from breakwell.browser.install import browser_status
    from breakwell.domain.blocking import NO_COMPANION
    from breakwell.enforce.companions import connected_companions

    connected = connected_companions(settings.paths.runtime_dir)
    if connected:
        return Check("companion", True, f"connected in {', '.join(connected)}")
    if watching:
        return Check("companion", False, f"a watch break runs, but {NO_COMPANION}")
    try:
        hosts = [row.browser.name for row in browser_status(os.environ, []) if row.installed]
    except BreakwellError:
        hosts = []
    if hosts:
        return Check("companion", True, f"installed for {', '.join(hosts)}; not connected now")
    return Check("companion", True, "not installed; connect it with: breakwell browser install")


def _config_detail(settings: Settings) -> str:
    path = settings.paths.config_file
    return f"{path} ({'valid' if path.exists() else 'none; defaults in use'})"


def _database_checks(settings: Settings) -> tuple[list[Check], bool | None]:
    """The database's checks, and whether a watch break runs there (None: not known)."""
    from breakwell.store.diagnosis import examine
    from breakwell.store.locations import sqlite_path
    from breakwell.store.urls import read_url

    url_text = settings.database_url
    try:
        path = sqlite_path(read_url(url_text))
    except BreakwellError as error:
        return [Check("database", False, str(error))], None
    location = database_location(url_text)
    if path is not None and not path.exists():
        return [Check("database", True, f"{location} (created on first use)")], None
    try:
        facts = examine(url_text)
    except BreakwellError as error:
        return [Check("database", False, str(error))], None
    checks = [Check("database", True, location), *_server_checks(facts, settings.device)]
    checks.append(_migration_check(facts.revision))
    if facts.gaps is not None:
        checks.append(_schema_check(facts.gaps))
    if path is not None:
        checks.append(_private("database file", path, "chmod 600"))
    return checks, facts.watching


# Generated columns, trusted extensions (unaccent) and DROP DATABASE ... FORCE.
OLDEST_POSTGRESQL = 13


def _server_checks(facts: DatabaseFacts, device: str) -> list[Check]:
    """For a server: its version, what search needs from it, and the devices sharing it."""
    server = facts.server
    if server is None:
        return []
    if server.major < OLDEST_POSTGRESQL:
        checks = [
            Check("server", False, f"PostgreSQL {server.version}; breakwell needs 13 or newer")
        ]
    else:
        checks = [Check("server", True, f"PostgreSQL {server.version}")]
    if not server.has_unaccent:
        checks.append(
            Check("search", False, "the server lacks the unaccent extension (PostgreSQL contrib)")
        )
    if facts.devices is None:
        return checks
    others = [name for name in facts.devices if name != device]
    shared = f"; shared with {', '.join(others)}" if others else ""
    checks.append(Check("device", True, f"this one is '{device}'{shared}"))
    return checks


def _schema_check(gaps: list[str]) -> Check:
    if not gaps:
        return Check("schema", True, "every table and column in place")
    shown = ", ".join(gaps[:4]) + (f" and {len(gaps) - 4} more" if len(gaps) > 4 else "")
    return Check(
        "schema",
        False,
        f"damaged: missing {shown}; restore the database from a backup or a copy",
    )


def _migration_check(revision: str | None) -> Check:
    from breakwell.store.migrate import known_revisions
    from breakwell.store.revision import HEAD_REVISION

    if revision == HEAD_REVISION:
        return Check("migrations", True, f"up to date ({revision})")
    if revision is None or revision in known_revisions():
        return Check(
            "migrations", True, f"at {revision or 'empty'}; upgraded on next use to {HEAD_REVISION}"
        )
    return Check(
        "migrations", False, f"schema {revision} is from a newer breakwell; upgrade breakwell"
    )


def _private(name: str, path: Path, fix: str) -> Check:
    if not path.exists():
        return Check(name, True, f"{path} (created on first use)")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return Check(name, False, f"{path} is open to others ({mode:o}); fix: {fix} {path}")
    return Check(name, True, f"{path} ({mode:o})")


def _writable(name: str, folder: Path) -> Check:
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None or not os.access(existing, os.W_OK):
        return Check(name, False, f"{folder} cannot be created or written")
    return Check(name, True, str(folder))
