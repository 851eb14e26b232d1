"""Describing moments to people: local time, relative to today."""

from __future__ import annotations

from datetime import datetime, tzinfo

from breakwell.domain.when import to_local


def describe_moment(
    moment: datetime, now: datetime, tz: tzinfo | None = None, *, seconds: bool = False
) -> str:
    """'today 21:30', 'tomorrow 09:00', 'Sun 24 Nov 09:00' or '24 Nov 2027 09:00'."""
    local, today = to_local(moment, tz), to_local(now, tz).date()
    clock = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"tomorrow {clock}"
    if days == -1:
        return f"yesterday {clock}"
    if local.year == today.year or abs(days) < 180:
        return local.strftime("%a %d %b ") + clock
    return local.strftime("%d %b %Y ") + clock


def iso_local(moment: datetime | None, tz: tzinfo | None = None) -> str | None:
    """ISO 8601 with the local offset, the form the JSON contract promises."""
    return None if moment is None else to_local(moment, tz).isoformat(timespec="seconds")
