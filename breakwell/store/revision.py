"""The schema version this code expects, in a module light enough for any command to import."""

# Kept in step with the newest file in migrations/versions; a test checks it. Knowing it here
# lets an up-to-date database skip importing Alembic (and, for quick reads, SQLAlchemy) at all.
HEAD_REVISION = "0007"
