"""The emergency exit: lift the running break's block now, and say so in the log.

The hosts file may be shared by several journals on one machine (one lock per file, see
lock.hosts_lock), so the exit only ever lifts this journal's block. When an enforcer holds
the file, the logged event is enough: this journal's enforcer leaves emergency-unblocked
breaks out at its next check, and another journal's block is not ours to touch. The file is
written here only when no enforcer holds it and its block is this journal's.
"""

from __future__ import annotations

import enum

from breakwell.domain.errors import RuleRefused
from breakwell.domain.values import frozen
from breakwell.enforce.blocker import Blocker
from breakwell.enforce.lock import hosts_lock, running_enforcer
from breakwell.enforce.owner import block_owner, is_ours, journal_identity
from breakwell.services import Services
from breakwell.settings import Settings


class Lifted(enum.Enum):
    HERE = "here"  # this command took the block out of the hosts file
    BY_ENFORCER = "enforcer"  # this journal's enforcer holds the file and lifts it itself
    NOT_OURS = "not ours"  # the file's block serves another journal and stays


@frozen
class Unblocked:
    break_id: int | None
    lifted: Lifted


def emergency_unblock(
    services: Services, settings: Settings, blocker: Blocker | None = None
) -> Unblocked:
    """Lift the block for the rest of the running break.

    The event is written first: it is what tells every enforcer of this journal not to put
    the block back. The break itself goes on, with its notifications and slip log.
    """
    own = blocker is None
    if blocker is None:
        blocker = Blocker(settings.hosts_file, owner=journal_identity(settings))
    try:
        return _unblock(services, settings, blocker)
    finally:
        if own:
            blocker.close()


def _unblock(services: Services, settings: Settings, blocker: Blocker) -> Unblocked:
    # It acts on the running breaks, as they stand now.
    services.settle()
    running = services.breaks.status().running
    break_id = running[0].id if running else None
    # claim() takes the hosts lock when it is free, so no enforcer writes while we do.
    if blocker.claim():
        lifted = Lifted.HERE if is_ours(settings, blocker.hosts_file) else Lifted.NOT_OURS
    else:
        lifted = Lifted.BY_ENFORCER if _ours_manages(settings, blocker) else Lifted.NOT_OURS
    if lifted is Lifted.NOT_OURS and break_id is None:
        raise RuleRefused(
            f"the block in {blocker.hosts_file} is another breakwell journal's, and no break "
            "of yours is running; lift it from that journal"
        )
    # What this journal's other running breaks still ask for stays blocked; if the block
    # cannot be removed, the event is not kept.
    lift = blocker.apply if lifted is Lifted.HERE else None
    services.enforcement.lift_in_emergency(running, lift)
    return Unblocked(break_id, lifted)


def _ours_manages(settings: Settings, blocker: Blocker) -> bool:
    """Whether the enforcer holding the hosts file serves this journal."""
    lock = hosts_lock(blocker.hosts_file).path
    holder = running_enforcer(lock.parent, lock.name)
    ours = running_enforcer(settings.paths.runtime_dir)
    if holder and ours and holder == ours:
        return True
    return block_owner(blocker.hosts_file) == journal_identity(settings)
