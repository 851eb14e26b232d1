"""Desktop apps of blocked platforms: noticed during a break, closed on locked breaks."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break
from breakwell.domain.platforms import Catalogue
from breakwell.domain.values import frozen

log = logging.getLogger("breakwell.apps")


@frozen
class AppSighting:
    break_id: int
    platform: str
    process: str
    closed: bool


def _processes() -> Iterator[Any]:
    import psutil

    return iter(psutil.process_iter(["name"]))


class AppWatcher:
    def __init__(self, catalogue: Catalogue, *, close_when_locked: bool = True) -> None:
        self._catalogue = catalogue
        self._close_when_locked = close_when_locked
        self._seen: set[tuple[int, int]] = set()  # (break id, pid) already reported

    def check(
        self, active: Iterable[Break], processes: Iterable[Any] | None = None
    ) -> list[AppSighting]:
        """Report each running app of a blocked platform once per break; close it if locked."""
        wanted: dict[str, tuple[Break, str]] = {}
        for item in active:
            if item.mode is Mode.WATCH:
                continue  # a watch break is for reading, in the app as in the browser
            for platform_id in item.platforms:
                platform = self._catalogue.get(platform_id)
                for name in platform.processes if platform else ():
                    wanted.setdefault(name.lower(), (item, platform_id))
        if not wanted:
            return []
        sightings = []
        for process in processes if processes is not None else _processes():
            name = str(process.info.get("name") or "")
            match = wanted.get(name.lower())
            if match is None or match[0].id is None:
                continue
            item, platform_id = match
            break_id: int = match[0].id
            key = (break_id, process.pid)
            close = self._close_when_locked and item.strictness is Strictness.LOCKED
            if key in self._seen:
                # Reported already. A locked break's app that outlived being asked to
                # close is ended for good, without telling anyone twice.
                if close:
                    _end(process, process.kill)
                continue
            self._seen.add(key)
            if close:
                close = _end(process, process.terminate)
            sightings.append(AppSighting(break_id, platform_id, name, close))
        return sightings


def _end(process: Any, how: Any) -> bool:
    try:
        how()
    except Exception as error:  # gone already, or not ours to end
        log.info("could not close %s: %s", process.pid, error)
        return False
    return True
