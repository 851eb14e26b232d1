"""Persistence: tables, migrations, the full-text index and the queries over them.

Nothing here imports the TUI; services call these functions inside a unit of work.
"""

from breakwell.store.database import Database

__all__ = ["Database"]
