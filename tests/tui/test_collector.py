"""The garbage collector over a launch: paused until the first frame, then frozen and on."""

import gc
from collections.abc import Iterator

import pytest

from breakwell.tui import collector


@pytest.fixture(autouse=True)
def restored() -> Iterator[None]:
    yield
    collector.resume()
    gc.unfreeze()
    gc.enable()


def test_a_launch_pauses_until_its_first_frame_then_freezes_what_it_made() -> None:
    collector.pause()
    assert not gc.isenabled()
    made = [object() for _ in range(10)]
    collector.first_frame()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    more: list[list[int]] = [[] for _ in range(1000)]
    collector.launched()
    assert gc.get_freeze_count() >= frozen + len(more)
    assert made


def test_an_app_that_closes_before_its_first_frame_gives_the_collector_back() -> None:
    collector.pause()
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    # A later app, run some other way (as the tests run it), freezes nothing.
    collector.first_frame()
    collector.launched()
    assert gc.get_freeze_count() == 0


def test_without_a_pause_nothing_is_frozen_or_turned_on() -> None:
    collector.first_frame()
    collector.launched()
    assert gc.get_freeze_count() == 0
    gc.disable()
    collector.pause()
    collector.first_frame()
    collector.resume()
    assert not gc.isenabled()
