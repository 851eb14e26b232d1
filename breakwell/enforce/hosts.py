"""Blocking sites through the hosts file, between breakwell's own markers and nowhere else.

This module is deliberately self-contained and stdlib-only: it is also what runs with
privileges (installed as a small helper) when the hosts file belongs to root, so it trusts
nothing it is given. Every domain is validated again here; the rest of the file is kept byte
for byte; writes are atomic, keep the file's mode and owner, leave a backup, and are read back.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
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


# What one of breakwell's own lines looks like inside or right after its block.
_SINK_LINE = re.compile(rb"(?:0\.0\.0\.0|::)[ \t]+[^\s#]+[ \t]*")


def _lines(content: bytes) -> list[tuple[int, int, bytes]]:
    """Each line as (start, end including its line break, text without the line break)."""
    lines = []
    at = 0
    while at < len(content):
        newline = content.find(b"\n", at)
        end = len(content) if newline == -1 else newline + 1
        text = content[at : end - 1 if newline != -1 else end]
        lines.append((at, end, text[:-1] if text.endswith(b"\r") else text))
        at = end
    return lines


def _damaged_marker(text: bytes) -> bool:
    """A marker line someone or something mangled: still plainly breakwell's."""
    if text in (BEGIN, END):
        return False
    truncated = len(text) >= 5 and (BEGIN.startswith(text) or END.startswith(text))
    return truncated or (text.lstrip().startswith(b"#") and b"breakwell" in text.lower())


def _spans(content: bytes) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Breakwell's lines, as ranges of line numbers: whole blocks, and lines left outside one.

    A block runs from the start marker to the next end marker. Without its end, only the
    start marker, the address lines right after it and a mangled end marker are ours; an end
    marker without its start takes the address lines right before it, and a mangled start.
    """
    lines = [text for _, _, text in _lines(content)]
    blocks: list[tuple[int, int]] = []
    orphans: list[tuple[int, int]] = []
    claimed = -1
    at = 0
    while at < len(lines):
        if lines[at] == BEGIN:
            end = at + 1
            while end < len(lines) and lines[end] not in (BEGIN, END):
                end += 1
            if end < len(lines) and lines[end] == END:
                blocks.append((at, end))
            else:
                end = at + 1
                while end < len(lines) and _SINK_LINE.fullmatch(lines[end]):
                    end += 1
                if not (end < len(lines) and _damaged_marker(lines[end])):
                    end -= 1
                orphans.append((at, end))
            claimed = at = end
        elif lines[at] == END:
            first = at
            while first - 1 > claimed and _SINK_LINE.fullmatch(lines[first - 1]):
                first -= 1
            if first - 1 > claimed and _damaged_marker(lines[first - 1]):
                first -= 1
            orphans.append((first, at))
            claimed = at
        at += 1
    return blocks, orphans


def without_block(content: bytes) -> bytes:
    """The file as it was before breakwell added its block, and without any of its lines
    left outside one; every other byte stays as it is."""
    blocks, orphans = _spans(content)
    if not blocks and not orphans:
        return content
    lines = _lines(content)
    kept = bytearray()
    at = 0
    for first, last in sorted(blocks + orphans):
        kept += content[at : lines[first][0]]
        at = lines[last][1]
    kept += content[at:]
    if at == len(content) and lines[-1][2] == END and not content.endswith(b"\n"):
        # The block was added after a last line without a line break: that break was ours.
        # It was the file's own kind of break, which tells a CRLF from a CR ending the line.
        crlf = bytes(kept[:-2])
        if kept.endswith(b"\r\n") and _newline_of(crlf) == b"\r\n":
            return crlf
        return bytes(kept[:-1]) if kept.endswith(b"\n") else bytes(kept)
    return bytes(kept)


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
    """The domains breakwell's whole blocks name."""
    lines = _lines(content)
    names = set()
    for first, last in _spans(content)[0]:
        for _, _, text in lines[first + 1 : last]:
            parts = text.split()
            if len(parts) == 2 and not text.startswith(b"#"):
                names.add(parts[1].decode("ascii", "replace"))
    return sorted(names)


def orphaned_lines(content: bytes) -> list[str]:
    """Breakwell's lines outside a whole block (a damaged marker, or what it left behind)."""
    lines = _lines(content)
    return [
        text.decode("utf-8", "replace")
        for first, last in _spans(content)[1]
        for _, _, text in lines[first : last + 1]
    ]


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
    import tempfile  # only writers need it, not `status` reading the file

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


# The helper's own record, beside nothing a user can write: what it holds, and what it did.
DEFAULT_STATE = Path("/var/lib/breakwell-hosts")
HOLD_FILE = "hold.json"
LOG_FILE = "actions.log"
MAX_LOG_BYTES = 1 << 20
# No break runs longer than a year, so no hold needs to.
MAX_HOLD = timedelta(days=366)
USAGE = "usage: breakwell-hosts apply [--hold-until WHEN] DOMAIN... | clear"
_NAME = re.compile(r"[a-z_][a-z0-9_.-]{0,31}")


