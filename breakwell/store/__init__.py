"""Persistence: tables, migrations, the full-text index and the queries over them.

Nothing here imports the TUI; services call these functions inside a unit of work. `Database`
is imported on first use, so a command that reads through `quick` never loads SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from breakwell.store.database import Database

__all__ = ["Database"]


def __getattr__(name: str) -> Any:
    if name == "Database":
        from breakwell.store.database import Database

        return Database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
