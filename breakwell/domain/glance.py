"""What the app's Now screen shows, read in one go: the first thing a person opening the app
looks for, so it can be read before the rest of the app is ready."""

from __future__ import annotations

from typing import TYPE_CHECKING

from breakwell.domain.values import frozen

if TYPE_CHECKING:
    from collections.abc import Sequence

    from breakwell.domain.commitments import Standing
    from breakwell.domain.entries import Entry
    from breakwell.domain.status import Status


def first_time(latest: Sequence[Entry], any_break: bool) -> bool:
    """A journal with no break and no entry yet: the welcome says how to begin."""
    return not latest and not any_break


@frozen
class Glance:
    status: Status
    latest: tuple[Entry, ...]
    first_time: bool
    standings: tuple[Standing, ...]
