"""The kernel's own time, read from files rather than asked of the C library.

A library preloaded into a process (libfaketime) can make every time call in it lie, but not
what the kernel writes into /proc: the moment the machine booted (`btime` in /proc/stat) plus
how long it has run since (/proc/uptime) is the kernel's real time, to within a second. The
kernel keeps `btime` in step when the system clock is set, so this agrees with every other
process on the machine. Without /proc (macOS, Windows) there is no such reference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

PROC = Path("/proc")


def kernel_now(proc: Path = PROC) -> datetime | None:
    """The kernel's real time, or None where it cannot be read."""
    try:
        with (proc / "stat").open(encoding="ascii", errors="replace") as stat:
            booted = next((line for line in stat if line.startswith("btime ")), None)
        uptime = (proc / "uptime").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    try:
        seconds = int(booted.split()[1]) + float(uptime.split()[0]) if booted else None
    except (IndexError, ValueError):
        return None
    if seconds is None or seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
