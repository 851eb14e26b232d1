"""How this machine names itself in the event log when the config does not say."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from breakwell.settings import load_settings


def test_the_device_is_the_host_name_as_the_network_knows_it(home: Path) -> None:
    assert load_settings().device == (socket.gethostname() or "this-device")[:64]


def test_a_long_host_name_is_cut_to_64_characters(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    class Long:
        nodename = "n" * 100

    monkeypatch.setattr(os, "uname", Long)
    assert load_settings().device == "n" * 64


def test_a_named_device_wins(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('device_name = "laptop"\n')
    assert load_settings().device == "laptop"
