"""A connected browser companion is a lock its host holds; nothing else says so."""

from pathlib import Path

import pytest

from breakwell.domain.errors import InvalidInput
from breakwell.enforce.companions import connected_companions, hold_companion


@pytest.fixture
def runtime(tmp_path: Path) -> Path:
    return tmp_path / "run"


def test_a_held_lock_is_a_connected_companion_until_released(runtime: Path) -> None:
    assert connected_companions(runtime) == []
    firefox = hold_companion(runtime, "firefox")
    chromium = hold_companion(runtime, "chromium")
    assert firefox is not None and chromium is not None
    assert connected_companions(runtime) == ["chromium", "firefox"]
    firefox.release()
    assert connected_companions(runtime) == ["chromium"]
    chromium.release()
    assert connected_companions(runtime) == []
    assert (runtime / "companion-chromium.lock").exists()  # left, but held by no one


def test_a_second_host_of_the_same_browser_holds_nothing(runtime: Path) -> None:
    first = hold_companion(runtime, "chromium")
    assert first is not None
    assert hold_companion(runtime, "chromium") is None
    assert connected_companions(runtime) == ["chromium"]
    first.release()


@pytest.mark.parametrize("name", ["", "Chromium", "../x", "a/b", "x" * 40])
def test_a_browser_name_is_a_plain_word(runtime: Path, name: str) -> None:
    with pytest.raises(InvalidInput, match="browser name"):
        hold_companion(runtime, name)


def test_files_that_are_not_companion_locks_are_passed_over(runtime: Path, tmp_path: Path) -> None:
    held = hold_companion(runtime, "chromium")
    assert held is not None
    (runtime / "companion-.lock").touch()
    (runtime / "companion-Brave.lock").touch()
    (runtime / "enforcer.lock").touch()
    target = tmp_path / "elsewhere"
    target.touch()
    (runtime / "companion-edge.lock").symlink_to(target)
    assert connected_companions(runtime) == ["chromium"]
    held.release()
