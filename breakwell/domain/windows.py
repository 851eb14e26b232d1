"""The windows running and to come, soonest first: open breaks, and plans' occurrences.

Apart from the plans' own rules (domain/plans.py), so `status` can order what comes without
loading time zones and recurrence rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from breakwell.domain.breaks import Break, BreakStatus, where_windows_meet
from breakwell.domain.values import frozen


@frozen
class Window:
    """A stretch of time something asks to be blocked: an open break, or an occurrence of a
    plan not made into a break yet (plans make theirs a day ahead).

    Windows are never merged: each starts, ends and keeps its strictness on its own, and
    the block at any moment is the union of what the running ones ask for.
    """

    starts_at: datetime
    ends_at: datetime
    plan_id: int | None = None
    item: Break | None = None

    @property
    def label(self) -> str:
        return self.item.label if self.item is not None else f"plan #{self.plan_id}'s break"

    @property
    def running(self) -> bool:
        return self.item is not None and self.item.status is BreakStatus.ACTIVE


@frozen
class Ahead:
    """The windows running and to come, soonest first: what `plan list`, `status` and the
    app all read, so they never disagree about what comes next."""

    now: datetime
    windows: tuple[Window, ...]

    def next_of(self, plan_id: int) -> tuple[datetime, ...]:
        """When the plan's coming windows begin (one running now is not next)."""
        return tuple(
            w.starts_at for w in self.windows if w.plan_id == plan_id and w.starts_at > self.now
        )

    def planned(self) -> tuple[Break, ...]:
        """The breaks made and waiting to start."""
        return tuple(
            w.item
            for w in self.windows
            if w.item is not None and w.item.status is BreakStatus.PLANNED
        )

    def notes(self, about: Callable[[Window], bool]) -> tuple[str, ...]:
        """One line for each place where two windows meet or overlap, one of them `about`."""
        said: list[str] = []
        for n, first in enumerate(self.windows):
            for second in self.windows[n + 1 :]:
                if second.starts_at > first.ends_at:
                    break
                if not (about(first) or about(second)):
                    continue
                sentence = where_windows_meet(
                    (first.starts_at, first.ends_at),
                    second.label,
                    (second.starts_at, second.ends_at),
                    self.now,
                )
                if sentence is not None:
                    label = first.label
                    said.append(f"{label[0].upper()}{label[1:]} {sentence}.")
        return tuple(said)


def break_windows(open_breaks: Sequence[Break]) -> list[Window]:
    """Each open break as a window, as stored (settled by the caller)."""
    return [Window(item.starts_at, item.ends_at, item.plan_id, item) for item in open_breaks]


def ahead_of(now: datetime, windows: Sequence[Window]) -> Ahead:
    """The windows in the order they come: by start, a break before a plan's occurrence not
    made yet, then by break id."""
    ordered = sorted(
        windows, key=lambda w: (w.starts_at, w.item is None, (w.item.id or 0) if w.item else 0)
    )
    return Ahead(now, tuple(ordered))
