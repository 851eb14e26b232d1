"""The break state machine and its strictness rules.

planned -> active -> completed | ended_early
planned -> cancelled | missed

Every function takes the stored state and returns the next one; applying a transition that has
already happened returns the break unchanged, so a job that fires twice does the right thing once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.durations import MAX_DURATION, format_duration
from breakwell.domain.errors import InvalidInput, ReasonRequired, RuleRefused
from breakwell.domain.platforms import Catalogue
from breakwell.domain.text import check_text
from breakwell.domain.timefmt import describe_moment
from breakwell.domain.values import frozen, replace
from breakwell.domain.when import to_local

# How far ahead a break can be planned; plans (recurring rules) cover anything further.
MAX_LEAD = timedelta(days=366)


class BreakStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    CANCELLED = "cancelled"
    MISSED = "missed"

    @property
    def is_open(self) -> bool:
        return self in {BreakStatus.PLANNED, BreakStatus.ACTIVE}

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


ENDED = frozenset({BreakStatus.COMPLETED, BreakStatus.ENDED_EARLY})
ALLOWED: dict[BreakStatus, frozenset[BreakStatus]] = {
    BreakStatus.PLANNED: frozenset({BreakStatus.ACTIVE, BreakStatus.CANCELLED, BreakStatus.MISSED}),
    BreakStatus.ACTIVE: ENDED,
}


@frozen
class EndPolicy:
    """How a firm break may end early: a reason, then a cool-down, then a confirmation."""

    firm_cooldown: timedelta = timedelta(seconds=60)
    # A request not confirmed within this window after its cool-down lapses, so an old
    # moment of weakness cannot be cashed in hours later without thinking again.
    confirm_window: timedelta = timedelta(minutes=10)


@frozen
class Break:
    starts_at: datetime
    ends_at: datetime
    platforms: tuple[str, ...]
    mode: Mode = Mode.UNPLUG
    strictness: Strictness = Strictness.GENTLE
    status: BreakStatus = BreakStatus.PLANNED
    intention: str = ""
    id: int | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None
    end_requested_at: datetime | None = None
    reflected_at: datetime | None = None
    plan_id: int | None = None
    # Kept from the moment the break is made, so editing the config cannot undo it: the
    # domains it covers (blocked in the hosts file if it unplugs) and the firm cool-down in
    # force. None on breaks made before
    # breakwell kept them (the config as it is now decides for those).
    blocks: tuple[str, ...] | None = None
    cooldown: timedelta | None = None

    @property
    def label(self) -> str:
        return f"break #{self.id}" if self.id is not None else "the break"

    @property
    def planned_length(self) -> timedelta:
        return self.ends_at - self.starts_at

    def remaining(self, now: datetime) -> timedelta:
        return max(self.ends_at - now, timedelta(0))

    @property
    def awaits_reflection(self) -> bool:
        return self.status in ENDED and self.reflected_at is None

    def end_cooldown(self, policy: EndPolicy) -> timedelta:
        """The cool-down this break's end waits for: the one it was made (or asked to end)
        with; a config that asks for longer since applies, one that asks for less does not."""
        if self.cooldown is None:
            return policy.firm_cooldown
        return max(self.cooldown, policy.firm_cooldown)

    def end_ready_at(self, policy: EndPolicy) -> datetime | None:
        if self.end_requested_at is None:
            return None
        return self.end_requested_at + self.end_cooldown(policy)

    def end_request_pending(self, now: datetime, policy: EndPolicy) -> bool:
        ready = self.end_ready_at(policy)
        return ready is not None and now < ready + policy.confirm_window


def _move(item: Break, target: BreakStatus, **changes: object) -> Break:
    if target not in ALLOWED.get(item.status, frozenset()):
        raise RuleRefused(f"{item.label} cannot go from {item.status.label} to {target.label}")
    return replace(item, status=target, **changes)


def new_break(
    now: datetime,
    starts_at: datetime,
    length: timedelta,
    platforms: tuple[str, ...],
    *,
    mode: Mode = Mode.UNPLUG,
    strictness: Strictness = Strictness.GENTLE,
    intention: str = "",
    cooldown: timedelta | None = None,
) -> Break:
    """A break starting now (active at once) or later (planned), keeping `cooldown` as the
    firm cool-down it may end with."""
    if length <= timedelta(0):
        raise InvalidInput("a break must last longer than zero")
    if length > MAX_DURATION:
        raise InvalidInput(f"a break can last at most {MAX_DURATION.days} days")
    if not platforms:
        raise InvalidInput("a break needs at least one platform")
    if starts_at < now - timedelta(seconds=1):
        raise InvalidInput("a break cannot start in the past")
    if starts_at > now + MAX_LEAD:
        raise InvalidInput(f"a break can be planned at most {MAX_LEAD.days} days ahead")
    begin = max(starts_at, now)
    item = Break(
        starts_at=begin,
        ends_at=begin + length,
        platforms=platforms,
        mode=mode,
        strictness=strictness,
        intention=check_text(intention.strip(), "the intention"),
        cooldown=cooldown,
    )
    return settle(item, now)


def settle(item: Break, now: datetime) -> Break:
    """Apply whatever transitions have come due by `now`; never raises, never goes backwards."""
    if item.status is BreakStatus.PLANNED:
        if now >= item.ends_at:
            return _move(item, BreakStatus.MISSED)
        if now >= item.starts_at:
            return _move(item, BreakStatus.ACTIVE, started_at=now)
    if item.status is BreakStatus.ACTIVE and now >= item.ends_at:
        return _move(item, BreakStatus.COMPLETED, ended_at=item.ends_at, end_requested_at=None)
    return item


def is_due(open_breaks: Sequence[Break], now: datetime) -> bool:
    """Whether time has brought a transition to any of these breaks by `now`."""
    return any(settle(b, now) != b for b in open_breaks)


def running_breaks(open_breaks: Sequence[Break]) -> list[Break]:
    """The running ones among the open breaks, in their order (soonest started first)."""
    return [b for b in open_breaks if b.status is BreakStatus.ACTIVE]


def request_end(item: Break, now: datetime, reason: str | None, policy: EndPolicy) -> Break:
    """End a running break early, subject to its strictness.

    Gentle ends at once. Firm needs a reason and starts a cool-down on the first request; a
    later request once the cool-down has passed ends it. Locked always refuses.
    Returns the break either ended early or carrying a pending end request.
    """
    if item.status is not BreakStatus.ACTIVE:
        raise RuleRefused(f"{item.label} is not running (it is {item.status.label})")
    reason = check_text((reason or "").strip(), "the reason") or None
    if item.strictness is Strictness.LOCKED:
        raise RuleRefused(
            f"{item.label} is locked: it cannot be ended early or shortened, only extended"
        )
    if item.strictness is Strictness.GENTLE:
        return _end_early(item, now, reason)
    if not item.end_request_pending(now, policy):
        if reason is None:
            raise ReasonRequired(f"{item.label} is firm: ending it early needs a reason")
        # The cool-down is fixed here too, for breaks made before breakwell kept one.
        cooldown = item.end_cooldown(policy)
        item = replace(item, end_requested_at=now, end_reason=reason, cooldown=cooldown)
    ready = item.end_ready_at(policy)
    assert ready is not None
    if now < ready:
        if item.end_requested_at == now:
            return item
        raise RuleRefused(
            f"{item.label} is cooling down: it can end in {format_duration(ready - now)}"
        )
    return _end_early(item, now, reason or item.end_reason)


def _end_early(item: Break, now: datetime, reason: str | None) -> Break:
    return _move(
        item, BreakStatus.ENDED_EARLY, ended_at=now, end_reason=reason, end_requested_at=None
    )


def extend(item: Break, by: timedelta) -> Break:
    """Push the end later; allowed for every strictness, locked included."""
    if not item.status.is_open:
        raise RuleRefused(f"{item.label} has already ended ({item.status.label})")
    if by <= timedelta(0):
        raise InvalidInput("a break can only be extended by a positive duration")
    if item.planned_length + by > MAX_DURATION:
        raise InvalidInput(f"a break can last at most {MAX_DURATION.days} days")
    return replace(item, ends_at=item.ends_at + by, end_requested_at=None)


def cancel(item: Break) -> Break:
    """Call off a break that has not started; strictness only binds once a break runs."""
    if item.status is BreakStatus.CANCELLED:
        return item
    if item.status is BreakStatus.ACTIVE:
        raise RuleRefused(f"{item.label} is already running; end it with stop instead")
    if item.status is not BreakStatus.PLANNED:
        raise RuleRefused(f"{item.label} has already ended ({item.status.label})")
    return _move(item, BreakStatus.CANCELLED)


def mark_reflected(item: Break, now: datetime) -> Break:
    if item.status not in ENDED:
        raise RuleRefused(f"{item.label} has not ended yet, so there is nothing to reflect on")
    if item.reflected_at is not None:
        return item
    return replace(item, reflected_at=now)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


# A stretch of time asked to be blocked: (start, end).
Window = tuple[datetime, datetime]


def meets(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Whether two windows overlap or one begins the moment the other ends."""
    return a_start <= b_end and b_start <= a_end


