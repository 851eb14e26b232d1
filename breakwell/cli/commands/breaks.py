"""Commands that start, change and end breaks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from breakwell.cli import quick_specs as specs
from breakwell.cli.answers import breaks as answers
from breakwell.cli.context import current
from breakwell.cli.enforcer import (
    keep_enforced,
    keep_enforced_if_needed,
    warn_if_block_left,
)
from breakwell.cli.params import ID, NumberFriendlyCommand, from_spec, json_option
from breakwell.cli.render import emit_json
from breakwell.cli.render_breaks import (
    break_json,
    break_summary,
)
from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.durations import format_duration, parse_duration
from breakwell.domain.errors import ReasonRequired, RuleRefused
from breakwell.domain.timefmt import iso_local
from breakwell.domain.values import replace

STRICTNESS = click.Choice([s.value for s in Strictness])
MODE = click.Choice([m.value for m in Mode])


@click.command(cls=NumberFriendlyCommand)
@click.argument("duration")
@click.option("--at", "when", metavar="WHEN", help="Start later: 21:00, 'tomorrow 09:00', ISO.")
@click.option(
    "--platform", "-p", "platforms", multiple=True, metavar="P", help="Platform to leave."
)
@click.option("--strictness", "-s", type=STRICTNESS, help="gentle, firm or locked.")
@click.option("--mode", "-m", type=MODE, help="unplug (no use) or watch (read-only).")
@click.option("--intention", "-i", metavar="TEXT", help="What you want from this break.")
@click.option("--no-prompts", is_flag=True, help="Skip the before-questions.")
@json_option
def start(
    *,
    duration: str,
    when: str | None,
    platforms: tuple[str, ...],
    strictness: str | None,
    mode: str | None,
    intention: str | None,
    no_prompts: bool,
    as_json: bool,
) -> None:
    """Start a break now, or plan one with --at."""
    # What only starting needs is loaded here, so `status` in this module does not pay for it.
    from breakwell.cli import ask
    from breakwell.domain.prompts import INTENTION_PROMPT, Phase
    from breakwell.domain.requests import parse_break_request

    cli = current()
    request = parse_break_request(
        cli.clock.now(),
        length=duration,
        at=when,
        platforms=platforms or None,
        mode=mode,
        strictness=strictness,
        intention=intention or "",
    )
    breaks = cli.services.breaks
    proposal = breaks.propose(request)
    breaks.check_can_start(proposal)
    answers: dict[str, str] = {}
    if ask.interactive() and not no_prompts and not as_json:
        if intention is None:
            request = replace(request, intention=ask.ask_one(INTENTION_PROMPT))
            click.echo()
        answers = ask.ask_all(cli.services.reflections.prompts(Phase.BEFORE))
        proposal = breaks.propose(request.after_questions(cli.clock.now()))
    stored = breaks.start(proposal, answers)
    if as_json:
        emit_json(break_json(stored, cli.clock.now()))
        keep_enforced(cli, f"break #{stored.id}")
        return
    verb = "Started" if stored.status is BreakStatus.ACTIVE else "Planned"
    click.echo(f"{verb}. {break_summary(stored, cli.clock.now(), cli.platform_name)}")
    if stored.intention:
        click.echo(f"Intention: {stored.intention}")
    if stored.status is BreakStatus.ACTIVE:
        click.echo('Jot what you notice with: breakwell note "..."')
    keep_enforced(cli, f"break #{stored.id}")


@click.command()
@from_spec(specs.STATUS)
def status(**values: Any) -> None:
    """Show the running break, the next ones and reflections waiting."""
    answers.status(current(), **values)


@click.command(cls=NumberFriendlyCommand)
@click.argument("duration")
@click.option("--break", "break_id", type=ID, metavar="ID", help="A planned break to extend.")
@json_option
def extend(duration: str, break_id: int | None, as_json: bool) -> None:
    """Make the running break longer; allowed even when it is locked.

    With --break, extend a planned break instead.
    """
    by = parse_duration(duration)
    cli = current()
    item = cli.services.breaks.extend(by, break_id)
    now = cli.clock.now()
    if as_json:
        emit_json(break_json(item, now))
    else:
        summary = break_summary(item, now, cli.platform_name)
        click.echo(f"Extended by {format_duration(by)}. {summary}")
    keep_enforced(cli, f"break #{item.id}")


@click.command()
@click.option("--reason", "-r", metavar="TEXT", help="Why you are ending early (firm breaks).")
@click.option(
    "--wait", is_flag=True, help="Wait out a firm break's cool-down (new or running), then end it."
)
@json_option
def stop(reason: str | None, wait: bool, as_json: bool) -> None:
    """End the running break early, as its strictness allows."""
    from breakwell.cli import ask
    from breakwell.cli.cooldown import wait_until

    cli = current()
    breaks = cli.services.breaks
    try:
        # A cool-down an earlier `stop` started is waited out, not refused again.
        running = breaks.cooling_down()
        outcome = running or breaks.stop(reason)
    except RuleRefused as refusal:
        if as_json:
            # Standard output is JSON whatever happens: the break as it stands, or null.
            cli.services.settle()
            active = breaks.status().active
            emit_json(_stop_json(active, cli.clock.now(), None) if active else None)
        if isinstance(refusal, ReasonRequired):
            raise ReasonRequired(f"{refusal}: give one with --reason TEXT") from None
        raise
    if not outcome.ended and outcome.ready_at is not None:
        item, ready_at = outcome.item, outcome.ready_at
        pending = _stop_json(item, cli.clock.now(), ready_at)
        if not (wait or (ask.interactive() and not as_json)):
            if as_json:
                # Lets a script tell "cooling down" from a refusal: both exit 1.
                emit_json(pending)
            raise RuleRefused(
                _cooling_down(item, ready_at, cli.clock.now(), again=running is not None)
            )
        try:
            wait_until(ready_at, cli.clock, cli.sleep)
        except RuleRefused:
            if as_json:
                emit_json(pending)
            raise
        outcome = breaks.stop(break_id=item.id)
    now = cli.clock.now()
    if as_json:
        emit_json(_stop_json(outcome.item, now, None))
        keep_enforced_if_needed(cli)
        return
    item = outcome.item
    lasted = format_duration((item.ended_at or now) - (item.started_at or item.starts_at))
    click.echo(f"Break #{item.id} ended early after {lasted}.")
    click.echo(f"Your reflection is waiting: breakwell reflect {item.id}")
    warn_if_block_left(cli, break_running=False, enforced=keep_enforced_if_needed(cli))


def _stop_json(item: Break, now: datetime, ready_at: datetime | None) -> dict[str, object]:
    return {**break_json(item, now), "end_ready_at": iso_local(ready_at)}


def _cooling_down(item: Break, ready_at: datetime, now: datetime, *, again: bool) -> str:
    wait_for = format_duration(ready_at - now)
    if again:
        return (
            f"{item.label} is cooling down: it can end in {wait_for}; wait it out with: "
            "breakwell stop --wait"
        )
    ready = ready_at.astimezone().strftime("%H:%M:%S")
    return (
        f"{item.label} is firm: the cool-down has started; run breakwell stop again in "
        f"{wait_for} (from {ready}) to end it"
    )


@click.command(cls=NumberFriendlyCommand)
@click.argument("break_id", type=ID, metavar="ID")
@json_option
def cancel(break_id: int, as_json: bool) -> None:
    """Call off a planned break before it starts."""
    cli = current()
    item = cli.services.breaks.cancel(break_id)
    if as_json:
        emit_json(break_json(item, cli.clock.now()))
        return
    click.echo(f"Break #{item.id} cancelled.")
