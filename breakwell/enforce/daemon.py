"""`breakwell daemon run`: the enforcer in the foreground, holding the machine's lock."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from datetime import UTC
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import FrameType

from breakwell.domain.clock import Clock
from breakwell.domain.errors import RuleRefused
from breakwell.enforce.lock import EnforcerLock, running_enforcer
from breakwell.private_files import ensure_private_file
from breakwell.settings import Settings

log = logging.getLogger("breakwell")


def _log_to(path: Path, *, echo: bool) -> None:
    ensure_private_file(path)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    if echo:
        shown = logging.StreamHandler(sys.stderr)
        shown.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        log.addHandler(shown)
    log.setLevel(logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def run(
    settings: Settings,
    clock: Clock | None = None,
    *,
    wait: bool = False,
    started: Callable[[], None] = lambda: None,
) -> None:
    """Enforce until told to stop (SIGTERM, SIGINT).

    If another enforcer runs, refuse at once; with `wait`, wait for it to stop instead (the
    installed service waits while the app enforces, rather than failing and restarting).
    """
    lock = EnforcerLock(settings.paths.runtime_dir)
    got = lock.acquire(patience=float("inf"), every=2.0) if wait else lock.acquire()
    if not got:
        pid = running_enforcer(settings.paths.runtime_dir)
        raise RuleRefused(f"another breakwell enforcer is already running (pid {pid})")
    started()
    try:
        _enforce(settings, clock)
    finally:
        lock.release()


def _enforce(settings: Settings, clock: Clock | None) -> None:
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.blocking import BlockingScheduler

    from breakwell.enforce.build import build_engine
    from breakwell.enforce.clockwatch import ClockWatch
    from breakwell.enforce.engine import JOB_DEFAULTS
    from breakwell.services import build_services
    from breakwell.store.database import shown_url

    _log_to(settings.paths.log_dir / "daemon.log", echo=sys.stderr.isatty())
    services = build_services(settings, clock)
    scheduler = BlockingScheduler(
        timezone=UTC,
        job_defaults=JOB_DEFAULTS,
        # One worker: passes never overlap, and an idle enforcer holds a single thread.
        executors={"default": ThreadPoolExecutor(max_workers=1)},
    )
    engine = build_engine(services, scheduler)

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("stopping (%s)", signal.Signals(signum).name)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    watch = ClockWatch(engine)
    try:
        engine.prepare()
        watch.start()
        log.info("enforcing for %s; database %s", settings.device, shown_url(settings.database_url))
        scheduler.start()
    finally:
        watch.stop()
        engine.close()
        services.close()
