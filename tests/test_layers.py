"""The layers: import-linter's contract in pyproject.toml holds the rule between breakwell's own
layers (`lint-imports`, run by `python3 dev.py test`); this file proves that contract is the
README's table and that it catches a wrong import, and checks what import-linter cannot: which
other packages each layer may import (an allow-list, so the domain stays standard library only
and nothing below the app imports Textual or, in the app, the database).
"""

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "breakwell"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# Layer -> the packages other than breakwell and the standard library it may import.
PACKAGES: dict[str, set[str]] = {
    "cli": {"click", "sqlalchemy"},
    "demo": set(),
    "tui": {"textual", "rich"},
    "browser": set(),
    "enforce": {"apscheduler", "psutil", "desktop_notifier", "sqlalchemy", "sqlmodel"},
    # APScheduler only for its cron arithmetic; tzlocal names this machine's zone;
    # icalendar writes the calendar export; pydantic checks files being imported.
    "services": {"sqlalchemy", "sqlmodel", "apscheduler", "tzlocal", "icalendar", "pydantic"},
    "settings": {"platformdirs"},
    "store": {"sqlalchemy", "sqlmodel", "alembic", "filelock"},
    "private_files": set(),
    "domain": set(),
}


def contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    found: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return found


def contract_layers() -> list[str]:
    (layers,) = (contract for contract in contracts() if contract["type"] == "layers")
    names: list[str] = layers["layers"]
    return names


def contract_may_import(layer: str, layers: list[str]) -> set[str]:
    """The layers below `layer` that no forbidden contract takes from it."""
    below = set(layers[layers.index(layer) + 1 :])
    for contract in contracts():
        if contract["type"] == "forbidden" and contract["source_modules"] == [f"breakwell.{layer}"]:
            assert contract["allow_indirect_imports"], contract["name"]
            below -= {name.removeprefix("breakwell.") for name in contract["forbidden_modules"]}
    return below


def readme_table() -> list[tuple[str, str]]:
    """(layer, may import) for each row of the README's layer table, top to bottom."""
    lines = (ROOT / "README.md").read_text().splitlines()
    start = lines.index("| layer | holds | may import |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append((cells[0].strip("`"), cells[2]))
    return rows


def readme_may_import(cell: str, layers: list[str], layer: str) -> set[str]:
    if cell == "everything below":
        return set(layers[layers.index(layer) + 1 :])
    if cell == "standard library only":
        return set()
    return set(re.split(r",\s*", cell))


def test_the_contract_is_the_readme_table() -> None:
    layers = contract_layers()
    table = readme_table()
    assert [layer for layer, _ in table] == layers
    for layer, cell in table:
        assert readme_may_import(cell, layers, layer) == contract_may_import(layer, layers), layer


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the project's contract, on the package copied into `root`."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is not installed beside this Python"
    return subprocess.run(
        [command, "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "breakwell", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_package_keeps_the_contract(copy: Path) -> None:
    done = lint_imports(copy)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "statement",
    [
        "from breakwell import store",
        "from ..store import tables",
        # Inside a function, where the app would only meet it late.
        "def later() -> None:\n    import breakwell.store.database\n",
    ],
)
def test_a_wrong_import_breaks_the_contract(copy: Path, statement: str) -> None:
    (copy / "breakwell" / "tui" / "seeded.py").write_text(statement + "\n")
    done = lint_imports(copy)
    assert done.returncode != 0
    assert "breakwell.tui.seeded -> breakwell.store" in done.stdout, done.stdout + done.stderr


def test_a_layer_the_table_lacks_breaks_the_contract(copy: Path) -> None:
    (copy / "breakwell" / "extra.py").write_text("")
    done = lint_imports(copy)
    assert done.returncode != 0
    assert "breakwell.extra" in done.stdout + done.stderr


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


def test_every_layer_has_its_packages_listed() -> None:
    assert list(PACKAGES) == contract_layers()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_the_packages_its_layer_may(path: Path) -> None:
    layer = path.relative_to(PACKAGE).with_suffix("").parts[0]
    for name in sorted(imports_of(path)):
        root = name.partition(".")[0]
        if root != "breakwell":
            assert root in STDLIB or root in PACKAGES[layer], f"{layer} imports {name}"
