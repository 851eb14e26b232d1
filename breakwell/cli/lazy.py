"""Commands known by name up front and imported on first use.

`breakwell --version` or one quick command should not import the modules of twenty others.
Click still parses everything: it finds a command through the group's `commands` mapping,
and this mapping imports a command's module only when the command itself is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping

import click


class LazyCommands(MutableMapping[str, click.Command]):
    def __init__(self, where: Mapping[str, str]) -> None:
        # name -> "module:attribute" until first asked for, then the command itself.
        self._entries: dict[str, click.Command | str] = dict(where)

    def __getitem__(self, name: str) -> click.Command:
        entry = self._entries[name]
        if isinstance(entry, str):
            module, _, attribute = entry.partition(":")
            entry = getattr(importlib.import_module(module), attribute)
            if not isinstance(entry, click.Command):
                raise TypeError(f"{module}:{attribute} is not a command")
            self._entries[name] = entry
        return entry

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._entries[name] = command

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        # Asking whether a name is known imports nothing.
        return name in self._entries
