"""Assembling an engine from settings, for the daemon and for the app."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC
from typing import Any

from breakwell.enforce.apps import AppWatcher
from breakwell.enforce.blocker import Blocker
from breakwell.enforce.engine import JOB_DEFAULTS, Engine
from breakwell.enforce.notify import DesktopChannel, Notifier, Toast
from breakwell.enforce.owner import journal_identity
from breakwell.services import Services
from breakwell.settings import Settings


def build_engine(
    services: Services,
    settings: Settings,
    scheduler: Any,
    toast: Toast | None = None,
    after_pass: Callable[[], None] | None = None,
) -> Engine:
    notes = settings.config.notifications
    blocking = settings.config.blocking
    notifier = Notifier(
        desktop=DesktopChannel.probe() if notes.desktop else None,
        toast=toast,
        bell=notes.bell,
    )
    apps = (
        AppWatcher(settings.catalogue, close_when_locked=blocking.close_apps_when_locked)
        if blocking.watch_apps
        else None
    )
    blocker = Blocker(settings.hosts_file, owner=journal_identity(settings))
    return Engine(services, scheduler, notifier, blocker, apps, after_pass=after_pass)


def build_app_engine(
    services: Services,
    settings: Settings,
    loop: asyncio.AbstractEventLoop,
    toast: Toast,
    after_pass: Callable[[], None],
) -> Engine:
    """An engine on the app's own event loop; its jobs run in the loop's worker threads."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    scheduler = AsyncIOScheduler(event_loop=loop, timezone=UTC, job_defaults=JOB_DEFAULTS)
    return build_engine(services, settings, scheduler, toast=toast, after_pass=after_pass)
