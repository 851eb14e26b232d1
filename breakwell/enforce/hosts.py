"""Blocking sites through the hosts file, between breakwell's own markers and nowhere else.

This module is deliberately self-contained and stdlib-only: it is also what runs with
privileges (installed as a small helper) when the hosts file belongs to root, so it trusts
nothing it is given. Every domain is validated again here; the rest of the file is kept byte
for byte; writes are atomic, keep the file's mode and owner, leave a backup, and are read back.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

DEFAULT_HOSTS = Path("/etc/hosts")
BEGIN = b"# >>> breakwell: sites blocked during your break (managed, do not edit) >>>"
END = b"# <<< breakwell <<<"
SINKS = (b"0.0.0.0", b"::")
BACKUP_SUFFIX = ".breakwell-backup"
MAX_DOMAINS = 2000

_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


class HostsError(Exception):
    """The hosts file cannot be changed safely; nothing was changed."""


def check_domain(domain: str) -> str:
    """A plain lower-case host name, or HostsError; nothing else may reach the file.

    The same rule as the platform catalogue's, repeated on purpose: this file must stand
    alone when it runs with privileges, and must not trust what it is handed.
    """
    labels = domain.split(".")
    if (
        not domain.isascii()
        or domain != domain.strip().lower()
        or len(domain) > 253
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise HostsError(f"refusing to block {domain!r}: not a plain domain name")
    return domain


def render_block(domains: Iterable[str], newline: bytes) -> bytes:
    """The managed block for these domains, ending without a newline."""
    names = sorted({check_domain(d) for d in domains})
    if len(names) > MAX_DOMAINS:
        raise HostsError(f"refusing to block more than {MAX_DOMAINS} domains")
    lines = [BEGIN]
    lines += [sink + b" " + name.encode("ascii") for name in names for sink in SINKS]
    lines.append(END)
    return newline.join(lines)


def _newline_of(content: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in content else b"\n"


def _find_block(content: bytes) -> tuple[int, int] | None:
    """Where our block starts and ends, including the line break that belongs to it."""
    start = _line_start(content, BEGIN)
    if start is None:
        return None
    after_begin = start + len(BEGIN)
    newline = b"\r\n" if content[after_begin : after_begin + 2] == b"\r\n" else b"\n"
    end_at = content.find(newline + END, after_begin)
    while end_at != -1:
        finish = end_at + len(newline) + len(END)
        if content[finish : finish + len(newline)] == newline:
            return start, finish + len(newline)
        if finish == len(content):
            # Added without a final newline: the break before BEGIN was ours too.
            before = start - len(newline)
            if before >= 0 and content[before:start] == newline:
                return before, finish
            return start, finish
        end_at = content.find(newline + END, finish)
    raise HostsError("the hosts file has a breakwell start marker without its end; fix it by hand")


def _line_start(content: bytes, marker: bytes) -> int | None:
    at = content.find(marker)
    while at != -1:
        at_line_start = at == 0 or content[at - 1 : at] == b"\n"
        line_end = at + len(marker)
        whole_line = line_end == len(content) or content[line_end : line_end + 1] in (b"\r", b"\n")
        if at_line_start and whole_line:
            return at
        at = content.find(marker, at + 1)
    return None


def without_block(content: bytes) -> bytes:
    """The file as it was before breakwell added its block."""
    found = _find_block(content)
    if found is None:
        return content
    start, end = found
    return content[:start] + content[end:]


def with_block(content: bytes, domains: Iterable[str]) -> bytes:
    """The file with exactly these domains blocked; no domains means no block at all."""
    base = without_block(content)
    names = list(domains)
    if not names:
        return base
    newline = _newline_of(base)
    block = render_block(names, newline)
    if not base or base.endswith(b"\n"):
        return base + block + newline
    return base + newline + block


def blocked_domains(content: bytes) -> list[str]:
    found = _find_block(content)
    if found is None:
        return []
    names = {
        line.split()[1].decode("ascii")
        for line in content[found[0] : found[1]].splitlines()
        if line and not line.startswith(b"#") and len(line.split()) == 2
    }
    return sorted(names)


def read_blocked(path: Path) -> list[str]:
    """The domains the file blocks now; none if it cannot be read."""
    try:
        return blocked_domains(path.read_bytes())
    except (OSError, HostsError):
        return []


def write_atomically(path: Path, content: bytes) -> None:
    """Replace the file in one step, keeping its mode and owner, and check what landed."""
    info = path.stat()
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    _replace(backup, path.read_bytes(), info)
    _replace(path, content, info)
    if path.read_bytes() != content:
        raise HostsError(f"{path} did not read back as written")


def _replace(path: Path, content: bytes, like: os.stat_result) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(like.st_mode & 0o7777)
        made = temporary.stat()
        if (made.st_uid, made.st_gid) != (like.st_uid, like.st_gid):
            os.chown(temporary, like.st_uid, like.st_gid)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def set_blocked(path: Path, domains: Sequence[str]) -> bool:
    """Make the file block exactly `domains`; True if the file had to change.

    A symlinked hosts file is changed where it really lives, not replaced by a plain file.
    """
    path = path.resolve()
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        raise HostsError(f"{path} does not exist") from None
    wanted = with_block(current, domains)
    if wanted == current:
        return False
    write_atomically(path, wanted)
    return True


def main(argv: Sequence[str], path: Path = DEFAULT_HOSTS) -> int:
    """The privileged helper: `apply DOMAIN...` or `clear`.

    Run as a script it only ever edits the system hosts file: a path given on the command
    line would let anyone allowed to run it write any file as root.
    """
    if not argv or argv[0] not in {"apply", "clear"}:
        print("usage: breakwell-hosts apply DOMAIN... | clear", file=sys.stderr)
        return 2
    domains = argv[1:] if argv[0] == "apply" else []
    try:
        set_blocked(path, domains)
    except (HostsError, OSError) as error:
        print(f"breakwell-hosts: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