def _state_folder(state: Path) -> int:
    """The helper's folder, opened without following links, and trusted only if its own."""
    try:
        state.mkdir(mode=0o755)
        made = True
    except FileExistsError:
        made = False
    folder = os.open(state, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    if made:
        os.fchmod(folder, 0o755)  # whatever the umask
    info = os.fstat(folder)
    if info.st_uid != os.geteuid() or info.st_mode & 0o022:
        os.close(folder)
        raise HostsError(f"{state} is not the helper's own folder; refusing to use it")
    return folder


def _own_file(fd: int, name: str) -> None:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022:
        os.close(fd)
        raise HostsError(f"{name} in the helper's folder is not its own file; refusing to use it")


def read_hold(folder: int, now: datetime) -> dict[str, datetime]:
    """The domains held now, each with the moment its hold ends."""
    try:
        fd = os.open(HOLD_FILE, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder)
    except FileNotFoundError:
        return {}
    _own_file(fd, HOLD_FILE)
    with os.fdopen(fd, "rb") as handle:
        raw = handle.read(MAX_LOG_BYTES)
    try:
        data = json.loads(raw)
        held = {check_domain(name): _moment(until) for name, until in data["held"].items()}
    except (ValueError, TypeError, KeyError, AttributeError, HostsError):
        raise HostsError(f"{HOLD_FILE} cannot be read; only root can repair it") from None
    return {name: until for name, until in held.items() if until > now}


def _write_hold(folder: int, held: dict[str, datetime]) -> None:
    text = json.dumps({"held": {n: u.isoformat() for n, u in sorted(held.items())}}, indent=1)
    temporary = f".{HOLD_FILE}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary, dir_fd=folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    fd = os.open(temporary, flags, 0o600, dir_fd=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("ascii") + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, HOLD_FILE, src_dir_fd=folder, dst_dir_fd=folder)
    os.fsync(folder)


def _record(folder: int, now: datetime, what: str) -> None:
    """One line in the helper's log, which anyone may read: the hosts file shows as much."""
    who = os.environ.get("SUDO_USER", "")
    who = who if _NAME.fullmatch(who) else "root"
    text = "".join(c if c.isprintable() else "?" for c in what)[:400]
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
    fd = os.open(LOG_FILE, flags, 0o644, dir_fd=folder)
    _own_file(fd, LOG_FILE)
    if os.fstat(fd).st_size > MAX_LOG_BYTES:
        os.close(fd)
        os.replace(LOG_FILE, LOG_FILE + ".1", src_dir_fd=folder, dst_dir_fd=folder)
        fd = os.open(LOG_FILE, flags, 0o644, dir_fd=folder)
        _own_file(fd, LOG_FILE)
    try:
        os.fchmod(fd, 0o644)
        os.write(fd, f"{now.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ} {who} {text}\n".encode())
    finally:
        os.close(fd)


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a moment without its time zone")
    return moment.astimezone(UTC)


def _held_message(held: dict[str, datetime], names: Iterable[str]) -> str:
    names = sorted(names)
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    until = max(held[name] for name in names)
    return f"a locked break holds {shown} until {until:%Y-%m-%d %H:%M:%S} UTC"


def _act(argv: Sequence[str], path: Path, folder: int, now: datetime) -> tuple[int, str]:
    """Do what was asked, unless it lifts or shrinks a held block; (exit code, log line)."""
    command, rest = argv[0], list(argv[1:])
    until = None
    if rest[:1] == ["--hold-until"]:
        try:
            until = _moment(rest[1])
        except (IndexError, ValueError):
            return 1, f"refused {command}: --hold-until needs a moment such as 2030-01-01T12:00Z"
        rest = rest[2:]
        if until > now + MAX_HOLD:
            return 1, f"refused {command}: a hold may not reach beyond {MAX_HOLD.days} days"
    try:
        names = sorted({check_domain(name) for name in rest})
        held = read_hold(folder, now)
    except HostsError as error:
        return 1, f"refused {command}: {error}"
    dropped = set(held) - set(names)
    if dropped:
        return 1, f"refused {command}: {_held_message(held, dropped)}"
    if until is not None and until > now:
        # A hold only ever grows: a later end, or more domains.
        held |= {name: max(until, held.get(name, until)) for name in names}
    try:
        _write_hold(folder, held)
        changed = set_blocked(path, names)
    except (HostsError, OSError) as error:
        return 1, f"failed {command}: {error}"
    done = f"applied {len(names)} domain{'s' * (len(names) != 1)}" if names else "cleared"
    if names and until is not None and until > now:
        done += f", held until {until:%Y-%m-%d %H:%M:%S} UTC"
    return 0, done + ("" if changed else " (no change)")


def main(
    argv: Sequence[str],
    path: Path = DEFAULT_HOSTS,
    state: Path = DEFAULT_STATE,
    now: Callable[[], datetime] | None = None,
) -> int:
    """The privileged helper: `apply [--hold-until WHEN] DOMAIN...` or `clear`.

    Run as a script it only ever edits the system hosts file: a path given on the command
    line would let anyone allowed to run it write any file as root. Until a hold it was given
    ends (by its own clock: no one else's reaches a program sudo starts), it refuses to clear
    the block or drop a held domain from it. Every action, done or refused, is one line of
    its log.
    """
    if not argv or argv[0] not in {"apply", "clear"} or (argv[0] == "clear" and argv[1:]):
        print(USAGE, file=sys.stderr)
        return 2
    moment = (now or (lambda: datetime.now(UTC)))().astimezone(UTC)
    try:
        folder = _state_folder(state)
    except (HostsError, OSError) as error:
        print(f"breakwell-hosts: {error}", file=sys.stderr)
        return 1
    try:
        # One at a time: an enforcer's call and someone's own must not interleave.
        fcntl.flock(folder, fcntl.LOCK_EX)
        code, line = _act(argv, path, folder, moment)
        _record(folder, moment, line)
    except (HostsError, OSError) as error:
        print(f"breakwell-hosts: {error}", file=sys.stderr)
        return 1
    finally:
        os.close(folder)
    if code:
        print(f"breakwell-hosts: {line}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
