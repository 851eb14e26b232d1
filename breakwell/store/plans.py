"""Plans, their platforms, and the record of which occurrences have been turned into breaks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from breakwell.domain.breaks import BreakStatus
from breakwell.domain.errors import InvalidInput, NotFound
from breakwell.domain.events import EventKind
from breakwell.domain.plans import BrokenPlan, Plan, plan_from_fields
from breakwell.domain.values import replace
from breakwell.store.tables import BreakRow, EventRow, PlanPlatformRow, PlanRow, PlanRunRow


def _to_domain(row: PlanRow, platforms: tuple[str, ...]) -> Plan | BrokenPlan:
    assert row.id is not None
    try:
        return plan_from_fields(
            rule=row.rule,
            length_seconds=row.length_seconds,
            timezone=row.timezone,
            until=row.until,
            mode=row.mode,
            strictness=row.strictness,
            name=row.name,
            paused=row.paused,
            platforms=platforms,
            id=row.id,
            created_at=row.created_at,
        )
    except InvalidInput as problem:
        return BrokenPlan(row.id, row.name, row.rule, row.paused, str(problem))


def _hydrate(session: Session, rows: Sequence[PlanRow]) -> list[Plan | BrokenPlan]:
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
    return replace(plan, id=row.id, created_at=now, paused=row.paused)


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


def load_plan(session: Session, plan_id: int) -> Plan | BrokenPlan:
    return _hydrate(session, [_row(session, plan_id)])[0]


def get_plan(session: Session, plan_id: int) -> Plan:
    """A plan that can be used; a broken one is refused with its reason."""
    plan = load_plan(session, plan_id)
    if isinstance(plan, BrokenPlan):
        raise InvalidInput(f"{plan.label} cannot be used ({plan.reason}); remove it")
    return plan


def load_plans(session: Session) -> list[Plan | BrokenPlan]:
    """Every stored plan, oldest first; those that fail the plan rules come back broken."""
    return _hydrate(session, session.exec(select(PlanRow).order_by(col(PlanRow.id))).all())


def all_plans(session: Session) -> list[Plan]:
    """The plans that can be used; broken ones are left out (see `load_plans`)."""
    return [p for p in load_plans(session) if isinstance(p, Plan)]


def was_reported(session: Session, detail: str) -> bool:
    """Whether a skipped plan has been recorded already with this very reason."""
    query = select(EventRow.id).where(
        col(EventRow.kind) == EventKind.ROW_SKIPPED.value, col(EventRow.detail) == detail
    )
    return session.exec(query.limit(1)).first() is not None


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


def set_paused(session: Session, plan_id: int, paused: bool, now: datetime) -> Plan | BrokenPlan:
    row = _row(session, plan_id)
    row.paused, row.updated_at = paused, now
    session.add(row)
    session.flush()
    return load_plan(session, plan_id)


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
