from datetime import timedelta

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryKind, EntryQuery
from breakwell.domain.errors import InvalidInput, NotFound, RuleRefused
from breakwell.services import Services
from tests.conftest import START
from tests.journal import database_of


def start(services: Services, hours: int = 2) -> int:
    stored = services.breaks.start(services.breaks.plan(timedelta(hours=hours)))
    assert stored.id is not None
    return stored.id


def test_an_entry_during_a_break_is_an_observation_linked_to_it(services: Services) -> None:
    break_id = start(services)
    entry = services.journal.write("@ann leads, @bob follows #emulation", platform="twitter")
    assert entry.kind is EntryKind.OBSERVATION
    assert entry.break_id == break_id
    assert entry.platform == "x"
    assert entry.tags == ("emulation",)
    assert entry.people == ("ann", "bob")


def test_outside_a_break_it_is_a_note(services: Services) -> None:
    entry = services.journal.write("just a thought")
    assert (entry.kind, entry.break_id) == (EntryKind.NOTE, None)


def test_linking_can_be_chosen(services: Services, clock: FakeClock) -> None:
    first = start(services, hours=1)
    clock.advance(timedelta(hours=2))
    start(services)
    assert services.journal.write("about the first", break_id=first).break_id == first
    assert services.journal.write("loose", attach=False).break_id is None
    with pytest.raises(NotFound):
        services.journal.write("nowhere", break_id=999)


def test_bad_entries_are_refused_before_anything_is_written(services: Services) -> None:
    with pytest.raises(InvalidInput, match="needs some text"):
        services.journal.write("   ")
    with pytest.raises(InvalidInput, match="unknown platform"):
        services.journal.write("text", platform="nosuch")
    with pytest.raises(InvalidInput, match="mood"):
        services.journal.write("text", mood=7)
    assert not database_of(services).is_open


def test_slips_need_a_running_break(services: Services) -> None:
    with pytest.raises(RuleRefused, match="no break is running"):
        services.journal.slip("opened the app")
    break_id = start(services)
    entry = services.journal.slip("opened the app on the bus", platform="instagram")
    assert entry is not None
    assert (entry.kind, entry.break_id, entry.platform) == (EntryKind.SLIP, break_id, "instagram")
    assert services.journal.slip() is None
    assert services.breaks.detail(break_id).slips == 2


def test_search_by_words_and_filters(services: Services, clock: FakeClock) -> None:
    break_id = start(services)
    services.journal.write("people echo the loudest voice #groupthink", platform="x")
    clock.advance(timedelta(hours=1))
    services.journal.write("a quiet account builds real replies #connection", platform="reddit")
    clock.advance(timedelta(hours=3))
    services.journal.write("shopping list", kind=EntryKind.NOTE)

    def texts(**query: object) -> list[str]:
        return [e.text for e in services.journal.search(EntryQuery(**query))]  # type: ignore[arg-type]

    assert texts(text="echo") == ["people echo the loudest voice #groupthink"]
    assert texts(tags=("#Connection",)) == ["a quiet account builds real replies #connection"]
    assert texts(platform="twitter") == ["people echo the loudest voice #groupthink"]
    assert texts(kind=EntryKind.NOTE) == ["shopping list"]
    assert len(texts(break_id=break_id)) == 2
    assert texts(since=START + timedelta(minutes=30), until=START + timedelta(hours=2)) == [
        "a quiet account builds real replies #connection"
    ]
    assert texts(text="quie", prefix=True) == ["a quiet account builds real replies #connection"]
    assert texts(text="quie") == []
    assert texts(limit=1) == ["shopping list"]


def test_search_pages_by_keyset(services: Services, clock: FakeClock) -> None:
    for number in range(5):
        services.journal.write(f"entry {number}")
        clock.advance(timedelta(minutes=1))
    first = services.journal.search(EntryQuery(limit=2))
    assert [e.text for e in first] == ["entry 4", "entry 3"]
    last = first[-1]
    assert last.id is not None
    nxt = services.journal.search(EntryQuery(limit=2, before=(last.created_at, last.id)))
    assert [e.text for e in nxt] == ["entry 2", "entry 1"]


def test_search_limits_are_bounded(services: Services) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 1000"):
        services.journal.search(EntryQuery(limit=5000))


def test_count_says_how_many_a_search_finds_in_all(services: Services, clock: FakeClock) -> None:
    for number in range(5):
        services.journal.write(f"entry {number} #even" if number % 2 == 0 else f"entry {number}")
        clock.advance(timedelta(minutes=1))
    assert services.journal.count(EntryQuery(limit=2)) == 5
    assert services.journal.count(EntryQuery(tags=("even",), limit=1)) == 3
    assert services.journal.count(EntryQuery(text="entr", prefix=True, limit=1)) == 5
    assert services.journal.count(EntryQuery(text="entr")) == 0
    newest = services.journal.search(EntryQuery(limit=1))[0]
    assert newest.id is not None
    # However far the pages have been read, the count is of them all.
    assert services.journal.count(EntryQuery(before=(newest.created_at, newest.id))) == 5
