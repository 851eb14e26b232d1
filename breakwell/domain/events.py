"""What happened, and when: the event log's vocabulary and how a break change reads in it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.values import frozen


class EventKind(StrEnum):
    BREAK_PLANNED = "break.planned"
    BREAK_STARTED = "break.started"
    BREAK_EXTENDED = "break.extended"
    BREAK_END_REQUESTED = "break.end_requested"
    BREAK_ENDED_EARLY = "break.ended_early"
    BREAK_COMPLETED = "break.completed"
    BREAK_MISSED = "break.missed"
    BREAK_CANCELLED = "break.cancelled"
    BREAK_MERGED = "break.merged"
    BREAK_REFLECTED = "break.reflected"
    SLIP_LOGGED = "slip.logged"
    BLOCK_APPLIED = "block.applied"
    BLOCK_REMOVED = "block.removed"
    BLOCK_FAILED = "block.failed"
    APP_NUDGED = "app.nudged"
    APP_CLOSED = "app.closed"
    NOTIFICATION_SENT = "notification.sent"
    PLAN_ADDED = "plan.added"
    PLAN_EDITED = "plan.edited"
    PLAN_PAUSED = "plan.paused"
    PLAN_RESUMED = "plan.resumed"
    PLAN_REMOVED = "plan.removed"
    COMMITMENT_ADDED = "commitment.added"
    COMMITMENT_LOGGED = "commitment.logged"
    COMMITMENT_ARCHIVED = "commitment.archived"
    REVIEW_SENT = "review.sent"
    ENFORCER_STARTED = "enforcer.started"
    ENFORCER_STOPPED = "enforcer.stopped"
    # Recorded once the database answers again, at the moment it stopped answering.
    STORE_UNREACHABLE = "store.unreachable"
    # This process's clock ran ahead of a trusted one; it settled only what that one said was due.
    CLOCK_UNTRUSTED = "clock.untrusted"
    # The wall clock jumped against the monotonic one; the enforcer planned again at once.
    CLOCK_JUMPED = "clock.jumped"
    # What the root hosts helper did (or refused), as it reported it.
    HELPER_ACTED = "helper.acted"
    HELPER_REFUSED = "helper.refused"
    # The hosts file was found to differ from what the event log last said (after a crash).
    BLOCK_FOUND = "block.found"
    # A hosts file breakwell used before still holds (or was cleared of) its block.
    BLOCK_LEFT = "block.left"
    # An imported or stored row that breaks a rule was skipped instead of used.
    ROW_SKIPPED = "row.skipped"


@frozen
class Event:
    at: datetime
    kind: EventKind
    break_id: int | None = None
    device: str | None = None
    detail: str = ""
    id: int | None = None


# The events that say what a device's hosts file blocks.
BLOCK_STATES = (EventKind.BLOCK_APPLIED, EventKind.BLOCK_REMOVED, EventKind.BLOCK_FOUND)

_BY_STATUS = {
    BreakStatus.PLANNED: EventKind.BREAK_PLANNED,
    BreakStatus.ACTIVE: EventKind.BREAK_STARTED,
    BreakStatus.COMPLETED: EventKind.BREAK_COMPLETED,
    BreakStatus.ENDED_EARLY: EventKind.BREAK_ENDED_EARLY,
    BreakStatus.MISSED: EventKind.BREAK_MISSED,
    BreakStatus.CANCELLED: EventKind.BREAK_CANCELLED,
}


def break_changes(before: Break | None, after: Break) -> list[EventKind]:
    """The events a change from `before` to `after` amounts to; none if nothing changed."""
    if before is None:
        kinds = [EventKind.BREAK_PLANNED] if after.status is BreakStatus.PLANNED else []
        if after.status is BreakStatus.ACTIVE:
            kinds.append(EventKind.BREAK_STARTED)
        return kinds
    kinds = []
    if after.status is not before.status:
        kinds.append(_BY_STATUS[after.status])
    if after.ends_at > before.ends_at:
        kinds.append(EventKind.BREAK_EXTENDED)
    if after.end_requested_at is not None and after.end_requested_at != before.end_requested_at:
        kinds.append(EventKind.BREAK_END_REQUESTED)
    if after.reflected_at is not None and before.reflected_at is None:
        kinds.append(EventKind.BREAK_REFLECTED)
    return kinds
