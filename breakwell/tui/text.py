"""Small pieces of wording shared by the screens."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.markup import escape as escape_rich
from textual.content import Content

if TYPE_CHECKING:
    from breakwell.domain.platforms import Catalogue
    from breakwell.domain.status import Status

PREVIEW = 120


def platform_names(ids: Iterable[str], catalogue: Catalogue) -> str:
    return ", ".join(catalogue.name_of(platform_id) for platform_id in ids)


def platform_summary(ids: Sequence[str], catalogue: Catalogue, width: int) -> str:
    """The platforms in at most `width` characters: every one by name if they fit, else as
    many as fit and how many more; every known platform is "all N"."""
    every = [p.id for p in catalogue.all()]
    if len(ids) > 1 and set(ids) == set(every):
        return f"all {len(every)}"
    names = [catalogue.name_of(i) for i in ids]
    whole = ", ".join(names)
    if len(whole) <= width:
        return whole
    for shown in range(len(names) - 1, 0, -1):
        text = f"{', '.join(names[:shown])} +{len(names) - shown} more"
        if len(text) <= width:
            return text
    return f"{len(names)} platforms"


def plain(text: str) -> Content:
    """Words a person wrote, shown as written: Label, Static and Option read a str as markup,
    so `[/]` would crash the app and `[x] done` would lose its `[x]`."""
    return Content(text)


def cell(text: str) -> str:
    """A DataTable cell shown as written: the table reads a str cell as Rich markup. Escaped
    rather than made Text, so a cell stays a str for whoever reads the table back."""
    return escape_rich(text)


def first_line(text: str, width: int = PREVIEW) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def link_text(status: Status | None) -> str:
    """What a note written now is linked to: the running break, or nothing."""
    active = status.active if status is not None else None
    if active is None:
        return "No break is running, so this is saved as a note."
    return f"An observation on {active.label}; #tags and @people are picked up."
