"""The targets of issue 18 and how one measured row meets them, as plain arithmetic on medians.

- A quick command: at least JRNL_TIMES as fast as jrnl where jrnl has the command; at most
  FLOOR_TIME times the floor's wall time; at most FLOOR_MEMORY times the floor's peak memory.
- Export and import: a peak under TRANSFER_MIB, at any journal size.
- The app: its first frame within FIRST_PAINT of a bare Textual app's, its Now screen with data
  within NOW_DATA of the bare app's ready screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.cases import Kind
from bench.first_screen_times import FirstScreen
from bench.run import Row

JRNL_TIMES = 3.0
FLOOR_TIME = 2.0
FLOOR_MEMORY = 1.5
TRANSFER_MIB = 150.0
FIRST_PAINT = 1.2
NOW_DATA = 1.5


@dataclass(frozen=True)
class Check:
    target: str
    measured: str
    met: bool | None  # None: not measured, so neither met nor missed


def command_checks(row: Row) -> list[Check]:
    ours = row.breakwell.measured
    if ours is None:
        return [Check("measured at all", row.breakwell.reason, None)]
    if row.case.kind is Kind.TRANSFER:
        peak = ours.memory.median
        return [Check(f"peak under {TRANSFER_MIB:.0f} MiB", f"{peak:.0f} MiB", peak < TRANSFER_MIB)]
    checks = []
    if row.jrnl is not None:
        theirs = row.jrnl.measured
        if theirs is None:
            checks.append(Check(f"{JRNL_TIMES:.0f}x faster than jrnl", row.jrnl.reason, None))
        else:
            times = theirs.time.median / ours.time.median
            checks.append(
                Check(f"{JRNL_TIMES:.0f}x faster than jrnl", f"{times:.1f}x", times >= JRNL_TIMES)
            )
    floor = row.floor.measured
    if floor is None:
        checks.append(Check("near the floor", row.floor.reason, None))
        return checks
    time_ratio = ours.time.median / floor.time.median
    memory_ratio = ours.memory.median / floor.memory.median
    checks.append(Check(f"time within {FLOOR_TIME:g}x the floor", f"{time_ratio:.1f}x",
                        time_ratio <= FLOOR_TIME))  # fmt: skip
    checks.append(Check(f"memory within {FLOOR_MEMORY:g}x the floor", f"{memory_ratio:.2f}x",
                        memory_ratio <= FLOOR_MEMORY))  # fmt: skip
    return checks


def first_screen_checks(screen: FirstScreen) -> list[Check]:
    paint = screen.paint.median / screen.bare_paint.median
    data = screen.data.median / screen.bare_data.median
    return [
        Check(f"first paint within {FIRST_PAINT:g}x bare Textual", f"{paint:.2f}x",
              paint <= FIRST_PAINT),
        Check(f"Now data within {NOW_DATA:g}x bare Textual", f"{data:.2f}x", data <= NOW_DATA),
    ]  # fmt: skip


def verdict(checks: list[Check]) -> str:
    """One cell: 'met', or what was missed or not measured."""
    missed = [f"{c.target} ({c.measured})" for c in checks if c.met is False]
    unmeasured = [f"{c.target}: not measured, {c.measured}" for c in checks if c.met is None]
    if not missed and not unmeasured:
        return "met"
    said = [f"**missed**: {'; '.join(missed)}"] if missed else []
    return "; ".join([*said, *unmeasured])
