"""What `breakwell doctor` asks of a database: its schema's state and, for a server, what
breakwell needs from it. Facts only; the command says what they mean."""

from __future__ import annotations

from breakwell.domain.errors import BreakwellError
from breakwell.domain.values import frozen


@frozen
class ServerFacts:
    version: str
    major: int
    has_unaccent: bool


@frozen
class DatabaseFacts:
    # The Alembic revision the schema is at (None: empty), and what the newest one misses
    # (None when the schema is not the newest, so it was not compared).
    revision: str | None
    gaps: list[str] | None
    server: ServerFacts | None
    # Every device that has used this database, when the schema is whole.
    devices: list[str] | None
    # Whether a watch break runs (one the browser companion alone can keep), when the
    # schema is whole.
    watching: bool | None = None


def examine(url_text: str) -> DatabaseFacts:
    """Connect once and read what doctor reports; a failure is one BreakwellError line."""
    from sqlalchemy import Connection, text
    from sqlalchemy.exc import DBAPIError

    from breakwell.store.database import make_engine
    from breakwell.store.locations import describe_failure
    from breakwell.store.migrate import current_revision
    from breakwell.store.revision import HEAD_REVISION
    from breakwell.store.schema import schema_gaps

    def server_facts(connection: Connection) -> ServerFacts | None:
        if connection.dialect.name != "postgresql":
            return None
        version = str(connection.execute(text("SHOW server_version")).scalar_one())
        number = int(connection.execute(text("SHOW server_version_num")).scalar_one())
        unaccent = connection.execute(
            text("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
        ).first()
        return ServerFacts(version, number // 10000, unaccent is not None)

    engine = make_engine(url_text)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            # Only the newest schema is compared: an older one is completed on next use.
            gaps = schema_gaps(connection) if revision == HEAD_REVISION else None
            server = server_facts(connection)
            devices, watching = None, None
            if revision is not None and not gaps:
                seen = connection.execute(text("SELECT name FROM devices ORDER BY name"))
                devices = [str(name) for name in seen.scalars().all()]
                watch = text("SELECT 1 FROM breaks WHERE status = 'active' AND mode = 'watch'")
                watching = connection.execute(watch).first() is not None
    except DBAPIError as error:
        raise BreakwellError(describe_failure(engine.url, error)) from None
    finally:
        engine.dispose()
    return DatabaseFacts(revision, gaps, server, devices, watching)
