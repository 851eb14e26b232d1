"""The choices a break is made with, apart from the state machine (domain/breaks.py).

Kept on their own so the config file can be read without loading the break rules: every
quick command reads the config, few need the rules.
"""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    UNPLUG = "unplug"
    WATCH = "watch"


class Strictness(StrEnum):
    GENTLE = "gentle"
    FIRM = "firm"
    LOCKED = "locked"
