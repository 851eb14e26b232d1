"""The layers of DESIGN.md, enforced: each imports only what sits below it.

Imports are read from the source, including ones inside functions, so a lazy import cannot
sneak a dependency past the rule.
"""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "breakwell"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# Layer -> the breakwell layers and third-party packages it may import.
RULES: dict[str, tuple[set[str], set[str]]] = {
    "domain": ({"domain"}, set()),
    "store": (
        {"store", "domain", "private_files"},
        {"sqlalchemy", "sqlmodel", "alembic", "filelock"},
    ),
    "settings": (
        {"settings", "domain", "private_files"},
        {"platformdirs", "pydantic"},
    ),
    "services": (
        {"services", "domain", "store", "settings"},
        # APScheduler only for its cron arithmetic; tzlocal names this machine's zone;
        # icalendar writes the calendar export; pydantic checks files being imported.
        {"sqlalchemy", "sqlmodel", "apscheduler", "tzlocal", "icalendar", "pydantic"},
    ),
    "enforce": (
        {"enforce", "services", "domain", "store", "settings", "private_files"},
        {"apscheduler", "psutil", "desktop_notifier", "sqlalchemy", "sqlmodel"},
    ),
    "tui": ({"tui", "enforce", "services", "domain", "settings"}, {"textual", "rich"}),
    # The sample journal, written through the services like any person's.
    "demo": ({"demo", "services", "domain", "settings"}, set()),
    "cli": (
        {
            "cli",
            "tui",
            "enforce",
            "services",
            "domain",
            "store",
            "settings",
            "private_files",
            "demo",
        },
        {"click", "sqlalchemy"},
    ),
    "private_files": (set(), set()),
}


def layer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


MODULES = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    if p.parent != PACKAGE or p.stem not in {"__init__", "__main__"}
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_from_layers_below(path: Path) -> None:
    layer = layer_of(path)
    assert layer in RULES, f"{layer} is not a known layer; add it to RULES and DESIGN.md"
    allowed_layers, allowed_packages = RULES[layer]
    for name in sorted(imports_of(path)):
        root, _, rest = name.partition(".")
        if root == "breakwell":
            target = rest.split(".")[0] or "breakwell"
            assert target in allowed_layers or target == "breakwell", f"{layer} imports {name}"
        else:
            assert root in STDLIB or root in allowed_packages, f"{layer} imports {name}"


def test_no_layer_below_the_tui_imports_textual() -> None:
    for path in MODULES:
        if layer_of(path) not in {"tui", "cli"}:
            assert not any(n.split(".")[0] == "textual" for n in imports_of(path)), path


def test_widgets_never_touch_the_database() -> None:
    for path in (PACKAGE / "tui").rglob("*.py"):
        roots = {n.split(".")[0] for n in imports_of(path)}
        assert not roots & {"sqlalchemy", "sqlmodel"}, path
        assert not any(n.startswith("breakwell.store") for n in imports_of(path)), path
