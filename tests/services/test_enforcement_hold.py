"""How long the block is held: a locked break holds the sites it blocks, and a locked watch
break blocks none, so it cannot stretch an unplug break's block past its end."""

from __future__ import annotations

from datetime import timedelta

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break
from breakwell.domain.values import replace
from breakwell.services import Services


def _unplug(services: Services, strictness: Strictness) -> Break:
    plan = services.breaks.plan(
        timedelta(hours=1), platforms=["x"], mode=Mode.UNPLUG, strictness=strictness
    )
    return services.breaks.start(plan)


def _watch_beside(item: Break) -> Break:
    # As a plan or an import can make it: running beside the other, locked, ending later.
    assert item.id is not None
    return replace(
        item,
        id=item.id + 1,
        mode=Mode.WATCH,
        strictness=Strictness.LOCKED,
        ends_at=item.ends_at + timedelta(hours=4),
    )


def test_a_locked_watch_break_holds_no_block(services: Services) -> None:
    unplug = _unplug(services, Strictness.GENTLE)
    wanted = services.enforcement.wanted([unplug, _watch_beside(unplug)])
    assert "x.com" in wanted.domains
    assert wanted.hold_until is None


def test_a_locked_unplug_break_holds_its_block_until_its_own_end(services: Services) -> None:
    unplug = _unplug(services, Strictness.LOCKED)
    wanted = services.enforcement.wanted([unplug, _watch_beside(unplug)])
    assert wanted.hold_until == unplug.ends_at
