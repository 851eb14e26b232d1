"""Asking the before and after questions on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

import click

from breakwell.domain.prompts import SCALE_MAX, SCALE_MIN, AnswerRefused, Prompt, PromptKind


def interactive() -> bool:
    """Questions are asked only when a person is at the keyboard."""
    return sys.stdin.isatty()


def _suffix(prompt: Prompt) -> str:
    if prompt.kind is PromptKind.SCALE:
        return f" ({SCALE_MIN}-{SCALE_MAX})"
    if prompt.kind is PromptKind.YES_NO:
        return " (y/n)"
    return ""


def ask_one(prompt: Prompt, beside: str | None = None) -> str:
    """Ask one question until the answer is valid; Enter skips it."""
    click.secho(prompt.text + _suffix(prompt), bold=True)
    if beside:
        click.secho(f"  before, you wrote: {beside}", fg="cyan")
    if prompt.hint:
        click.secho(f"  {prompt.hint}", dim=True)
    if prompt.kind is PromptKind.CHOICES:
        for number, choice in enumerate(prompt.choices, start=1):
            click.echo(f"  {number}. {choice}")

    def check(value: str) -> str:
        try:
            prompt.normalize(value)
        except AnswerRefused as error:
            # The question is on the screen just above: its internal key would only confuse.
            raise click.BadParameter(error.reason) from None
        return value

    answer: str = click.prompt(
        " ", default="", show_default=False, value_proc=check, prompt_suffix=""
    )
    return answer


def ask_all(prompts: Sequence[Prompt], beside: Mapping[str, str] | None = None) -> dict[str, str]:
    """Ask each question in turn; skipped ones are left out."""
    click.secho("Press Enter to skip any question.", dim=True)
    answers: dict[str, str] = {}
    for prompt in prompts:
        earlier = (beside or {}).get(prompt.pairs_with or "")
        value = ask_one(prompt, earlier)
        if value.strip():
            answers[prompt.key] = value
        click.echo()
    return answers
