"""Editing, deleting and putting back journal entries, on every database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import MAX_ENTRY_LENGTH, EntryQuery
from breakwell.domain.errors import InvalidInput, NotFound, RuleRefused
from breakwell.services import Services
from breakwell.store.tables import EntryRow, SlipRow
from tests.journal import database_of


def words(services: Services, text: str) -> list[int | None]:
    return [e.id for e in services.journal.search(EntryQuery(text=text))]


def test_an_edit_replaces_the_text_and_its_tags_people_and_index(
    services: Services, clock: FakeClock
) -> None:
    entry = services.journal.write("the loud ones lead #echo @ann")
    assert entry.id is not None
    clock.advance(timedelta(hours=1))
    done = services.journal.edit(entry.id, "  quiet builders matter #craft @bob  ")
    assert done.changed
    assert done.entry.text == "quiet builders matter #craft @bob"
    assert (done.entry.tags, done.entry.people) == (("craft",), ("bob",))
    again = services.journal.get(entry.id)
    assert again == done.entry
    assert again.created_at == entry.created_at
    assert again.edited_at == clock.now()
    assert words(services, "builders") == [entry.id]
    assert words(services, "loud") == []
    assert [e.id for e in services.journal.search(EntryQuery(tags=("craft",)))] == [entry.id]
    assert services.journal.search(EntryQuery(tags=("echo",))) == []
    assert services.journal.search(EntryQuery(people=("ann",))) == []
    with database_of(services).read() as session:
        row = session.get(EntryRow, entry.id)
        assert row is not None and row.updated_at == clock.now()


def test_the_same_text_again_writes_nothing(services: Services, clock: FakeClock) -> None:
    entry = services.journal.write("as it was")
    assert entry.id is not None
    clock.advance(timedelta(minutes=5))
    done = services.journal.edit(entry.id, "as it was\n")
    assert not done.changed
    assert services.journal.get(entry.id).edited_at is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("   ", "needs some text"),
        ("x" * (MAX_ENTRY_LENGTH + 1), "at most"),
        ("a\x00b", r"U\+0000"),
    ],
)
def test_bad_text_is_refused_and_nothing_changes(
    services: Services, text: str, problem: str
) -> None:
    entry = services.journal.write("kept as written #kept")
    assert entry.id is not None
    with pytest.raises(InvalidInput, match=problem):
        services.journal.edit(entry.id, text)
    assert services.journal.get(entry.id) == entry


def test_an_unknown_entry_is_refused(services: Services) -> None:
    with pytest.raises(NotFound, match="no entry #9"):
        services.journal.edit(9, "text")
    with pytest.raises(NotFound, match="no entry #9"):
        services.journal.delete(9)


def test_delete_then_restore_puts_the_entry_back_exactly(
    services: Services, clock: FakeClock
) -> None:
    item = services.breaks.start(services.breaks.plan(timedelta(hours=2)))
    assert item.id is not None
    slipped = services.journal.slip("opened it #bus @sam", "x")
    assert slipped is not None and slipped.id is not None
    clock.advance(timedelta(minutes=1))
    services.journal.edit(slipped.id, "opened it on the bus #bus @sam")
    before = services.journal.get(slipped.id)
    later = services.journal.write("a later one")

    deleted = services.journal.delete(slipped.id)
    assert deleted.entry == before
    with pytest.raises(NotFound):
        services.journal.get(slipped.id)
    assert words(services, "bus") == []
    assert services.journal.search(EntryQuery(people=("sam",))) == []
    # The slip stays logged, only without its words.
    assert services.breaks.detail(item.id).slips == 1
    with database_of(services).read() as session:
        assert [s.entry_id for s in session.exec(select(SlipRow))] == [None]

    restored = services.journal.restore(deleted)
    assert restored == before
    assert services.journal.get(slipped.id) == before
    assert words(services, "bus") == [slipped.id]
    assert [e.id for e in services.journal.search(EntryQuery(people=("sam",)))] == [slipped.id]
    with database_of(services).read() as session:
        assert [s.entry_id for s in session.exec(select(SlipRow))] == [slipped.id]
    assert later.id is not None
    assert {e.id for e in services.journal.search(EntryQuery())} == {slipped.id, later.id}


def test_restoring_twice_is_refused(services: Services) -> None:
    entry = services.journal.write("once")
    assert entry.id is not None
    deleted = services.journal.delete(entry.id)
    services.journal.restore(deleted)
    with pytest.raises(RuleRefused, match="cannot be put back"):
        services.journal.restore(deleted)


def test_a_number_taken_since_the_delete_is_never_overwritten(services: Services) -> None:
    services.journal.write("older")
    newest = services.journal.write("newest, deleted")
    assert newest.id is not None
    deleted = services.journal.delete(newest.id)
    # SQLite may give the newest number again; PostgreSQL's counter never goes back.
    written = services.journal.write("written after the delete")
    if written.id == newest.id:
        with pytest.raises(RuleRefused, match=f"entry #{newest.id} cannot be put back"):
            services.journal.restore(deleted)
        assert services.journal.get(newest.id) == written
    else:
        assert services.journal.restore(deleted) == newest
        assert written.id is not None
        assert services.journal.get(written.id) == written
