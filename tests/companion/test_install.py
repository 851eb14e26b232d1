"""`breakwell browser install|status|path`: host manifests in the browsers' own folders of a
home made for the test, a private launcher, and nothing written through a link."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from breakwell.browser.files import extension_folder
from breakwell.browser.ids import CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID
from breakwell.browser.protocol import encode_message, read_message
from breakwell.enforce.companions import hold_companion
from breakwell.settings import load_settings
from tests.conftest import Cli

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the folders checked here are Linux's"
)
MANIFEST = "org.breakwell.companion.json"
CHROMIUM_FOLDER = Path(".config/chromium/NativeMessagingHosts")
FIREFOX_FOLDER = Path(".mozilla/native-messaging-hosts")


@pytest.fixture
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of the test's own, where no browser is found unless a test puts one there."""
    folder = tmp_path / "user"
    folder.mkdir()
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return folder


def read_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def launcher() -> Path:
    return load_settings().paths.data_dir / "browser-host"


def test_each_named_browser_gets_its_manifest_and_the_launcher(run: Cli, user: Path) -> None:
    result = run("browser", "install", "--browser", "chromium", "--browser", "firefox")
    assert result.exit_code == 0, result.output
    chromium = read_json(user / CHROMIUM_FOLDER / MANIFEST)
    firefox = read_json(user / FIREFOX_FOLDER / MANIFEST)
    assert chromium == {
        "name": "org.breakwell.companion",
        "description": "breakwell's browser companion",
        "path": str(launcher()),
        "type": "stdio",
        "allowed_origins": [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"],
    }
    assert firefox["path"] == str(launcher())
    assert firefox["allowed_extensions"] == [FIREFOX_EXTENSION_ID]
    assert "allowed_origins" not in firefox
    assert f"Installed the host for Chromium: {user / CHROMIUM_FOLDER / MANIFEST}" in result.output
    assert str(extension_folder()) in result.output
    assert "chrome://extensions" in result.output
    assert "about:debugging" in result.output


def test_the_launcher_is_private_and_runs_this_breakwell_for_this_journal(
    run: Cli, user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", "sqlite:////tmp/it's.db")
    assert run("browser", "install", "--browser", "chromium").exit_code == 0
    path = launcher()
    assert stat.S_IMODE(path.stat().st_mode) == 0o700
    text = path.read_text()
    assert text.startswith("#!/bin/sh\n")
    assert f"export BREAKWELL_HOME={os.environ['BREAKWELL_HOME']}\n" in text
    assert "export BREAKWELL_DATABASE_URL='sqlite:////tmp/it'\"'\"'s.db'\n" in text
    assert text.endswith(f'exec {sys.executable} -m breakwell browser-host "$@"\n')


def test_what_is_not_set_is_not_kept(run: Cli, user: Path) -> None:
    assert run("browser", "install", "--browser", "chromium").exit_code == 0
    assert "BREAKWELL_DATABASE_URL" not in launcher().read_text()


def test_without_names_every_browser_found_gets_one(run: Cli, user: Path) -> None:
    (user / ".config" / "google-chrome").mkdir(parents=True)
    (user / ".mozilla").mkdir()
    result = run("browser", "install")
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(user)) for p in user.rglob(MANIFEST))
    assert written == [
        ".config/google-chrome/NativeMessagingHosts/" + MANIFEST,
        ".mozilla/native-messaging-hosts/" + MANIFEST,
    ]


