"""Keeping the platforms table in step with the catalogue, only when a row needs one."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from breakwell.domain.platforms import Platform
from breakwell.store.tables import PlatformRow


def ensure_platforms(session: Session, platforms: Iterable[Platform]) -> None:
    """Insert or refresh the given platforms so rows can reference them."""
    wanted = {p.id: p for p in platforms}
    if not wanted:
        return
    existing = {
        row.id: row
        for row in session.exec(select(PlatformRow).where(col(PlatformRow.id).in_(wanted)))
    }
    for platform_id, platform in wanted.items():
        row = existing.get(platform_id)
        domains, processes = list(platform.domains), list(platform.processes)
        if row is None:
            session.add(
                PlatformRow(
                    id=platform_id, name=platform.name, domains=domains, processes=processes
                )
            )
        elif (row.name, row.domains, row.processes) != (platform.name, domains, processes):
            row.name, row.domains, row.processes = platform.name, domains, processes
            session.add(row)
    session.flush()