def where_windows_meet(
    window: Window, other: str, other_window: Window, now: datetime
) -> str | None:
    """What happens where a window meets `other` (a label, such as "break #4"), in words, or
    None if they do not meet.

    Windows are never merged: each starts, ends and keeps its strictness on its own, and the
    block at any moment is the union of what the running ones ask for.
    """
    (starts_at, ends_at), (other_starts, other_ends) = window, other_window
    if not meets(starts_at, ends_at, other_starts, other_ends):
        return None
    spoken = _Times(now)
    if overlaps(starts_at, ends_at, other_starts, other_ends):
        first, last = max(starts_at, other_starts), min(ends_at, other_ends)
        later = max(ends_at, other_ends)
        return (
            f"overlaps {other} from {spoken(first)} to {spoken(last)}: both apply; sites stay "
            f"blocked until {spoken(later)}, the later end"
        )
    at = ends_at if ends_at == other_starts else starts_at
    earliest, latest = min(starts_at, other_starts), max(ends_at, other_ends)
    return (
        f"meets {other} at {spoken(at)}: each applies on its own, so sites stay blocked "
        f"from {spoken(earliest)} to {spoken(latest)}"
    )


class _Times:
    """Moments said in turn: the day is named only when it changes."""

    def __init__(self, now: datetime) -> None:
        self._now = now
        self._day: object = None

    def __call__(self, moment: datetime) -> str:
        said = describe_moment(moment, self._now)
        day = to_local(moment, None).date()
        if day == self._day:
            return said.rsplit(" ", 1)[-1]
        self._day = day
        return said


def covered_domains(item: Break, catalogue: Catalogue) -> tuple[str, ...]:
    """The sites `item` is about: the domains it was made with and those its platforms have
    in `catalogue`, so a changed config can widen a break but never narrow it."""
    found = set(item.blocks or ())
    for platform_id in item.platforms:
        platform = catalogue.get(platform_id)
        found.update(platform.domains if platform is not None else ())
    return tuple(sorted(found))


def blocked_domains(item: Break, catalogue: Catalogue) -> tuple[str, ...]:
    """What `item` blocks in the hosts file: an unplug break, its sites; a watch break,
    nothing, since its sites must stay open to be read (the browser companion refuses
    posting there instead)."""
    return covered_domains(item, catalogue) if item.mode is Mode.UNPLUG else ()


def with_blocks(item: Break, catalogue: Catalogue) -> Break:
    """`item` keeping the sites it covers under `catalogue` from now on."""
    return replace(item, blocks=covered_domains(item, catalogue))
