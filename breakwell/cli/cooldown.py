"""Waiting out a firm break's cool-down: a countdown on a terminal, one plain line elsewhere."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timedelta

import click

from breakwell.domain.clock import Clock
from breakwell.domain.durations import format_duration
from breakwell.domain.errors import RuleRefused

# Ticks this short keep the countdown honest and Ctrl-C prompt; a pipe needs no redraws.
TICK = 1.0


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def wait_until(moment: datetime, clock: Clock, sleep: Callable[[float], None]) -> None:
    """Return once `clock` reaches `moment`; Ctrl-C is a refusal that keeps the break.

    Everything goes to stderr, so `stop --wait --json` leaves stdout pure JSON.
    """
    left = moment - clock.now()
    if left <= timedelta(0):
        return
    terminal = stderr_is_terminal()
    if terminal:
        click.echo("Cooling down. Take a breath; press Ctrl-C to stay on your break.", err=True)
    else:
        ready = moment.astimezone().strftime("%H:%M:%S")
        click.echo(
            f"Cooling down for {format_duration(left)}, until {ready}; "
            "interrupt to stay on your break.",
            err=True,
        )
    try:
        while (left := moment - clock.now()) > timedelta(0):
            if terminal:
                click.echo(f"\r  {format_duration(left):>8} left ", nl=False, err=True)
            sleep(min(TICK, left.total_seconds()))
    except KeyboardInterrupt:
        if terminal:
            click.echo(err=True)
        raise RuleRefused("still on your break; the end request lapses if not confirmed") from None
    if terminal:
        click.echo("\r  cool-down over  ", err=True)
