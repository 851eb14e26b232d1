"""Plans, their platforms, and the record of which occurrences have been turned into breaks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from breakwell.domain.breaks import BreakStatus, Mode, Strictness
from breakwell.domain.errors import NotFound
from breakwell.domain.plans import Plan
from breakwell.domain.recurrence import Recurrence
from breakwell.store.tables import BreakRow, PlanPlatformRow, PlanRow, PlanRunRow


def _to_domain(row: PlanRow, platforms: tuple[str, ...]) -> Plan:
    return Plan(
        id=row.id,
        recurrence=Recurrence(
            row.rule,
            timedelta(seconds=row.length_seconds),
            time.fromisoformat(row.until) if row.until else None,
        ),
        platforms=platforms,
        mode=Mode(row.mode),
        strictness=Strictness(row.strictness),
        name=row.name,
        timezone=row.timezone,
        paused=row.paused,
        created_at=row.created_at,
    )


def _hydrate(session: Session, rows: Sequence[PlanRow]) -> list[Plan]:
    ids = [row.id for row in rows]
    platforms: dict[int, list[str]] = defaultdict(list)
    if ids:
        links = session.exec(
            select(PlanPlatformRow)
            .where(col(PlanPlatformRow.plan_id).in_(ids))
            .order_by(col(PlanPlatformRow.plan_id), col(PlanPlatformRow.position))
        )
        for link in links:
            platforms[link.plan_id].append(link.platform_id)
    return [_to_domain(row, tuple(platforms[row.id or 0])) for row in rows]


def add_plan(session: Session, plan: Plan, now: datetime) -> Plan:
    row = PlanRow(
        name=plan.name,
        rule=plan.recurrence.cron,
        length_seconds=int(plan.recurrence.length.total_seconds()),
        mode=plan.mode.value,
        strictness=plan.strictness.value,
        paused=plan.paused,
        timezone=plan.timezone,
        until=_until(plan),
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    _add_platforms(session, row.id, plan.platforms)
    session.flush()
    return _to_domain(row, plan.platforms)


def _until(plan: Plan) -> str | None:
    return plan.recurrence.until.strftime("%H:%M") if plan.recurrence.until else None


def _add_platforms(session: Session, plan_id: int, platforms: Sequence[str]) -> None:
    for position, platform_id in enumerate(platforms):
        session.add(PlanPlatformRow(plan_id=plan_id, platform_id=platform_id, position=position))


def _row(session: Session, plan_id: int) -> PlanRow:
    row = session.get(PlanRow, plan_id)
    if row is None:
        raise NotFound(f"there is no plan #{plan_id}")
    return row


def get_plan(session: Session, plan_id: int) -> Plan:
    return _hydrate(session, [_row(session, plan_id)])[0]


def all_plans(session: Session) -> list[Plan]:
    return _hydrate(session, session.exec(select(PlanRow).order_by(col(PlanRow.id))).all())


def update_plan(session: Session, plan_id: int, plan: Plan, now: datetime) -> Plan:
    """Replace a plan's rule, options and platforms; its zone, pause and birth stay."""
    row = _row(session, plan_id)
    row.name, row.rule, row.until = plan.name, plan.recurrence.cron, _until(plan)
    row.length_seconds = int(plan.recurrence.length.total_seconds())
    row.mode, row.strictness = plan.mode.value, plan.strictness.value
    row.updated_at = now
    session.add(row)
    session.execute(delete(PlanPlatformRow).where(col(PlanPlatformRow.plan_id) == plan_id))
    _add_platforms(session, plan_id, plan.platforms)
    session.flush()
    return get_plan(session, plan_id)


def set_paused(session: Session, plan_id: int, paused: bool, now: datetime) -> Plan:
    row = _row(session, plan_id)
    row.paused, row.updated_at = paused, now
    session.add(row)
    session.flush()
    return get_plan(session, plan_id)


def delete_plan(session: Session, plan_id: int) -> None:
    session.delete(_row(session, plan_id))
    session.flush()


def has_run(session: Session, plan_id: int, occurs_at: datetime) -> bool:
    return session.get(PlanRunRow, (plan_id, occurs_at)) is not None


def add_run(
    session: Session, plan_id: int, occurs_at: datetime, break_id: int | None, outcome: str
) -> None:
    session.add(
        PlanRunRow(plan_id=plan_id, occurs_at=occurs_at, break_id=break_id, outcome=outcome)
    )
    session.flush()


def drop_unstarted(session: Session, plan_id: int) -> list[int]:
    """Delete the planned breaks a plan made that have not started, and their run records,
    so pausing or removing a plan takes back what it scheduled and resuming can redo it."""
    ids = list(
        session.exec(
            select(BreakRow.id).where(
                col(BreakRow.plan_id) == plan_id,
                col(BreakRow.status) == BreakStatus.PLANNED.value,
            )
        )
    )
    if ids:
        session.execute(delete(PlanRunRow).where(col(PlanRunRow.break_id).in_(ids)))
        session.execute(delete(BreakRow).where(col(BreakRow.id).in_(ids)))
        session.flush()
    return [i for i in ids if i is not None]
