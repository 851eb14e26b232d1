"""Per-device enforcer state."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from breakwell.store import event_rows
from breakwell.store.events import last_event_id
from breakwell.store.session_run import session_run
from breakwell.store.tables import DeviceRow


def notified_up_to(session: Session, device: str, now: datetime) -> int:
    """The last event this device has dealt with; a new device starts at the present."""
    row = session.get(DeviceRow, device)
    if row is None:
        row = DeviceRow(name=device, notified_event_id=last_event_id(session), seen_at=now)
        session.add(row)
        session.flush()
    return row.notified_event_id


def notified_up_to_now(session: Session, device: str) -> int:
    """Read-only: the device's cursor, or the present for a device not seen yet."""
    row = session.get(DeviceRow, device)
    return row.notified_event_id if row is not None else last_event_id(session)


def set_notified(session: Session, device: str, event_id: int, now: datetime) -> None:
    row = session.get(DeviceRow, device)
    if row is None:
        row = DeviceRow(name=device, notified_event_id=event_id, seen_at=now)
    row.notified_event_id, row.seen_at = max(row.notified_event_id, event_id), now
    session.add(row)
    session.flush()


def hosts_files(session: Session, device: str) -> tuple[str | None, str | None]:
    """The hosts file this device's enforcer last managed, and one it left a block in."""
    return event_rows.hosts_files(session_run(session), device)


def set_hosts_files(
    session: Session, device: str, managed: str, left: str | None, now: datetime
) -> None:
    row = session.get(DeviceRow, device)
    if row is None:
        row = DeviceRow(name=device, notified_event_id=last_event_id(session), seen_at=now)
    row.hosts_file, row.left_hosts_file = managed, left
    session.add(row)
    session.flush()
