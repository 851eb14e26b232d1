"""`breakwell browser-host` as a browser starts it: a process speaking native messaging on its
standard input and output, answering only the extension it was installed for."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from breakwell.browser.ids import CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID
from tests import daemons

pytestmark = pytest.mark.slow

HELLO = {"type": "hello", "browser": "chromium", "version": "0.1.0"}


def framed(message: dict[str, Any]) -> bytes:
    data = json.dumps(message).encode()
    return struct.pack("=I", len(data)) + data


def replies(output: bytes) -> list[dict[str, Any]]:
    found = []
    while output:
        (length,) = struct.unpack("=I", output[:4])
        found.append(json.loads(output[4 : 4 + length]))
        output = output[4 + length :]
    return found


def host(home: Path, *argv: str, said: list[dict[str, Any]]) -> subprocess.CompletedProcess[bytes]:
    """Start the host as a browser would, say `said`, and close its input."""
    return subprocess.run(
        [sys.executable, "-m", "breakwell", "browser-host", *argv],
        input=b"".join(framed(m) for m in said),
        env=daemons.environment(home),
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "caller",
    [
        ("chrome-extension://abcdefghijklmnopabcdefghijklmnop/",),
        (f"chrome-extension://{CHROMIUM_EXTENSION_ID}.evil/",),
        ("/home/someone/.mozilla/native-messaging-hosts/x.json", "other@example.org"),
        (),
    ],
    ids=["another chromium extension", "a lookalike", "another firefox extension", "nobody"],
)
def test_the_host_refuses_a_caller_it_was_not_installed_for(
    home: Path, caller: tuple[str, ...]
) -> None:
    result = host(home, *caller, said=[HELLO, {"type": "ping", "request": 1}])
    assert result.returncode != 0
    [reply] = replies(result.stdout)
    assert reply["type"] == "error"
    assert "\n" not in reply["message"]


@pytest.mark.parametrize(
    "caller",
    [
        (f"chrome-extension://{CHROMIUM_EXTENSION_ID}/",),
        ("/home/someone/.mozilla/native-messaging-hosts/x.json", FIREFOX_EXTENSION_ID),
    ],
    ids=["chromium", "firefox"],
)
def test_the_host_answers_the_companion(home: Path, caller: tuple[str, ...]) -> None:
    result = host(home, *caller, said=[HELLO, {"type": "ping", "request": 7}])
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    state, pong = replies(result.stdout)
    assert (state["type"], state["breaks"]) == ("state", [])
    assert pong == {"type": "pong", "request": 7}