def test_a_browser_on_the_path_counts_as_found(
    run: Cli, user: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "bin" / "brave-browser"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    assert run("browser", "install").exit_code == 0
    assert (user / ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts" / MANIFEST).exists()


def test_the_config_home_is_honoured_for_chromium(
    run: Cli, user: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert run("browser", "install", "--browser", "edge").exit_code == 0
    assert (tmp_path / "config/microsoft-edge/NativeMessagingHosts" / MANIFEST).exists()


def test_with_no_browser_found_nothing_is_written(run: Cli, user: Path) -> None:
    result = run("browser", "install")
    assert result.exit_code == 1
    assert "no supported browser found" in result.output
    assert not launcher().exists()
    assert list(user.iterdir()) == []


def test_a_profile_folder_gets_the_manifest_chromium_reads_there(
    run: Cli, user: Path, tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    assert run("browser", "install", "--profile", str(profile)).exit_code == 0
    assert read_json(profile / "NativeMessagingHosts" / MANIFEST)["allowed_origins"] == [
        f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"
    ]
    assert list(user.iterdir()) == []
    result = run("browser", "install", "--profile", str(profile), "--browser", "firefox")
    assert result.exit_code == 2
    assert "--profile is a Chromium profile folder" in result.output


def test_an_unknown_browser_is_refused(run: Cli, user: Path) -> None:
    result = run("browser", "install", "--browser", "netscape")
    assert result.exit_code == 2
    assert "unknown browser 'netscape'; known: chromium, chrome, brave, edge, firefox" in (
        result.output
    )


def test_a_linked_folder_manifest_or_launcher_is_refused(
    run: Cli, user: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = user / CHROMIUM_FOLDER
    folder.parent.mkdir(parents=True)
    folder.symlink_to(elsewhere)
    result = run("browser", "install", "--browser", "chromium")
    assert result.exit_code == 1
    assert "is a symbolic link" in result.output
    assert list(elsewhere.iterdir()) == []

    folder.unlink()
    folder.mkdir()
    target = elsewhere / "target.json"
    target.write_text("theirs")
    (folder / MANIFEST).symlink_to(target)
    assert run("browser", "install", "--browser", "chromium").exit_code == 1
    assert target.read_text() == "theirs"

    (folder / MANIFEST).unlink()
    launcher().unlink()
    launcher().symlink_to(target)
    assert run("browser", "install", "--browser", "chromium").exit_code == 1
    assert target.read_text() == "theirs"
    assert not (folder / MANIFEST).exists()


def test_status_says_what_is_installed_and_connected(run: Cli, user: Path) -> None:
    before = run("browser", "status")
    assert before.exit_code == 0
    assert "Chromium        no host, not connected" in before.output
    assert "Connect the companion with: breakwell browser install" in before.output
    run("browser", "install", "--browser", "chromium")
    held = hold_companion(load_settings().paths.runtime_dir, "chromium")
    try:
        after = run("browser", "status")
        rows = json.loads(run("browser", "status", "--json").stdout)
    finally:
        assert held is not None
        held.release()
    assert "Chromium        host installed, connected" in after.output
    assert "Firefox         no host, not connected" in after.output
    assert "Connect the companion" not in after.output
    assert rows[0] == {
        "browser": "chromium",
        "name": "Chromium",
        "manifest": str(user / CHROMIUM_FOLDER / MANIFEST),
        "installed": True,
        "connected": True,
    }
    assert [row["browser"] for row in rows] == ["chromium", "chrome", "brave", "edge", "firefox"]


def test_a_manifest_whose_launcher_is_gone_is_not_installed(run: Cli, user: Path) -> None:
    run("browser", "install", "--browser", "chromium")
    launcher().unlink()
    assert "Chromium        no host" in run("browser", "status").output


def test_path_prints_the_extension_folder(run: Cli) -> None:
    result = run("browser", "path")
    assert result.output == f"{extension_folder()}\n"


@pytest.mark.slow
def test_the_installed_launcher_starts_the_host(run: Cli, user: Path) -> None:
    assert run("browser", "install", "--browser", "chromium").exit_code == 0
    origin = read_json(user / CHROMIUM_FOLDER / MANIFEST)["allowed_origins"][0]
    hello = encode_message({"type": "hello", "browser": "chromium", "request": 1})
    done = subprocess.run(
        [str(launcher()), origin],
        input=hello,
        capture_output=True,
        timeout=60,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("BREAKWELL_HOME")},
    )
    assert done.returncode == 0, done.stderr
    assert read_message(io.BytesIO(done.stdout)) == {"type": "state", "breaks": [], "request": 1}
    refused = subprocess.run(
        [str(launcher()), "chrome-extension://someone/"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 1
    error = read_message(io.BytesIO(refused.stdout))
    assert error is not None and error["type"] == "error"
    assert refused.stderr.decode() == f"breakwell: {error['message']}\n"


def test_a_folder_that_cannot_be_made_is_one_line(run: Cli, user: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    result = run("browser", "install", "--profile", str(tmp_path / "file" / "profile"))
    assert result.exit_code == 1
    assert result.output == (
        f"breakwell: cannot write {tmp_path / 'file/profile/NativeMessagingHosts'}: "
        "Not a directory\n"
    )
