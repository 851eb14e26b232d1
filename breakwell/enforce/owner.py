"""Whose block a hosts file holds, when several journals on one machine share it.

Every breakwell home of a user shares one lock per hosts file (see lock.hosts_lock), so only
one enforcer writes it at a time. Which journal that block serves is kept in a small file
beside the lock, written by the enforcer's blocker each time it sets the block: another
journal's emergency unblock, stop or status then leaves that block alone instead of taking
it for its own. A block with no record (written before breakwell kept one, or by hand) is
taken to be the reader's, as it always was.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from breakwell.enforce.lock import hosts_lock
from breakwell.private_files import UnsafePath, open_runtime_file
from breakwell.settings import Settings

# A journal is named by a digest, never its URL: a PostgreSQL URL may hold a password.
_IDENTITY_LENGTH = 32


def journal_identity(settings: Settings) -> str:
    """The same for every home that keeps its breaks in the same journal."""
    url = settings.database_url
    return hashlib.sha256(url.encode()).hexdigest()[:_IDENTITY_LENGTH]


def _record(hosts_file: Path) -> tuple[Path, str]:
    lock = hosts_lock(hosts_file).path
    return lock.parent, lock.name.removesuffix(".lock") + ".owner"


def block_owner(hosts_file: Path) -> str | None:
    """The journal whose enforcer last set the block in `hosts_file`, if one is recorded."""
    try:
        folder, name = _record(hosts_file)
        fd = open_runtime_file(folder, name, create=False)
    except (OSError, UnsafePath):
        return None
    try:
        text = os.pread(fd, _IDENTITY_LENGTH + 1, 0).decode("ascii", "replace").strip()
    finally:
        os.close(fd)
    return text or None


def record_owner(hosts_file: Path, identity: str) -> None:
    """Say that `identity`'s enforcer set the block; called while holding the hosts lock."""
    if block_owner(hosts_file) == identity:
        return
    try:
        folder, name = _record(hosts_file)
        fd = open_runtime_file(folder, name)
    except (OSError, UnsafePath) as error:
        # The block itself is in place; only other journals' manners depend on this.
        import logging  # only a failure is logged; `status` reads the record and never loads it

        logging.getLogger("breakwell.block").warning(
            "cannot record whose block %s holds: %s", hosts_file, error
        )
        return
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, identity.encode("ascii"), 0)
    finally:
        os.close(fd)


def is_ours(settings: Settings, hosts_file: Path | None = None) -> bool:
    """Whether the block in the hosts file serves this journal (or nobody recorded whose)."""
    owner = block_owner(hosts_file or settings.hosts_file)
    return owner is None or owner == journal_identity(settings)
