"""The one read-only view of the settings that the app and the commands are given.

It answers what they show or act on (platforms, device, hosts file, the end policy, key
bindings, their own folders) and nothing else: no database URL, and nothing to change.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import EndPolicy
from breakwell.domain.platforms import Catalogue
from breakwell.settings import Settings


class Preferences:
    __slots__ = ("_settings",)

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def catalogue(self) -> Catalogue:
        return self._settings.catalogue

    @property
    def default_platforms(self) -> tuple[str, ...]:
        return self._settings.default_platforms

    @property
    def default_mode(self) -> Mode:
        return self._settings.config.breaks.default_mode

    @property
    def default_strictness(self) -> Strictness:
        return self._settings.config.breaks.default_strictness

    @property
    def device(self) -> str:
        return self._settings.device

    @property
    def hosts_file(self) -> Path:
        return self._settings.hosts_file

    @property
    def end_policy(self) -> EndPolicy:
        return self._settings.end_policy

    @property
    def keys(self) -> Mapping[str, str]:
        """The person's key bindings, by binding id."""
        return dict(self._settings.config.keys)

    @property
    def runtime_dir(self) -> Path:
        return self._settings.paths.runtime_dir

    @property
    def data_dir(self) -> Path:
        return self._settings.paths.data_dir

    @property
    def log_file(self) -> Path:
        return self._settings.paths.log_file
