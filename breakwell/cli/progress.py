"""A progress bar on the terminal for long work, and silence everywhere else."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

import click

# Below this many rows the work is over before a bar could say anything.
SHOW_FROM = 2000


class TerminalProgress:
    """Called as progress(step, done, total); draws on standard error only when it is a
    terminal, so pipes, files and scripts get clean output."""

    def __init__(self, label: str, *, enabled: bool | None = None) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None
        self._step = ""

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled or total < SHOW_FROM:
            return
        if self._bar is None or step != self._step:
            self.close()
            self._step = step
            self._bar = click.progressbar(
                length=total, label=f"{self.label}: {step}", file=sys.stderr
            )
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
