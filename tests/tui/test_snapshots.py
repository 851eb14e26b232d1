"""What the screens look like, pinned to the exact Textual version in requirements/dev.lock."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.pilot import Pilot

from breakwell.domain.breaks import Mode, Strictness
from breakwell.services import Services
from breakwell.tui.app import BreakwellApp

SIZES = [(80, 24), (120, 40)]
Compare = Callable[..., bool]


async def loaded(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_now_without_a_break(
    snap_compare: Compare, services: Services, size: tuple[int, int]
) -> None:
    assert snap_compare(
        BreakwellApp(services, enforce=False), terminal_size=size, run_before=loaded
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_now_with_a_running_break(
    snap_compare: Compare, services: Services, size: tuple[int, int]
) -> None:
    services.breaks.start(
        services.breaks.plan(
            timedelta(hours=48),
            platforms=["x", "instagram"],
            strictness=Strictness.FIRM,
            mode=Mode.WATCH,
            intention="See who leads and who only broadcasts",
        )
    )
    services.clock.advance(timedelta(hours=3, minutes=12, seconds=5))  # type: ignore[attr-defined]
    assert snap_compare(
        BreakwellApp(services, enforce=False), terminal_size=size, run_before=loaded
    )
