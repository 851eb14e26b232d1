"""Where the companion extension's folder is, in a checkout and in an installed breakwell."""

from __future__ import annotations

from pathlib import Path

from breakwell.domain.errors import BreakwellError

PACKAGE = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.json"


def extension_folder() -> Path:
    """The folder holding the extension's manifest.json: the copy an installed breakwell ships
    as `breakwell/companion/`, else the checkout's top-level `companion/` when breakwell runs
    from one."""
    for folder in (PACKAGE / "companion", PACKAGE.parent / "companion"):
        if (folder / MANIFEST).is_file():
            return folder
    raise BreakwellError(
        f"the browser companion's files are missing (no {MANIFEST} beside breakwell at "
        f"{PACKAGE}); reinstall breakwell"
    )
