"""What every command shares: settings and services, each built at most once, on demand."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from breakwell.domain.clock import Clock, SystemClock

if TYPE_CHECKING:
    from breakwell.services import Services
    from breakwell.settings import Settings


class CliContext:
    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        clock: Clock | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self._env = env
        self.clock: Clock = clock or SystemClock()
        # How a command waits (a cool-down): a test passes one that moves its fake clock.
        self.sleep: Callable[[float], None] = sleep or time.sleep
        # Who hears of a long upgrade of the journal as it begins: the person at the terminal,
        # or the app, which owns the terminal while it runs.
        self.announce: Callable[[str], None] = _to_stderr

    @cached_property
    def settings(self) -> Settings:
        from breakwell.settings import load_settings

        return load_settings(os.environ if self._env is None else self._env)

    @cached_property
    def services(self) -> Services:
        from breakwell.services import build_services

        return build_services(self.settings, self.clock, announce=self.announce)

    def platform_name(self, platform_id: str) -> str:
        return self.settings.catalogue.name_of(platform_id)

    def close(self) -> None:
        if "services" in self.__dict__:
            self.services.close()


def _to_stderr(line: str) -> None:
    """A line for the person waiting, kept off standard output, which scripts read."""
    print(line, file=sys.stderr, flush=True)


def current() -> CliContext:
    """The CliContext of the running command."""
    import click  # the quick front makes its own CliContext and never loads click

    return click.get_current_context().ensure_object(CliContext)
