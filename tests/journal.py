"""What tests may reach that the app and the commands may not: the journal's database."""

from __future__ import annotations

from breakwell.services import Services
from breakwell.settings import Settings
from breakwell.store import Database


def database_of(services: Services) -> Database:
    """The database behind `services`, for a test to arrange or inspect rows directly."""
    return services._database


def settings_of(services: Services) -> Settings:
    """The settings `services` were built from, for what the composition root passes on."""
    return services.preferences._settings
