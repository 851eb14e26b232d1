#!/usr/bin/env python3
"""Development entry point that needs nothing but Python 3.11+ and pip.

    python3 dev.py run [ARGS]   run breakwell from this checkout
    python3 dev.py test [ARGS]  lint, format check, type check, layer contract, then the tests
    python3 dev.py test --fast [ARGS]
                                the same, but only the quick tests, on every core
    python3 dev.py screenshots  redraw screenshots/ from the demo journal
    python3 dev.py bench [ARGS] measure breakwell against jrnl (see bench/README.md)

All create `.venv` on first use and reinstall only when the lock file or pyproject.toml change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "dev.lock"
STAMP = VENV / ".installed-lock"
# pytest exits 5 when it collected nothing; that must never count as a pass.
NO_TESTS_COLLECTED = 5


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_environment() -> Path:
    python = venv_python()
    if not python.exists():
        print("dev: creating .venv", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    wanted = fingerprint()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return python
    print("dev: installing locked dependencies into .venv", file=sys.stderr)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "-r", str(LOCK)], check=True)
    subprocess.run([*pip, "--no-deps", "--editable", str(ROOT)], check=True)
    STAMP.write_text(wanted)
    return python


def run_app(python: Path, args: list[str]) -> int:
    return subprocess.call([str(python), "-m", "breakwell", *args])


def venv_script(python: Path, name: str) -> Path:
    """A command an installed package put beside the environment's Python."""
    return python.with_name(f"{name}.exe" if os.name == "nt" else name)


# The edit loop's tests: no real processes, long property runs or whole-app drives, and SQLite
# only, spread over every core by pytest-xdist. CI runs them all, one after another.
FAST = ["-m", "not slow and not postgresql", "-n", "auto"]


def run_tests(python: Path, args: list[str]) -> int:
    fast = "--fast" in args
    chosen = [*FAST, *(arg for arg in args if arg != "--fast")] if fast else args
    steps = [
        [str(python), "-m", "ruff", "check", "."],
        [str(python), "-m", "ruff", "format", "--check", "."],
        [str(python), "-m", "mypy"],
        # The layer contract in pyproject.toml; its check is quick enough to need no cache.
        [str(venv_script(python, "lint-imports")), "--no-cache", "--no-logo"],
        [str(python), "-m", "pytest", *chosen],
    ]
    for step in steps:
        named = step[2:] if step[1] == "-m" else [Path(step[0]).stem, *step[1:]]
        print(f"dev: {' '.join(named)}", file=sys.stderr, flush=True)
        code = subprocess.call(step, cwd=ROOT)
        if code == NO_TESTS_COLLECTED and named[0] == "pytest":
            print("dev: pytest collected no tests; failing", file=sys.stderr)
        if code != 0:
            return code
    return 0


def draw_screenshots(python: Path, args: list[str]) -> int:
    return subprocess.call([str(python), str(ROOT / "scripts" / "screenshots.py"), *args])


def run_bench(python: Path, args: list[str]) -> int:
    return subprocess.call([str(python), "-m", "bench", *args], cwd=ROOT)


COMMANDS = {
    "run": run_app,
    "test": run_tests,
    "screenshots": draw_screenshots,
    "bench": run_bench,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    python = ensure_environment()
    return COMMANDS[argv[0]](python, argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
