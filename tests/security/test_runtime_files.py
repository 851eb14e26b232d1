"""Lock and pid files: in a folder of this user's own, never through a link, never shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from breakwell.domain.errors import RuleRefused
from breakwell.enforce import lock as lock_module
from breakwell.enforce.lock import LOCK_NAME, EnforcerLock, hosts_lock, running_enforcer

SECRET = b"SQLite format 3\x00 a journal someone wants erased"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "breakwell.db"
    path.write_bytes(SECRET)
    return path


def test_hosts_lock_lives_in_the_users_runtime_folder_not_in_shared_tmp(tmp_path: Path) -> None:
    lock = hosts_lock(tmp_path / "hosts")
    assert lock.path.parent == tmp_path / "runtime" / "breakwell"
    assert lock.acquire(patience=0)
    folder = lock.path.parent
    assert folder.stat().st_mode & 0o777 == 0o700
    assert lock.path.stat().st_mode & 0o777 == 0o600
    lock.release()


def test_hosts_lock_is_shared_by_every_home_of_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = hosts_lock(tmp_path / "hosts")
    monkeypatch.setenv("BREAKWELL_HOME", str(tmp_path / "other-home"))
    second = hosts_lock(tmp_path / "hosts")
    assert first.path == second.path
    assert first.acquire(patience=0)
    assert not second.acquire(patience=0)
    first.release()


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_kept(
    tmp_path: Path, journal: Path
) -> None:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    (folder / LOCK_NAME).symlink_to(journal)
    with pytest.raises(RuleRefused, match="symbolic link"):
        EnforcerLock(folder).acquire(patience=0)
    with pytest.raises(RuleRefused, match="symbolic link"):
        running_enforcer(folder)
    assert journal.read_bytes() == SECRET


def test_a_lock_file_with_a_second_name_is_refused_and_kept(tmp_path: Path, journal: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    os.link(journal, folder / LOCK_NAME)
    with pytest.raises(RuleRefused, match="hard links"):
        EnforcerLock(folder).acquire(patience=0)
    assert journal.read_bytes() == SECRET


def test_a_lock_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    os.mkfifo(folder / LOCK_NAME, 0o600)
    with pytest.raises(RuleRefused, match="not a regular file"):
        EnforcerLock(folder).acquire(patience=0)


def test_a_runtime_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    (tmp_path / "run").symlink_to(real)
    with pytest.raises(RuleRefused, match="symbolic link"):
        EnforcerLock(tmp_path / "run").acquire(patience=0)
    assert list(real.iterdir()) == []


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777])
def test_a_runtime_folder_others_may_write_to_is_refused_and_left_alone(
    tmp_path: Path, mode: int
) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    folder.chmod(mode)
    with pytest.raises(RuleRefused, match="changed by other users") as refused:
        EnforcerLock(folder).acquire(patience=0)
    assert "\n" not in str(refused.value)
    assert folder.stat().st_mode & 0o7777 == mode
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_runtime_folder_of_another_user_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    os.chown(folder, 61002, 61002)
    with pytest.raises(RuleRefused, match="belongs to another user"):
        EnforcerLock(folder).acquire(patience=0)
    with pytest.raises(RuleRefused, match="belongs to another user"):
        running_enforcer(folder)
    assert folder.stat().st_uid == 61002
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_missing_runtime_folder_is_made_private_with_its_parents(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "run"
    with EnforcerLock(folder):
        pass
    for made in (tmp_path / "a", tmp_path / "a" / "b", folder):
        assert made.stat().st_mode & 0o777 == 0o700


def test_deleting_the_lock_file_is_noticed_by_its_holder(tmp_path: Path) -> None:
    first = EnforcerLock(tmp_path / "run")
    assert first.acquire(patience=0)
    assert first.still_held()
    first.path.unlink()
    second = EnforcerLock(tmp_path / "run")
    assert second.acquire(patience=0)  # a new file: nothing stops a second enforcer
    assert not first.still_held()
    assert second.still_held()
    assert running_enforcer(tmp_path / "run") == os.getpid()
    first.release()
    assert second.path.read_text() == str(os.getpid())  # the old holder left the new file be
    second.release()


def test_a_lock_file_replaced_while_being_locked_is_locked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "run"
    real_flock = lock_module._flock
    calls: list[int] = []

    def delete_first(fd: int, *, exclusive: bool) -> bool:
        if not calls:
            (folder / LOCK_NAME).unlink()
        calls.append(fd)
        return real_flock(fd, exclusive=exclusive)

    monkeypatch.setattr(lock_module, "_flock", delete_first)
    first = EnforcerLock(folder)
    assert first.acquire(patience=0)
    monkeypatch.setattr(lock_module, "_flock", real_flock)
    assert not EnforcerLock(folder).acquire(patience=0)
    first.release()
