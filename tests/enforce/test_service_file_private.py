"""The enforcer's service file may carry the database URL with its password: it is private from
the moment it exists, not only once a later chmod runs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from breakwell.enforce import service_files


class NoCommands:
    def __call__(self, command: list[str], **_: object) -> object:
        import subprocess

        return subprocess.CompletedProcess(command, 0, "", "")


@pytest.mark.parametrize("existing", [False, True])
def test_the_unit_is_never_readable_by_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    env = {"HOME": str(tmp_path), "BREAKWELL_DATABASE_URL": "postgresql://me:hunter2@db/j"}
    unit = service_files.service_file(env, "linux", "/opt/py/bin/python")
    if existing:
        unit.path.parent.mkdir(parents=True)
        unit.path.write_text("an older unit\n")
        unit.path.chmod(0o644)
    # A process stopped right after writing never reaches a chmod by path: what the file was
    # made with is what every other user could open meanwhile.
    monkeypatch.setattr(Path, "chmod", lambda *_args, **_kwargs: None)
    previous = os.umask(0o022)
    try:
        service_files.install(unit, NoCommands())  # type: ignore[arg-type]
    finally:
        os.umask(previous)
    assert b"hunter2" in unit.path.read_bytes()
    assert stat.S_IMODE(unit.path.stat().st_mode) == 0o600
