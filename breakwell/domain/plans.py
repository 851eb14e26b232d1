"""Plans: recurring rules that produce breaks, and the one check every plan must pass."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break, BreakStatus, where_windows_meet
from breakwell.domain.errors import InvalidInput
from breakwell.domain.recurrence import MAX_PLAN_LENGTH, Recurrence, check_rule, parse_until

MAX_NAME = 80
MAX_ZONE = 64


def check_name(name: str) -> str:
    clean = name.strip()
    if len(clean) > MAX_NAME or any(unicodedata.category(c) == "Cc" and c != "\t" for c in clean):
        raise InvalidInput(f"a plan's name is one line of at most {MAX_NAME} characters")
    return clean


def check_zone(name: str) -> ZoneInfo:
    """The IANA zone of that name, or InvalidInput."""
    try:
        if len(name) > MAX_ZONE:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(f"unknown time zone '{name[:MAX_ZONE]}'") from None


@dataclass(frozen=True)
class Plan:
    recurrence: Recurrence
    platforms: tuple[str, ...]
    mode: Mode = Mode.UNPLUG
    strictness: Strictness = Strictness.GENTLE
    name: str = ""
    # The IANA zone whose wall clock the rule follows, such as Europe/Berlin.
    timezone: str = "UTC"
    paused: bool = False
    id: int | None = None
    # Occurrences that began before the plan existed are never made into breaks.
    created_at: datetime | None = None

    @property
    def label(self) -> str:
        return f"plan #{self.id}" if self.id is not None else "the plan"


def check_plan(plan: Plan) -> None:
    """Raise InvalidInput naming what makes the plan unusable.

    The one judge of a plan: `plan add` and edit, imports, and every stored plan read back
    all pass through it, so a plan that passes can always be turned into breaks.
    """
    check_rule(plan.recurrence)
    check_zone(plan.timezone)
    check_name(plan.name)


def plan_from_fields(
    *,
    rule: str,
    length_seconds: int,
    timezone: str,
    until: str | None,
    mode: str,
    strictness: str,
    name: str,
    paused: bool = False,
    platforms: tuple[str, ...] = (),
    id: int | None = None,
    created_at: datetime | None = None,
) -> Plan:
    """The checked plan a stored or imported row describes, or InvalidInput saying why not."""
    # Compared before a timedelta is built: a huge number would overflow it.
    if not 0 < length_seconds <= MAX_PLAN_LENGTH.total_seconds():
        raise InvalidInput(
            f"each break lasts more than nothing and at most {MAX_PLAN_LENGTH.days} days"
        )
    try:
        chosen = Mode(mode), Strictness(strictness)
    except ValueError:
        raise InvalidInput(f"unknown mode '{mode}' or strictness '{strictness}'") from None
    plan = Plan(
        recurrence=Recurrence(
            rule,
            timedelta(seconds=length_seconds),
            parse_until(until) if until is not None else None,
        ),
        platforms=platforms,
        mode=chosen[0],
        strictness=chosen[1],
        name=name,
        timezone=timezone,
        paused=paused,
        id=id,
        created_at=created_at,
    )
    check_plan(plan)
    return plan


@dataclass(frozen=True)
class BrokenPlan:
    """A stored plan that fails `check_plan` (edited by hand, or from an older import): it is
    shown with the reason and skipped, and can still be paused or removed."""

    id: int
    name: str
    rule: str
    paused: bool
    reason: str

    @property
    def label(self) -> str:
        return f"plan #{self.id}"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
