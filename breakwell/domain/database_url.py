"""What a database URL must be before anything connects to it.

Checked as text, so a mistake is named in one line before any driver, file or DNS lookup sees
it, and no message quotes a password or any part of one.
"""

from __future__ import annotations

import re
from pathlib import Path

from breakwell.domain.errors import InvalidInput

MAX_LENGTH = 2048
EXAMPLES = "sqlite:////home/me/breakwell.db or postgresql+psycopg://me@db.home/breakwell"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+_]*)://(.*)", re.DOTALL)
# The rest of a URL as SQLAlchemy reads it: a user, a password up to the first @, a host (IPv6
# in brackets) and port, the database, then options.
_PARTS = re.compile(
    r"""
    (?:(?P<user>[^:/]*)(?::(?P<password>[^@]*))?@)?
    (?:(?:\[(?P<ipv6>[^/?]+)\]|(?P<host>[^/:?]+))?(?::(?P<port>[^/?]*))?)?
    (?:/(?P<database>[^?]*))?
    (?:\?(?P<query>.*))?
    """,
    re.VERBOSE | re.DOTALL,
)
# user:password@ in any text, up to the last @ before a space: a password holding a stray @
# is hidden whole.
_CREDENTIALS = re.compile(r"(//[^:/@\s]*:)\S*@")
# SQLite's names for a database that lives only as long as its connection.
_IN_MEMORY = ("", ":memory:")
MIN_PORT, MAX_PORT = 1, 65535


def hide_password(text: str) -> str:
    """Text that may hold a URL with user:password@, with the password hidden."""
    return _CREDENTIALS.sub(r"\1***@", text)


def has_password(url_text: str) -> bool:
    """Whether a URL (already checked) carries a password of its own."""
    match = _SCHEME.fullmatch(url_text.strip())
    if match is None:
        return False
    parts = _PARTS.match(match.group(2))
    return parts is not None and parts.group("password") is not None


def check_database_url(text: str, *, relative: bool = False) -> str:
    """The URL, stripped, when it can name a database that keeps what is written to it.

    A relative SQLite path is refused unless `relative`: in the config or the environment it
    would mean a different journal in every folder a command is run from.
    """
    url = text.strip()
    if not url:
        raise InvalidInput(f"the database URL is empty; use {EXAMPLES}")
    if len(url) > MAX_LENGTH:
        raise InvalidInput(f"the database URL is longer than {MAX_LENGTH} characters")
    if any(char < " " or char == "\x7f" for char in url):
        raise InvalidInput("the database URL holds a control character")
    match = _SCHEME.fullmatch(url)
    if match is None:
        raise InvalidInput(f"'{hide_password(url)}' is not a database URL; use {EXAMPLES}")
    backend, rest = match.group(1).split("+")[0].lower(), match.group(2)
    if backend == "sqlite":
        _check_sqlite(rest, relative=relative)
    else:
        _check_server(rest)
    return url


def _check_sqlite(rest: str, *, relative: bool) -> None:
    if rest and not rest.startswith("/"):
        raise InvalidInput("a SQLite URL is sqlite:/// followed by the file's path")
    path, _, options = rest[1:].partition("?")
    if path in _IN_MEMORY or ":memory:" in path or "mode=memory" in options:
        raise InvalidInput(
            "an in-memory SQLite database keeps nothing once the command ends; "
            "give a file, as in sqlite:////home/me/breakwell.db"
        )
    if not relative and not Path(path).is_absolute():
        raise InvalidInput(
            f"the SQLite path '{path}' is relative, so it would change with the folder a "
            f"command runs in; give the full path, as in sqlite:////home/me/breakwell.db"
        )


def _check_server(rest: str) -> None:
    if rest.count("@") > 1:
        # The driver would read the password up to its first @ and the rest as a host, a
        # database or options: part of the password would go to the DNS resolver or the
        # server. A password or option holding @ is written %40.
        raise InvalidInput(
            "the database URL's user name or password holds a raw @; percent-encode it (@ is %40)"
        )
    parts = _PARTS.fullmatch(rest)
    if parts is None:
        raise InvalidInput(f"'{hide_password(rest)}' is not a database URL; use {EXAMPLES}")
    host, port = parts.group("host") or "", parts.group("port")
    if any(mark in host + (port or "") for mark in "[]") or ":" in (port or ""):
        raise InvalidInput("the database URL's IPv6 host needs both brackets, as in [::1]")
    if port is not None and not _is_port(port):
        raise InvalidInput(
            f"the database URL's port must be a number from {MIN_PORT} to {MAX_PORT}"
        )


def _is_port(text: str) -> bool:
    return text.isascii() and text.isdigit() and MIN_PORT <= int(text) <= MAX_PORT
