"""`breakwell daemon run`: the enforcer in the foreground, holding the machine's lock.

Started in the background by breakwell itself (`--until-idle`), it also stops once a full pass
finds nothing left to enforce.
"""

from __future__ import annotations

import errno
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from breakwell.domain.clock import Clock
from breakwell.domain.errors import BreakwellError, RuleRefused
from breakwell.enforce.lock import EnforcerLock, running_enforcer
from breakwell.private_files import UnsafePath
from breakwell.settings import Settings
from breakwell.settings.logfile import FORMAT, PrivateRotatingFileHandler, open_private_log

if TYPE_CHECKING:
    from breakwell.enforce.engine import Engine

log = logging.getLogger("breakwell")

# What the machine, not breakwell, gets wrong: said in one line, never as a crash.
_ENVIRONMENT = {
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    errno.EIO,
    errno.ENOENT,
    errno.ENOTDIR,
    errno.ELOOP,
}


# How soon a stop signal is acted on, at most.
_SIGNAL_LOOK = 0.5


class CannotEnforce(BreakwellError):
    """The enforcer cannot run here: a folder it needs cannot be written, the disk is full."""


@contextmanager
def _explained() -> Iterator[None]:
    try:
        yield
    except UnsafePath as error:
        raise CannotEnforce(f"cannot run the enforcer: {error}") from None
    except OSError as error:
        if error.errno not in _ENVIRONMENT:
            raise
        where = f" ({error.filename})" if error.filename else ""
        raise CannotEnforce(f"cannot run the enforcer: {error.strerror}{where}") from None


def _log_to(path: Path, *, echo: bool) -> None:
    # Opened once now, so a log that cannot be written stops the start with one line.
    with _explained():
        open_private_log(path).close()
    handler = PrivateRotatingFileHandler(path, max_bytes=1_000_000, backups=3)
    handler.setFormatter(logging.Formatter(FORMAT))
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
    until_idle: bool = False,
    started: Callable[[], None] = lambda: None,
) -> None:
    """Enforce until told to stop (SIGTERM, SIGINT), or with `until_idle` until nothing is
    left to enforce.

    If another enforcer runs, refuse at once; with `wait`, wait for it to stop instead (the
    installed service waits while the app enforces, rather than failing and restarting). An
    enforcer started in the background (`until_idle`) leaves quietly: the one running keeps
    the breaks.
    """
    lock = EnforcerLock(settings.paths.runtime_dir)
    with _explained():
        got = lock.acquire(patience=float("inf"), every=2.0) if wait else lock.acquire()
    if not got:
        if until_idle:
            return
        pid = running_enforcer(settings.paths.runtime_dir)
        raise RuleRefused(f"another breakwell enforcer is already running (pid {pid})")
    started()
    try:
        _log_to(settings.paths.log_dir / "daemon.log", echo=sys.stderr.isatty())
        while True:
            with _explained():
                idle = _enforce(settings, clock, lambda: _still_in_charge(lock), until_idle)
            if not idle:
                return
            lock.release()
            # A command that wrote a break before this release found the lock held and
            # started no enforcer: this look sees its break. One that writes after it finds
            # the lock free and starts one itself.
            if not _work_came(settings, clock) or not lock.acquire(patience=0):
                log.info("nothing is left to enforce; stopped")
                return
            log.info("something to enforce came while stopping; going on")
    finally:
        lock.release()


def _work_came(settings: Settings, clock: Clock | None) -> bool:
    from breakwell.domain.errors import StoreUnavailable
    from breakwell.enforce.autostart import something_to_enforce
    from breakwell.services import build_services

    services = build_services(settings, clock)
    try:
        return something_to_enforce(services)
    except StoreUnavailable as problem:
        log.warning("stopping without a last look at the database: %s", problem)
        return False
    finally:
        services.close()


def _still_in_charge(lock: EnforcerLock) -> bool:
    """Whether this is still the one enforcer: its lock file may have been deleted or
    replaced, and then another `daemon run` can start beside it."""
    if lock.still_held():
        return True
    lock.release()
    with _explained():
        if lock.acquire(patience=0):
            log.warning("the enforcer's lock file was removed or replaced; took it again")
            return True
    log.warning("another enforcer holds the lock now; this one stops so that only one acts")
    return False


def _enforce(
    settings: Settings,
    clock: Clock | None,
    in_charge: Callable[[], bool] = lambda: True,
    until_idle: bool = False,
) -> bool:
    """Run the engine until stopped; True if it stopped because nothing was left to do."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    from breakwell.enforce.build import build_engine
    from breakwell.enforce.clockwatch import ClockWatch
    from breakwell.enforce.engine import JOB_DEFAULTS
    from breakwell.services import build_services
    from breakwell.store.database import shown_url

    services = build_services(settings, clock)
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults=JOB_DEFAULTS,
        # One worker: passes never overlap, and an idle enforcer holds a single thread.
        executors={"default": ThreadPoolExecutor(max_workers=1)},
    )
    engine = build_engine(services, settings, scheduler)
    idle = threading.Event()
    # The handler only notes the signal: it may run at any point of the main thread, even
    # before the scheduler has started or while the thread holds a lock it would need.
    told: list[signal.Signals] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        told.append(signal.Signals(signum))

    def stop_if_idle() -> None:
        if until_idle and _nothing_left(engine):
            idle.set()

    engine.after_pass = stop_if_idle
    before = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    watch = ClockWatch(engine, still_in_charge=in_charge)
    try:
        engine.prepare()
        watch.start()
        log.info("enforcing for %s; database %s", settings.device, shown_url(settings.database_url))
        scheduler.start()
        # Woken at once when idle; a signal is seen within the wait's timeout.
        while not told and not idle.is_set() and scheduler.running:
            idle.wait(_SIGNAL_LOOK)
        if told:
            log.info("stopping (%s)", told[0].name)
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        watch.stop()
        engine.close()
        services.close()
        for signum, handler in before.items():
            signal.signal(signum, handler)
    return idle.is_set() and not told


def _nothing_left(engine: Engine) -> bool:
    """After a full pass: no break open, no plan that will make one, no block of this
    enforcer's left in the hosts file (one it could not remove is tried again)."""
    from breakwell.domain.errors import StoreUnavailable
    from breakwell.enforce.autostart import something_to_enforce

    try:
        if something_to_enforce(engine.services):
            return False
    except StoreUnavailable:
        return False
    blocker = engine.blocker
    return blocker is None or not blocker.claim() or not blocker.blocked()
