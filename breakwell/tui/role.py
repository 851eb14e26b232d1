"""Who keeps breaks on time, apart from the enforcing code: the app's first frame shows it."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who keeps breaks on time, as the app's top bar says it: in plain words, short enough
    to fit beside the sections at 80 columns (the Now screen says the rest)."""

    ENFORCING = "breaks kept here"
    WATCHING = "kept in background"
    OFF = "breaks not kept"
