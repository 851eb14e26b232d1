"""Plain-text bar charts: they read the same in any terminal, theme or screenshot."""

from __future__ import annotations

from collections.abc import Sequence

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, largest: float, width: int) -> str:
    """A bar `width` cells long at `largest`, drawn to an eighth of a cell."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    full, rest = divmod(max(eighths, 1), 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def bar_rows(rows: Sequence[tuple[str, float, str]], width: int = 30) -> str:
    """Label, value and caption per row, labels aligned, bars scaled to the largest value."""
    if not rows:
        return "Nothing yet."
    largest = max(value for _, value, _ in rows)
    label_width = max(len(label) for label, _, _ in rows)
    return "\n".join(
        f"{label:<{label_width}}  {bar(value, largest, width):<{width}} {caption}"
        for label, value, caption in rows
    )
