"""The companion extension's files: the ids the host trusts are the extension's own, the
manifest names only files that exist, and no script talks to anything but the host."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

import breakwell
from breakwell.browser.files import extension_folder
from breakwell.browser.ids import CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID

FOLDER = extension_folder()


def manifest() -> dict[str, Any]:
    loaded = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def chromium_id(public_key: str) -> str:
    """Chromium's id for an extension with this `key`: the first 32 hex digits of the
    SHA-256 of the key's DER bytes, 0-f written as a-p."""
    digest = hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(digit, 16)) for digit in digest)


def test_the_folder_is_the_checkouts_companion_folder() -> None:
    checkout = Path(breakwell.__file__).resolve().parent.parent
    assert checkout / "companion" == FOLDER


def test_the_chromium_id_is_the_one_the_manifests_key_gives() -> None:
    assert chromium_id(manifest()["key"]) == CHROMIUM_EXTENSION_ID


def test_the_key_is_public_only() -> None:
    der = base64.b64decode(manifest()["key"])
    # A SubjectPublicKeyInfo of an RSA key: the rsaEncryption object id, and no private parts.
    assert bytes.fromhex("2a864886f70d010101") in der
    assert len(der) < 600
    assert not list(FOLDER.rglob("*.pem"))


def test_the_firefox_id_is_the_manifests_gecko_id() -> None:
    assert manifest()["browser_specific_settings"]["gecko"]["id"] == FIREFOX_EXTENSION_ID


def test_the_manifest_asks_for_what_the_companion_does_and_no_more() -> None:
    found = manifest()
    assert found["manifest_version"] == 3
    assert found["version"] == breakwell.__version__
    assert sorted(found["permissions"]) == [
        "declarativeNetRequest",
        "declarativeNetRequestWithHostAccess",
        "nativeMessaging",
        "storage",
    ]
    assert found["host_permissions"] == ["<all_urls>"]
    # Chromium runs the service worker, Firefox the background script: the same file.
    assert found["background"] == {"service_worker": "background.js", "scripts": ["background.js"]}
    assert "open-note" in found["commands"]
    assert "externally_connectable" not in found


def test_every_file_the_manifest_names_exists() -> None:
    found = manifest()
    named = [found["background"]["service_worker"], *found["background"]["scripts"]]
    for script in found["content_scripts"]:
        named += script["js"] + script.get("css", [])
    for resources in found["web_accessible_resources"]:
        named += resources["resources"]
    assert named
    for name in named:
        assert (FOLDER / name).is_file(), name


def test_only_the_two_framed_pages_are_open_to_sites_and_only_at_a_per_session_address() -> None:
    """The block page (a declarativeNetRequest redirect needs its page web accessible) and the
    banner's page; their scripts and styles stay the extension's own, and Chromium lets a site
    reach either only at an address it cannot know, so no site can tell breakwell is there."""
    shared = manifest()["web_accessible_resources"]
    assert shared == [
        {"resources": ["block.html"], "matches": ["<all_urls>"], "use_dynamic_url": True},
        {
            "resources": ["note.html"],
            "matches": ["https://*/*", "http://*/*"],
            "use_dynamic_url": True,
        },
    ]


def test_the_content_script_puts_no_form_in_the_page() -> None:
    """The banner and its note form are note.html in a frame in a closed shadow root: what
    the page's own DOM gets holds nothing to read or to press."""
    [script] = manifest()["content_scripts"]
    assert script["js"] == ["banner.js"]
    assert "css" not in script
    lines = (FOLDER / "banner.js").read_text(encoding="utf-8").splitlines()
    code = "\n".join(line for line in lines if not line.lstrip().startswith("//"))
    assert 'attachShadow({ mode: "closed" })' in code
    assert 'getURL("note.html")' in code
    created = set(re.findall(r'createElement\("([a-z]+)"\)', code))
    assert created == {"div", "iframe"}
    for control in ("textarea", "input", "button", "form", "textContent", "innerText"):
        assert not re.search(rf"\b{control}\b", code), control


@pytest.mark.parametrize("script", ["banner.js", "note.js"])
def test_every_event_the_banner_acts_on_is_one_a_person_made(script: str) -> None:
    """A page can dispatch events of its own making; the browser marks those untrusted."""
    code = (FOLDER / script).read_text(encoding="utf-8")
    listeners = re.findall(r"addEventListener\([^)]*\)\s*=>\s*\{(.*?)\n\s*\}\);", code, re.S)
    assert len(listeners) == code.count("addEventListener("), script
    for body in listeners:
        assert "isTrusted" in body, body


def test_slips_are_written_only_on_a_page_of_its_own() -> None:
    code = (FOLDER / "block.js").read_text(encoding="utf-8")
    assert "if (framed || !event.isTrusted) return;" in code
    assert "framedByAnotherSite()" in code


def test_the_pages_load_only_the_extensions_own_files() -> None:
    for page in FOLDER.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        linked = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)
        assert linked, page.name
        for name in linked:
            assert (FOLDER / name).is_file(), f"{page.name}: {name}"
        assert "<script>" not in html, f"{page.name} has inline script"


@pytest.mark.parametrize("script", sorted(p.name for p in FOLDER.glob("*.js")))
def test_no_script_talks_to_anything_but_the_host(script: str) -> None:
    """No requests of its own, no code from elsewhere, no analytics."""
    code = (FOLDER / script).read_text(encoding="utf-8")
    for forbidden in (
        "fetch(",
        "XMLHttpRequest",
        "WebSocket",
        "EventSource",
        "sendBeacon",
        "eval(",
        "new Function",
        "importScripts",
        "innerHTML",
        "http://",
        "https://",
    ):
        assert forbidden not in code, f"{script} uses {forbidden}"


def test_the_background_connects_to_the_host_breakwell_installs() -> None:
    code = (FOLDER / "background.js").read_text(encoding="utf-8")
    assert 'const HOST = "org.breakwell.companion";' in code
