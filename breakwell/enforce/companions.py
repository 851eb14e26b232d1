"""Which browser companions are connected now: each connected host holds a lock file.

A host (`breakwell browser-host`, started by the browser) holds `companion-<browser>.lock` in
the private runtime folder while its extension is connected; the kernel drops the lock when
the host exits or dies, so a lock held is a companion connected, with no record to clear.
"""

from __future__ import annotations

import re
from pathlib import Path

from breakwell.domain.errors import BreakwellError, InvalidInput
from breakwell.enforce.lock import EnforcerLock, running_enforcer

_PREFIX, _SUFFIX = "companion-", ".lock"
# What a browser calls itself in a lock file's name: a plain word, never a path.
BROWSER_NAME = re.compile(r"[a-z][a-z0-9-]{0,31}")


def _lock_name(browser: str) -> str:
    if not BROWSER_NAME.fullmatch(browser):
        raise InvalidInput(f"'{browser[:40]}' is not a browser name breakwell knows how to keep")
    return f"{_PREFIX}{browser}{_SUFFIX}"


def hold_companion(runtime_dir: Path, browser: str) -> EnforcerLock | None:
    """The lock saying `browser`'s companion is connected, held until released; None when
    another host of the same browser (a second profile) already says so."""
    lock = EnforcerLock(runtime_dir, _lock_name(browser))
    # A little patience: `connected_companions` may be probing the file at this moment.
    return lock if lock.acquire(patience=0.2) else None


def connected_companions(runtime_dir: Path) -> list[str]:
    """The browsers whose companion is connected now, by name, sorted."""
    try:
        names = sorted(path.name for path in runtime_dir.iterdir())
    except OSError:
        return []
    found = []
    for name in names:
        browser = name.removeprefix(_PREFIX).removesuffix(_SUFFIX)
        if f"{_PREFIX}{browser}{_SUFFIX}" != name or not BROWSER_NAME.fullmatch(browser):
            continue
        try:
            held = running_enforcer(runtime_dir, name) is not None
        except (OSError, BreakwellError):  # a file that is not safe to open says nothing
            continue
        if held:
            found.append(browser)
    return found
