"""What every screen looks like on the demo journal at a fixed moment, small and large.

Pinned to the exact Textual version in requirements/dev.lock; after a deliberate change of
look, review the pictures and run `python3 dev.py test tests/tui --snapshot-update`.
"""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from breakwell.demo import fill_demo
from breakwell.domain.clock import FakeClock
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.tui.app import BreakwellApp
from tests.conftest import START
from tests.journal import settings_of
from tests.tui.tour import STOPS

SIZES = [(80, 24), (120, 40)]
Compare = Callable[..., bool]


@pytest.fixture(scope="session")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo journal, written once per run and copied for each picture."""
    folder = tmp_path_factory.mktemp("demo")
    clock = FakeClock(START)
    services = build_services(load_settings({"BREAKWELL_HOME": str(folder)}), clock)
    fill_demo(services, clock, zone="UTC")
    services.close()
    return folder / "breakwell.db"


@pytest.fixture
def demo(home: Path, demo_journal: Path) -> Iterator[Services]:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_journal, home / "breakwell.db")
    services = build_services(load_settings(), FakeClock(START))
    yield services
    services.close()


# Each drawing runs the app through its tour: seconds apiece, so not in the quick loop.
@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("stop", list(STOPS))
def test_screen(snap_compare: Compare, demo: Services, stop: str, size: tuple[int, int]) -> None:
    app = BreakwellApp(demo, settings_of(demo), enforce=False, offer_reflections=False)
    # A bar caught mid-animation would make two drawings of one screen differ.
    app.animation_level = "none"
    assert snap_compare(app, terminal_size=size, run_before=STOPS[stop])


def test_the_demo_journal_is_what_the_pictures_show(demo: Services) -> None:
    status = demo.breaks.status()
    assert status.active is not None and status.active.strictness.value == "firm"
    assert len(status.awaiting_reflection) == 1
