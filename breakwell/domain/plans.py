"""Plans: recurring rules that produce breaks, and the one check every plan must pass."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.errors import InvalidInput
from breakwell.domain.recurrence import MAX_PLAN_LENGTH, Recurrence, check_rule, parse_until
from breakwell.domain.values import frozen

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


@frozen
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


@frozen
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
