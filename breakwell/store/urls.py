"""Database URLs read once, strictly, before an engine, a file or a DNS lookup sees them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from breakwell.domain.database_url import check_database_url, hide_password
from breakwell.domain.errors import InvalidInput


def read_url(url_text: str) -> URL:
    """The URL, or InvalidInput in one line that never shows its password."""
    return _parsed(check_database_url(url_text))


def absolute(url_text: str) -> str:
    """A SQLite URL with a relative path made full, from the folder the command runs in."""
    checked = check_database_url(url_text, relative=True)
    url = _parsed(checked)
    if url.get_backend_name() != "sqlite" or not url.database:
        return checked
    return url.set(database=str(Path(url.database).absolute())).render_as_string(
        hide_password=False
    )


def with_password(url_text: str, password: str) -> str:
    """The URL carrying `password`, for a driver to connect with; never for printing."""
    url = read_url(url_text)
    return url.set(password=password).render_as_string(hide_password=False)


def _parsed(checked: str) -> URL:
    try:
        return make_url(checked)
    except (ArgumentError, ValueError):
        raise InvalidInput(f"'{hide_password(checked)}' is not a database URL") from None
