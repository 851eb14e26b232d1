"""The engine enforces every running break, each with the domains it keeps from its start."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import update

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.events import Event, EventKind
from breakwell.enforce import apps, hosts
from breakwell.enforce.apps import AppWatcher
from breakwell.enforce.blocker import Blocker
from breakwell.enforce.engine import JOB_DEFAULTS, Engine
from breakwell.enforce.notify import Notifier
from breakwell.services import Services, build_services
from breakwell.services.records import record_new
from breakwell.settings import load_settings
from breakwell.store.event_rows import EMERGENCY
from breakwell.store.events import add_event
from breakwell.store.platforms import ensure_platforms
from breakwell.store.tables import BreakRow
from tests.conftest import START
from tests.enforce.conftest import HOSTS
from tests.journal import database_of

CHAT = '[platforms.chat]\nname = "Chat"\ndomains = [{}]\n'


def configure(home: Path, hosts_file: Path, extra: str = "") -> None:
    (home / "config.toml").write_text(
        f'device_name = "laptop"\n{extra}[blocking]\nhosts_file = "{hosts_file}"\n'
    )


def running(services: Services, *platforms: str, hours: int = 2, **options: Any) -> int:
    """A running break stored as it is, overlap or not: as an import or another device could."""
    now = services.clock.now()
    item = Break(
        starts_at=now,
        ends_at=now + timedelta(hours=hours),
        platforms=platforms,
        status=BreakStatus.ACTIVE,
        started_at=now,
        **options,
    )
    catalogue = services.preferences.catalogue
    with database_of(services).write() as session:
        ensure_platforms(session, [p for p in catalogue.all() if p.id in platforms])
        stored = record_new(session, item, now, "laptop")
    assert stored.id is not None
    return stored.id


class Enforcer:
    """An engine as `daemon run` makes one; `restart` is the next `daemon run`."""

    def __init__(self, clock: FakeClock, hosts_file: Path, watcher: AppWatcher | None = None):
        self.clock, self.hosts_file = clock, hosts_file
        self.services = build_services(load_settings(), clock)
        self.scheduler = BackgroundScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
        self.scheduler.start(paused=True)
        self.blocker = Blocker(hosts_file)
        self.engine = Engine(self.services, self.scheduler, Notifier(), self.blocker, watcher)

    def start(self) -> Enforcer:
        self.engine.prepare()
        return self

    def stop(self) -> None:
        self.engine.close()
        self.scheduler.shutdown(wait=False)
        self.services.close()

    def killed(self) -> None:
        """Gone without a word; the kernel drops its locks and its connections."""
        self.blocker.close()
        self.engine._changes.close()
        self.scheduler.shutdown(wait=False)
        self.services.close()

    def kinds(self) -> list[str]:
        return [e.kind.value for e in reversed(self.services.events.recent(limit=200))]

    def details(self, kind: EventKind) -> list[str]:
        return [e.detail for e in reversed(self.services.events.recent(kinds=[kind.value]))]


@pytest.fixture
def hosts_file(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "hosts"
    path.write_bytes(HOSTS)
    configure(home, path)
    return path


@pytest.fixture
def enforcer(clock: FakeClock, hosts_file: Path) -> Iterator[Enforcer]:
    made = Enforcer(clock, hosts_file).start()
    yield made
    made.stop()


def blocked(path: Path) -> set[str]:
    return set(hosts.blocked_domains(path.read_bytes()))


def test_two_running_breaks_are_both_blocked(enforcer: Enforcer, hosts_file: Path) -> None:
    running(enforcer.services, "x")
    running(enforcer.services, "reddit", hours=300 * 24)
    enforcer.engine.reconcile()
    assert {"x.com", "twitter.com", "reddit.com", "old.reddit.com"} <= blocked(hosts_file)


def test_a_watch_break_leaves_the_hosts_file_untouched(
    enforcer: Enforcer, hosts_file: Path
) -> None:
    running(enforcer.services, "x", "instagram", mode=Mode.WATCH)
    enforcer.engine.reconcile()
    assert hosts_file.read_bytes() == HOSTS


def test_beside_a_watch_break_an_unplug_break_still_blocks_its_own_sites(
    enforcer: Enforcer, hosts_file: Path
) -> None:
    running(enforcer.services, "x", mode=Mode.WATCH)
    running(enforcer.services, "reddit", mode=Mode.UNPLUG)
    enforcer.engine.reconcile()
    now_blocked = blocked(hosts_file)
    assert {"reddit.com", "old.reddit.com"} <= now_blocked
    assert not now_blocked & {"x.com", "twitter.com", "t.co"}


def test_when_one_of_two_running_breaks_ends_the_other_stays_blocked(
    enforcer: Enforcer, hosts_file: Path, clock: FakeClock
) -> None:
    running(enforcer.services, "reddit", hours=1)
    running(enforcer.services, "x", hours=3)
    enforcer.engine.reconcile()
    assert {"x.com", "reddit.com"} <= blocked(hosts_file)
    clock.advance(timedelta(hours=2))
    enforcer.engine.reconcile()
    now_blocked = blocked(hosts_file)
    assert "x.com" in now_blocked
    assert "reddit.com" not in now_blocked


def test_an_emergency_unblock_lifts_only_the_break_it_was_for(
    enforcer: Enforcer, hosts_file: Path
) -> None:
    first = running(enforcer.services, "reddit")
    running(enforcer.services, "x")
    with database_of(enforcer.services).write() as session:
        add_event(session, Event(START, EventKind.BLOCK_REMOVED, first, "laptop", EMERGENCY))
    enforcer.engine.reconcile()
    now_blocked = blocked(hosts_file)
    assert "x.com" in now_blocked
    assert "reddit.com" not in now_blocked


def test_apps_of_every_running_break_are_noticed(
    clock: FakeClock, hosts_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Process:
        pid, info = 41, {"name": "TikTok"}

    monkeypatch.setattr(apps, "_processes", lambda: iter([Process()]))
    made = Enforcer(clock, hosts_file, AppWatcher(load_settings().catalogue)).start()
    running(made.services, "x")
    second = running(made.services, "tiktok")
    made.engine.reconcile()
    nudged = made.services.events.recent(kinds=[EventKind.APP_NUDGED.value])
    assert [(e.break_id, e.detail) for e in nudged] == [(second, "TikTok (tiktok)")]
    made.stop()


def test_a_config_that_drops_a_platforms_domains_does_not_shrink_a_running_block(
    clock: FakeClock, hosts_file: Path, home: Path
) -> None:
    configure(home, hosts_file, CHAT.format('"chat.example", "www.chat.example"'))
    first = Enforcer(clock, hosts_file).start()
    running(first.services, "chat", strictness=Strictness.LOCKED)
    # A break made before breakwell kept its domains follows the config, as it always did.
    older = running(first.services, "reddit")
    with database_of(first.services).write() as session:
        session.execute(
            update(BreakRow).where(BreakRow.id == older).values(blocked_domains=None)  # type: ignore[arg-type]
        )
    first.engine.reconcile()
    first.stop()
    configure(
        home,
        hosts_file,
        CHAT.format('"other.example"')
        + '[platforms.reddit]\nname = "Reddit"\ndomains = ["reddit.example"]\n',
    )
    again = Enforcer(clock, hosts_file).start()
    assert blocked(hosts_file) == {
        "chat.example",
        "www.chat.example",
        "other.example",
        "reddit.example",
    }
    again.stop()


# The event log agrees with the hosts file after any crash --------------------------------


def test_a_block_written_but_not_logged_is_recorded_as_found_on_restart(
    clock: FakeClock, hosts_file: Path
) -> None:
    first = Enforcer(clock, hosts_file).start()
    running(first.services, "x")
    # Killed between writing the hosts file and logging it.
    first.blocker.apply(["x.com", "twitter.com"])
    first.killed()
    again = Enforcer(clock, hosts_file).start()
    kinds = again.kinds()
    assert kinds.index("block.found") < kinds.index("enforcer.started", 1)
    assert again.details(EventKind.BLOCK_FOUND) == [
        f"2 domains in {hosts_file} (the log said no block)"
    ]
    again.engine.reconcile()
    # Put right from there: the whole break's block, logged as applied.
    assert [k for k in again.kinds() if k.startswith("block.")][-1] == "block.applied"
    assert "www.x.com" in blocked(hosts_file)
    again.killed()
    # Once the log agrees with the file again, nothing more is found.
    third = Enforcer(clock, hosts_file).start()
    assert len(third.details(EventKind.BLOCK_FOUND)) == 1
    third.stop()


def test_a_block_removed_but_not_logged_is_recorded_as_found_on_restart(
    clock: FakeClock, hosts_file: Path
) -> None:
    first = Enforcer(clock, hosts_file).start()
    running(first.services, "x", hours=1)
    first.engine.reconcile()
    applied = first.details(EventKind.BLOCK_APPLIED)
    clock.advance(timedelta(hours=2))
    first.blocker.apply([])  # the break ended; killed before `block.removed` was written
    first.killed()
    again = Enforcer(clock, hosts_file).start()
    assert again.details(EventKind.BLOCK_FOUND) == [
        f"no block in {hosts_file} (the log said {applied[0]})"
    ]
    assert again.details(EventKind.BLOCK_REMOVED) == []
    again.stop()


# A changed hosts_file ---------------------------------------------------------------------


def test_the_file_used_before_is_cleared_when_the_config_names_another(
    clock: FakeClock, hosts_file: Path, home: Path
) -> None:
    first = Enforcer(clock, hosts_file).start()
    running(first.services, "x", strictness=Strictness.LOCKED)
    first.engine.reconcile()
    count = len(blocked(hosts_file))
    first.stop()
    moved = home / "hosts.new"
    moved.write_bytes(HOSTS)
    configure(home, moved)
    again = Enforcer(clock, moved).start()
    assert hosts_file.read_bytes() == HOSTS
    assert "x.com" in blocked(moved)
    assert again.details(EventKind.BLOCK_LEFT) == [
        f"cleared {count} domains in {hosts_file}, used before the config named {moved}"
    ]
    again.stop()


def test_a_file_used_before_that_cannot_be_cleared_is_recorded_and_tried_again(
    clock: FakeClock, hosts_file: Path, home: Path
) -> None:
    from breakwell.enforce.lock import hosts_lock

    first = Enforcer(clock, hosts_file).start()
    running(first.services, "x")
    first.engine.reconcile()
    count = len(blocked(hosts_file))
    first.stop()
    squatter = hosts_lock(hosts_file)  # someone else holds the old file's lock (flock)
    assert squatter.acquire(patience=0)
    moved = home / "hosts.new"
    moved.write_bytes(HOSTS)
    configure(home, moved)
    again = Enforcer(clock, moved).start()
    [left] = again.details(EventKind.BLOCK_LEFT)
    assert left.startswith(
        f"{count} domains in {hosts_file} is left from before the config named {moved}; "
        "it could not be cleared: another breakwell enforcer"
    )
    assert len(blocked(hosts_file)) == count
    again.stop()
    squatter.release()
    third = Enforcer(clock, moved).start()
    assert hosts_file.read_bytes() == HOSTS
    assert third.details(EventKind.BLOCK_LEFT)[-1].startswith(f"cleared {count} domains")
    assert "block.found" not in third.kinds()
    third.stop()


# Two enforcers never act at once ----------------------------------------------------------


def test_an_enforcer_whose_lock_file_was_replaced_stops_writing(
    enforcer: Enforcer, hosts_file: Path
) -> None:
    from breakwell.enforce.lock import hosts_lock

    running(enforcer.services, "x")
    enforcer.engine.reconcile()
    lock = hosts_lock(hosts_file)
    lock.path.unlink()  # deleted by hand: a second enforcer takes a new lock
    other = hosts_lock(hosts_file)
    assert other.acquire(patience=0)
    hosts_file.write_bytes(HOSTS)
    enforcer.engine.watch()
    assert hosts_file.read_bytes() == HOSTS  # left to the lock's holder
    [failed] = enforcer.details(EventKind.BLOCK_FAILED)
    assert "another breakwell enforcer" in failed
    other.release()
    enforcer.engine.watch()
    assert "x.com" in blocked(hosts_file)
