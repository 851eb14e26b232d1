"""Moving a journal to another database: SQLite into PostgreSQL for several devices, and back."""

from __future__ import annotations

from collections.abc import Callable

from breakwell.domain.clock import Clock
from breakwell.domain.errors import InvalidInput, RuleRefused
from breakwell.domain.values import frozen
from breakwell.store import Database
from breakwell.store.copy import (
    Progress,
    TargetHoldsRows,
    analyze,
    copy_all,
    row_counts,
    snapshot_options,
)
from breakwell.store.database import same_database, shown_url
from breakwell.store.dump import dump
from breakwell.store.transfer import Selection, merge

# What an import's merge counts, by the table holding it.
_MERGED_KINDS = {
    "breaks": "breaks",
    "entries": "entries",
    "plans": "plans",
    "commitments": "commitments",
    "commitment logs": "commitment_logs",
    "why lines": "people",
    "slips": "slips",
    "answers": "answers",
}


@frozen
class CopyReport:
    target: str  # where the journal went, without any password
    counts: dict[str, int]  # on a plain copy, rows per table; on a merge, rows added per kind
    merged: bool


def copy_database(
    source: Database,
    target_url: str,
    *,
    merge_into: bool,
    progress: Progress,
    clock: Clock,
    known: Callable[[str], bool],
) -> CopyReport:
    """Copy the whole journal into the database at `target_url`.

    An empty target gets every row as it is, ids and event log included. A target that holds
    a journal already is refused unless `merge_into`, which brings the journal in as an import
    would: what is already there stays, only what is new is added, and it must meet every
    rule an import's rows meet (`known` says which platforms this breakwell knows).
    """
    if not target_url.strip():
        raise InvalidInput("give the database to copy to, as a URL")
    if same_database(source.url, target_url):
        raise InvalidInput("the target is the database in use; give another one")
    target = Database(target_url)
    try:
        try:
            # The target first: a target that cannot be opened leaves the source untouched.
            writing = target.engine
            copied = copy_all(source.engine, writing, progress)
            return CopyReport(shown_url(target_url), copied.counts, merged=False)
        except TargetHoldsRows:
            if not merge_into:
                raise RuleRefused(
                    f"{shown_url(target_url)} already holds a journal; "
                    "add --merge to bring this one into it"
                ) from None
        return _merge(source, target, target_url, progress=progress, clock=clock, known=known)
    finally:
        target.close()


def _merge(
    source: Database,
    target: Database,
    target_url: str,
    *,
    progress: Progress,
    clock: Clock,
    known: Callable[[str], bool],
) -> CopyReport:
    from breakwell.services.document import read_dumped
    from breakwell.services.transfer import admit

    with source.read() as session:
        # One snapshot, so the rows counted are the rows dumped, whatever devices write.
        reading = session.connection(execution_options=snapshot_options(source.dialect))
        taken = dump(session, Selection(), progress)
        wanted = row_counts(reading)
    what = "the journal being merged"
    document = read_dumped(taken, what)
    now = clock.now()
    with target.write() as session:
        admit(session, document, now, known, what)
        merged = merge(session, document, progress)
        for kind, table in _MERGED_KINDS.items():
            found = merged.added.get(kind, 0) + merged.present.get(kind, 0)
            if found != wanted[table]:
                raise RuleRefused(
                    f"the merge does not add up, so nothing was kept: "
                    f"{table} {found} of {wanted[table]}"
                )
    analyze(target.engine)
    return CopyReport(shown_url(target_url), dict(merged.added), merged=True)
