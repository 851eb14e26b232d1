"""Time spans that may overlap (windows of several plans running at once), counted once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta


def union(spans: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """The spans joined where they overlap or touch, in order; empty spans are dropped."""
    joined: list[tuple[datetime, datetime]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def total(spans: Iterable[tuple[datetime, datetime]]) -> timedelta:
    """How much time the spans cover together: overlapping time counts once."""
    return sum((end - start for start, end in union(spans)), timedelta())
