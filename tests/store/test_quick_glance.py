"""The app's glance (store/quick_glance.py) reads what the services would show on the Now
screen, row for row, or leaves the journal to them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from breakwell.cli.context import CliContext
from breakwell.cli.glance import glance_reader
from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryQuery
from breakwell.domain.glance import Glance
from breakwell.services import Services, build_services
from breakwell.settings import Settings, load_settings
from breakwell.tui.screens.now import LATEST_SHOWN
from tests.conftest import Cli


@pytest.fixture
def fresh(home: object, clock: FakeClock) -> Iterator[tuple[Services, Settings]]:
    settings = load_settings()
    services = build_services(settings, clock)
    services.settle()  # made and migrated, as the app's first launch leaves it
    yield services, settings
    services.close()


def glance_of(clock: FakeClock) -> Glance | None:
    return glance_reader(CliContext(clock=clock))(None, LATEST_SHOWN)


def services_view(services: Services) -> Glance:
    """What the Now screen reads through the services once they are built and settled."""
    services.settle()
    latest = tuple(services.journal.search(EntryQuery(limit=LATEST_SHOWN)))
    return Glance(
        services.breaks.status(),
        latest,
        not latest and not services.breaks.history(limit=1),
        tuple(services.commitments.standings()),
    )


def test_a_new_journal_glances_as_a_first_visit(
    fresh: tuple[Services, Settings], clock: FakeClock
) -> None:
    found = glance_of(clock)
    assert found is not None
    assert found.first_time
    assert found == services_view(fresh[0])


def test_the_glance_is_what_the_services_show(
    fresh: tuple[Services, Settings], clock: FakeClock, run: Cli
) -> None:
    services, _ = fresh
    # A break that ended and waits for its reflection, a running one, entries in both, a
    # later one coming, and commitments logged this week, last week and archived.
    assert run("commit", "add", "at most 1 political post", "--max", "1").exit_code == 0
    assert run("commit", "add", "no doomscrolling", "--max", "0", "--per", "day").exit_code == 0
    assert run("commit", "add", "gone", "--max", "3").exit_code == 0
    assert run("commit", "log", "1", "last week").exit_code == 0
    clock.advance(timedelta(days=7))
    assert run("start", "1h", "-p", "x", "--no-prompts").exit_code == 0
    assert run("note", "first #coffee @mira").exit_code == 0
    clock.advance(timedelta(hours=2))
    services.settle()
    assert run("start", "2h", "-p", "instagram", "--no-prompts").exit_code == 0
    later = (clock.now() + timedelta(hours=4)).isoformat()
    assert run("start", "30m", "-p", "reddit", "--at", later, "--no-prompts").exit_code == 0
    for number in range(LATEST_SHOWN + 2):
        assert run("note", f"seen {number}").exit_code == 0
    for _ in range(3):
        assert run("commit", "log", "1").exit_code == 0
        assert run("commit", "log", "2").exit_code == 0
    assert run("commit", "archive", "3").exit_code == 0
    found = glance_of(clock)
    expected = services_view(services)
    assert found is not None
    assert found == expected
    assert found.status.active is not None
    assert found.status.upcoming and found.status.awaiting_reflection
    assert len(found.latest) == LATEST_SHOWN and not found.first_time
    assert [(s.commitment.id, s.count, s.kept) for s in found.standings] == [
        (1, 3, False),
        (2, 3, False),
    ]


@pytest.mark.parametrize(
    "arrange",
    [
        pytest.param((("start", "1h", "-p", "x", "--no-prompts"),), id="a transition due"),
        pytest.param(
            (("plan", "add", "--every", "day", "--at", "21:00", "--for", "2h", "-p", "x"),),
            id="a plan active",
        ),
    ],
)
def test_what_only_the_services_can_tell_is_left_to_them(
    fresh: tuple[Services, Settings],
    clock: FakeClock,
    run: Cli,
    arrange: tuple[tuple[str, ...], ...],
) -> None:
    for command in arrange:
        assert run(*command).exit_code == 0
    clock.advance(timedelta(hours=2))
    assert glance_of(clock) is None
