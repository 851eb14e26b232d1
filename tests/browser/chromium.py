"""Debian's Chromium, headless, driven by selenium through chromedriver, with the companion
extension loaded unpacked and its host manifest in a throwaway profile.

The platforms' sites are mapped to the local test server (`--host-resolver-rules`), every
other name to nowhere, and HOME and the XDG folders point at the test's own folder: Chromium
writes there even with a profile of its own."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from breakwell.browser.files import extension_folder
from breakwell.browser.ids import CHROMIUM_EXTENSION_ID
from tests.browser.host_link import HostLink
from tests.browser.missing import missing
from tests.browser.server import SITES

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ORIGIN = f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"
# How long anything the tests wait for may take; the host notices a change within a second.
PATIENCE = 30.0

T = TypeVar("T")


def own_environment(folder: Path) -> dict[str, str]:
    """The browser's environment: the test process's, with the home folders in `folder` and
    none of breakwell's own settings (each host gets the test's from its launcher)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BREAKWELL_")}
    for name, sub in (
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        path = folder / sub
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        environ[name] = str(path)
    return environ


def same_second(shown: str, moment: datetime) -> bool:
    return datetime.fromisoformat(shown).replace(microsecond=0) == moment.replace(microsecond=0)


def resolver_rules(port: int) -> str:
    mapped = [f"MAP {site} 127.0.0.1:{port}, MAP *.{site} 127.0.0.1:{port}" for site in SITES]
    return ", ".join([*mapped, "MAP * ~NOTFOUND"])


class Chromium:
    """One browser for a module's tests, with a tab for the sites and one on an extension
    page, from which the tests read what the extension knows."""

    def __init__(self, driver: Any, link: HostLink) -> None:
        self.driver = driver
        self.link = link
        self.site_tab = driver.current_window_handle
        driver.switch_to.new_window("tab")
        self.extension_tab = driver.current_window_handle
        driver.get(f"{ORIGIN}block.html")
        self.wait(lambda: self._in_extension_tab("return typeof chrome.runtime.id"), "extension")

    # --- Waiting ---------------------------------------------------------------------------

    def wait(self, probe: Callable[[], T | None], what: str, patience: float = PATIENCE) -> T:
        """Poll `probe` until it gives something other than None or False."""
        deadline = time.monotonic() + patience
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            try:
                found = probe()
            except Exception as error:  # the page may be between documents
                last_error = error
                found = None
            if found is not None and found is not False:
                return found
            time.sleep(0.1)
        raise AssertionError(
            f"waited {patience:.0f} s for {what}; last error: {last_error}\n"
            f"host log:\n{self.link.log()}"
        )

    # --- The extension's side --------------------------------------------------------------

    def _in_extension_tab(self, script: str, *args: object) -> Any:
        self.driver.switch_to.window(self.extension_tab)
        try:
            return self.driver.execute_script(script, *args)
        finally:
            self.driver.switch_to.window(self.site_tab)

    def _ask_extension(self, script: str) -> Any:
        """Run an async extension call in the extension tab and give its result."""
        self.driver.switch_to.window(self.extension_tab)
        try:
            return self.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                f"({script}).then(done, (e) => done({{failed: String(e)}}));"
            )
        finally:
            self.driver.switch_to.window(self.site_tab)

    def state(self) -> dict[str, Any]:
        """What the extension's background holds: {"connected": ..., "breaks": [...]}."""
        answer = self._ask_extension("chrome.runtime.sendMessage({type: 'get-state'})")
        assert isinstance(answer, dict), answer
        return answer

    def rules(self) -> list[dict[str, Any]]:
        answer = self._ask_extension("chrome.declarativeNetRequest.getDynamicRules()")
        assert isinstance(answer, list), answer
        return answer

    def attach(self, environ: Mapping[str, str]) -> None:
        """Have the extension talk to a host in this test's home, and wait until it does."""
        before = self.link.running()
        self.link.point_at(environ)
        self.wait(
            lambda: (pid := self.link.running()) is not None and pid != before,
            "the extension to start a host in the test's home",
        )
        self.wait(lambda: self.state()["connected"], "the extension to hear from its host")

    def wait_for_break(self, break_id: int, ends_at: datetime) -> dict[str, Any]:
        """Wait until the extension enforces this break (its rules are set by then)."""

        def found() -> dict[str, Any] | None:
            for item in self.state()["breaks"]:
                if item["id"] == break_id and same_second(item["ends_at"], ends_at):
                    return dict(item)
            return None

        return self.wait(found, f"break #{break_id} to reach the extension")

    def wait_for_no_break(self, break_id: int) -> None:
        self.wait(
            lambda: all(item["id"] != break_id for item in self.state()["breaks"]),
            f"break #{break_id} to leave the extension",
        )

    # --- The site's side -------------------------------------------------------------------

    def open(self, url: str) -> None:
        """Navigate the sites' tab (the page loads on its own: wait for what it shows)."""
        self.driver.switch_to.window(self.site_tab)
        self.driver.get(url)

    def current_url(self) -> str:
        return str(self.driver.execute_script("return location.href"))

    def probe(self, method: str, path: str) -> str:
        """Send a request from the page and say what became of it."""
        outcome = self.driver.execute_async_script(
            "window.probe(arguments[0], arguments[1]).then(arguments[2]);", method, path
        )
        return str(outcome)

    def console(self) -> str:
        return "\n".join(str(entry.get("message")) for entry in self.driver.get_log("browser"))


@contextmanager
def chromium(folder: Path, sites_port: int) -> Iterator[Chromium]:
    """Start the browser with the extension (`missing` where it cannot run here)."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            missing(f"{program} is not installed (Debian: chromium, chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium is not installed")
    extension = extension_folder()
    profile = folder / "profile"
    link = HostLink(folder / "host")
    link.write_manifest(profile / "NativeMessagingHosts", allowed_origins=[ORIGIN])
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    # The default strategy sometimes hangs the first page load with an extension loaded.
    options.page_load_strategy = "none"
    options.accept_insecure_certs = True
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for argument in (
        "--headless=new",
        f"--user-data-dir={profile}",
        f"--load-extension={extension}",
        f"--disable-extensions-except={extension}",
        f"--host-resolver-rules={resolver_rules(sites_port)}",
        "--ignore-certificate-errors",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    environ = own_environment(folder)
    # Selenium would otherwise look for drivers online.
    environ["SE_OFFLINE"] = "true"
    saved = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"
    try:
        service = Service(
            executable_path=str(CHROMEDRIVER), env=environ, log_output=str(folder / "driver.log")
        )
        driver = webdriver.Chrome(options=options, service=service)
    finally:
        if saved is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = saved
    driver.set_script_timeout(PATIENCE)
    try:
        yield Chromium(driver, link)
    finally:
        driver.quit()
        link.stop()
