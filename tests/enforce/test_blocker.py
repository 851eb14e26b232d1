from pathlib import Path

import pytest

from breakwell.enforce import hosts
from breakwell.enforce.blocker import Blocker, BlockUnavailable


def refuse(path: Path, domains: object) -> bool:
    raise PermissionError(13, "Permission denied")


def test_the_system_hosts_file_without_permission_points_to_the_grant(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(hosts, "set_blocked", refuse)
    # Not exclusive: a developer's own enforcer may hold the real hosts file's lock.
    blocker = Blocker(hosts.DEFAULT_HOSTS, helper=tmp_path / "no-helper", exclusive=False)
    with pytest.raises(BlockUnavailable, match=r"so sites are not blocked.*blocking grant"):
        blocker.apply(["x.com"])
    with pytest.raises(BlockUnavailable, match=r"so sites stay blocked.*blocking grant"):
        blocker.apply([])
    blocker.close()


def test_one_enforcer_owns_a_hosts_file(tmp_path: Path) -> None:
    path = tmp_path / "hosts"
    path.write_bytes(b"127.0.0.1 localhost\n")
    first, second = Blocker(path), Blocker(path)
    assert first.apply(["x.com"])
    with pytest.raises(BlockUnavailable, match=r"another breakwell enforcer \(pid \d+\) manages"):
        second.apply([])
    assert hosts.blocked_domains(path.read_bytes()) == ["x.com"]
    emergency = Blocker(path, exclusive=False)
    assert emergency.apply([])
    first.close()
    assert not second.apply([])  # free now: it takes over, and there is nothing to change
    second.close()


def test_a_block_edited_by_hand_is_put_right(tmp_path: Path) -> None:
    path = tmp_path / "hosts"
    path.write_bytes(b"127.0.0.1 localhost\n")
    blocker = Blocker(path)
    blocker.apply(["reddit.com"])
    path.write_bytes(path.read_bytes().replace(b"0.0.0.0 reddit.com", b"6.6.6.6 reddit.com"))
    assert blocker.apply(["reddit.com"])
    assert b"6.6.6.6" not in path.read_bytes()
    blocker.close()
