"""Redraw the README's screenshots from the demo journal: `python3 dev.py screenshots`.

Each screen is reached the way the snapshot tests reach it (tests/tui/tour.py), on a fresh
copy of the demo journal at a fixed moment, and saved as an SVG in screenshots/.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

SIZE = (120, 40)
MOMENT = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
# The tour lives with the snapshot tests under tests/; Python puts only scripts/ on the path.
sys.path.insert(0, str(ROOT))


async def draw(name: str, home: Path, template: Path) -> None:
    from breakwell.domain.clock import FakeClock
    from breakwell.services import build_services
    from breakwell.settings import load_settings
    from breakwell.tui.app import BreakwellApp
    from tests.tui.tour import STOPS

    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    shutil.copy(template, home / "breakwell.db")
    settings = load_settings({"BREAKWELL_HOME": str(home)})
    services = build_services(settings, FakeClock(MOMENT))
    app = BreakwellApp(services, settings, enforce=False, offer_reflections=False)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await STOPS[name](pilot)
        app.save_screenshot(f"{name}.svg", str(OUT))
    services.close()


def main() -> int:
    # Fixed zone and moment: the pictures change only when the screens do.
    os.environ["TZ"] = "UTC"
    from breakwell.demo import fill_demo
    from breakwell.domain.clock import FakeClock
    from breakwell.services import build_services
    from breakwell.settings import load_settings
    from tests.tui.tour import STOPS

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="breakwell-shots-") as scratch:
        base = Path(scratch)
        clock = FakeClock(MOMENT)
        services = build_services(load_settings({"BREAKWELL_HOME": str(base / "demo")}), clock)
        fill_demo(services, clock, zone="UTC")
        services.close()
        for name in STOPS:
            asyncio.run(draw(name, base / "home", base / "demo" / "breakwell.db"))
            print(f"screenshots/{name}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
