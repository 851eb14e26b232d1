"""The scheduler's jobs: module-level functions that take only ids.

Jobs hold no state of their own; each asks the engine running in this process to bring
things in line with the database, which is the only truth. A job that fires late, or twice,
therefore does the right thing once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from breakwell.enforce.engine import Engine


class _Slot:
    engine: Engine | None = None


_slot = _Slot()


def install(engine: Engine) -> None:
    _slot.engine = engine


def uninstall(engine: Engine) -> None:
    if _slot.engine is engine:
        _slot.engine = None


def _current() -> Engine | None:
    return _slot.engine


def transition(break_id: int) -> None:
    """A break is due to start or end."""
    if (engine := _current()) is not None:
        engine.reconcile()


def check_in(break_id: int) -> None:
    if (engine := _current()) is not None:
        engine.check_in(break_id)


def materialize_plans() -> None:
    """A plan's next break comes within the horizon."""
    if (engine := _current()) is not None:
        engine.reconcile()


def new_period() -> None:
    """A commitment's day, week or month has turned over, or the weekly review is due."""
    if (engine := _current()) is not None:
        engine.reconcile()


def watch() -> None:
    """The short tick: changes from other processes, a tampered hosts file, open apps."""
    if (engine := _current()) is not None:
        engine.watch()
