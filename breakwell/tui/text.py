"""Small pieces of wording shared by the screens."""

from __future__ import annotations

from collections.abc import Iterable

from breakwell.domain.platforms import Catalogue
from breakwell.domain.status import Status

PREVIEW = 120


def platform_names(ids: Iterable[str], catalogue: Catalogue) -> str:
    return ", ".join(catalogue.name_of(platform_id) for platform_id in ids)


def first_line(text: str, width: int = PREVIEW) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def link_text(status: Status | None) -> str:
    """What a note written now is linked to: the running break, or nothing."""
    active = status.active if status is not None else None
    if active is None:
        return "No break is running, so this is saved as a note."
    return f"An observation on {active.label}; #tags and @people are picked up."
