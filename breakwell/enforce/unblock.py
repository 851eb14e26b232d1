"""The emergency exit: remove the hosts block now, and say so in the log."""

from __future__ import annotations

from breakwell.domain.events import Event, EventKind
from breakwell.enforce.blocker import Blocker
from breakwell.services import Services
from breakwell.store.events import EMERGENCY, add_event


def emergency_unblock(services: Services, blocker: Blocker) -> int | None:
    """Remove the block for the rest of the running break; returns that break's id.

    The event is written first: it is what tells every enforcer not to put the block back.
    The break itself goes on, with its notifications and slip log.
    """
    now = services.clock.now()
    active = services.breaks.status().active
    break_id = active.id if active else None
    with services.database.write() as session:
        add_event(
            session,
            Event(now, EventKind.BLOCK_REMOVED, break_id, services.settings.device, EMERGENCY),
        )
        # Inside the transaction: if the block cannot be removed, the event is not kept.
        blocker.apply([])
    return break_id
