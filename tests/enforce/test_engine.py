from datetime import timedelta
from pathlib import Path

import pytest

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import StoreUnavailable
from breakwell.domain.values import replace
from breakwell.enforce import hosts
from breakwell.enforce.blocker import Blocker
from breakwell.enforce.engine import Engine
from breakwell.enforce.notify import Notifier
from breakwell.enforce.unblock import emergency_unblock
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from tests.conftest import START
from tests.enforce.conftest import HOSTS, Driver, Inbox
from tests.journal import database_of, settings_of

Enforced = tuple[Services, Engine, Driver, Inbox]


def kinds(services: Services, *prefixes: str) -> list[str]:
    found = reversed(services.events.recent(limit=200, kinds=list(prefixes)))
    return [e.kind.value for e in found]


def start(services: Services, minutes: int = 30, **options: object) -> int:
    stored = services.breaks.start(
        services.breaks.plan(timedelta(minutes=minutes), platforms=["x"], **options)  # type: ignore[arg-type]
    )
    assert stored.id is not None
    return stored.id


def test_a_break_is_blocked_then_completed_on_time(enforced: Enforced, hosts_file: Path) -> None:
    services, engine, driver, inbox = enforced
    break_id = start(services)
    engine.reconcile()
    assert "x.com" in hosts.blocked_domains(hosts_file.read_bytes())
    assert "end:1" in [job_id for _, job_id in driver.due()]
    driver.advance(timedelta(minutes=29))
    assert services.breaks.get(break_id).status is BreakStatus.ACTIVE
    driver.advance(timedelta(minutes=2))
    done = services.breaks.get(break_id)
    assert done.status is BreakStatus.COMPLETED
    assert done.ended_at == START + timedelta(minutes=30)
    assert hosts_file.read_bytes() == HOSTS
    assert kinds(services, "break", "block") == [
        "break.started",
        "block.applied",
        "break.completed",
        "block.removed",
    ]
    assert inbox.titles == ["Break #1 has started", "Break #1 is complete"]


def test_the_completion_runs_at_its_exact_time(enforced: Enforced) -> None:
    services, engine, driver, _ = enforced
    start(services)
    engine.reconcile()
    driver.advance(timedelta(hours=1))
    completed = services.events.recent(kinds=["break.completed"])
    assert [e.at for e in completed] == [START + timedelta(minutes=30)]


def test_a_job_that_fires_late_or_twice_acts_once(enforced: Enforced) -> None:
    services, engine, driver, inbox = enforced
    break_id = start(services)
    engine.reconcile()
    driver.sleep(timedelta(hours=5))
    engine.transition(break_id)
    engine.transition(break_id)
    assert kinds(services, "break.completed") == ["break.completed"]
    assert inbox.titles.count("Break #1 is complete") == 1


def test_an_enforcer_killed_mid_break_catches_up_when_restarted(
    enforced: Enforced, hosts_file: Path, clock: FakeClock
) -> None:
    services, engine, _, _ = enforced
    start(services)
    engine.reconcile()
    assert hosts.blocked_domains(hosts_file.read_bytes())
    engine.scheduler.remove_all_jobs()  # killed: no close(), no clean-up, its jobs gone...
    assert engine.blocker is not None
    engine.blocker.close()  # ...but the kernel drops a dead process's locks
    clock.advance(timedelta(hours=2))
    again = build_services(load_settings(), clock)
    restarted = Engine(again, engine.scheduler, Notifier(), Blocker(hosts_file))
    restarted.prepare()
    assert hosts_file.read_bytes() == HOSTS
    assert kinds(again, "break.completed") == ["break.completed"]
    completed = again.events.recent(kinds=["break.completed"])[0]
    assert completed.at == clock.now()
    assert again.breaks.get(1).ended_at == START + timedelta(minutes=30)
    restarted.close()
    again.close()


def test_a_removed_block_is_put_back_during_a_break(enforced: Enforced, hosts_file: Path) -> None:
    services, engine, _, _ = enforced
    start(services)
    engine.reconcile()
    hosts_file.write_bytes(HOSTS)  # someone edited the block away
    engine.watch()
    assert "x.com" in hosts.blocked_domains(hosts_file.read_bytes())
    applied = services.events.recent(kinds=["block.applied"])
    assert applied[0].detail.endswith("put back")


def test_an_emergency_unblock_holds_for_the_rest_of_the_break(
    enforced: Enforced, hosts_file: Path
) -> None:
    services, engine, _, _ = enforced
    start(services)
    engine.reconcile()
    assert (
        emergency_unblock(
            services, settings_of(services), Blocker(hosts_file, exclusive=False)
        ).break_id
        == 1
    )
    engine.reconcile()
    engine.watch()
    assert hosts_file.read_bytes() == HOSTS
    removed = services.events.recent(kinds=["block.removed"])
    assert removed[-1].detail == "emergency"


