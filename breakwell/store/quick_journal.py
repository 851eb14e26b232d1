"""The quick commands' reads and writes over sqlite3 (store/quick.py), before the ORM loads.

Each returns None where the services must answer instead: another database, a journal not
yet made or migrated, a driver error, or a case these leave to them. Above all, a break that
time has brought a transition to: the services settle it (services/timeline.py) and record
its events, so these never write break state and never show it unsettled. Everything here is
read and written with the statements the ORM store uses too (store/writes.py,
store/break_rows.py, store/entry_search.py), so either way the journal holds the same rows.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from breakwell.domain import breaks as rules
from breakwell.domain.breaks import Break
from breakwell.domain.entries import Entry, placed
from breakwell.domain.values import frozen, replace
from breakwell.store import break_rows, entry_search, quick, writes
from breakwell.store.entry_search import Run
from breakwell.store.moments import stored_moment

if TYPE_CHECKING:
    from breakwell.domain.break_detail import BreakDetail
    from breakwell.domain.platforms import Platform


def note(
    url: str,
    now: datetime,
    draft: Entry,
    *,
    kind_given: bool,
    break_id: int | None,
    attach: bool,
    platform: Platform | None,
) -> Entry | None:
    """Add an entry as JournalService.write does, linked by the same rule (`placed`)."""

    def work(run: Run) -> Entry:
        running = _settled_running(run, now)
        if break_id is not None and not break_rows.read_breaks(run, break_rows.ONE, (break_id,)):
            raise quick.BackOff  # the services refuse it, in their words
        _check_platform(run, platform)
        entry = placed(
            draft,
            kind_given=kind_given,
            break_id=break_id,
            attach=attach,
            running=running[0].id if running else None,
        )
        stored = replace(entry, platform=platform.id if platform else None)
        return writes.insert_entry(run, stored, stored_moment)

    return quick.write(url, work)


@frozen
class Slipped:
    entry: Entry | None


def slip(
    url: str, now: datetime, draft: Entry | None, platform: Platform | None, device: str
) -> Slipped | None:
    """Log a slip from the running break as JournalService.slip does (no --break choice)."""

    from breakwell.domain.events import Event, EventKind  # only a slip records an event

    def work(run: Run) -> Slipped:
        running = _settled_running(run, now)
        if not running or running[0].id is None:
            raise quick.BackOff  # nothing to slip from: the services refuse it
        break_id = running[0].id
        _check_platform(run, platform)
        platform_id = platform.id if platform else None
        entry = None
        if draft is not None:
            linked = replace(draft, break_id=break_id, platform=platform_id)
            entry = writes.insert_entry(run, linked, stored_moment)
        writes.insert_slip(
            run,
            stored_moment,
            break_id=break_id,
            occurred_at=now,
            platform=platform_id,
            entry_id=entry.id if entry else None,
        )
        event = Event(now, EventKind.SLIP_LOGGED, break_id, device, platform_id or "")
        writes.insert_event(run, event, stored_moment)
        return Slipped(entry)

    return quick.write(url, work)


def history(url: str, now: datetime, limit: int) -> list[Break] | None:
    """Breaks newest first, as BreakService.history reads them once settled."""

    def work(run: Run) -> list[Break]:
        _settled_running(run, now)
        return break_rows.read_breaks(run, break_rows.NEWEST, (limit,))

    return quick.read(url, work)


def detail(url: str, now: datetime, break_id: int) -> BreakDetail | None:
    """One break with its answers, entries and slips, as BreakService.detail reads it."""

    from breakwell.domain.break_detail import BreakDetail  # only `show` reads one

    def work(run: Run) -> BreakDetail:
        _settled_running(run, now)
        found = break_rows.read_breaks(run, break_rows.ONE, (break_id,))
        if not found:
            raise quick.BackOff  # the services refuse it, in their words
        return BreakDetail(
            item=found[0],
            answers=tuple(break_rows.answers_of(run, break_id)),
            entries=tuple(entry_search.of_break(run, break_id)),
            slips=break_rows.slip_count(run, break_id),
        )

    return quick.read(url, work)


def _settled_running(run: Run, now: datetime) -> list[Break]:
    """The running breaks, when no open break has a transition due; else the services settle."""
    open_breaks = break_rows.read_breaks(run, break_rows.OPEN)
    if rules.is_due(open_breaks, now):
        raise quick.BackOff
    return rules.running_breaks(open_breaks)


def _check_platform(run: Run, platform: Platform | None) -> None:
    """A platform row already as configured; making or refreshing one is the services' work
    (store/platforms.ensure_platforms)."""
    if platform is None:
        return
    rows = run("SELECT name, domains, processes FROM platforms WHERE id = ?", (platform.id,))
    stored = [
        (name, json.loads(domains), json.loads(processes)) for name, domains, processes in rows
    ]
    if stored != [(platform.name, list(platform.domains), list(platform.processes))]:
        raise quick.BackOff
