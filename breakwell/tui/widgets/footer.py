"""Textual's footer, drawn again only when the keys it shows have changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

Shown = tuple[object, ...]


class Footer(TextualFooter):
    """Textual's footer rebuilds every key each time any binding may have changed, and the
    screens say so whenever their state moves (each status read does). Here a rebuild that
    would show the same keys, in the same state, with the same names, is skipped."""

    def __init__(self) -> None:
        super().__init__()
        # Textual's footer shows nothing until it first hears that the bindings changed.
        self._heard = False
        self._composed: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._heard = True
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        self._composed = self._shown() if self._heard else None
        yield from super().compose()

    async def recompose(self) -> None:
        # A footer whose screen has closed is past drawing; Textual's own skips it too.
        if not self.is_attached:
            return
        if self._composed is not None and self._composed == self._shown():
            return
        await super().recompose()

    def _shown(self) -> Shown:
        """What Textual's footer draws its keys from."""
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        keys = tuple(
            (binding, enabled, tooltip, self.app.get_key_display(binding))
            for _, binding, enabled, tooltip in active.values()
            if binding.show
        )
        return keys, palette[1:] if palette else None, self.show_command_palette
