"""Assembling an engine from settings, for the daemon and for the app."""

from __future__ import annotations

from typing import Any

from breakwell.enforce.apps import AppWatcher
from breakwell.enforce.blocker import Blocker
from breakwell.enforce.engine import Engine
from breakwell.enforce.notify import DesktopChannel, Notifier, Toast
from breakwell.services import Services


def build_engine(services: Services, scheduler: Any, toast: Toast | None = None) -> Engine:
    settings = services.settings
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
    return Engine(services, scheduler, notifier, Blocker(settings.hosts_file), apps)
