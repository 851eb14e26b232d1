"""Messages that carry results from worker threads back to the UI, which alone owns state."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from breakwell.domain.errors import BreakwellError
    from breakwell.domain.glance import Glance
    from breakwell.domain.status import Status
    from breakwell.services import Services


class ServicesBuilt(Message):
    """The services, built after the first frame so that it waits for no database code."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services


class ServicesFailed(Message):
    """The services could not be built (a journal that cannot be opened): said as one line
    once the app has closed, as every command says it."""

    def __init__(self, error: BreakwellError) -> None:
        super().__init__()
        self.error = error


class Waiting(Message):
    """The services' build has begun something long (an upgrade of the journal): said on the
    Now screen, so a launch that takes minutes says why."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line


class Glanced(Message):
    """What the Now screen shows, read while the services are still being built, with what
    the hosts file blocks right now."""

    def __init__(self, glance: Glance, blocked: tuple[str, ...]) -> None:
        super().__init__()
        self.glance = glance
        self.blocked = blocked


class NowShown(Message):
    """The Now screen has drawn its status, latest entries and commitments for the first time."""


class StatusLoaded(Message):
    """A fresh status read from the database, with what the hosts file blocks right now;
    `after_takeover` once enforcement was taken over here or left to a daemon."""

    def __init__(self, status: Status, blocked: tuple[str, ...], *, after_takeover: bool) -> None:
        super().__init__()
        self.status = status
        self.blocked = blocked
        self.after_takeover = after_takeover


class Settled(Message):
    """Due transitions are applied; with `sections`, every section reads again."""

    def __init__(self, *, sections: bool) -> None:
        super().__init__()
        self.sections = sections


class EngineNotice(Message):
    """Something the in-process engine wants to tell the person."""

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title, self.body = title, body


class EngineChanged(Message):
    """The in-process engine finished a pass; what the screens show may be stale."""


class TaskDone(Message):
    """A task finished in a worker; `apply` runs its follow-up on the UI thread."""

    def __init__(self, apply: Callable[[], None], *, changed: bool) -> None:
        super().__init__()
        self.apply = apply
        self.changed = changed


class TaskFailed(Message):
    """A task was refused: the one-line message the command line would print."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
