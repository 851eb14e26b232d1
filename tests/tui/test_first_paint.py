"""The app's first frame waits for no database code: a fresh interpreter opens it headless,
as `breakwell` does (settings, and a way to build the services), on a journal already made,
and notes what it has imported when the first frame is drawn."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from breakwell.services import build_services
from breakwell.settings import load_settings
from tests.tui.test_app import start_break

PROBE = """
import json, sys
from pathlib import Path

import breakwell.cli.main  # what the command imports before it opens the app
from breakwell.cli.context import CliContext
from breakwell.tui.app import BreakwellApp

cli = CliContext()


class FirstFrame(BreakwellApp):
    CSS_PATH = str(Path(breakwell.tui.app.__file__).with_name("breakwell.tcss"))

    def on_ready(self) -> None:
        with open(sys.argv[1], "w") as out:
            drawn = {"screen": type(self.screen).__name__, "columns": bool(self.query("#now-body"))}
            json.dump({"modules": sorted(sys.modules), **drawn}, out)
        self.exit()


FirstFrame(lambda _: cli.services, cli.settings).run(headless=True, size=(80, 24))
cli.close()
"""

# pydantic too: the settings load without it, and the export document models use it.
DATABASE_CODE = {"sqlalchemy", "sqlmodel", "alembic", "apscheduler", "pydantic"}


def probed(probe: str, tmp_path: Path) -> tuple[dict[str, Any], set[str]]:
    """What `probe` reported, on a journal made and migrated with a break to show, and the
    top-level packages it had loaded."""
    services = build_services(load_settings())
    start_break(services)
    services.close()
    report = tmp_path / "probe.json"
    subprocess.run(
        [sys.executable, "-c", probe, str(report)],
        env=dict(os.environ),
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    seen = json.loads(report.read_text())
    return seen, {name.split(".")[0] for name in seen["modules"]}


@pytest.mark.slow
def test_the_first_frame_imports_no_database_code(home: Path, tmp_path: Path) -> None:
    seen, loaded = probed(PROBE, tmp_path)
    assert {"textual", "breakwell"} <= loaded
    # The Now screen from the first frame on, with only its loading line so far.
    assert seen["screen"] == "NowScreen" and seen["columns"] is False
    assert loaded & DATABASE_CODE == set()
    assert "breakwell.services" not in seen["modules"]


GLANCE_PROBE = """
import json, sys, threading
from pathlib import Path

import breakwell.cli.main
from breakwell.cli.context import CliContext
from breakwell.cli.glance import glance_reader
from breakwell.tui.app import BreakwellApp

cli = CliContext()
drawn = threading.Event()


class Held:
    # The services' build waits for the glance to be drawn: here, until it is looked at.
    def wait(self, timeout=None):
        return drawn.wait(60)

    def set(self):
        pass


class Glanced(BreakwellApp):
    CSS_PATH = str(Path(breakwell.tui.app.__file__).with_name("breakwell.tcss"))

    def on_now_shown(self, _) -> None:
        headline = str(self.screen.query_one("#headline").content)
        with open(sys.argv[1], "w") as out:
            json.dump({"modules": sorted(sys.modules), "headline": headline}, out)
        drawn.set()
        self.exit()


app = Glanced(lambda _: cli.services, cli.settings, glance=glance_reader(cli), clock=cli.clock)
app._drawn = Held()
app.run(headless=True, size=(80, 24))
cli.close()
"""


@pytest.mark.slow
def test_the_glance_is_drawn_before_any_database_code_loads(home: Path, tmp_path: Path) -> None:
    seen, loaded = probed(GLANCE_PROBE, tmp_path)
    assert seen["headline"] == "On a break from X (Twitter), Instagram"
    assert loaded & DATABASE_CODE == set()
    assert "breakwell.services" not in seen["modules"]
