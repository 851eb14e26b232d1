"""Commands for recurring plans."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from breakwell.cli.context import current
from breakwell.cli.enforcer import keep_enforced
from breakwell.cli.params import ID, NumberFriendlyCommand, json_option
from breakwell.cli.render import emit_json
from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.recurrence import recurrence_from
from breakwell.domain.timefmt import describe_moment, iso_local

if TYPE_CHECKING:
    from breakwell.domain.plans import BrokenPlan
    from breakwell.services.plans import PlanView

STRICTNESS = click.Choice([s.value for s in Strictness])
MODE = click.Choice([m.value for m in Mode])


@click.group()
def plan() -> None:
    """Plan recurring breaks: every Sunday, weeknights, or a cron rule."""


@plan.command("add")
@click.option("--every", metavar="DAYS", help="day, weekday, weeknight, weekend, sunday, mon,wed.")
@click.option("--at", "at", metavar="TIME", help="When each break starts (with --for).")
@click.option("--for", "length", metavar="DURATION", help="How long each break lasts.")
@click.option("--from", "start", metavar="TIME", help="Start of a daily window (with --to).")
@click.option("--to", "end", metavar="TIME", help="End of the window; may be after midnight.")
@click.option("--cron", metavar="EXPR", help="A five-field cron expression (with --for).")
@click.option("--platform", "-p", "platforms", multiple=True, metavar="P", help="Platform.")
@click.option("--strictness", "-s", type=STRICTNESS, help="gentle, firm or locked.")
@click.option("--mode", "-m", type=MODE, help="unplug or watch.")
@click.option("--name", default="", help="A name for the plan, shown as each break's intention.")
@json_option
def add(
    *,
    every: str | None,
    at: str | None,
    length: str | None,
    start: str | None,
    end: str | None,
    cron: str | None,
    platforms: tuple[str, ...],
    strictness: str | None,
    mode: str | None,
    name: str,
    as_json: bool,
) -> None:
    """Add a plan that makes a break each time its rule comes round."""
    rule = recurrence_from(every=every, at=at, length=length, start=start, end=end, cron=cron)
    cli = current()
    stored = cli.services.plans.add(
        rule,
        platforms=platforms,
        mode=Mode(mode) if mode else None,
        strictness=Strictness(strictness) if strictness else None,
        name=name,
    )
    cli.services.settle()
    view = next(v for v in cli.services.plans.views() if v.plan.id == stored.id)
    if as_json:
        emit_json(_plan_json(view))
        keep_enforced(cli, f"plan #{stored.id}")
        return
    click.echo(f"Added plan #{stored.id}: {stored.recurrence.describe()}.")
    if view.upcoming:
        click.echo(f"Its first break: {describe_moment(view.upcoming[0], cli.clock.now())}.")
    for note in view.notes:
        click.echo(note)
    keep_enforced(cli, f"plan #{stored.id}")


@plan.command("list")
@json_option
def list_plans(*, as_json: bool) -> None:
    """List plans with their next breaks."""
    cli = current()
    cli.services.settle()
    views = cli.services.plans.views()
    broken = cli.services.plans.broken()
    if as_json:
        emit_json([_plan_json(v) for v in views] + [_broken_json(b) for b in broken])
        return
    if not views and not broken:
        click.echo(
            "No plans yet. Add one with: breakwell plan add --every sunday --at 09:00 --for 24h"
        )
        return
    now = cli.clock.now()
    for view in views:
        item = view.plan
        state = "paused" if item.paused else "active"
        title = f" {item.name}:" if item.name else ""
        click.echo(f"#{item.id}{title} {item.recurrence.describe()} ({state}, {item.strictness})")
        click.echo(f"    platforms: {', '.join(item.platforms)}")
        if view.upcoming:
            nexts = ", ".join(describe_moment(t, now) for t in view.upcoming)
            click.echo(f"    next: {nexts}")
        for note in view.notes:
            click.echo(f"    {note}")
    for bad in broken:
        title = f" {bad.name}:" if bad.name else ""
        click.echo(f"#{bad.id}{title} broken, makes no breaks: {bad.reason}")
        click.echo(f"    remove it with: breakwell plan remove {bad.id}")


@plan.command("pause", cls=NumberFriendlyCommand)
@click.argument("plan_id", type=ID, metavar="ID")
def pause(*, plan_id: int) -> None:
    """Pause a plan; breaks it scheduled that have not started are taken back.

    A broken plan (one `plan list` shows as broken) can be paused or removed.
    """
    item = current().services.plans.pause(plan_id)
    click.echo(f"Plan #{item.id} paused.")


@plan.command("resume", cls=NumberFriendlyCommand)
@click.argument("plan_id", type=ID, metavar="ID")
def resume(*, plan_id: int) -> None:
    """Resume a paused plan."""
    cli = current()
    item = cli.services.plans.resume(plan_id)
    click.echo(f"Plan #{item.id} resumed.")
    keep_enforced(cli, f"plan #{item.id}")


@plan.command("remove", cls=NumberFriendlyCommand)
@click.argument("plan_id", type=ID, metavar="ID")
def remove(*, plan_id: int) -> None:
    """Remove a plan; its past breaks stay in your history."""
    item = current().services.plans.remove(plan_id)
    click.echo(f"Plan #{item.id} removed.")


def _plan_json(view: PlanView) -> dict[str, Any]:
    item = view.plan
    return {
        "id": item.id,
        "name": item.name or None,
        "rule": item.recurrence.cron,
        "description": item.recurrence.describe(),
        "length_seconds": int(item.recurrence.length.total_seconds()),
        "platforms": list(item.platforms),
        "mode": item.mode.value,
        "strictness": item.strictness.value,
        "paused": item.paused,
        "timezone": item.timezone,
        "next": [iso_local(t) for t in view.upcoming],
        "meets": list(view.notes),
        "broken": None,
    }


def _broken_json(item: BrokenPlan) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name or None,
        "rule": item.rule,
        "paused": item.paused,
        "next": [],
        "meets": [],
        "broken": item.reason,
    }
