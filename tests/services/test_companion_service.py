"""What the browser companion is told, and what it writes to the journal."""

from datetime import timedelta

import pytest

from breakwell.domain.break_kinds import Mode
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryKind, EntryQuery
from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.services import Services
from tests.enforce.test_every_running_break import running
from tests.journal import settings_of


def start(
    services: Services, *platforms: str, mode: Mode = Mode.WATCH, hours: int = 2, why: str = ""
) -> int:
    planned = services.breaks.plan(
        timedelta(hours=hours), platforms=platforms, mode=mode, intention=why
    )
    stored = services.breaks.start(planned)
    assert stored.id is not None
    return stored.id


def entries(services: Services) -> list[str]:
    return [e.text for e in services.journal.search(EntryQuery())]


def test_with_no_break_running_the_state_is_empty(services: Services) -> None:
    assert services.companion.state().breaks == ()


def test_the_state_holds_each_running_break_with_its_platforms(services: Services) -> None:
    break_id = start(services, "x", "reddit", why="  watch who leads  ")
    [shown] = services.companion.state().breaks
    catalogue = settings_of(services).catalogue
    assert shown.item.id == break_id
    assert shown.item.mode is Mode.WATCH
    assert shown.intention == "watch who leads"
    assert shown.platforms == (catalogue.get("x"), catalogue.get("reddit"))
    # START is a Monday 20:00 UTC, the tests' local zone; two hours on is 22:00 that day.
    assert shown.ends_text == "Mon 22:00"


def test_a_break_without_an_intention_has_none(services: Services) -> None:
    start(services, "x")
    assert services.companion.state().breaks[0].intention is None


def test_a_break_far_off_names_its_date(services: Services) -> None:
    start(services, "x", hours=24 * 9)
    assert services.companion.state().breaks[0].ends_text == "Wed 02 Dec 20:00"


def test_the_state_after_settling_leaves_out_what_came_due(
    services: Services, clock: FakeClock
) -> None:
    start(services, "x")
    clock.advance(timedelta(hours=3))
    # Reads only read: the caller (the host, at hello and at each poll) settles first.
    assert [b.item.status for b in services.companion.state().breaks] == [BreakStatus.ACTIVE]
    services.settle()
    assert services.companion.state().breaks == ()


def test_a_slip_is_saved_with_its_break_platform_and_page(services: Services) -> None:
    start(services, "x")
    # Breaks of other devices (or imported) may run beside this one's.
    break_id = running(services, "instagram", mode=Mode.UNPLUG)
    entry = services.companion.slip(break_id, "bored on the bus #bus", "https://www.instagram.com/")
    assert (entry.kind, entry.break_id, entry.platform) == (EntryKind.SLIP, break_id, "instagram")
    assert entry.text == "bored on the bus #bus\n\nhttps://www.instagram.com/"
    assert entry.tags == ("bus",)
    assert services.breaks.detail(break_id).slips == 1


def test_a_slip_of_a_break_not_running_writes_nothing(services: Services, clock: FakeClock) -> None:
    with pytest.raises(RuleRefused, match="no break is running"):
        services.companion.slip(1, "pulled", "https://x.com/")
    ended = start(services, "x", hours=1)
    clock.advance(timedelta(hours=2))
    running = start(services, "reddit")
    with pytest.raises(RuleRefused, match=f"break #{ended} is not running"):
        services.companion.slip(ended, "pulled", "https://x.com/")
    with pytest.raises(InvalidInput, match="page address"):
        services.companion.slip(running, "pulled", "about:blank")
    with pytest.raises(InvalidInput, match="needs some text"):
        services.companion.slip(running, " ", "https://x.com/")
    assert entries(services) == []
    assert services.breaks.detail(running).slips == 0


def test_a_note_is_an_observation_of_the_break_watching_its_platform(
    services: Services,
) -> None:
    start(services, "reddit")
    watching_x = running(services, "x", mode=Mode.WATCH)
    entry = services.companion.note(
        "@ann replies to everyone #replyguy", "https://x.com/ann/status/1", "thanks so much!"
    )
    assert entry.kind is EntryKind.OBSERVATION
    assert (entry.break_id, entry.platform) == (watching_x, "x")
    assert (entry.tags, entry.people) == (("replyguy",), ("ann",))
    assert entry.text == (
        "@ann replies to everyone #replyguy\n\n> thanks so much!\n\nhttps://x.com/ann/status/1"
    )


def test_a_note_from_elsewhere_goes_to_the_first_running_break(services: Services) -> None:
    first = start(services, "reddit")
    entry = services.companion.note("an aside", "https://example.org/", None)
    assert (entry.kind, entry.break_id, entry.platform) == (EntryKind.OBSERVATION, first, None)


def test_with_no_break_running_a_note_is_a_note(services: Services) -> None:
    entry = services.companion.note("later", "https://x.com/home", None)
    assert (entry.kind, entry.break_id, entry.platform) == (EntryKind.NOTE, None, "x")


def test_a_bad_note_writes_nothing(services: Services) -> None:
    start(services, "x")
    with pytest.raises(InvalidInput):
        services.companion.note("seen", "x.com", None)
    with pytest.raises(InvalidInput):
        services.companion.note("", "https://x.com/", "just a quote")
    assert entries(services) == []
