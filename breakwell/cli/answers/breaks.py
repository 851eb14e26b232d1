"""What `history`, `status` and `show` do, apart from how their command line is read.

click's commands (cli/commands/review.py, breaks.py) and the front (cli/front.py) both call
these, so a command answers alike whichever read its arguments. Nothing here loads click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from breakwell.cli.output import say
from breakwell.cli.render import emit_json
from breakwell.cli.render_breaks import break_json

if TYPE_CHECKING:
    from breakwell.cli.context import CliContext
    from breakwell.domain.break_detail import BreakDetail


def history(cli: CliContext, *, limit: int, as_json: bool) -> None:
    from breakwell.cli.render_breaks import history_lines
    from breakwell.store import quick_journal

    now = cli.clock.now()
    items = quick_journal.history(cli.settings.database_url, now, limit)
    if items is None:
        cli.services.settle()
        items = cli.services.breaks.history(limit)
        now = cli.clock.now()
    if as_json:
        emit_json([break_json(item, now) for item in items])
        return
    if not items:
        say("No breaks yet. Start one with: breakwell start 2h")
        return
    for line in history_lines(items, now):
        say(line)


def status(cli: CliContext, *, as_json: bool) -> None:
    from breakwell.cli.enforcer import enforcer_pid, warn_if_block_left
    from breakwell.cli.render_breaks import (
        block_state_json,
        break_summary,
        left_block_json,
    )
    from breakwell.domain.blocking import no_companion_sentence
    from breakwell.domain.break_kinds import Mode
    from breakwell.enforce.probe import MachineProbe
    from breakwell.store import quick_status

    settings = cli.settings
    look = MachineProbe(settings)
    view = quick_status.status(
        settings.database_url,
        cli.clock.now(),
        device=settings.device,
        look=look,
        catalogue=settings.catalogue,
        hosts_file=settings.hosts_file,
    )
    if view is None:
        cli.services.settle()
        view = cli.services.breaks.status(look)
    enforced = enforcer_pid(cli) is not None
    warn_if_block_left(cli, view.active is not None, enforced)
    # A watch break blocks no sites, so whether sites are blocked is asked of unplug breaks
    # only, and whether posting is refused of watch breaks only.
    unplugged = {b.id for b in view.running if b.mode is Mode.UNPLUG}
    site_states = [s for s in view.blocking if s.break_id in unplugged]
    watching = any(b.mode is Mode.WATCH for b in view.running)
    if as_json:
        emit_json(
            {
                "now": view.now.astimezone().isoformat(timespec="seconds"),
                "enforced": enforced,
                "break": break_json(view.active, view.now) if view.active else None,
                "running": [b.id for b in view.running],
                "blocked": all(s.blocked for s in site_states) if site_states else None,
                "blocking": [block_state_json(s) for s in view.blocking],
                "block_left": left_block_json(view.left),
                "posting_open": list(view.posting_open),
                "posting_blocked": not view.posting_open if watching else None,
                "upcoming": [break_json(b, view.now) for b in view.upcoming],
                "awaiting_reflection": [b.id for b in view.awaiting_reflection],
            }
        )
        return
    if view.active:
        for item in view.running:
            say(break_summary(item, view.now, cli.platform_name))
            if item.intention:
                say(f"  Intention: {item.intention}")
    else:
        say("No break is running. Start one with: breakwell start 2h")
    for item in view.upcoming:
        say(f"Next: {break_summary(item, view.now, cli.platform_name)}")
    for note in view.notes:
        say(f"  {note}")
    if view.active and not enforced:
        sites = " or block sites" if unplugged else ""
        say(f"  Not enforced: nothing is running to end it on time{sites}.")
    for state in view.not_blocked():
        say(f"  {state.sentence()}")
    if view.posting_open:
        say(f"  {no_companion_sentence()}")
    if view.left is not None:
        say(f"  Note: {view.left}.")
    waiting = view.awaiting_reflection
    if waiting:
        ids = ", ".join(f"#{b.id}" for b in waiting)
        say(f"Waiting for your reflection: {ids}. Run: breakwell reflect")


def show(cli: CliContext, *, break_id: int, as_json: bool) -> None:
    from breakwell.cli.render import answer_json, entry_block, entry_json
    from breakwell.cli.render_breaks import break_summary
    from breakwell.domain.prompts import Phase
    from breakwell.store import quick_journal

    now = cli.clock.now()
    detail = quick_journal.detail(cli.settings.database_url, now, break_id)
    if detail is None:
        services = cli.services
        # An unknown id is refused before anything is written.
        services.breaks.get(break_id)
        services.settle()
        detail = services.breaks.detail(break_id)
        now = cli.clock.now()
    if as_json:
        emit_json(
            {
                "break": break_json(detail.item, now),
                "answers": {
                    phase.value: [answer_json(a) for a in detail.answers_for(phase)]
                    for phase in Phase
                },
                "entries": [entry_json(e) for e in detail.entries],
                "slips": detail.slips,
            }
        )
        return
    item = detail.item
    say(break_summary(item, now, cli.platform_name), bold=True)
    if item.intention:
        say(f"Intention: {item.intention}")
    if item.end_reason:
        say(f"Ended early because: {item.end_reason}")
    if detail.slips:
        say(f"Slips: {detail.slips}")
    _print_answers(detail)
    if detail.entries:
        say(f"\nEntries ({len(detail.entries)})", bold=True)
        say("\n\n".join(entry_block(e, now) for e in detail.entries))


def _print_answers(detail: BreakDetail) -> None:
    from breakwell.domain.prompts import DEFAULT_PROMPTS, Phase

    before = {a.prompt_key: a for a in detail.answers_for(Phase.BEFORE)}
    after = detail.answers_for(Phase.AFTER)
    if before:
        say("\nBefore", bold=True)
        for item in before.values():
            say(f"  {item.question}\n    {item.value}")
    if after:
        pairs = {p.key: p.pairs_with for p in DEFAULT_PROMPTS if p.pairs_with}
        say("\nAfter", bold=True)
        for item in after:
            say(f"  {item.question}\n    {item.value}")
            earlier = before.get(pairs.get(item.prompt_key) or "")
            if earlier:
                say(f"    (before: {earlier.value})", fg="cyan")
