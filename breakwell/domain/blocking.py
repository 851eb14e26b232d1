"""Whether a running break is actually blocked on this machine, and if not, why.

A break can run while nothing blocks its sites: no enforcer, a hosts file breakwell may not
edit, its lock held by someone else, a block that failed, an emergency unblock. The person
is told which, plainly, rather than trusting a block that is not there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from breakwell.domain.values import frozen

# What status, the app and `doctor` say while a watch break runs and nothing stops posting: only
# the browser companion can refuse a post while letting pages be read.
NO_COMPANION = (
    "posting is not blocked: no browser companion is connected (breakwell browser install)"
)


def no_companion_sentence() -> str:
    """NO_COMPANION as a sentence of its own."""
    return f"{NO_COMPANION[:1].upper()}{NO_COMPANION[1:]}."


# Nothing stands in the block's way: the enforcer has yet to write it, as in the moment after
# a break starts.
NOT_APPLIED_YET = "the enforcer has not applied it yet"


@frozen
class MachineFacts:
    """What a cheap look at this machine shows (read by the caller, never by the domain)."""

    hosts_file: str
    # The domains breakwell's block in the hosts file holds; None when it cannot be read.
    blocked: frozenset[str] | None
    # The running enforcer's pid (0 if unknown), None when none runs.
    enforcer: int | None
    # Whoever holds the hosts file's lock (0 if unknown), None when it is free.
    lock_holder: int | None
    # Why breakwell cannot edit the hosts file at all, if it cannot.
    cannot_write: str | None = None
    # The browsers whose companion is connected now.
    companions: tuple[str, ...] = ()


@frozen
class BlockState:
    break_id: int | None
    blocked: bool
    missing: int  # wanted domains the hosts file does not block
    reasons: tuple[str, ...]  # why not, most telling first; empty when blocked
    # When the person lifted this break's block with the emergency exit, if they did.
    emergency_at: datetime | None = None

    @property
    def not_applied_yet(self) -> bool:
        """Open only because the enforcer has not written the block yet."""
        return self.reasons == (NOT_APPLIED_YET,)

    def sentence(self) -> str:
        """Why a running break's sites are open, in the words status and the app share."""
        what = f"break #{self.break_id}'s sites are" if self.break_id is not None else "sites are"
        return f"Not blocked: {what} open: {'; '.join(self.reasons)}."


@frozen
class LeftBlock:
    """breakwell's block still in a hosts file the config no longer names."""

    hosts_file: str
    domains: int

    def __str__(self) -> str:
        return (
            f"{self.hosts_file} still holds breakwell's block ({self.domains} domains) from "
            "before the config named another hosts file; the enforcer clears it when it "
            "starts and can, or remove breakwell's lines there by hand"
        )


def block_state(
    break_id: int | None,
    wanted: frozenset[str],
    machine: MachineFacts,
    *,
    emergency: bool,
    failure: str | None,
    emergency_at: datetime | None = None,
) -> BlockState:
    """Whether `wanted` is blocked now, and the reasons it is not.

    `emergency`: the person lifted this break's block in an emergency (at `emergency_at`,
    when known). `failure`: the detail of this device's last block failure, if none was
    applied since.
    """
    blocked = machine.blocked
    missing = len(wanted - blocked) if blocked is not None else len(wanted)
    if missing == 0:
        return BlockState(break_id, True, 0, ())
    reasons: list[str] = []
    emergency = emergency or emergency_at is not None
    if emergency:
        reasons.append("you lifted its block with an emergency unblock")
    if blocked is None:
        reasons.append(f"{machine.hosts_file} cannot be read")
    if machine.enforcer is None:
        reasons.append("no enforcer is running (start one with: breakwell daemon run)")
    if machine.lock_holder is not None and machine.lock_holder != machine.enforcer:
        who = f"another process (pid {machine.lock_holder})" if machine.lock_holder else None
        reasons.append(
            f"{who or 'another process'} holds the lock on {machine.hosts_file}, so no "
            "enforcer may write it"
        )
    if failure:
        reasons.append(f"the last attempt failed: {failure}")
    if machine.cannot_write:
        reasons.append(machine.cannot_write)
    if not reasons:
        reasons.append(NOT_APPLIED_YET)
    return BlockState(break_id, False, missing, tuple(reasons), emergency_at)


class MachineLook(Protocol):
    """Reads what `MachineFacts` holds, on demand (the enforce layer knows how)."""

    def facts(self) -> MachineFacts: ...

    def blocked_in(self, hosts_file: str) -> int:
        """How many domains breakwell's block in another hosts file holds."""
        ...
