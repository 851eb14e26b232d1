"""People: those you chose to write about, why each matters to you, and what you wrote.

Listed with how often and when you last wrote about them, never ranked or scored; the line on
why is yours, and nothing about them is fetched from anywhere."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.message import Message
from textual.widgets import DataTable, Label

from breakwell.domain.entries import Entry
from breakwell.domain.people import Person
from breakwell.domain.timefmt import describe_moment
from breakwell.services import Services
from breakwell.tui.base import SectionScreen
from breakwell.tui.dialogs.entry import EntryScreen
from breakwell.tui.dialogs.why import WhyForm
from breakwell.tui.text import cell, first_line, plain

# The newest entries shown for one person; the Journal's filter (j) finds them all.
ENTRIES_SHOWN = 50
WHY_WIDTH = 60

NOBODY = (
    "No one yet. Name someone as @name in an entry and they appear here, with a line on why "
    "they matter to you."
)
KEYS = "w why they matter · j their entries in the Journal · enter opens an entry"


class PeopleLoaded(Message):
    def __init__(self, people: list[Person]) -> None:
        super().__init__()
        self.people = people


class PersonEntriesLoaded(Message):
    def __init__(self, name: str, entries: list[Entry]) -> None:
        super().__init__()
        self.name, self.entries = name, entries


def why_text(person: Person) -> str:
    if person.why:
        return f"[b]Why:[/b] {escape(person.why)}"
    return "[dim]No line yet: press w to say why they matter to you.[/]"


class PeopleScreen(SectionScreen):
    SECTION = "people"
    AUTO_FOCUS = "#people"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "why", "Why", id="people.why", tooltip="Say why this person matters."),
        Binding(
            "j", "journal", "In journal", id="people.journal", tooltip="Their entries, filtered."
        ),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self._people: list[Person] = []
        self._entries: list[Entry] = []
        self._shown_for: str | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="people-body") as body:
            body.border_title = "People you chose"
            yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
            with Vertical(id="person-detail") as person:
                person.border_title = "Their entries"
                yield Label("", id="person-why")
                yield DataTable(id="person-entries", cursor_type="row", zebra_stripes=True)
            yield Label("", id="people-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#people", DataTable).add_columns("Name", "Entries", "Last", "Why")
        self.query_one("#person-entries", DataTable).add_columns("When", "Kind", "Entry")

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="people-load")
    def _load(self) -> None:
        self.post_message(PeopleLoaded(self.services.people.everyone()))

    def on_people_loaded(self, message: PeopleLoaded) -> None:
        self._people = message.people
        table = self.query_one("#people", DataTable)
        row = table.cursor_row
        table.clear()
        now = self.services.clock.now()
        for person in message.people:
            last = describe_moment(person.last_mention, now) if person.last_mention else ""
            table.add_row(
                cell(f"@{person.name}"),
                str(person.entries),
                last,
                cell(first_line(person.why, WHY_WIDTH)),
                key=person.name,
            )
        self.query_one("#person-detail").display = bool(message.people)
        self.query_one("#people-hint", Label).update(KEYS if message.people else NOBODY)
        if message.people:
            table.move_cursor(row=min(max(row, 0), len(message.people) - 1))
            self._show(self._people[table.cursor_row])

    def selected(self) -> Person | None:
        table = self.query_one("#people", DataTable)
        if not self._people or not 0 <= table.cursor_row < len(self._people):
            return None
        return self._people[table.cursor_row]

    @on(DataTable.RowHighlighted, "#people")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        person = next((p for p in self._people if p.name == event.row_key.value), None)
        if person is not None:
            self._show(person)

    def _show(self, person: Person) -> None:
        box = self.query_one("#person-detail", Vertical)
        box.border_title = plain(f"@{person.name}")
        self.query_one("#person-why", Label).update(why_text(person))
        self._shown_for = person.name
        self._load_entries(person.name)

    @work(thread=True, exclusive=True, group="person-entries")
    def _load_entries(self, name: str) -> None:
        self.post_message(
            PersonEntriesLoaded(name, self.services.people.entries(name, ENTRIES_SHOWN))
        )

    def on_person_entries_loaded(self, message: PersonEntriesLoaded) -> None:
        if message.name != self._shown_for:
            return  # Another person was chosen since.
        self._entries = message.entries
        person = next((p for p in self._people if p.name == message.name), None)
        more = person is not None and person.entries > len(message.entries)
        box = self.query_one("#person-detail", Vertical)
        box.border_subtitle = (
            f"newest {len(message.entries)} of {person.entries} · j shows all"
            if more and person is not None
            else ""
        )
        table = self.query_one("#person-entries", DataTable)
        table.clear()
        now = self.services.clock.now()
        for entry in message.entries:
            table.add_row(
                describe_moment(entry.created_at, now),
                entry.kind.value,
                cell(first_line(entry.text)),
                key=str(entry.id),
            )

    @on(DataTable.RowSelected, "#person-entries")
    def _open(self, event: DataTable.RowSelected) -> None:
        entry = next((e for e in self._entries if str(e.id) == event.row_key.value), None)
        if entry is not None:
            self.app.push_screen(EntryScreen(self.services, entry, changeable=False))

    @on(DataTable.RowSelected, "#people")
    def _to_entries(self) -> None:
        self.query_one("#person-entries", DataTable).focus()

    def action_why(self) -> None:
        person = self.selected()
        if person is not None:
            self.app.push_screen(WhyForm(self.services, person))

    def action_journal(self) -> None:
        person = self.selected()
        if person is not None:
            self.bw.journal_about(person.name)
