"""Shared fixtures: every test gets its own breakwell home, a fake clock and UTC local time."""

from __future__ import annotations

import inspect
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from breakwell.cli.context import CliContext
from breakwell.cli.main import cli
from breakwell.domain.clock import FakeClock
from breakwell.services import Services, build_services
from breakwell.settings import Settings, load_settings
from breakwell.settings.config import HOSTS_FILE_ENV
from tests import daemons
from tests.hosts_guard import GUARD, SYSTEM_HOSTS
from tests.pg_server import Server, Unavailable

# Local time is UTC in tests so printed times are predictable; zone-specific behaviour is tested
# by passing an explicit zone to the domain functions.
os.environ["TZ"] = "UTC"
time.tzset()

START = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """One throwaway server for the session; skipped with the reason where none can start,
    except in CI, where these tests must run."""
    try:
        server = Server()
    except Unavailable as reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    yield server
    server.destroy()


@pytest.fixture
def postgres_url(
    postgres_server: Server, monkeypatch: pytest.MonkeyPatch, home: Path
) -> Iterator[str]:
    """This test's own database on the test server, at the newest schema, used by default."""
    name = postgres_server.new_database()
    url = postgres_server.url(name)
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", url)
    yield url
    postgres_server.drop_database(name)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database a test runs on; tests that ask for it run once on each."""
    name = str(request.param)
    if name == "postgresql":
        request.getfixturevalue("postgres_url")
    return name


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> str:
    """A URL for this test's own database on its backend; on PostgreSQL already migrated."""
    if backend == "postgresql":
        return os.environ["BREAKWELL_DATABASE_URL"]
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def empty_postgres_url(postgres_server: Server) -> Iterator[str]:
    """A database on the test server with nothing in it yet, not even a schema."""
    name = postgres_server.new_database(empty=True)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A URL for a database with nothing in it yet, not even a schema."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return str(request.getfixturevalue("empty_postgres_url"))


# Its async tests drive the whole app through Textual's pilot, seconds apiece.
APP_TESTS = Path(__file__).resolve().parent / "tui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark, without a marker in every test, two kinds the quick loop leaves out: a test on the
    PostgreSQL test server (each such store, service or engine test also runs on SQLite) and a
    test that drives the app."""
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        on_server = getattr(item, "callspec", None) and item.callspec.params.get("backend")
        if on_server == "postgresql" or "postgres_server" in item.fixturenames:
            item.add_marker(pytest.mark.postgresql)
        if item.path.is_relative_to(APP_TESTS) and inspect.iscoroutinefunction(item.function):
            item.add_marker(pytest.mark.slow)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        names = ("sqlite",) if only else BACKENDS
        metafunc.parametrize("backend", names, indirect=True)


HOSTS = b"127.0.0.1 localhost\n::1 localhost\n"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own config, journal and environment out of every test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("BREAKWELL_HOME", str(folder))
    # The user's own runtime folder (the hosts lock) is shared by every home: keep it per test.
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "runtime"))
    # What the machine's hosts file holds (a block left by the developer's own breakwell) must
    # change no test: a home that names no hosts file gets this one, in-process and in every
    # process a test starts. A test's own config naming one still wins.
    monkeypatch.setenv(HOSTS_FILE_ENV, str(own_hosts_file(tmp_path)))
    # A command that leaves a break to enforce would start an enforcer in the background,
    # outliving the test: only tests of that start turn it on.
    monkeypatch.setenv("BREAKWELL_AUTOSTART", "0")
    for name in ("BREAKWELL_DATABASE_URL", "BREAKWELL_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    return folder


def own_hosts_file(tmp_path: Path) -> Path:
    """The hosts file a test's home uses unless its config names another."""
    path = tmp_path / "etc" / "hosts"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(HOSTS)
    return path


@pytest.fixture(autouse=True)
def system_hosts_file_unread() -> Iterator[None]:
    """A test that reads the machine's hosts file depends on what this machine holds: it fails,
    even where the code under test would have swallowed the guard's error."""
    GUARD.start(SYSTEM_HOSTS)
    try:
        yield
    finally:
        opened = GUARD.stop()
    if opened:
        pytest.fail(f"the test read the machine's hosts file: {', '.join(opened)}", pytrace=False)


@pytest.fixture(autouse=True)
def system_hosts_file_untouchable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may run as root (CI does); no test may ever write the real hosts file."""
    from breakwell.enforce import hosts

    write = hosts.write_atomically

    def guarded(path: Path, content: bytes) -> None:
        if path.resolve() == hosts.DEFAULT_HOSTS.resolve():
            raise AssertionError(f"a test tried to write {path}")
        write(path, content)

    monkeypatch.setattr(hosts, "write_atomically", guarded)


@pytest.fixture(autouse=True)
def no_enforcer_left_running() -> Iterator[None]:
    """An enforcer a test started and left running would go on acting after it, in another
    test's time: the test fails, naming it, and the process is killed."""
    yield
    left = daemons.still_running()
    if left:
        pytest.fail(f"the test left `breakwell daemon run` running (pid {left}); killed it")


@pytest.fixture(scope="session", autouse=True)
def no_enforcer_outlives_the_suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Also those nobody tracked, such as an enforcer a command started in the background."""
    yield
    if sys.platform != "linux":
        return
    left = daemons.strays(tmp_path_factory.getbasetemp())
    if left:
        pytest.fail(f"breakwell processes outlived the suite (killed): {'; '.join(left)}")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def settings(home: Path) -> Settings:
    return load_settings()


@pytest.fixture
def services(settings: Settings, clock: FakeClock) -> Iterator[Services]:
    built = build_services(settings, clock)
    yield built
    built.close()


class Cli:
    """Runs `breakwell ARGS` in-process, as a fresh process would, on the shared fake clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None) -> Result:
        return self.runner.invoke(
            cli, list(args), obj=CliContext(clock=self.clock), input=input, catch_exceptions=False
        )


@pytest.fixture
def run(clock: FakeClock) -> Cli:
    return Cli(clock)


def database_files(folder: Path) -> dict[str, bytes]:
    """The bytes of every database file in a home, to prove a command changed nothing."""
    return {path.name: path.read_bytes() for path in sorted(folder.glob("breakwell.db*"))}


def run_together(target: Callable[[], None], count: int) -> None:
    """Run `target` in `count` threads at once and wait for all of them."""
    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
