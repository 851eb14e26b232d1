"""What the screens and dialogs ask of the app, named here so they need not import it.

The app imports every screen; a screen that imported the app back would close a circle.
The services are not asked of it: every screen and dialog is given them when it is made.
`BreakwellApp` has all of this (tests/tui/test_host.py holds it to that).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime

    from textual.signal import Signal

    from breakwell.domain.breaks import Break
    from breakwell.domain.commitments import Standing
    from breakwell.domain.events import EventKind
    from breakwell.domain.platforms import Catalogue
    from breakwell.domain.status import Status


class Host(Protocol):
    @property
    def status(self) -> Status | None:
        """The journal's status as last read (reactive on the app: watch it there)."""
        ...

    @property
    def data_changed(self) -> Signal[None]:
        """Published whenever the journal has changed, here or elsewhere."""
        ...

    @property
    def last_platforms(self) -> tuple[str, ...] | None:
        """The platforms last ticked in the start form, if a break was ever started there."""
        ...

    def remember_platforms(self, platforms: tuple[str, ...]) -> None: ...

    @property
    def catalogue(self) -> Catalogue:
        """The platforms as configured: known before the services are built."""
        ...

    def now(self) -> datetime:
        """The app's clock, which the services read too once they are built."""
        ...

    def enforcement_text(self) -> str: ...

    def told(self, kind: EventKind, item: Break | None = None) -> None:
        """Said by the app itself, so the engine's notice of it is not shown again."""
        ...

    def reflect_on(self, break_id: int) -> None: ...

    def log_commitment(self, standing: Standing) -> None: ...

    def action_add_commitment(self) -> None: ...

    def archive_commitment(self, standing: Standing) -> None: ...

    def journal_about(self, name: str) -> None: ...

    def action_start_break(self) -> None: ...

    def action_extend(self) -> None: ...

    def add_plan(self) -> None: ...
