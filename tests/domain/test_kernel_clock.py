"""The kernel's time is read from /proc's files, so a preloaded library cannot bend it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from breakwell.domain.kernel_clock import kernel_now


def proc(folder: Path, stat: str, uptime: str) -> Path:
    folder.mkdir()
    (folder / "stat").write_text(stat)
    (folder / "uptime").write_text(uptime)
    return folder


def test_boot_time_plus_uptime_is_the_kernels_time(tmp_path: Path) -> None:
    folder = proc(tmp_path / "proc", "cpu  1 2 3\nbtime 1795929216\nprocesses 9\n", "258.82 1.0\n")
    assert kernel_now(folder) == datetime.fromtimestamp(1795929216 + 258.82, UTC)


@pytest.mark.parametrize(
    ("stat", "uptime"),
    [
        ("cpu  1 2 3\n", "258.82 1.0\n"),
        ("btime soon\n", "258.82 1.0\n"),
        ("btime 1795929216\n", ""),
        ("btime 0\n", "0.00 0.00\n"),
        ("btime 99999999999999999999\n", "1.0 1.0\n"),
    ],
)
def test_an_unreadable_proc_gives_no_reference(tmp_path: Path, stat: str, uptime: str) -> None:
    assert kernel_now(proc(tmp_path / "proc", stat, uptime)) is None


def test_no_proc_gives_no_reference(tmp_path: Path) -> None:
    assert kernel_now(tmp_path / "missing") is None
