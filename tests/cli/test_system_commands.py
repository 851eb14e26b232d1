import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from breakwell import __version__
from breakwell.cli.main import cli
from tests.conftest import Cli


def test_version(run: Cli) -> None:
    assert run("--version").stdout == f"breakwell {__version__}\n"


def test_every_command_has_one_line_of_help(run: Cli) -> None:
    listing = run("--help").stdout
    # What a browser runs (`browser-host`) is hidden from the listing.
    listed = {name: command for name, command in cli.commands.items() if not command.hidden}
    assert "browser-host" in cli.commands
    assert "browser-host" not in listing
    for name, command in listed.items():
        # The room `breakwell --help` leaves a summary on an 80-column terminal (click keeps
        # two columns of margin and six of spacing).
        short = command.get_short_help_str(limit=78 - 6 - max(map(len, listed)))
        assert short and not short.endswith("..."), name
        assert name in listing
        assert run(name, "--help").exit_code == 0


def test_every_read_command_offers_json() -> None:
    for name in ("status", "history", "show", "search", "paths", "doctor", "events"):
        options = {opt for param in cli.commands[name].params for opt in param.opts}
        assert "--json" in options, name


def test_paths_json_contract(run: Cli, home: Path) -> None:
    data = json.loads(run("paths", "--json").stdout)
    assert data == {
        "config_file": str(home / "config.toml"),
        "database": str(home / "breakwell.db"),
        "data_dir": str(home),
        "log_dir": str(home / "logs"),
        "runtime_dir": str(home / "run"),
    }
    assert "config file" in run("paths").stdout


def test_paths_follow_the_database_url(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", "postgresql+psycopg://me:secret@db.lan/journal")
    data = json.loads(run("paths", "--json").stdout)
    assert data["database"] == "postgresql+psycopg://me:***@db.lan/journal"


def test_doctor_on_a_healthy_home(run: Cli, home: Path) -> None:
    fresh = run("doctor")
    assert fresh.exit_code == 0
    assert "created on first use" in fresh.stdout
    run("note", "hello")
    checks = {c["check"]: c for c in json.loads(run("doctor", "--json").stdout)}
    assert all(c["ok"] for c in checks.values())
    assert checks["migrations"]["detail"].startswith("up to date")
    assert checks["database file"]["detail"].endswith("(600)")


def test_doctor_reports_problems_and_exits_1(run: Cli, home: Path) -> None:
    run("note", "hello")
    (home / "breakwell.db").chmod(0o644)
    result = run("doctor")
    assert result.exit_code == 1
    assert "fix: chmod 600" in result.stdout
    (home / "config.toml").write_text("oops = 1\n")
    broken = json.loads(run("doctor", "--json").stdout)
    assert broken == [
        {"check": "config", "ok": False, "detail": f"{home / 'config.toml'}: oops: unknown key"}
    ]


def test_no_arguments_opens_the_app(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import breakwell.tui

    opened: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(
        breakwell.tui, "run_app", lambda *given, **named: opened.append((given, named))
    )
    result = run()
    assert result.exit_code == 0
    assert len(opened) == 1
    (build, settings), named = opened[0]
    # The app is given how to build the services, so its first frame need not wait for them,
    # and how to glance at the journal before they are built, on the command's clock.
    assert callable(build)
    told: list[str] = []
    services = build(told.append)
    assert hasattr(services, "breaks")
    assert named["clock"] is run.clock
    services.settle()  # the journal made, as the app's build leaves it
    assert told == []  # a new journal is made, not upgraded: nothing to wait for
    glanced = named["glance"](None, 3)
    assert glanced is not None and glanced.first_time
    assert hasattr(settings, "database_url")


def test_events_lists_what_happened(run: Cli) -> None:
    assert run("events").stdout == "Nothing has happened yet.\n"
    run("start", "1h", "--no-prompts")
    run.clock.advance(timedelta(hours=2))
    run("status")
    text = run("events").stdout.splitlines()
    assert text[0].startswith("today 20:00:00")
    assert "break.started" in text[0]
    assert "break.completed" in text[1]
    data = json.loads(run("events", "--json", "--kind", "break.completed").stdout)
    assert [(e["kind"], e["break_id"]) for e in data] == [("break.completed", 1)]
    assert set(data[0]) == {"id", "at", "kind", "break_id", "device", "detail"}


def test_doctor_reports_the_enforcer_and_blocking(run: Cli, home: Path) -> None:
    home.mkdir()
    (home / "hosts").write_text("127.0.0.1 localhost\n")
    (home / "config.toml").write_text(f'[blocking]\nhosts_file = "{home / "hosts"}"\n')
    checks = {c["check"]: c for c in json.loads(run("doctor", "--json").stdout)}
    assert checks["enforcer"]["detail"].startswith("not running")
    assert checks["blocking"]["detail"] == f"{home / 'hosts'} can be edited"
