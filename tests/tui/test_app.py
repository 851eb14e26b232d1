import os
import threading
from datetime import timedelta
from pathlib import Path

from textual.widgets import Digits

from breakwell.domain.break_kinds import Strictness
from breakwell.enforce import hosts
from breakwell.enforce.lock import EnforcerLock, running_enforcer
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.tui.app import BreakwellApp
from breakwell.tui.messages import EngineNotice, StatusLoaded
from breakwell.tui.role import Role
from breakwell.tui.screens.now import NowScreen, countdown
from tests.journal import settings_of
from tests.tui.helpers import settle, text_of


def start_break(services: Services) -> None:
    services.breaks.start(
        services.breaks.plan(
            timedelta(minutes=30),
            platforms=["x", "instagram"],
            strictness=Strictness.FIRM,
            intention="notice who leads",
        )
    )


async def test_now_shows_the_running_break_and_counts_down(services: Services) -> None:
    start_break(services)
    app = BreakwellApp(services, settings_of(services), enforce=False)
    messages: list[StatusLoaded] = []

    def record(message: object) -> None:
        if isinstance(message, StatusLoaded):
            messages.append(message)

    async with app.run_test(message_hook=record) as pilot:
        await settle(pilot)
        assert text_of(app, "#headline") == "On a break from X (Twitter), Instagram"
        assert text_of(app, "#detail") == "until today 20:30 · firm · unplug"
        assert text_of(app, "#intention") == "notice who leads"
        assert app.screen.query_one("#countdown", Digits).value == "00:30:00"
        services.clock.advance(timedelta(minutes=5, seconds=3))  # type: ignore[attr-defined]
        assert isinstance(app.screen, NowScreen)
        app.screen.refresh_countdown()
        assert app.screen.query_one("#countdown", Digits).value == "00:24:57"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(messages) == 2
        assert all(m.status.active is not None for m in messages)
        await pilot.press("q")
    assert not app.is_running


async def test_without_a_break_it_says_how_to_start_one(services: Services) -> None:
    # Someone who has used it before: a new journal's welcome says it instead.
    services.journal.write("a note")
    app = BreakwellApp(services, settings_of(services), enforce=False)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert text_of(app, "#headline") == "No break is running"
        assert "Press s to start one" in text_of(app, "#detail")
        assert not app.screen.query_one("#countdown", Digits).display


def test_countdown_format() -> None:
    assert countdown(3 * 3600 + 62) == "03:01:02"
    assert countdown(-5) == "00:00:00"


async def test_without_a_daemon_the_app_enforces_and_releases_the_lock(
    home: Path, clock: object
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    hosts_file = home / "hosts"
    hosts_file.write_bytes(b"127.0.0.1 localhost\n")
    (home / "config.toml").write_text(
        f'[blocking]\nhosts_file = "{hosts_file}"\n[notifications]\ndesktop = false\n'
    )
    services = build_services(load_settings())
    start_break(services)
    app = BreakwellApp(services, settings_of(services))
    async with app.run_test() as pilot:
        await settle(pilot)
        runtime = services.preferences.runtime_dir
        assert running_enforcer(runtime) == os.getpid()
        assert app.role_text == Role.ENFORCING
        assert hosts.blocked_domains(hosts_file.read_bytes())
        await pilot.press("q")
    assert running_enforcer(runtime) is None
    kinds = [e.kind.value for e in services.events.recent(kinds=["enforcer"])]
    assert kinds == ["enforcer.stopped", "enforcer.started"]
    services.close()


async def test_with_a_daemon_running_the_app_only_watches(home: Path, services: Services) -> None:
    daemon = EnforcerLock(services.preferences.runtime_dir)
    assert daemon.acquire()
    try:
        app = BreakwellApp(services, settings_of(services))
        async with app.run_test() as pilot:
            await settle(pilot)
            await pilot.pause()
            assert app.role_text == Role.WATCHING
            other = build_services(settings_of(services), services.clock)
            start_break(other)
            other.close()
            app.check_for_changes()
            await settle(pilot)
            await pilot.pause()
            assert text_of(app, "#headline").startswith("On a break from")
        assert services.events.recent(kinds=["enforcer"]) == []
    finally:
        daemon.release()


def enforcing_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    hosts_file = home / "hosts"
    hosts_file.write_bytes(b"127.0.0.1 localhost\n")
    (home / "config.toml").write_text(
        f'[blocking]\nhosts_file = "{hosts_file}"\n[notifications]\ndesktop = false\n'
    )
    return hosts_file


async def test_the_engine_never_waits_for_the_ui(home: Path) -> None:
    """Engine callbacks run in its threads holding its lock; the UI must not be waited on."""
    enforcing_home(home)
    services = build_services(load_settings())
    app = BreakwellApp(services, settings_of(services))
    notices: list[str] = []

    def record(message: object) -> None:
        if isinstance(message, EngineNotice):
            notices.append(message.title)

    async with app.run_test(message_hook=record) as pilot:
        await settle(pilot)
        engine = app.enforcement.engine if app.enforcement else None
        assert engine is not None and engine.after_pass is not None
        toast, after_pass = engine.notifier.toast, engine.after_pass
        assert toast is not None

        def from_engine_thread() -> None:
            toast("Break #1 is complete", "How was it?")
            after_pass()

        # The UI loop is held here, as it is while closing the engine: if the callbacks
        # waited for it, the thread would not finish.
        thread = threading.Thread(target=from_engine_thread)
        thread.start()
        thread.join(timeout=30)
        assert not thread.is_alive()
        await pilot.pause()
        assert notices == ["Break #1 is complete"]
    services.close()


async def test_a_watching_app_takes_over_when_the_daemon_stops(home: Path) -> None:
    enforcing_home(home)
    services = build_services(load_settings())
    daemon = EnforcerLock(services.preferences.runtime_dir)
    assert daemon.acquire()
    app = BreakwellApp(services, settings_of(services))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.role_text == Role.WATCHING
        daemon.release()
        app.check_for_changes()
        await settle(pilot)
        await settle(pilot)
        assert app.role_text == Role.ENFORCING
        assert running_enforcer(services.preferences.runtime_dir) == os.getpid()
    services.close()


def test_progress_bar_is_drawn_to_the_cell() -> None:
    from breakwell.tui.screens.now import PROGRESS_WIDTH, progress_bar

    assert progress_bar(0.1).count("━") == PROGRESS_WIDTH // 10
    assert progress_bar(0.1).endswith(" 10%")
    assert progress_bar(1.7).endswith(" 100%") and "─" not in progress_bar(1.7)
    assert progress_bar(-1).count("─") == PROGRESS_WIDTH


async def test_now_says_when_a_running_break_is_not_blocked_and_why(home: Path) -> None:
    """Another process holds the hosts file's lock: the app enforces, but cannot block."""
    from breakwell.enforce.lock import hosts_lock

    hosts_file = enforcing_home(home)
    services = build_services(load_settings())
    start_break(services)
    squatter = hosts_lock(hosts_file)
    assert squatter.acquire()
    try:
        app = BreakwellApp(services, settings_of(services))
        async with app.run_test() as pilot:
            await settle(pilot)
            await pilot.pause()
            app.load_status()
            await settle(pilot)
            shown = text_of(app, "#enforcement")
            assert shown.startswith("Not blocked: break #1's sites are open:")
            assert "manages" in shown and "leaves it alone" in shown
            assert hosts.blocked_domains(hosts_file.read_bytes()) == []
            await pilot.press("q")
    finally:
        squatter.release()
        services.close()
