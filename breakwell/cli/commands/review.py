"""Commands that look back: reflecting on ended breaks, history and one break in detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from breakwell.cli import ask
from breakwell.cli import quick_specs as specs
from breakwell.cli.answers import breaks as answers
from breakwell.cli.context import CliContext, current
from breakwell.cli.params import ID, NumberFriendlyCommand, from_spec
from breakwell.cli.render_breaks import break_summary
from breakwell.domain.break_detail import BreakDetail
from breakwell.domain.breaks import Break
from breakwell.domain.errors import InvalidInput
from breakwell.domain.prompts import Phase

if TYPE_CHECKING:
    from breakwell.services import Services


def _parse_pairs(pairs: tuple[str, ...]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"--answer takes KEY=VALUE, got '{pair}'")
        answers[key.strip()] = value
    return answers


def _targets(services: Services, break_id: int | None) -> list[Break]:
    if break_id is not None:
        # An unknown id is refused before anything is written.
        item = services.breaks.get(break_id)
        services.settle()
        return [item]
    services.settle()
    return list(reversed(services.reflections.awaiting()))


@click.command(cls=NumberFriendlyCommand)
@click.argument("break_id", type=ID, required=False, metavar="[ID]")
@click.option(
    "--answer", "-a", "pairs", multiple=True, metavar="KEY=VALUE", help="Answer without asking."
)
@click.option("--skip", is_flag=True, help="Mark the reflection done without answering.")
def reflect(break_id: int | None, pairs: tuple[str, ...], skip: bool) -> None:
    """Answer the after-questions of breaks that have ended."""
    cli = current()
    services = cli.services
    given = _parse_pairs(pairs)
    targets = _targets(services, break_id)
    if not targets:
        click.echo("Nothing to reflect on: every ended break has its reflection.")
        return
    if (given or skip) and len(targets) > 1:
        ids = ", ".join(f"#{b.id}" for b in targets)
        raise InvalidInput(f"several breaks await reflection ({ids}); name one")
    if not (given or skip) and not ask.interactive():
        raise InvalidInput("reflect asks questions on a terminal; pass --answer KEY=VALUE")
    for item in targets:
        assert item.id is not None
        answers = given
        if not (given or skip):
            answers = _ask_after(cli, services.breaks.detail(item.id))
        done = services.reflections.reflect(item.id, answers)
        click.echo(f"Reflection on break #{done.id} saved. Thank you for looking back.")


def _ask_after(cli: CliContext, detail: BreakDetail) -> dict[str, str]:
    services = cli.services
    now = services.clock.now()
    click.secho(break_summary(detail.item, now, cli.platform_name), bold=True)
    if detail.item.intention:
        click.echo(f"Your intention was: {detail.item.intention}")
    click.echo()
    before = {a.prompt_key: a.value for a in detail.answers_for(Phase.BEFORE)}
    return ask.ask_all(services.reflections.prompts(Phase.AFTER), beside=before)


@click.command()
@from_spec(specs.HISTORY)
def history(**values: Any) -> None:
    """List past and planned breaks, newest first."""
    answers.history(current(), **values)


@click.command(cls=NumberFriendlyCommand)
@from_spec(specs.SHOW)
def show(**values: Any) -> None:
    """Show one break with its answers and its entries in time order."""
    answers.show(current(), **values)
