"""Copying a whole database into another, row for row, on any pair of dialects.

Rows keep their ids, so every link between them (an entry's break, a device's place in the
event log) holds in the copy. The source is read in one snapshot and the target written in
one transaction that commits only once every table's row count matches the source's: a copy
that fails, or does not add up, leaves the target as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from breakwell.domain.errors import RuleRefused, StoreUnavailable
from breakwell.domain.values import frozen
from breakwell.store.database import WRITE_OPTION
from breakwell.store.postgresql import advance_sequences
from breakwell.store.tables import METADATA

Progress = Callable[[str, int, int], None]
BATCH = 2000


class TargetHoldsRows(RuleRefused):
    """The target already holds rows; nothing was copied."""


@frozen
class Copied:
    counts: dict[str, int]  # rows per table, the same in source and target

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def tables() -> list[Table]:
    """Every table, each after the tables it refers to."""
    return list(METADATA.sorted_tables)


def row_counts(connection: Connection) -> dict[str, int]:
    return {
        table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table in tables()
    }


def snapshot_options(dialect: str) -> dict[str, Any]:
    """A read of a whole database as of one moment, whatever is written to it meanwhile.
    (SQLite's read transactions are that already.)"""
    return {"isolation_level": "REPEATABLE READ"} if dialect == "postgresql" else {}


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    options = snapshot_options(engine.dialect.name)
    with engine.connect().execution_options(**options) as connection, connection.begin():
        yield connection


def copy_all(source: Engine, target: Engine, progress: Progress) -> Copied:
    """Copy every row of `source` into `target`, which must hold no rows at all."""
    try:
        return _copy_all(source, target, progress)
    except IntegrityError:
        raise RuleRefused(
            "something else wrote to the target while copying (an enforcer using it?); "
            "nothing was kept"
        ) from None
    except OperationalError as error:
        detail = str(error.orig or error).strip().splitlines()[0]
        raise StoreUnavailable(f"the copy stopped, so nothing was kept: {detail}") from None


def _copy_all(source: Engine, target: Engine, progress: Progress) -> Copied:
    # The target is written as every unit of work is: one writer at a time.
    writer = target.execution_options(**{WRITE_OPTION: True})
    with _snapshot(source) as reading, writer.begin() as writing:
        found = row_counts(writing)
        if any(found.values()):
            held = ", ".join(f"{count} {name}" for name, count in found.items() if count)
            raise TargetHoldsRows(f"the target database is not empty ({held})")
        counts = row_counts(reading)
        for table in tables():
            _copy_table(reading, writing, table, counts[table.name], progress)
        advance_sequences(writing, tables())
        _verify(counts, row_counts(writing))
    analyze(target)
    return Copied(counts)


def analyze(engine: Engine) -> None:
    """PostgreSQL plans from statistics it gathers only some time after a bulk load; until
    then its guesses make searches slow, so gather them now."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()


def _verify(wanted: dict[str, int], copied: dict[str, int]) -> None:
    wrong = [f"{name} {copied[name]} of {n}" for name, n in wanted.items() if copied[name] != n]
    if wrong:
        raise RuleRefused(f"the copy does not add up, so nothing was kept: {', '.join(wrong)}")


def _copy_table(
    reading: Connection, writing: Connection, table: Table, total: int, progress: Progress
) -> None:
    done = 0
    progress(table.name, done, total)
    order = list(table.primary_key.columns)
    rows = reading.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    for batch in rows.partitions():
        values: Sequence[dict[str, Any]] = [row._asdict() for row in batch]
        writing.execute(table.insert(), values)
        done += len(values)
        progress(table.name, done, total)
