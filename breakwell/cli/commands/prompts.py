"""Commands for the questions asked before and after a break: the person's own list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from breakwell.cli.context import current
from breakwell.cli.params import NumberFriendlyCommand, json_option
from breakwell.cli.render import emit_json
from breakwell.domain.errors import InvalidInput
from breakwell.domain.prompts import Phase
from breakwell.domain.questions import KIND_WORDS, KINDS_SAID

if TYPE_CHECKING:
    from breakwell.domain.questions import Question


def question_json(question: Question, position: int | None) -> dict[str, Any]:
    prompt = question.prompt
    return {
        "key": prompt.key,
        "phase": prompt.phase.value,
        "kind": prompt.kind.value,
        "text": prompt.text,
        "hint": prompt.hint,
        "choices": list(prompt.choices),
        "position": position,
        "active": question.active,
        "built_in": question.built_in,
    }


def _numbered(items: list[Question]) -> list[tuple[Question, int | None]]:
    out: list[tuple[Question, int | None]] = []
    for phase in Phase:
        asked = [q for q in items if q.phase is phase and q.active]
        out.extend((q, n) for n, q in enumerate(asked, start=1))
        out.extend((q, None) for q in items if q.phase is phase and not q.active)
    return out


def _describe(question: Question) -> str:
    prompt = question.prompt
    kind = KIND_WORDS[prompt.kind]
    if prompt.choices:
        kind = f"{kind}: {', '.join(prompt.choices)}"
    return f"{prompt.text} ({kind})"


@click.group()
def prompts() -> None:
    """The questions asked before a break starts and after it ends."""


@prompts.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also the retired questions.")
@json_option
def list_(show_all: bool, as_json: bool) -> None:
    """List the questions in the order they are asked."""
    numbered = [
        (q, n) for q, n in _numbered(current().services.prompts.all()) if show_all or q.active
    ]
    if as_json:
        emit_json([question_json(q, n) for q, n in numbered])
        return
    width = max((len(q.key) for q, _ in numbered), default=0)
    for phase in Phase:
        click.secho(f"{phase.value.capitalize()} a break", bold=True)
        shown = [(q, n) for q, n in numbered if q.phase is phase]
        if not shown:
            click.echo("  (none asked)")
        for question, n in shown:
            place = f"{n:>2}." if n is not None else "  -"
            retired = "" if question.active else "  [retired]"
            click.echo(f"  {place} {question.key:<{width}}  {_describe(question)}{retired}")
    click.echo("\nThe intention is asked first before every break.")


# Each takes TEXT or a POSITION that may start with a minus sign ("-1", "-3 followers?"):
# read as what it is, and refused as such, never as an unknown option.
@prompts.command("add", cls=NumberFriendlyCommand)
@click.argument("text")
@click.option("--before", is_flag=True, help="Ask before a break.")
@click.option("--after", is_flag=True, help="Ask after a break.")
@click.option("--kind", "-k", default="text", show_default=True, help=f"One of: {KINDS_SAID}.")
@click.option("--choice", "-c", "choices", multiple=True, metavar="C", help="A choice (2 or more).")
@click.option("--hint", default="", help="A line shown under the question.")
@click.option("--key", default=None, help="Its key for --answer KEY=VALUE (default: from TEXT).")
@json_option
def add(
    *,
    text: str,
    before: bool,
    after: bool,
    kind: str,
    choices: tuple[str, ...],
    hint: str,
    key: str | None,
    as_json: bool,
) -> None:
    """Add a question of your own, asked last in its phase."""
    if before and after:
        raise InvalidInput("give --before or --after, not both")
    if not before and not after:
        raise InvalidInput("say when to ask it: --before or --after")
    phase = Phase.BEFORE if before else Phase.AFTER
    service = current().services.prompts
    made = service.add(phase, kind, text, hint=hint, choices=choices, key=key)
    position = _position(service.all(), made.key)
    if as_json:
        emit_json(question_json(made, position))
        return
    click.echo(
        f"Added '{made.key}' as question {position} {phase.value} a break: {_describe(made)}"
    )


@prompts.command("word", cls=NumberFriendlyCommand)
@click.argument("key")
@click.argument("text")
@click.option("--hint", default=None, help="A new line shown under it.")
def word(key: str, text: str, hint: str | None) -> None:
    """Word question KEY anew; past answers keep the words they were asked with."""
    done = current().services.prompts.reword(key, text, hint)
    click.echo(f"Reworded '{done.key}': {done.prompt.text}")


@prompts.command("move", cls=NumberFriendlyCommand)
@click.argument("key")
@click.argument("position")
def move(key: str, position: str) -> None:
    """Move question KEY to POSITION (1 is asked first), or up, down, first or last."""
    service = current().services.prompts
    done = service.move(key, position)
    n = _position(service.all(), done.key)
    click.echo(f"Moved '{done.key}' to question {n} {done.phase.value} a break.")


@prompts.command("retire", cls=NumberFriendlyCommand)
@click.argument("key")
def retire(key: str) -> None:
    """Stop asking question KEY; its past answers stay in reviews and exports."""
    done = current().services.prompts.retire(key)
    click.echo(f"Retired '{done.key}': no longer asked; past answers stay.")


@prompts.command("restore", cls=NumberFriendlyCommand)
@click.argument("key")
def restore(key: str) -> None:
    """Ask a retired question KEY again, last in its phase."""
    service = current().services.prompts
    done = service.restore(key)
    n = _position(service.all(), done.key)
    click.echo(f"Restored '{done.key}' as question {n} {done.phase.value} a break.")


def _position(items: list[Question], key: str) -> int | None:
    return next((n for q, n in _numbered(items) if q.key == key), None)
