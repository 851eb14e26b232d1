"""What `status` and the app's Now screen show, made from what the journal and the machine say.

Pure functions, so the services and the sqlite3 quick path (store/quick_journal.py) build the
same Status from the same reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from breakwell.domain import breaks as rules
from breakwell.domain.blocking import BlockState, LeftBlock, MachineLook, block_state
from breakwell.domain.break_kinds import Mode
from breakwell.domain.breaks import Break
from breakwell.domain.events import Event, EventKind
from breakwell.domain.platforms import Catalogue
from breakwell.domain.values import frozen, replace
from breakwell.domain.windows import Ahead

UPCOMING_SHOWN = 5


@frozen
class Status:
    now: datetime
    active: Break | None
    upcoming: tuple[Break, ...]
    awaiting_reflection: tuple[Break, ...]
    # Every running break (`active` is the first), and, when this machine was looked at,
    # whether each is actually blocked and any block left in a hosts file used before.
    running: tuple[Break, ...] = ()
    blocking: tuple[BlockState, ...] = ()
    left: LeftBlock | None = None
    # Where the windows shown meet or overlap, one line each (see domain/windows.Ahead).
    notes: tuple[str, ...] = ()
    # The running watch breaks whose posting nothing refuses, as no browser companion is
    # connected (known only when this machine was looked at).
    posting_open: tuple[int, ...] = ()

    def not_blocked(self) -> tuple[BlockState, ...]:
        return tuple(state for state in self.blocking if not state.blocked)


def status_of(now: datetime, ahead: Ahead, awaiting: Sequence[Break]) -> Status:
    """What runs and comes, from the windows ahead and the breaks awaiting reflection."""
    running = tuple(w.item for w in ahead.windows if w.item is not None and w.running)
    upcoming = ahead.planned()[:UPCOMING_SHOWN]
    shown = {b.id for b in (*running, *upcoming)}
    return Status(
        now,
        running[0] if running else None,
        upcoming,
        tuple(awaiting),
        running,
        notes=ahead.notes(lambda w: w.item is not None and w.item.id in shown),
    )


@frozen
class BlockRecord:
    """What the journal says of this device's blocks: when each running break's block was
    lifted in an emergency, its last word on whether a block took, and a hosts file it used
    before that may still hold one."""

    emergency: Mapping[int, datetime | None]
    last: Event | None
    left_file: str | None


def with_blocking(
    status: Status,
    look: MachineLook,
    record: BlockRecord,
    catalogue: Catalogue,
    hosts_file: Path,
) -> Status:
    """The status with each running break's block as this machine has it, and the watch
    breaks whose posting no browser companion refuses."""
    running = status.running
    left = None
    if record.left_file is not None and record.left_file != str(hosts_file):
        count = look.blocked_in(record.left_file)
        left = LeftBlock(record.left_file, count) if count else None
    if not running:
        return replace(status, blocking=(), left=left, posting_open=())
    machine = look.facts()
    last = record.last
    failure = last.detail if last is not None and last.kind is EventKind.BLOCK_FAILED else None
    states = tuple(
        block_state(
            item.id,
            frozenset(rules.blocked_domains(item, catalogue)),
            machine,
            emergency=record.emergency.get(item.id or 0) is not None,
            failure=failure,
            emergency_at=record.emergency.get(item.id or 0),
        )
        for item in running
    )
    posting_open = (
        ()
        if machine.companions
        else tuple(b.id for b in running if b.mode is Mode.WATCH and b.id is not None)
    )
    return replace(status, blocking=states, left=left, posting_open=posting_open)
