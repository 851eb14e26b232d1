"""A database password given without putting it on the command line, where `ps` shows it to
every user of the machine: from a private file, or typed at a hidden prompt."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import click

from breakwell.cli.ask import interactive
from breakwell.domain.errors import InvalidInput

# A password is a line; a file much larger than one is the wrong file.
MAX_BYTES = 4096


def read_password_file(path: Path) -> str:
    """The first line of a file only its owner can read, opened without following a link."""
    try:
        # O_NONBLOCK: a FIFO put in the file's place must not hang the command.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:  # the last part of the path is a symbolic link
            raise InvalidInput(f"{path} is a link; give the password file itself") from None
        raise InvalidInput(f"cannot read the password file {path}: {error.strerror}") from None
    except ValueError:  # a NUL in the name
        raise InvalidInput("the password file's name holds a NUL character") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(f"{path} is not a regular file")
        if info.st_uid != os.getuid():
            raise InvalidInput(f"{path} belongs to another user; a password file must be yours")
        if stat.S_IMODE(info.st_mode) & 0o077:
            raise InvalidInput(
                f"{path} can be read by others ({stat.S_IMODE(info.st_mode):o}); "
                f"make it private: chmod 600 {path}"
            )
        data = os.read(fd, MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{path} is too large to be a password file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text") from None
    return checked_password(text.splitlines()[0] if text else "", str(path))


def ask_password(what: str) -> str:
    if not interactive():
        raise InvalidInput(
            "--ask-password needs a terminal; give --password-file FILE or set PGPASSWORD"
        )
    typed: str = click.prompt(
        f"Password for {what}", hide_input=True, default="", show_default=False
    )
    return checked_password(typed, "the password typed")


def checked_password(password: str, source: str) -> str:
    if not password:
        raise InvalidInput(f"{source}: the password is empty")
    if any(char < " " or char == "\x7f" for char in password):
        raise InvalidInput(f"{source}: the password holds a control character")
    return password
