"""Real processes on a clock that lies (libfaketime): a command whose clock runs ahead cannot end
a locked break, and an enforcer whose clock is set back (or put right) keeps blocking at once.

The fake clock reaches only the processes started with the library preloaded, as a clock
changed by hand or a preloaded library would; these tests wait on deadlines, never a sleep.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from breakwell.enforce import hosts
from tests.daemons import environment, query, stop, wait_for

pytestmark = pytest.mark.slow
HOSTS = b"127.0.0.1 localhost\n"
# Far more than a tick (2 s); far less than the jumps, which is what a stall would take.
DEADLINE = 20
LIBRARY_PLACES = (
    "/usr/lib/*/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
    "/usr/lib64/faketime/libfaketime.so.1",
    "/usr/local/lib/faketime/libfaketime.so.1",
)


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the clock tests: {reason}")
    pytest.skip(f"clock tests skipped: {reason}")


@pytest.fixture(scope="module")
def faketime() -> str:
    found = shutil.which("faketime")
    if found is None:
        _missing("faketime is not installed (Debian's faketime package)")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def libfaketime() -> str:
    for pattern in LIBRARY_PLACES:
        for candidate in sorted(Path("/").glob(pattern.lstrip("/"))):
            return str(candidate)
    _missing("libfaketime.so.1 is not installed (Debian's libfaketime package)")
    raise AssertionError("unreachable")


@pytest.fixture
def daemon_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "hosts").write_bytes(HOSTS)
    (home / "config.toml").write_text(
        f'[blocking]\nhosts_file = "{home / "hosts"}"\n'
        "[notifications]\ndesktop = false\nbell = false\n"
    )
    return home


def run(
    env: dict[str, str], *args: str, under: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*under, sys.executable, "-m", "breakwell", *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def journal_made(home: Path) -> bool:
    """Whether a SQLite journal may be asked: asking before the enforcer makes it makes it,
    empty."""
    return "BREAKWELL_DATABASE_URL" in os.environ or (home / "breakwell.db").exists()


def blocked(home: Path) -> bool:
    return "x.com" in hosts.blocked_domains((home / "hosts").read_bytes())


def test_a_command_two_hours_ahead_does_not_end_a_running_locked_break(
    daemon_home: Path, faketime: str
) -> None:
    env = environment(daemon_home)
    started = run(env, "start", "1h", "-p", "x", "-s", "locked", "--no-prompts", "--json")
    break_id = json.loads(started.stdout)["id"]
    said = run(env, "status", under=(faketime, "-f", "+2h"))
    # About two hours: the kernel's boot time is kept to the second, and reading takes time.
    two_hours = re.compile(r"(1h 59m|2h|2h 1m) ahead of")
    assert two_hours.search(said.stderr)
    assert query(daemon_home, f"SELECT status FROM breaks WHERE id = {break_id}") == [("active",)]
    assert query(daemon_home, "SELECT count(*) FROM events WHERE kind = 'break.completed'") == [
        (0,)
    ]
    notes = query(daemon_home, "SELECT detail FROM events WHERE kind = 'clock.untrusted'")
    assert len(notes) == 1 and two_hours.search(str(notes[0][0]))
    # Read on the right clock, the break still runs, with its hour nearly all left.
    assert "locked" in run(env, "status").stdout
    assert query(daemon_home, f"SELECT status FROM breaks WHERE id = {break_id}") == [("active",)]


@pytest.fixture
def shifted(daemon_home: Path, libfaketime: str) -> dict[str, str]:
    """Environment for processes whose clock the test can set: the file holds the offset.
    The monotonic clock stays real, as it does when the system clock is changed."""
    offset = daemon_home / "clock-offset"
    offset.write_text("+0\n")
    return {
        **environment(daemon_home),
        "LD_PRELOAD": libfaketime,
        "FAKETIME_TIMESTAMP_FILE": str(offset),
        "FAKETIME_NO_CACHE": "1",
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
    }


@pytest.fixture
def enforcer(daemon_home: Path, shifted: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "breakwell", "daemon", "run"],
        env=shifted,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(
            lambda: (
                journal_made(daemon_home)
                and query(daemon_home, "SELECT 1 FROM events WHERE kind = 'enforcer.started'")
            ),
            30,
            "the enforcer to start",
        )
        yield process
    finally:
        stop(process)


@pytest.mark.parametrize(
    ("back", "length", "said"), [("-3m", "2m", "back 3m"), ("-1h", "30m", "back 1h")]
)
def test_an_enforcer_whose_clock_is_set_back_keeps_blocking_and_ends_on_time(
    daemon_home: Path,
    shifted: dict[str, str],
    enforcer: subprocess.Popen[str],
    back: str,
    length: str,
    said: str,
) -> None:
    offset = Path(shifted["FAKETIME_TIMESTAMP_FILE"])
    offset.write_text(f"{back}\n")
    # The command shares the clock that was set back, as every process on a machine would.
    run(shifted, "start", length, "-p", "x", "-s", "locked", "--no-prompts")
    wait_for(lambda: blocked(daemon_home), DEADLINE, "the new break's block")
    jumps = wait_for(
        lambda: query(daemon_home, "SELECT detail FROM events WHERE kind = 'clock.jumped'"),
        DEADLINE,
        "the jump to be recorded",
    )
    assert jumps == [(said,)]
    (daemon_home / "hosts").write_bytes(HOSTS)
    wait_for(lambda: blocked(daemon_home), DEADLINE, "the block to be put back")
    # Put right, the clock says the break is over: it ends at once, not a jump later.
    offset.write_text("+0\n")
    wait_for(
        lambda: query(daemon_home, "SELECT status FROM breaks") == [("completed",)],
        DEADLINE,
        "the break to end",
    )
    wait_for(lambda: (daemon_home / "hosts").read_bytes() == HOSTS, DEADLINE, "the block to go")
    assert enforcer.poll() is None
