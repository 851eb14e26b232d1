"""The Blocker passes a locked break's end to the root helper, and reads back everything the
helper did or refused, including runs it did not start."""

import contextlib
import io
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from breakwell.domain.events import EventKind
from breakwell.enforce import blocker as blocker_module
from breakwell.enforce import hosts
from breakwell.enforce.blocker import Blocker, BlockUnavailable

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
END = NOW + timedelta(hours=1)


class SudoHelper:
    """Plays `sudo -n HELPER ...`: the helper's own code, on a temporary hosts file and state."""

    def __init__(self, tmp_path: Path) -> None:
        self.hosts = tmp_path / "hosts"
        self.hosts.write_bytes(b"127.0.0.1 localhost\n")
        self.state = tmp_path / "state"
        self.helper = tmp_path / "breakwell-hosts"
        self.now = NOW
        self.ran: list[list[str]] = []
        # Its own copy, as installed: the test's stand-in for direct writes does not reach it.
        self.code: dict[str, Any] = {"__name__": "helper"}
        exec(compile(Path(hosts.__file__).read_text(), "helper", "exec"), self.code)

    def __call__(self, command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        assert command[:3] == ["sudo", "-n", str(self.helper)]
        self.ran.append(command[3:])
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = self.code["main"](command[3:], self.hosts, self.state, lambda: self.now)
        return subprocess.CompletedProcess(command, code, "", err.getvalue())

    def blocked(self) -> list[str]:
        return hosts.blocked_domains(self.hosts.read_bytes())


@pytest.fixture
def sudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SudoHelper:
    helper = SudoHelper(tmp_path)

    def not_allowed(path: Path, domains: object) -> bool:
        raise PermissionError(13, "Permission denied")

    # The system hosts file, which this user may not write: every change goes to the helper.
    monkeypatch.setattr(hosts, "set_blocked", not_allowed)
    monkeypatch.setattr(blocker_module, "helper_installed", lambda path: True)
    monkeypatch.delenv("SUDO_USER", raising=False)
    return helper


def make_blocker(sudo: SudoHelper) -> Blocker:
    return Blocker(
        hosts.DEFAULT_HOSTS,
        helper=sudo.helper,
        run=sudo,
        exclusive=False,
        helper_log=sudo.state / hosts.LOG_FILE,
    )


def test_a_locked_break_is_held_and_a_direct_clear_is_refused_and_seen(sudo: SudoHelper) -> None:
    blocker = make_blocker(sudo)
    assert blocker.apply(["x.com", "t.co"], hold_until=END)
    assert sudo.ran[-1] == ["apply", "--hold-until", END.isoformat(), "x.com", "t.co"]
    news = blocker.helper_news()
    assert [(n.kind, n.line.split(" ", 1)[1]) for n in news] == [
        (EventKind.HELPER_ACTED, "root applied 2 domains, held until 2026-11-23 21:00:00 UTC")
    ]
    assert blocker.helper_news() == []
    # Someone runs the helper themselves, outside breakwell.
    sudo(["sudo", "-n", str(sudo.helper), "clear"])
    assert sudo.blocked() == ["t.co", "x.com"]
    (refused,) = blocker.helper_news()
    assert refused.kind is EventKind.HELPER_REFUSED
    assert "refused clear: a locked break holds t.co, x.com" in refused.line
    # The emergency exit, or the enforcer itself, cannot lift it either.
    with pytest.raises(BlockUnavailable, match="refused clear: a locked break holds"):
        blocker.apply([])
    assert [n.kind for n in blocker.helper_news()] == [EventKind.HELPER_REFUSED]
    sudo.now = END
    assert blocker.apply([])
    assert sudo.blocked() == []
    assert [n.line.split(" ", 2)[2] for n in blocker.helper_news()] == ["cleared"]


def test_a_block_already_in_place_is_still_handed_to_the_helper_to_hold(
    sudo: SudoHelper, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = make_blocker(sudo)
    blocker.apply(["x.com"])  # a gentle break's block, through the helper
    assert sudo.ran == [["apply", "x.com"]]

    def unchanged_or_refused(path: Path, domains: list[str]) -> bool:
        if hosts.with_block(sudo.hosts.read_bytes(), domains) == sudo.hosts.read_bytes():
            return False
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(hosts, "set_blocked", unchanged_or_refused)
    # A locked break with the same sites follows: nothing to write, but the hold is new.
    assert not blocker.apply(["x.com"], hold_until=END)
    assert sudo.ran[-1] == ["apply", "--hold-until", END.isoformat(), "x.com"]
    calls = len(sudo.ran)
    assert not blocker.apply(["x.com"], hold_until=END)
    assert len(sudo.ran) == calls  # held already: the helper is not asked again every tick


def test_news_survives_a_new_log_and_ignores_what_came_before(sudo: SudoHelper) -> None:
    sudo(["sudo", "-n", str(sudo.helper), "apply", "x.com"])
    blocker = make_blocker(sudo)
    assert blocker.helper_news() == []  # what happened before this enforcer came
    log = sudo.state / hosts.LOG_FILE
    log.rename(log.with_name(hosts.LOG_FILE + ".1"))
    sudo(["sudo", "-n", str(sudo.helper), "clear"])
    assert [n.line.split(" ", 2)[2] for n in blocker.helper_news()] == ["cleared"]
