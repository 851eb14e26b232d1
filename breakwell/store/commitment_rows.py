"""The plain-SQL reads of commitments and of when each was logged.

The ORM store (store/commitments.py) runs these on its session and the sqlite3 quick path
(store/quick_glance.py) on its own connection, so both read the same rows the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from breakwell.domain.commitments import Commitment, Period
from breakwell.store.moments import read_moment

if TYPE_CHECKING:
    from breakwell.store.entry_search import Run

_COLUMNS = "SELECT id, text, max_count, period, created_at, archived_at FROM commitments"
CURRENT = f"{_COLUMNS} WHERE archived_at IS NULL ORDER BY id"
EVERY = f"{_COLUMNS} ORDER BY id"


def read_commitments(run: Run, *, archived: bool = False) -> list[Commitment]:
    """Commitments oldest first; archived ones too when asked."""
    return [
        Commitment(
            id=row_id,
            text=text,
            max_count=max_count,
            period=Period(period),
            created_at=read_moment(created_at),
            archived_at=read_moment(archived_at) if archived_at is not None else None,
        )
        for row_id, text, max_count, period, created_at, archived_at in run(
            EVERY if archived else CURRENT, ()
        )
    ]


def log_times(
    run: Run,
    moment: Callable[[datetime], Any],
    ids: Sequence[int],
    since: datetime,
    until: datetime,
) -> dict[int, list[datetime]]:
    """When each commitment was logged in the window, oldest first."""
    found: dict[int, list[datetime]] = defaultdict(list)
    if not ids:
        return found
    marks = ", ".join("?" for _ in ids)
    statement = (
        "SELECT commitment_id, logged_at FROM commitment_logs "
        f"WHERE commitment_id IN ({marks}) AND logged_at >= ? AND logged_at < ? "
        "ORDER BY logged_at"
    )
    for commitment_id, logged_at in run(statement, (*ids, moment(since), moment(until))):
        found[commitment_id].append(read_moment(logged_at))
    return found
