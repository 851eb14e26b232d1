"""The people you chose to write about, and why each matters to you."""

from __future__ import annotations

from breakwell.domain.clock import Clock
from breakwell.domain.entries import Entry, EntryQuery
from breakwell.domain.errors import NotFound
from breakwell.domain.markup import normalize_person, person_name
from breakwell.domain.people import Person, check_why
from breakwell.services.journal import JournalService
from breakwell.store import Database
from breakwell.store import people as store


class PeopleService:
    def __init__(self, database: Database, clock: Clock, journal: JournalService) -> None:
        self._db = database
        self._clock = clock
        self._journal = journal

    def everyone(self) -> list[Person]:
        with self._db.read() as session:
            return store.people(session)

    def entries(self, name: str, limit: int = 50) -> list[Entry]:
        """The newest entries that mention the person, as the journal's filter finds them."""
        # A name the journal already holds is looked up as it is, even one an older import
        # brought that writing @name would not pick up; a new one must be a name.
        clean = normalize_person(name) or person_name(name)
        return self._journal.search(EntryQuery(people=(clean,), limit=limit))

    def set_why(self, name: str, why: str) -> Person:
        return self._write(name, check_why(why))

    def clear_why(self, name: str) -> Person:
        return self._write(name, "")

    def _write(self, name: str, why: str) -> Person:
        now = self._clock.now()
        with self._db.write() as session:
            clean = normalize_person(name)
            known = store.mentioned(session, clean) or clean in store.whys(session)
            if not known:
                clean = person_name(name)
                raise NotFound(f"no entry mentions @{clean}; write about them first")
            store.set_why(session, clean, why, now)
            # Someone no entry names any more is listed only while a line is kept for them.
            found = (p for p in store.people(session) if p.name == clean)
            return next(found, Person(clean, 0, None))
