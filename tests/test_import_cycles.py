"""No module of breakwell imports, however indirectly, a module that imports it back.

Every import counts: one inside a function (a lazy import only postpones the circle) and one
under TYPE_CHECKING (a circle for the type checker is one for the reader too). What two
modules share goes in a third that both import.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "breakwell"

Graph = dict[str, set[str]]


def module_names(package: Path) -> dict[str, Path]:
    """Every module and package under `package`, by dotted name."""
    names = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _imported(node: ast.Import | ast.ImportFrom, name: str, is_package: bool) -> list[str]:
    """What one import statement names: modules, or a module and names from it."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        here = name.split(".") if is_package else name.split(".")[:-1]
        here = here[: len(here) - (node.level - 1)]
        base = ".".join([*here, *([base] if base else [])])
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def import_graph(package: Path) -> Graph:
    """Module -> the modules of the package it imports anywhere in its source.

    `from pkg import sub` imports the submodule, not the package's own code beyond its
    `__init__`; and a module's parent packages are imported before it anyway, so an edge
    to one of them is not counted."""
    modules = module_names(package)
    graph: Graph = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            named = _imported(node, name, is_package)
            if isinstance(node, ast.ImportFrom):
                submodules = [m for m in named[1:] if m in modules]
                found.update(submodules)
                if len(submodules) < len(node.names):
                    found.add(named[0])
            else:
                found.update(named)
        graph[name] = {
            m for m in found if m in modules and m != name and not name.startswith(f"{m}.")
        }
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_breakwell_has_no_import_cycles() -> None:
    found = cycles(import_graph(PACKAGE))
    assert found == [], "modules that import each other, directly or not:\n" + "\n".join(
        " <-> ".join(group) for group in found
    )


def test_a_cycle_through_a_lazy_or_type_checking_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "seeded"
    (package / "inner").mkdir(parents=True)
    (package / "__init__.py").write_text("from seeded import inner\n")
    (package / "inner" / "__init__.py").write_text("")
    (package / "engine.py").write_text(
        "def start():\n    from seeded.inner.jobs import run\n    return run\n"
    )
    (package / "inner" / "jobs.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..engine import Engine\n"
    )
    (package / "alone.py").write_text("from seeded import engine\nfrom . import inner\n")
    assert cycles(import_graph(package)) == [["seeded.engine", "seeded.inner.jobs"]]
