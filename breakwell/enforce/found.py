"""What breakwell's block in a hosts file holds, set against what the event log says.

An enforcer killed between writing the hosts file and logging it leaves the two apart; the
next one to start records what it finds, so the log agrees with the file again.
"""

from __future__ import annotations

from pathlib import Path

from breakwell.domain.events import Event, EventKind
from breakwell.domain.values import frozen
from breakwell.enforce import hosts


def said_domains(event: Event | None) -> int:
    """How many domains the hosts file blocked after `event`, by its own account."""
    if event is None or event.kind is EventKind.BLOCK_REMOVED:
        return 0
    first = event.detail.split(" ", 1)[0]
    return int(first) if first.isdigit() else 0


def domains_text(count: int) -> str:
    return f"{count} domains" if count else "no block"


@frozen
class FoundBlock:
    """What breakwell's block in a hosts file holds, as far as it can be read."""

    path: Path
    domains: int
    stray_lines: int = 0
    unreadable: str | None = None

    @classmethod
    def read(cls, path: Path) -> FoundBlock:
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            return cls(path, 0)
        except OSError as error:
            return cls(path, 0, unreadable=error.strerror or str(error))
        return cls(path, len(hosts.blocked_domains(content)), len(hosts.orphaned_lines(content)))

    @property
    def empty(self) -> bool:
        return self.unreadable is None and not self.domains and not self.stray_lines

    def agrees_with(self, said: int) -> bool:
        return self.unreadable is None and not self.stray_lines and self.domains == said

    def __str__(self) -> str:
        if self.unreadable is not None:
            return f"an unknown block in {self.path} (it cannot be read: {self.unreadable})"
        text = f"{domains_text(self.domains)} in {self.path}"
        if self.stray_lines:
            text += f" and {self.stray_lines} stray breakwell lines"
        return text
