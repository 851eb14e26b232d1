"""What the table measures: each command as breakwell, jrnl (where it has one) and the floor run it.

Arguments are templates filled in per run: `{db}` the journal's database, `{home}` its
breakwell home, `{out}` a folder for what a command writes, `{export}` the JSON export the
import reads, `{fresh}` an empty home the import writes into.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bench.corpus import FILTER_PERSON, FILTER_PLATFORM, FILTER_TAG, RARE_WORD

NOTE = "Bench entry: a quiet morning, the phone in another room #bench"
SLIP = "Bench slip: opened it on the bus"
SINCE = "2026-01-01"
# As `--since 2026-01-01` reaches the database with TZ=UTC (store/moments.py's form).
SINCE_STORED = "2026-01-01 00:00:00.000000"
JRNL_ADD_UP_TO = 10_000
JRNL_ADD_SKIPPED = (
    "jrnl rewrites its whole journal to add one entry: 575 s for one add at 100,000 entries "
    "(2026-11-23), so it is not run from 100,000 on"
)
JRNL_JSON_UP_TO = 10_000
JRNL_JSON_SKIPPED = (
    "jrnl's JSON export took 594 s at 100,000 entries and was stopped at the 600 s time limit "
    "at 1,000,000 (2026-11-30), and no target compares an export with jrnl's, so it is not "
    "run from 100,000 on"
)


class Kind(Enum):
    QUICK = "quick"  # held to jrnl (3x faster), the floor's time (2x) and memory (1.5x)
    TRANSFER = "transfer"  # held to a memory bound, whatever the journal's size


class Phase(Enum):
    JOURNAL = "journal"  # on the journal as generated
    RUNNING = "running"  # on the same journal with a break running
    IMPORT = "import"  # into an empty home, each run a new one


@dataclass(frozen=True)
class Case:
    name: str
    breakwell: tuple[str, ...]
    floor: tuple[str, ...]
    jrnl: tuple[str, ...] | None = None
    kind: Kind = Kind.QUICK
    phase: Phase = Phase.JOURNAL
    # The largest journal jrnl runs this on, and why not beyond.
    jrnl_up_to: int | None = None
    jrnl_skipped: str = ""

    def jrnl_at(self, size: int) -> tuple[str, ...] | str | None:
        """jrnl's arguments at this size, the reason it is not run, or None: jrnl has no such
        command."""
        if self.jrnl is None:
            return None
        if self.jrnl_up_to is not None and size > self.jrnl_up_to:
            return self.jrnl_skipped
        return self.jrnl


CASES = [
    Case("note (add one entry)", ("note", NOTE), ("note", "{db}", NOTE), (NOTE,),
         jrnl_up_to=JRNL_ADD_UP_TO, jrnl_skipped=JRNL_ADD_SKIPPED),
    Case(f"search a rare word ({RARE_WORD})", ("search", RARE_WORD),
         ("search", "{db}", "word", RARE_WORD), ("-contains", RARE_WORD)),
    Case(f"search by tag (#{FILTER_TAG}, 20 newest)", ("search", "-t", FILTER_TAG, "-n", "20"),
         ("search", "{db}", "tag", FILTER_TAG, "limit", "20"), (f"#{FILTER_TAG}", "-n", "20")),
    Case(f"search by person (@{FILTER_PERSON}, 20 newest)",
         ("search", "--person", FILTER_PERSON, "-n", "20"),
         ("search", "{db}", "person", FILTER_PERSON, "limit", "20"),
         (f"@{FILTER_PERSON}", "-n", "20")),
    Case(f"search by platform, kind and date ({FILTER_PLATFORM}, note, since {SINCE})",
         ("search", "-p", FILTER_PLATFORM, "-k", "note", "--since", SINCE, "-n", "20"),
         ("search", "{db}", "platform", FILTER_PLATFORM, "kind", "note",
          "since", SINCE_STORED, "limit", "20")),
    Case("search, latest 20", ("search", "-n", "20"), ("search", "{db}", "limit", "20"),
         ("-n", "20")),
    Case("history", ("history",), ("history", "{db}")),
    Case("show (break #1 with its entries)", ("show", "1"), ("show", "{db}", "1")),
    Case("--version", ("--version",), ("version",), ("--version",)),
    Case("paths", ("paths",), ("paths", "{home}")),
    Case("export json", ("export", "-f", "json", "-o", "{out}/export.json"),
         ("export-json", "{db}", "{out}/floor.json"),
         ("--export", "json", "--file", "{out}/jrnl.json"), kind=Kind.TRANSFER,
         jrnl_up_to=JRNL_JSON_UP_TO, jrnl_skipped=JRNL_JSON_SKIPPED),
    Case("export md", ("export", "-f", "md", "-o", "{out}/export.md"),
         ("export-md", "{db}", "{out}/floor.md"),
         ("--export", "md", "--file", "{out}/jrnl.md"), kind=Kind.TRANSFER),
    Case("export csv (entries)", ("export", "-f", "csv", "--table", "entries", "-o",
                                  "{out}/export.csv"),
         ("export-csv", "{db}", "{out}/floor.csv"), kind=Kind.TRANSFER),
    Case("status, a break running", ("status",), ("status", "{db}"), phase=Phase.RUNNING),
    Case("status --json, a break running", ("status", "--json"), ("status", "{db}", "json"),
         phase=Phase.RUNNING),
    Case("slip, a break running", ("slip", SLIP), ("slip", "{db}", SLIP), phase=Phase.RUNNING),
    Case("import json (into an empty journal)", ("import", "{export}"),
         ("import-json", "{db}", "{export}", "{fresh}/breakwell.db"),
         kind=Kind.TRANSFER, phase=Phase.IMPORT),
]  # fmt: skip

# How the running break is started before the RUNNING phase (not measured).
START_BREAK = ("start", "30d", "-p", "x", "-m", "watch", "--no-prompts", "-i", "bench")


def filled(arguments: tuple[str, ...], **places: str) -> list[str]:
    return [argument.format(**places) for argument in arguments]
