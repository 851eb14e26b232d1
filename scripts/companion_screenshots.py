"""Draw the browser companion's block page and watch banner to screenshots/ (PNG), from the
real extension pages: `python3 scripts/companion_screenshots.py` with the development venv.

It needs what the real-browser tests need (Debian's chromium and chromium-driver, openssl):
one headless Chromium loads the extension, a local HTTPS server stands in for the sites, and
this checkout's `breakwell browser-host` tells the extension about breaks started in a
throwaway journal. The breaks end on the coming Sunday at 09:00 (on a Sunday, the Friday
after), so the pictures seldom change between drawings.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from breakwell.services import Services
    from tests.browser.chromium import Chromium

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
# The window's outer size; the picture is of the page inside it.
SIZE = (1000, 760)
# The harness lives with the real-browser tests under tests/; Python puts only scripts/ on
# the path.
sys.path.insert(0, str(ROOT))


def coming_sunday_morning(now: datetime) -> datetime:
    """Sunday 09:00 within the next six days (the host writes it as "Sun 09:00"), at least an
    hour away; else the last 09:00 before that."""
    mornings = [
        (now + timedelta(days=d)).replace(hour=9, minute=0, second=0, microsecond=0)
        for d in range(8)
    ]
    fitting = [m for m in mornings if timedelta(hours=1) < m - now < timedelta(days=6)]
    return next((m for m in fitting if m.weekday() == 6), fitting[-1])


def until_sunday() -> timedelta:
    now = datetime.now(UTC)
    return coming_sunday_morning(now) - now


def draw_block_page(browser: Chromium, services: Services) -> None:
    from breakwell.domain.break_kinds import Mode
    from tests.browser.chromium import ORIGIN

    driver = browser.driver
    proposed = services.breaks.plan(
        until_sunday(),
        platforms=["instagram"],
        mode=Mode.UNPLUG,
        intention="Finish the chapter, then call Mum",
    )
    unplug = services.breaks.start(proposed)
    assert unplug.id is not None
    browser.wait_for_break(unplug.id, unplug.ends_at)
    browser.open("https://www.instagram.com/")
    browser.wait(
        lambda: (
            browser.current_url().startswith(f"{ORIGIN}block.html")
            and driver.find_element("id", "slip").is_displayed()
        ),
        "the block page",
    )
    driver.find_element("id", "slip-text").send_keys("A notification about a friend's reel")
    driver.save_screenshot(str(OUT / "companion-block.png"))
    services.breaks.stop(break_id=unplug.id)
    browser.wait_for_no_break(unplug.id)


def draw_watch_banner(browser: Chromium, services: Services) -> None:
    from breakwell.domain.break_kinds import Mode

    driver = browser.driver
    watch = services.breaks.start(
        services.breaks.plan(until_sunday(), platforms=["x"], mode=Mode.WATCH)
    )
    assert watch.id is not None
    browser.wait_for_break(watch.id, watch.ends_at)
    browser.open("https://x.com/home")
    browser.wait(
        lambda: browser.in_frame("!document.getElementById('banner').hidden"), "the watch banner"
    )
    driver.execute_script(
        "const range = document.createRange();"
        "range.selectNodeContents(document.getElementById('words'));"
        "getSelection().removeAllRanges(); getSelection().addRange(range);"
    )
    browser.click_in_banner("note")
    browser.wait(
        lambda: browser.in_frame("document.getElementById('quote').textContent || null"),
        "the quote",
    )
    browser.type("@dana answers everyone; nobody answers her #followers")
    # The frame takes the form's size from the banner, then draws it.
    browser.wait(
        lambda: browser.in_frame(
            "document.getElementById('save').getBoundingClientRect().bottom <= innerHeight"
        ),
        "the whole form",
    )
    driver.save_screenshot(str(OUT / "companion-watch.png"))


def main() -> int:
    os.environ["TZ"] = "UTC"
    time.tzset()
    import pytest

    from breakwell.domain.clock import SystemClock
    from breakwell.services import build_services
    from breakwell.settings import load_settings
    from tests.browser.chromium import chromium
    from tests.browser.server import Sites

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="breakwell-companion-shots-") as scratch:
        base = Path(scratch)
        hosts = base / "hosts"
        hosts.write_text("127.0.0.1 localhost\n", encoding="utf-8")
        environ = {
            "BREAKWELL_HOME": str(base / "home"),
            "XDG_RUNTIME_DIR": str(base / "runtime"),
            "BREAKWELL_HOSTS_FILE": str(hosts),
            "BREAKWELL_AUTOSTART": "0",
        }
        os.environ.update(environ)
        os.environ.pop("BREAKWELL_DATABASE_URL", None)
        services = build_services(load_settings(), SystemClock())
        sites = Sites(base / "sites")
        try:
            with chromium(base / "chromium", sites.port) as browser:
                browser.attach(environ)
                browser.driver.set_window_size(*SIZE)
                draw_block_page(browser, services)
                draw_watch_banner(browser, services)
        except pytest.skip.Exception as reason:
            print(f"companion screenshots: {reason}", file=sys.stderr)
            return 1
        finally:
            sites.close()
            services.close()
    print(f"companion screenshots: drew companion-block.png and companion-watch.png in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
