"""Choices made inside the app, such as its theme, kept between runs.

They live in a small JSON file beside the journal rather than in config.toml, so the app never
rewrites a file the person edits by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from breakwell.domain.values import fields, frozen
from breakwell.private_files import ensure_private_dir, ensure_private_file

UI_STATE_FILE = "ui.json"


@frozen
class UiState:
    theme: str | None = None
    # Breaks whose after-questions already opened on their own once.
    offered: tuple[int, ...] = ()
    # The platforms last ticked in the app's start form, ticked again next time: choosing
    # the same two again should not mean unticking the rest again.
    platforms: tuple[str, ...] | None = None


def ui_state_path(data_dir: Path) -> Path:
    return data_dir / UI_STATE_FILE


def load_ui_state(path: Path) -> UiState:
    """What was saved, or the defaults: a missing or damaged file never stops the app."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return UiState()
    if not isinstance(data, dict):
        return UiState()
    theme = data.get("theme")
    offered = data.get("offered")
    ids = offered if isinstance(offered, list) else []
    platforms = data.get("platforms")
    return UiState(
        theme=theme if isinstance(theme, str) and theme else None,
        offered=tuple(i for i in ids if isinstance(i, int) and not isinstance(i, bool)),
        platforms=tuple(p for p in platforms if isinstance(p, str))
        if isinstance(platforms, list)
        else None,
    )


def save_ui_state(path: Path, state: UiState) -> None:
    ensure_private_dir(path.parent)
    temporary = ensure_private_file(path.with_name(path.name + ".tmp"))
    temporary.write_text(
        json.dumps({spec.name: getattr(state, spec.name) for spec in fields(state)}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    temporary.replace(path)
