"""The root helper keeps a locked break's block until the break's end, whoever asks it."""

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from breakwell.enforce import hosts

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
END = NOW + timedelta(hours=2)
ORIGINAL = b"127.0.0.1 localhost\n"


class Helper:
    """The helper's entry point on a temporary hosts file and state folder, at a set time."""

    def __init__(self, tmp_path: Path) -> None:
        self.hosts = tmp_path / "hosts"
        self.hosts.write_bytes(ORIGINAL)
        self.state = tmp_path / "state"
        self.now = NOW

    def __call__(self, *argv: str) -> int:
        return hosts.main(list(argv), self.hosts, self.state, lambda: self.now)

    def blocked(self) -> list[str]:
        return hosts.blocked_domains(self.hosts.read_bytes())

    def log(self) -> list[str]:
        lines = (self.state / hosts.LOG_FILE).read_text().splitlines()
        return [line.split(" ", 2)[2] for line in lines]


@pytest.fixture
def helper(tmp_path: Path) -> Helper:
    return Helper(tmp_path)


def test_a_held_block_cannot_be_cleared_or_shrunk_before_its_end(
    helper: Helper, capsys: pytest.CaptureFixture[str]
) -> None:
    assert helper("apply", "--hold-until", END.isoformat(), "x.com", "t.co") == 0
    capsys.readouterr()
    held = helper.hosts.read_bytes()
    assert helper("clear") == 1
    error = capsys.readouterr().err
    assert error == (
        "breakwell-hosts: refused clear: a locked break holds t.co, x.com until "
        "2026-11-23 22:00:00 UTC\n"
    )
    assert helper("apply", "x.com") == 1
    assert "holds t.co until" in capsys.readouterr().err
    assert helper.hosts.read_bytes() == held
    # Adding is allowed, and the added domain is not held unless asked.
    assert helper("apply", "x.com", "t.co", "reddit.com") == 0
    assert helper.blocked() == ["reddit.com", "t.co", "x.com"]
    assert helper("apply", "x.com", "t.co") == 0
    assert helper.log() == [
        "applied 2 domains, held until 2026-11-23 22:00:00 UTC",
        "refused clear: a locked break holds t.co, x.com until 2026-11-23 22:00:00 UTC",
        "refused apply: a locked break holds t.co until 2026-11-23 22:00:00 UTC",
        "applied 3 domains",
        "applied 2 domains",
    ]


def test_the_hold_only_grows_and_ends_by_the_helpers_own_clock(helper: Helper) -> None:
    later = END + timedelta(hours=1)
    assert helper("apply", "--hold-until", later.isoformat(), "x.com") == 0
    # Asking again with an earlier end does not shorten it.
    assert helper("apply", "--hold-until", END.isoformat(), "x.com", "t.co") == 0
    helper.now = END + timedelta(minutes=1)
    assert helper("apply", "x.com") == 0  # t.co's hold is over; x.com's is not
    assert helper("clear") == 1
    assert helper.blocked() == ["x.com"]
    helper.now = later
    assert helper("clear") == 0
    assert helper.hosts.read_bytes() == ORIGINAL
    assert helper.log()[-1] == "cleared"


def test_a_block_without_a_hold_behaves_as_before(helper: Helper) -> None:
    assert helper("apply", "x.com") == 0
    assert helper("clear") == 0
    assert helper("clear") == 0
    assert helper.hosts.read_bytes() == ORIGINAL
    assert helper.log() == ["applied 1 domain", "cleared", "cleared (no change)"]


@pytest.mark.parametrize(
    ("argv", "why"),
    [
        (["apply", "--hold-until", "2026-11-23T22:00", "x.com"], "needs a moment"),
        (["apply", "--hold-until"], "needs a moment"),
        (["apply", "--hold-until", "2099-01-01T00:00Z", "x.com"], "beyond 366 days"),
        (["apply", "x.com", "--hold-until", END.isoformat()], "not a plain domain"),
    ],
)
def test_bad_holds_are_refused_and_logged(
    helper: Helper, argv: list[str], why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert helper(*argv) == 1
    assert why in capsys.readouterr().err
    assert helper.hosts.read_bytes() == ORIGINAL
    assert helper.log()[0].startswith("refused apply:")
    assert not (helper.state / hosts.HOLD_FILE).exists()


def test_the_state_folder_is_the_helpers_own_and_its_files_are_not_followed(
    helper: Helper, tmp_path: Path
) -> None:
    assert helper("apply", "--hold-until", END.isoformat(), "x.com") == 0
    folder = helper.state.stat()
    assert (folder.st_uid, stat.S_IMODE(folder.st_mode)) == (os.geteuid(), 0o755)
    hold = helper.state / hosts.HOLD_FILE
    assert stat.S_IMODE(hold.stat().st_mode) == 0o600
    assert json.loads(hold.read_text()) == {"held": {"x.com": END.isoformat()}}
    assert stat.S_IMODE((helper.state / hosts.LOG_FILE).stat().st_mode) == 0o644
    # A hold file swapped for a link is not read through: the block stays.
    decoy = tmp_path / "decoy.json"
    decoy.write_text(json.dumps({"held": {}}))
    hold.unlink()
    hold.symlink_to(decoy)
    assert helper("clear") == 1
    assert helper.blocked() == ["x.com"]
    assert decoy.read_text() == json.dumps({"held": {}})


def test_a_state_folder_others_can_write_or_a_link_is_refused(
    helper: Helper, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    helper.state.mkdir()
    helper.state.chmod(0o777)
    assert helper("apply", "x.com") == 1
    assert "not the helper's own folder" in capsys.readouterr().err
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o755)
    helper.state.rmdir()
    helper.state.symlink_to(real)
    assert helper("apply", "x.com") == 1
    assert helper.hosts.read_bytes() == ORIGINAL
    assert list(real.iterdir()) == []


def test_a_hold_file_that_cannot_be_read_keeps_the_block(
    helper: Helper, capsys: pytest.CaptureFixture[str]
) -> None:
    assert helper("apply", "--hold-until", END.isoformat(), "x.com") == 0
    (helper.state / hosts.HOLD_FILE).write_text("{not json")
    assert helper("clear") == 1
    assert "hold.json cannot be read" in capsys.readouterr().err
    assert helper.blocked() == ["x.com"]


def test_log_lines_are_one_line_whatever_they_are_given(helper: Helper) -> None:
    assert helper("apply", "evil.com\n2026-01-01T00:00:00Z root applied 0 domains") == 1
    assert helper("apply", "evil.com\u2028x") == 1
    lines = (helper.state / hosts.LOG_FILE).read_text().split("\n")
    assert len(lines) == 3 and lines[-1] == ""
    assert all(line.split(" ", 2)[2].startswith("refused apply:") for line in lines[:2])