def test_changes_from_another_process_are_picked_up_at_the_next_tick(
    enforced: Enforced, clock: FakeClock, hosts_file: Path
) -> None:
    _, engine, driver, _ = enforced
    other = build_services(load_settings(), clock)  # the CLI, say
    start(other)
    other.close()
    engine.watch()
    assert "end:1" in [job_id for _, job_id in driver.due()]
    assert "x.com" in hosts.blocked_domains(hosts_file.read_bytes())


def test_a_quiet_tick_writes_nothing(
    enforced: Enforced, hosts_file: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    services, engine, _, _ = enforced
    start(services)
    engine.reconcile()
    engine.watch()  # the pass's own commits count as a change once
    before = services.events.recent(limit=1000)
    file = Path(services.preferences.data_dir) / "breakwell.db"
    stamp = file.stat().st_mtime_ns if backend == "sqlite" else None
    writes: list[object] = []
    write = database_of(services).write

    def counted() -> object:
        writes.append(None)
        return write()

    monkeypatch.setattr(database_of(services), "write", counted)
    for _ in range(5):
        engine.watch()
    assert writes == []
    assert services.events.recent(limit=1000) == before
    if stamp is not None:
        assert file.stat().st_mtime_ns == stamp


def test_without_permission_it_says_so_once_and_keeps_going(
    enforced: Enforced, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, engine, driver, inbox = enforced

    def refuse(path: Path, domains: object) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(hosts, "set_blocked", refuse)
    break_id = start(services)
    for _ in range(3):
        engine.watch()
        engine.reconcile()
    failed = services.events.recent(kinds=["block.failed"])
    assert len(failed) == 1
    assert "may not edit" in failed[0].detail
    assert "so sites are not blocked" in failed[0].detail
    assert "give your user write access" in failed[0].detail
    assert "Sites are not blocked" in inbox.titles
    driver.advance(timedelta(hours=1))
    assert services.breaks.get(break_id).status is BreakStatus.COMPLETED


def test_jobs_run_however_late_they_are(enforced: Enforced) -> None:
    services, engine, _, _ = enforced
    start(services)
    engine.reconcile()
    job = engine.scheduler.get_job("end:1")
    assert job.misfire_grace_time is None
    assert job.coalesce is True
    assert job.func == engine.transition
    assert job.args == (1,)


def test_every_job_is_the_engine_s_own_and_goes_when_it_closes(
    enforced: Enforced, hosts_file: Path
) -> None:
    services, engine, _, _ = enforced
    start(services)
    engine.reconcile()
    assert engine.blocker is not None
    engine.blocker.close()  # the next enforcer takes the hosts file over
    after = Engine(services, engine.scheduler, Notifier(), Blocker(hosts_file))
    after.prepare()
    owners = {job.id: job.func.__self__ for job in engine.scheduler.get_jobs()}
    assert {"watch", "end:1", "review"} <= set(owners)
    assert all(owner is after for owner in owners.values())
    after.close()
    assert engine.scheduler.get_jobs() == []


def test_planned_breaks_start_on_time(enforced: Enforced, hosts_file: Path) -> None:
    services, engine, driver, _ = enforced
    later = START + timedelta(hours=2)
    services.breaks.start(services.breaks.plan(timedelta(minutes=30), at=later, platforms=["x"]))
    engine.reconcile()
    driver.advance(timedelta(hours=1, minutes=59))
    assert hosts_file.read_bytes() == HOSTS
    driver.advance(timedelta(minutes=2))
    started = services.events.recent(kinds=["break.started"])
    assert [e.at for e in started] == [later]
    assert "x.com" in hosts.blocked_domains(hosts_file.read_bytes())


def test_check_ins_come_at_their_interval(hosts_file: Path, clock: FakeClock, home: Path) -> None:
    config = home / "config.toml"
    config.write_text(config.read_text() + "[notifications]\ncheck_in_minutes = 20\n")
    services = build_services(load_settings(), clock)
    from apscheduler.schedulers.background import BackgroundScheduler

    from breakwell.enforce.engine import JOB_DEFAULTS

    scheduler = BackgroundScheduler(job_defaults=JOB_DEFAULTS)
    scheduler.start(paused=True)
    inbox = Inbox()
    engine = Engine(services, scheduler, Notifier(desktop=inbox), None)
    engine.prepare()
    start(services, minutes=70)
    engine.reconcile()
    Driver(engine, clock).advance(timedelta(hours=2))
    check_ins = [t for t in inbox.titles if t.startswith("Check-in")]
    assert check_ins == ["Check-in: 50m left", "Check-in: 30m left", "Check-in: 10m left"]
    engine.close()
    scheduler.shutdown(wait=False)
    services.close()


def test_open_apps_of_blocked_platforms_are_noticed_and_closed_when_locked(
    enforced: Enforced,
) -> None:
    from breakwell.enforce.apps import AppWatcher

    services, _, _, _ = enforced
    closed: list[int] = []
    killed: list[int] = []

    class FakeProcess:
        def __init__(self, pid: int, name: str) -> None:
            self.pid, self.info = pid, {"name": name}

        def terminate(self) -> None:
            closed.append(self.pid)

        def kill(self) -> None:
            killed.append(self.pid)

    running = [FakeProcess(10, "TikTok"), FakeProcess(11, "bash")]
    watcher = AppWatcher(services.preferences.catalogue)
    gentle = services.breaks.get(start(services, minutes=10))
    tiktok = replace(gentle, platforms=("tiktok",))
    assert [s.process for s in watcher.check([tiktok], running)] == ["TikTok"]
    assert watcher.check([tiktok], running) == []  # once per break
    locked = replace(tiktok, id=2, strictness=Strictness.LOCKED)
    sighting = watcher.check([locked], running)
    assert [(s.process, s.closed) for s in sighting] == [("TikTok", True)]
    assert closed == [10]
    # Still there next time (it ignored the request): ended for good, reported once only.
    assert watcher.check([locked], running) == []
    assert killed == [10]
    # A watch break is for reading, in the app as in the browser: neither nudged nor closed.
    watching = replace(locked, id=3, mode=Mode.WATCH)
    assert watcher.check([watching], running) == []
    assert closed == [10]


def test_what_the_first_pass_does_is_told_too(
    hosts_file: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    from breakwell.enforce.engine import JOB_DEFAULTS

    services = build_services(load_settings(), clock)
    start(services)  # before any enforcer has run on this device

    def refuse(path: Path, domains: object) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(hosts, "set_blocked", refuse)
    scheduler = BackgroundScheduler(job_defaults=JOB_DEFAULTS)
    scheduler.start(paused=True)
    inbox = Inbox()
    engine = Engine(services, scheduler, Notifier(desktop=inbox), Blocker(hosts_file))
    engine.prepare()
    assert inbox.titles == ["Sites are not blocked"]
    engine.close()
    scheduler.shutdown(wait=False)
    services.close()


def test_an_unreachable_database_keeps_the_block_until_it_answers_again(
    enforced: Enforced,
    hosts_file: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    services, engine, driver, _ = enforced
    break_id = start(services)
    engine.reconcile()
    database = database_of(services)

    def unreachable(*_: object) -> object:
        raise StoreUnavailable("cannot reach the server: Connection refused")

    with monkeypatch.context() as lost:
        lost.setattr(database, "read", unreachable)
        lost.setattr(database, "write", unreachable)
        lost_at = clock.now() + timedelta(minutes=10)
        driver.advance(timedelta(minutes=10))
        engine.watch()
        hosts_file.write_bytes(HOSTS)  # someone removes the block meanwhile
        driver.advance(timedelta(minutes=40))  # the end comes and goes, unconfirmed
        engine.watch()
        engine.check_in(break_id)
        assert "x.com" in hosts.blocked_domains(hosts_file.read_bytes())
        assert engine.unreachable_since == lost_at
    warnings = [r.getMessage() for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1 and "keeping the current block" in warnings[0]
    engine.watch()  # the database answers again: catch up
    assert engine.unreachable_since is None
    assert hosts_file.read_bytes() == HOSTS
    assert services.breaks.get(break_id).status is BreakStatus.COMPLETED
    assert kinds(services, "break.completed") == ["break.completed"]
    outage = services.events.recent(kinds=["store.unreachable"])
    assert [(e.at, e.detail) for e in outage] == [(lost_at, "for 2400 s")]


def test_a_block_applied_as_the_database_goes_stays_applied(
    enforced: Enforced, hosts_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, engine, _, _ = enforced
    engine.reconcile()  # nothing to block yet
    start(services)
    log = engine._log

    def lost_on_blocking(kind: object, *args: object, **options: object) -> None:
        if str(kind).startswith("block."):
            raise StoreUnavailable("cannot reach the server: Connection refused")
        log(kind, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_log", lost_on_blocking)
    engine.reconcile()
    assert engine.unreachable_since is not None
    assert "x.com" in hosts.blocked_domains(hosts_file.read_bytes())
    engine.watch()
    assert "x.com" in hosts.blocked_domains(hosts_file.read_bytes())
