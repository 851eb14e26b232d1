"""The people written about, with their why lines, on each database."""

from datetime import timedelta

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import InvalidInput, NotFound
from breakwell.domain.people import Person
from breakwell.services import Services
from breakwell.store.tables import EntryRow
from tests.conftest import START
from tests.journal import database_of


def test_people_are_listed_newest_mention_first_with_counts(
    services: Services, clock: FakeClock
) -> None:
    services.journal.write("@Bob and @alice@mastodon.social")
    clock.advance(timedelta(minutes=5))
    services.journal.write("@bob again; mail bob@example.org is no person")
    clock.advance(timedelta(minutes=5))
    services.journal.write("@carol")
    assert services.people.everyone() == [
        Person("carol", 1, START + timedelta(minutes=10)),
        Person("bob", 2, START + timedelta(minutes=5)),
        Person("alice@mastodon.social", 1, START),
    ]


def test_a_why_line_is_kept_and_cleared_by_any_spelling_of_the_name(
    services: Services,
) -> None:
    services.journal.write("@Bob builds things")
    assert services.people.set_why("@BOB", "asks, then listens").why == "asks, then listens"
    assert services.people.everyone()[0].why == "asks, then listens"
    assert services.people.clear_why("bob").why == ""
    assert services.people.everyone() == [Person("bob", 1, START)]


def test_a_line_outlives_the_entries_that_named_the_person(services: Services) -> None:
    entry = services.journal.write("@dana")
    services.people.set_why("dana", "kind")
    services.people.set_why("dana", "kind and fair")
    with database_of(services).write() as session:
        session.delete(session.get(EntryRow, entry.id))
    # Listed still, with nothing written about them now, and the line can still be cleared.
    assert services.people.everyone() == [Person("dana", 0, None, "kind and fair")]
    services.people.clear_why("dana")
    assert services.people.everyone() == []
    with pytest.raises(NotFound):
        services.people.set_why("dana", "kind")


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("nobody", NotFound),
        ("no body", InvalidInput),
        ("@", InvalidInput),
        ("x" * 129, InvalidInput),
    ],
)
def test_unknown_or_invalid_names_are_refused(
    services: Services, name: str, error: type[Exception]
) -> None:
    services.journal.write("@somebody")
    with pytest.raises(error):
        services.people.set_why(name, "kind")
    assert [p.why for p in services.people.everyone()] == [""]


def test_the_entries_of_a_person_are_the_journals_filter(services: Services) -> None:
    first = services.journal.write("@erin first")
    services.journal.write("no one")
    second = services.journal.write("@Erin second")
    assert [e.id for e in services.people.entries("ERIN")] == [second.id, first.id]


def test_a_name_the_journal_holds_is_found_and_given_a_line_as_it_is_kept(
    services: Services,
) -> None:
    """ "@İpek" is kept lower-cased with a combining dot; a name an older import brought may not
    be one writing @name would pick up. Both are looked up as kept, never refused."""
    from breakwell.store.tables import EntryPersonRow

    written = services.journal.write("@İpek helps")
    assert written.id is not None
    with database_of(services).write() as session:
        session.add(EntryPersonRow(entry_id=written.id, person="evil name"))
    for name in ("i\u0307pek", "evil name"):
        assert [e.id for e in services.people.entries(name)] == [written.id]
        assert services.people.set_why(name, "kind").why == "kind"
    with pytest.raises(InvalidInput):
        services.people.set_why("never named!", "x")
