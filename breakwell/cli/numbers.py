"""Whole numbers as the command line reads them, one rule for click and the quick front."""

from __future__ import annotations

import re

_WHOLE = re.compile(r"[0-9]+")
# Ids are SQLite integers: anything larger could not name a row and would overflow the driver.
MAX_ID = 2**63 - 1
MAX_LISTED = 1000


def whole_number(value: object) -> int | None:
    """The number a value spells in plain digits (spaces around allowed), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    return int(text) if _WHOLE.fullmatch(text) else None
