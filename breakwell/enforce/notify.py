"""Telling the person: a desktop notification when the desktop can show one, otherwise the
app's own toast or the terminal bell, and always the log."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger("breakwell.notify")

Toast = Callable[[str, str], None]


class Channel(Protocol):
    def send(self, title: str, body: str) -> bool: ...


class DesktopChannel:
    """desktop-notifier, used only after a probe shows a notification service is there.

    Its send() reports success even when no service exists, so the probe asks the service for
    its capabilities instead: that fails without a service (no session bus, no daemon).
    """

    def __init__(self, notifier: Any) -> None:
        self._notifier = notifier

    @classmethod
    def probe(cls, app_name: str = "breakwell") -> DesktopChannel | None:
        try:
            from desktop_notifier import DesktopNotifierSync

            notifier = DesktopNotifierSync(app_name=app_name)
            capabilities = notifier.get_capabilities()
        except Exception as error:
            log.info("desktop notifications unavailable: %s", error)
            return None
        if not capabilities:
            log.info("desktop notifications unavailable: the service offers nothing")
            return None
        return cls(notifier)

    def send(self, title: str, body: str) -> bool:
        try:
            self._notifier.send(title=title, message=body)
        except Exception as error:
            log.warning("desktop notification failed: %s", error)
            return False
        return True


class Notifier:
    def __init__(
        self,
        desktop: Channel | None = None,
        toast: Toast | None = None,
        bell: bool = False,
    ) -> None:
        self.desktop = desktop
        self.toast = toast
        self.bell = bell

    def send(self, title: str, body: str) -> str:
        """Deliver through the best channel there is; returns the channel's name."""
        log.info("%s: %s", title, body)
        if self.desktop is not None and self.desktop.send(title, body):
            return "desktop"
        if self.toast is not None:
            self.toast(title, body)
            return "app"
        if self.bell and sys.stderr.isatty():
            sys.stderr.write("\a")
            sys.stderr.flush()
            return "bell"
        return "log"
