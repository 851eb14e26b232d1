"""The rules a break must meet to come into the journal whole, from an import or a merge.

A break typed with `start` is made by new_break; one that arrives from a file already has a
status and a history, so it is judged by what it claims instead:

- every break, past or open, ends after it starts and lasts at most MAX_DURATION;
- a break that is still open once settled (planned, or running now) must be one `start`
  could have made now: at least one platform, every one known, planned at most MAX_LEAD
  ahead, running only if its window has begun, and overlapping no other open break, whether
  already in the journal or arriving with it, unless one of the two was made by a plan (a
  plan's windows are breaks of their own next to any other, as in the journal);
- a break whose window has passed settles as usual (completed or missed), and so only has to
  keep the first rule.

A break the journal already holds is never changed by what arrives, so a running locked break
cannot be ended, shortened or softened that way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from breakwell.domain.breaks import MAX_LEAD, Break, BreakStatus, overlaps, settle
from breakwell.domain.durations import MAX_DURATION
from breakwell.domain.errors import InvalidInput, RuleRefused


def check_window(item: Break) -> None:
    """A break ends after it starts and is no longer than a break can be."""
    if item.ends_at <= item.starts_at:
        raise InvalidInput("the break ends before it starts")
    if item.ends_at - item.starts_at > MAX_DURATION:
        raise InvalidInput(f"a break can last at most {MAX_DURATION.days} days")
    if item.status is BreakStatus.PLANNED and item.started_at is not None:
        raise InvalidInput("the break is planned but says it has started")
    if item.status.is_open and item.ended_at is not None:
        raise InvalidInput(f"the break is {item.status.label} but says it has ended")


def check_open(item: Break, now: datetime, known: Callable[[str], bool]) -> Break:
    """The break as it stands `now`; if still open, it must be one `start` could make."""
    check_window(item)
    if item.status is BreakStatus.ACTIVE and item.starts_at > now + timedelta(seconds=1):
        raise InvalidInput("the break is running but its window has not begun")
    settled = settle(item, now)
    if not settled.status.is_open:
        return settled
    if not settled.platforms:
        raise InvalidInput("a break needs at least one platform")
    unknown = [p for p in settled.platforms if not known(p)]
    if unknown:
        raise InvalidInput(f"unknown platform '{unknown[0]}'")
    if settled.starts_at > now + MAX_LEAD:
        raise InvalidInput(f"a break can be planned at most {MAX_LEAD.days} days ahead")
    return settled


def first_overlap(
    arriving: Sequence[Break], present: Sequence[Break]
) -> tuple[int, Break | int] | None:
    """The first arriving open break that overlaps an open break: one of `present` (returned
    as the break), or an earlier arriving one (returned as its index)."""
    held = [other for other in present if other.status.is_open]
    seen: list[int] = []
    for n, item in enumerate(arriving):
        if not item.status.is_open:
            continue
        for other in held:
            if _clash(item, other):
                return n, other
        for k in seen:
            if _clash(item, arriving[k]):
                return n, k
        seen.append(n)
    return None


def _clash(a: Break, b: Break) -> bool:
    if a.plan_id is not None or b.plan_id is not None:
        return False  # both apply; the block is the union of the running ones
    return overlaps(a.starts_at, a.ends_at, b.starts_at, b.ends_at)


def overlap_refusal(other: Break) -> RuleRefused:
    if other.status is BreakStatus.ACTIVE:
        return RuleRefused(f"it overlaps {other.label}, which is running")
    return RuleRefused(f"it overlaps planned {other.label}")
