"""An installed breakwell holds everything a checkout has: every package, its data files, and
the browser companion's extension, which lives outside the package in a checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIND = "from breakwell.browser.files import extension_folder\nprint(extension_folder())"


def listed_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["setuptools"]["packages"]
    assert isinstance(packages, list)
    return [str(p) for p in packages]


def test_pyproject_lists_every_package_and_the_companion() -> None:
    """The list is written by hand (discovery cannot map companion/ into the package): a new
    package missing from it would be missing from every installed breakwell."""
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in ROOT.glob("breakwell/**/*.py")}
    assert sorted(listed_packages()) == sorted({*on_disk, "breakwell.companion"})


@pytest.mark.slow
def test_the_wheel_holds_the_companion_and_finds_it_installed(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    # A copy, so the build leaves nothing in the checkout.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("breakwell", "companion"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), source],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("breakwell-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    shipped = {p.name for p in (ROOT / "companion").iterdir() if p.is_file()}
    assert shipped >= {"manifest.json", "background.js", "block.html", "banner.js"}
    assert {f"breakwell/companion/{name}" for name in shipped} <= names

    found = subprocess.run(
        [sys.executable, "-c", FIND],
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str(tmp_path / "site" / "breakwell" / "companion")
