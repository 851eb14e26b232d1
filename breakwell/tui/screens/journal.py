"""Journal: write observations, find any entry again by words, tag, platform, kind or date,
and reword or delete one (a delete can be undone for a few seconds)."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Select, TextArea

from breakwell.domain.entries import DeletedEntry, Entry, EntryKind, EntryQuery
from breakwell.domain.errors import BreakwellError, InvalidInput
from breakwell.domain.markup import person_name
from breakwell.domain.status import Status
from breakwell.domain.timefmt import describe_moment
from breakwell.domain.values import replace
from breakwell.domain.when import parse_when
from breakwell.services import Services
from breakwell.tui.base import SectionScreen
from breakwell.tui.dialogs.confirm import ConfirmScreen
from breakwell.tui.dialogs.entry import DELETE, EDIT, EntryScreen
from breakwell.tui.dialogs.quick import ObserveScreen
from breakwell.tui.tasks import run_task
from breakwell.tui.text import cell, first_line, link_text, plain
from breakwell.tui.widgets.fields import platform_select, selected
from breakwell.tui.widgets.paging import PagedTable

PAGE = 100
# Long enough to skip the keystrokes of one word, short enough to feel instant.
SEARCH_DELAY = 0.15
# How long the offer to undo a delete stands: time to see the toast and change one's mind.
UNDO_SECONDS = 10.0


class EntriesLoaded(Message):
    def __init__(
        self, query: EntryQuery, entries: list[Entry], *, more: bool, total: int | None = None
    ) -> None:
        super().__init__()
        self.query, self.entries, self.more = query, entries, more
        # How many the query finds in all, counted with its first page when there are more.
        self.total = total


class SearchRefused(Message):
    def __init__(self, query: EntryQuery, text: str) -> None:
        super().__init__()
        self.query, self.text = query, text


class JournalScreen(SectionScreen):
    SECTION = "journal"
    # The cursor waits in the write box, so typing starts an entry; letters typed there are
    # text, never keys (escape leaves for the list, where the section keys work).
    AUTO_FOCUS = "#editor"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="entry.save", tooltip="Save what you wrote."),
        Binding(
            "ctrl+f,slash", "search", "Search", id="journal.search", tooltip="Search the journal."
        ),
        Binding("w", "write", "Write", id="journal.write", tooltip="Write a new entry."),
        Binding("ctrl+l", "clear_filters", "Clear", id="journal.clear", tooltip="Clear filters."),
        Binding(
            "escape", "to_list", "List", id="journal.list", tooltip="Leave the field for the list."
        ),
        Binding("e", "edit", "Edit", id="journal.edit", tooltip="Reword the selected entry."),
        Binding("d", "delete", "Delete", id="journal.delete", tooltip="Delete the selected entry."),
        Binding("u", "undo", "Undo", id="journal.undo", tooltip="Put back the entry just deleted."),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self._query = EntryQuery(limit=PAGE)
        self._loading = False
        self._timer: Timer | None = None
        self._shown: list[Entry] = []
        self._total: int | None = None
        # Whether a dialog covers the screen (it comes back where it was) rather than another
        # section (it comes back to the write box).
        self._covered = False
        # The entry just deleted, while it can still be put back.
        self._undo: DeletedEntry | None = None
        self._undo_timer: Timer | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="journal-body"):
            with Vertical(id="write") as write:
                write.border_title = "Write"
                yield TextArea(id="editor", soft_wrap=True, placeholder="What did you notice?")
                with Horizontal(id="write-bar"):
                    yield Label("", id="link-hint")
                    yield Button("Save", id="save", variant="primary", compact=True)
            with Vertical(id="browse") as browse:
                browse.border_title = "Entries"
                yield Input(placeholder="Search your journal", id="search", compact=True)
                with Horizontal(id="filters"):
                    yield Input(placeholder="#tag", id="tag", compact=True)
                    yield Input(placeholder="@person", id="person", compact=True)
                    yield Select(
                        [(k.value, k.value) for k in EntryKind],
                        prompt="kind",
                        id="kind",
                        compact=True,
                    )
                    yield platform_select(self.services.preferences.catalogue, "platform")
                    yield Input(placeholder="break #", id="break", compact=True)
                    yield Input(placeholder="since: 7d, 1 Nov", id="since", compact=True)
                yield PagedTable(id="entries")
                yield Label("", id="count")

    def on_mount(self) -> None:
        table = self.query_one("#entries", PagedTable)
        table.add_columns("When", "Kind", "Break", "Entry")
        self.watch(self.app, "status", self._show_link)

    def on_screen_suspend(self) -> None:
        self._covered = self in self.app.screen_stack

    def on_screen_resume(self) -> None:
        editor = self.query("#editor")
        if not self._covered and editor:
            editor.first().focus()
        self._covered = False

    def unsaved_writing(self) -> str | None:
        written = self.query_one("#editor", TextArea).text
        return "the entry you are writing in the Journal" if written.strip() else None

    def _show_link(self, status: Status | None) -> None:
        self.query_one("#link-hint", Label).update(link_text(status))

    # Finding -------------------------------------------------------------------------------

    def current_query(self) -> EntryQuery:
        """The filters as typed; a filter that cannot be read raises with the CLI's words."""
        tag = self.query_one("#tag", Input).value.strip().lstrip("#")
        person_text = self.query_one("#person", Input).value.strip()
        kind = selected(self.query_one("#kind", Select))
        platform = selected(self.query_one("#platform", Select))
        break_text = self.query_one("#break", Input).value.strip().lstrip("#")
        since_text = self.query_one("#since", Input).value.strip()
        if break_text and not (break_text.isascii() and break_text.isdigit()):
            raise InvalidInput("a break is given by its number, such as 3")
        now = self.services.clock.now()
        return EntryQuery(
            text=self.query_one("#search", Input).value.strip() or None,
            tags=(tag,) if tag else (),
            # Checked by the rule that picks @people up, so a name it could not hold is named.
            people=(person_name(person_text),) if person_text else (),
            kind=EntryKind(kind) if kind else None,
            platform=platform,
            break_id=int(break_text) if break_text else None,
            since=parse_when(since_text, now, past=True) if since_text else None,
            limit=PAGE,
            prefix=True,
        )

    def reload(self) -> None:
        try:
            query = self.current_query()
        except BreakwellError as error:
            # A refused filter quotes what was typed.
            self.query_one("#count", Label).update(plain(str(error)))
            return
        self._query = query
        self._loading = True
        self.load_page(query)

    @work(thread=True, exclusive=True, group="journal-load")
    def load_page(self, query: EntryQuery) -> None:
        try:
            # One extra row says whether another page exists, without counting the journal.
            found = self.services.journal.search(replace(query, limit=query.limit + 1))
        except BreakwellError as error:
            self.post_message(SearchRefused(query, str(error)))
            return
        more = len(found) > query.limit
        total = self.services.journal.count(query) if more and query.before is None else None
        self.post_message(EntriesLoaded(query, found[: query.limit], more=more, total=total))

    def on_entries_loaded(self, message: EntriesLoaded) -> None:
        if replace(message.query, before=None) != self._query:
            return  # An answer to a query typed over since.
        table = self.query_one("#entries", PagedTable)
        if message.query.before is None:
            table.clear()
            self._shown = []
            self._total = message.total
        now = self.services.clock.now()
        for entry in message.entries:
            table.add_row(
                describe_moment(entry.created_at, now),
                f"{entry.kind.value} (edited)" if entry.edited_at else entry.kind.value,
                f"#{entry.break_id}" if entry.break_id is not None else "",
                cell(first_line(entry.text)),
                key=str(entry.id),
            )
        self._shown.extend(message.entries)
        table.has_more = message.more
        self._loading = False
        count = f"{len(self._shown)} shown"
        if message.more and self._total is not None:
            count = f"{len(self._shown)} of {self._total} shown, more below"
        if not self._shown:
            count = "Nothing found." if self._filtering() else "No entries yet: write one above."
        self.query_one("#count", Label).update(count)

    def on_search_refused(self, message: SearchRefused) -> None:
        if message.query == self._query:
            self._loading = False
            self.query_one("#count", Label).update(plain(message.text))

    def _filtering(self) -> bool:
        q = self._query
        return bool(q.text or q.tags or q.people or q.kind or q.platform or q.break_id or q.since)

    def on_paged_table_near_end(self, _: PagedTable.NearEnd) -> None:
        if self._loading or not self._shown:
            return
        last = self._shown[-1]
        assert last.id is not None
        self._loading = True
        self.load_page(replace(self._query, before=(last.created_at, last.id)))

    @on(Input.Changed, "#search, #tag, #person, #break, #since")
    @on(Select.Changed, "#kind, #platform")
    def _filters_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if SEARCH_DELAY > 0:
            self._timer = self.set_timer(SEARCH_DELAY, self.reload)
        else:
            self.reload()

    @on(PagedTable.RowSelected, "#entries")
    def _open(self, event: PagedTable.RowSelected) -> None:
        key = event.row_key.value
        entry = next((e for e in self._shown if str(e.id) == key), None)
        if entry is None:
            return

        def chosen(what: str | None) -> None:
            if what == EDIT:
                self.edit_entry(entry)
            elif what == DELETE:
                self.delete_entry(entry)

        self.app.push_screen(EntryScreen(self.services, entry), chosen)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_to_list(self) -> None:
        self.query_one("#entries", PagedTable).focus()

    def action_write(self) -> None:
        self.query_one("#editor", TextArea).focus()

    def action_clear_filters(self) -> None:
        for selector in ("#search", "#tag", "#person", "#break", "#since"):
            self.query_one(selector, Input).value = ""
        for selector in ("#kind", "#platform"):
            self.query_one(selector, Select).clear()

    def filter_person(self, name: str) -> None:
        """Only the entries that mention @name, the other filters cleared."""
        self.action_clear_filters()
        self.query_one("#person", Input).value = f"@{name}"
        self.action_to_list()

    # Writing -------------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        editor = self.query_one("#editor", TextArea)
        text = editor.text

        def saved(entry: Entry) -> None:
            if editor.text == text:
                editor.clear()
            self.app.notify(f"Saved as entry #{entry.id} ({entry.kind.value}).", title="Saved")

        run_task(
            self.app,
            lambda: self.services.journal.write(text),
            saved,
            name="journal-write",
            writes=True,
        )

    # Changing what was written ------------------------------------------------------------

    def selected_entry(self) -> Entry | None:
        table = self.query_one("#entries", PagedTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((e for e in self._shown if str(e.id) == key), None)

    def _chosen(self, what: str) -> Entry | None:
        entry = self.selected_entry()
        if entry is None:
            self.app.notify(
                f"There is no entry to {what}: choose one in the list.", title=what.capitalize()
            )
        return entry

    def action_edit(self) -> None:
        entry = self._chosen("edit")
        if entry is not None:
            self.edit_entry(entry)

    def action_delete(self) -> None:
        entry = self._chosen("delete")
        if entry is not None:
            self.delete_entry(entry)

    def edit_entry(self, entry: Entry) -> None:
        # The dialog a new entry is written in, holding this one's words.
        self.app.push_screen(ObserveScreen(self.services, None, entry=entry))

    def delete_entry(self, entry: Entry) -> None:
        entry_id = entry.id
        if entry_id is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                run_task(
                    self.app,
                    lambda: self.services.journal.delete(entry_id),
                    self._deleted,
                    name="delete-entry",
                    writes=True,
                )

        question = (
            f"Delete entry #{entry_id}, “{first_line(entry.text)}”? Its tags and people go "
            "with it. Right after, u puts it back."
        )
        confirm = ConfirmScreen(f"Delete entry #{entry_id}", question, "Delete")
        self.app.push_screen(confirm, answered)

    def _deleted(self, deleted: DeletedEntry) -> None:
        self._forget_undo()
        self._undo = deleted
        self._undo_timer = self.set_timer(UNDO_SECONDS, self._forget_undo)
        self.refresh_bindings()
        self.app.notify(
            f"Entry #{deleted.entry.id} is deleted. Press u to undo.",
            title="Deleted",
            timeout=UNDO_SECONDS,
        )

    def _forget_undo(self) -> None:
        if self._undo_timer is not None:
            self._undo_timer.stop()
        self._undo, self._undo_timer = None, None
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Undo is offered, in the footer too, only while a delete can still be undone.
        return self._undo is not None if action == "undo" else True

    def action_undo(self) -> None:
        deleted = self._undo
        if deleted is None:
            return
        self._forget_undo()
        run_task(
            self.app,
            lambda: self.services.journal.restore(deleted),
            lambda entry: self.app.notify(f"Entry #{entry.id} is back.", title="Undone"),
            name="restore-entry",
            writes=True,
        )
