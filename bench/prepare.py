"""Generated journals, made once per size and generator version, copied fresh for each run."""

from __future__ import annotations

import hashlib
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import Break, Entry, generate, stream
from bench.environment import BENCH, WORK
from bench.homes import write_breakwell, write_breakwell_in_bulk, write_jrnl

# Above this many entries, breakwell's home is written in bulk (see homes.py): its import holds
# the whole document, about 5 KiB per entry.
BULK_ABOVE = 100_000


@dataclass(frozen=True)
class Journals:
    size: int
    breakwell_home: Path
    jrnl_folder: Path

    @property
    def jrnl_config(self) -> Path:
        return self.jrnl_folder / "jrnl.yaml"


def _version() -> str:
    digest = hashlib.sha256()
    for name in ("corpus.py", "homes.py"):
        digest.update((BENCH / name).read_bytes())
    return digest.hexdigest()[:12]


def pristine(size: int) -> Journals:
    folder = WORK / "journals" / f"{size}-{_version()}"
    journals = Journals(size, folder / "breakwell", folder / "jrnl")
    done = folder / ".done"
    if done.exists():
        _upgraded(journals.breakwell_home)
        return journals
    shutil.rmtree(folder, ignore_errors=True)
    print(f"bench: generating a journal of {size:,} entries", file=sys.stderr, flush=True)
    if size > BULK_ABOVE:
        # Twice through the same stream, never holding it: breakwell needs the breaks first.
        breaks: list[Break] = []

        def noting_breaks() -> Iterator[Entry]:
            for entry, began in stream(size):
                if began is not None:
                    breaks.append(began)
                yield entry

        write_jrnl(noting_breaks(), journals.jrnl_folder)
        entries = (entry for entry, _ in stream(size))
        write_breakwell_in_bulk(breaks, entries, journals.breakwell_home)
    else:
        journal = generate(size)
        write_jrnl(journal.entries, journals.jrnl_folder)
        write_breakwell(journal, journals.breakwell_home)
    done.touch()
    return journals


def _upgraded(home: Path) -> None:
    """A journal kept from a run of an older breakwell is brought to this one's schema here,
    once and unmeasured, so that no measured command pays for the upgrade."""
    from breakwell.store.database import Database

    database = Database(f"sqlite:///{(home / 'breakwell.db').resolve()}")
    try:
        with database.read():
            pass
    finally:
        database.close()


def fresh_copy(size: int, run: Path) -> Journals:
    """A copy this run may change (adding entries) without touching the generated one."""
    source = pristine(size)
    target = run / str(size)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source.breakwell_home, target / "breakwell")
    shutil.copytree(source.jrnl_folder, target / "jrnl")
    config = target / "jrnl" / "jrnl.yaml"
    config.write_text(
        config.read_text().replace(str(source.jrnl_folder), str(target / "jrnl")),
        encoding="utf-8",
    )
    hosts_line = str(source.breakwell_home / "hosts")
    settings = target / "breakwell" / "config.toml"
    settings.write_text(
        settings.read_text().replace(hosts_line, str(target / "breakwell" / "hosts")),
        encoding="utf-8",
    )
    return Journals(size, target / "breakwell", target / "jrnl")
