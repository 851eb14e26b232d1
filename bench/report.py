"""The results as Markdown: the machine, the tables, and each target met or missed."""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench.homes import JRNL_VERSION
from bench.run import CASES, Results
from bench.stats import Spread, ratio

FIRST_SCREEN_LIMIT = 1.5
SEARCH_P50_MS = 20.0
DELAY_MS = 50.0
IDLE_PERCENT = 1.0


def machine() -> str:
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return (
        f"{platform.system()} {platform.release()} ({platform.machine()}), {cpu}, "
        f"{os.cpu_count()} cores{memory}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; breakwell {version('breakwell')}, "
        f"Textual {version('textual')}, jrnl {JRNL_VERSION}"
    )


def render(results: Results) -> str:
    today = datetime.now(UTC).date().isoformat()
    lines = [
        "# Benchmark results",
        "",
        f"Measured {today} by `python3 dev.py bench --write` in {results.seconds / 60:.0f} min "
        "on this machine:",
        "",
        f"> {machine()}",
        "",
        "Times are medians with (min-max) over the runs; memory is each process's peak "
        "resident size. Both tools read the same generated entries (see `bench/README.md`); "
        "output goes nowhere, as to a terminal nobody reads.",
        "",
    ]
    lines += _targets(results)
    for size in results.sizes:
        lines += _commands(results, size)
    lines += _startup(results)
    lines += _first_screen(results)
    lines += _inside(results)
    return "\n".join(lines) + "\n"


def _commands(results: Results, size: int) -> list[str]:
    lines = [
        f"## Commands on {size:,} entries",
        "",
        "| | breakwell | jrnl | breakwell is faster by | breakwell memory | jrnl memory |",
        "|---|---|---|---|---|---|",
    ]
    for name, (ours, theirs) in results.commands[size].items():
        lines.append(
            f"| {name} | {ours.time.seconds()} | {theirs.time.seconds()} "
            f"| {ratio(theirs.time.median, ours.time.median)} "
            f"| {ours.memory.mib()} | {theirs.memory.mib()} |"
        )
    return [*lines, ""]


def _startup(results: Results) -> list[str]:
    lines = ["## Starting up", "", "| | time | memory |", "|---|---|---|"]
    for name, measured in results.startup.items():
        lines.append(f"| `{name}` | {measured.time.seconds()} | {measured.memory.mib()} |")
    return [*lines, ""]


def _first_screen(results: Results) -> list[str]:
    lines = [
        "## The app's first screen (headless, 120x40)",
        "",
        "From the moment the process is started to the first screen with its data loaded and "
        "enforcement taken over; the bare app is Textual with a header, a line and a footer.",
        "",
        "| entries | breakwell | bare Textual app | ratio |",
        "|---|---|---|---|",
    ]
    for size, (ours, bare) in results.first_screen.items():
        lines.append(
            f"| {size:,} | {ours.time.seconds()} | {bare.time.seconds()} "
            f"| {ratio(ours.time.median, bare.time.median)} |"
        )
    return [*lines, ""]


def _inside(results: Results) -> list[str]:
    largest = results.sizes[-1]
    delays = Spread.of([d * 1000 for d in results.delays]) if results.delays else None
    lines = [
        f"## Inside the process, on {largest:,} entries",
        "",
        "| | p50 | p99 | worst |",
        "|---|---|---|---|",
    ]
    for item in results.latency:
        lines.append(
            f"| search, {item.what} (page of 20) | {item.p50_ms:.1f} ms | {item.p99_ms:.1f} ms "
            f"| {item.worst_ms:.1f} ms |"
        )
    lines.append("")
    if delays is not None:
        lines.append(
            f"Engine transitions (`breakwell daemon run`), scheduled vs recorded, "
            f"{delays.runs} transitions: median {delays.median:.1f} ms "
            f"(min {delays.low:.1f}, max {delays.high:.1f})."
        )
    if results.catch_ups:
        completed = Spread.of([c.completed * 1000 for c in results.catch_ups])
        lifted = Spread.of([c.lifted * 1000 for c in results.catch_ups])
        lines += [
            "",
            f"Catch-up after a restart (an enforcer killed during a break, started again after "
            f"its end), from launching `breakwell daemon run` to the break's completion "
            f"recorded, {completed.runs} restarts: median {completed.median:.0f} ms "
            f"(min {completed.low:.0f}, max {completed.high:.0f}); to its block lifted: median "
            f"{lifted.median:.0f} ms (min {lifted.low:.0f}, max {lifted.high:.0f}).",
        ]
    lines += ["", f"Idle daemon: {results.idle_cpu:.2f}% of one core.", ""]
    return lines


def _targets(results: Results) -> list[str]:
    largest = results.sizes[-1]
    lines = [
        f"## Targets (on {largest:,} entries)",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]

    def row(target: str, measured: str, met: bool) -> None:
        lines.append(f"| {target} | {measured} | {'met' if met else '**missed**'} |")

    for case in CASES:
        ours, theirs = results.commands[largest][case.name]
        times = theirs.time.median / ours.time.median
        row(f"{case.name}: {case.times_faster}x faster than jrnl", f"{times:,.1f}x",
            times >= case.times_faster)  # fmt: skip
        share = ours.memory.median / theirs.memory.median
        row(f"{case.name}: at most 1/3 of jrnl's memory", f"{share:.2f} of it", share <= 1 / 3)
    ours_v = results.startup["breakwell --version"].time.median
    theirs_v = results.startup["jrnl --version"].time.median
    row("`breakwell --version` faster than `jrnl --version`",
        f"{ours_v * 1000:.0f} ms vs {theirs_v * 1000:.0f} ms", ours_v < theirs_v)  # fmt: skip
    for item in results.latency:
        row(f"search inside the process, {item.what}: p50 under {SEARCH_P50_MS:.0f} ms",
            f"{item.p50_ms:.1f} ms", item.p50_ms < SEARCH_P50_MS)  # fmt: skip
    for size, (ours, bare) in results.first_screen.items():
        times = ours.time.median / bare.time.median
        row(f"app first screen within {FIRST_SCREEN_LIMIT}x of a bare Textual app "
            f"({size:,} entries)", f"{times:.2f}x", times <= FIRST_SCREEN_LIMIT)  # fmt: skip
    if results.delays:
        median = statistics.median(results.delays) * 1000
        row(f"engine transitions: median delay under {DELAY_MS:.0f} ms", f"{median:.1f} ms",
            median < DELAY_MS)  # fmt: skip
    row(f"idle daemon under {IDLE_PERCENT:.0f}% of a core", f"{results.idle_cpu:.2f}%",
        results.idle_cpu < IDLE_PERCENT)  # fmt: skip
    return [*lines, ""]
