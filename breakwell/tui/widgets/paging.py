"""A table that asks for its next page as the reader nears the end, never holding them all."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

# How close to the last loaded row (in rows) the next page is asked for.
LOOKAHEAD = 10


class PagedTable(DataTable[str]):
    # A table of rows is read down, not across: Home and End go to the first and the last
    # row loaded (the last one asks for the next page), not to its first and last column.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    class NearEnd(Message):
        """The reader is close to the last loaded row."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.has_more = False

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)

    def _scrolled(self, _: float) -> None:
        if self.has_more and self.scroll_y >= self.max_scroll_y - LOOKAHEAD:
            self.post_message(self.NearEnd())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.has_more and event.cursor_row >= self.row_count - LOOKAHEAD:
            self.post_message(self.NearEnd())
