"""Files and folders only their owner can read: a journal is private by default.

Runtime files (locks, pid files) get stricter care: they live in a folder that must belong to
this user and be closed to everyone else, and they are opened without following links, so no
other user can point one at the journal and have it truncated.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# Never follow a link, never leak the descriptor into a child, never block on a FIFO.
SAFE_OPEN = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK


class UnsafePath(Exception):
    """A folder or file another user could control; the message is one line saying which."""


def ensure_private_dir(path: Path) -> Path:
    """Create a folder only its owner can enter; an existing folder is left as the person set it."""
    if not path.is_dir():
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        path.chmod(PRIVATE_DIR)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create an empty file readable only by its owner, so later writes never widen access."""
    ensure_private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
        os.close(fd)
        path.chmod(PRIVATE_FILE)
    return path


def _make_folders(path: Path) -> None:
    """Create `path` and any missing parents, each private from the first moment."""
    missing: list[Path] = []
    for folder in (path, *path.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    for folder in reversed(missing):
        # One made at the same moment by another process is checked afterwards like any other.
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)


def _check_own_folder(path: Path, info: os.stat_result) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePath(
            f"{path} is a symbolic link; breakwell keeps its lock files only in a "
            "real folder of its own"
        )
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePath(f"{path} is not a folder; move it away so breakwell can make its own")
    if info.st_uid != os.geteuid():
        raise UnsafePath(
            f"{path} belongs to another user (uid {info.st_uid}); breakwell will not use it: "
            "remove it, or point XDG_RUNTIME_DIR at a folder of your own"
        )
    if info.st_mode & 0o022:
        raise UnsafePath(
            f"{path} can be changed by other users (mode {stat.S_IMODE(info.st_mode):o}); "
            "breakwell will not use it: run chmod 700 on it"
        )


def open_private_dir(path: Path) -> int:
    """A descriptor on `path`, created private if missing, verified to be this user's only.

    A folder that is a link, belongs to someone else or that others may write to is refused,
    never repaired: whoever made it may already have put something in it.
    """
    try:
        os.lstat(path)
    except FileNotFoundError:
        _make_folders(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | SAFE_OPEN)
    except OSError:
        # A link, a file, or someone else's closed folder: say which rather than the errno.
        _check_own_folder(path, os.lstat(path))
        raise
    try:
        info = os.fstat(fd)
        _check_own_folder(path, info)
        if info.st_mode & 0o077:
            os.fchmod(fd, PRIVATE_DIR)  # ours and closed to writers: only tighten it
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_own_file(fd: int, path: Path) -> os.stat_result:
    """Refuse a file that is not a plain file of this user's with a single name."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePath(f"{path} is not a regular file; breakwell will not use it")
    if info.st_uid != os.geteuid():
        raise UnsafePath(
            f"{path} belongs to another user (uid {info.st_uid}); breakwell will not use it"
        )
    if info.st_nlink != 1:
        raise UnsafePath(f"{path} has other names (hard links); breakwell will not use it")
    return info


def open_runtime_file(folder: Path, name: str, *, create: bool = True) -> int:
    """Open `folder/name` for reading and writing, inside a verified private folder.

    Returns the descriptor of a regular file owned by this user with no other names; with
    `create` false, raises FileNotFoundError when the folder or the file does not exist yet.
    """
    path = folder / name
    if not create and not os.path.lexists(folder):
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(folder))
    directory = open_private_dir(folder)
    try:
        flags = os.O_RDWR | SAFE_OPEN | (os.O_CREAT if create else 0)
        try:
            fd = os.open(name, flags, PRIVATE_FILE, dir_fd=directory)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise UnsafePath(
                    f"{path} is a symbolic link; breakwell will not follow it (remove it)"
                ) from None
            raise
    finally:
        os.close(directory)
    try:
        check_own_file(fd, path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def same_file(fd: int, path: Path) -> bool:
    """Does `path` (not following links) still name the file open as `fd`?"""
    try:
        named = os.lstat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
