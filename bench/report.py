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
from bench.run import Outcome, Results
from bench.stats import Measured, Spread, ratio
from bench.targets import Check, command_checks, first_screen_checks, verdict

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
        "resident size. breakwell, jrnl and the floor (a plain `python3` script with `sqlite3` "
        "running the same statements, `bench/floors.py`) read the same generated entries; "
        "output goes nowhere, as to a terminal nobody reads. `bench/README.md` says what each "
        "ratio means.",
        "",
    ]
    lines += _summary(results)
    for size in results.sizes:
        lines += _commands(results, size)
    lines += _first_screen(results)
    lines += _inside(results)
    lines += _missing(results)
    return "\n".join(lines) + "\n"


def _summary(results: Results) -> list[str]:
    lines = [
        "## Targets",
        "",
        "| entries | checks met | missed | not measured |",
        "|---|---|---|---|",
    ]
    for size in results.sizes:
        checks = [c for row in results.commands.get(size, []) for c in command_checks(row)]
        if size in results.first_screen:
            checks += first_screen_checks(results.first_screen[size])
        met = sum(c.met is True for c in checks)
        missed = sum(c.met is False for c in checks)
        unknown = sum(c.met is None for c in checks)
        lines.append(f"| {size:,} | {met} | {missed} | {unknown} |")
    lines += ["", *_other_targets(results), ""]
    return lines


def _cell(outcome: Outcome | None) -> str:
    if outcome is None:
        return "-"
    if outcome.measured is None:
        return f"not run: {outcome.reason}"
    return _measured(outcome.measured)


def _measured(measured: Measured) -> str:
    return f"{measured.time.seconds()}, {measured.memory.median:.0f} MiB"


def _commands(results: Results, size: int) -> list[str]:
    lines = [
        f"## Commands on {size:,} entries",
        "",
        "| command | breakwell | floor | jrnl | time / floor | memory / floor "
        "| faster than jrnl | targets |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in results.commands.get(size, []):
        ours, floor = row.breakwell.measured, row.floor.measured
        theirs = row.jrnl.measured if row.jrnl is not None else None
        time_ratio = memory_ratio = jrnl_ratio = "-"
        if ours is not None and floor is not None:
            time_ratio = ratio(ours.time.median, floor.time.median)
            memory_ratio = ratio(ours.memory.median, floor.memory.median)
        if ours is not None and theirs is not None:
            jrnl_ratio = ratio(theirs.time.median, ours.time.median)
        lines.append(
            f"| {row.case.name} | {_cell(row.breakwell)} | {_cell(row.floor)} "
            f"| {_cell(row.jrnl)} | {time_ratio} | {memory_ratio} | {jrnl_ratio} "
            f"| {verdict(command_checks(row))} |"
        )
    return [*lines, ""]


def _first_screen(results: Results) -> list[str]:
    lines = [
        "## The app's first screen (headless, 120x40)",
        "",
        "From the moment the process is started to its first frame, to the Now screen with "
        "its data (its status, latest entries and commitments), and to the launch's end "
        "(enforcement taken over, the services built and every first read done); the bare app "
        "is Textual with a header, a line and a footer (its data is its first frame).",
        "",
        "| entries | first paint | bare | Now data | bare | launch over | bare | targets |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, screen in results.first_screen.items():
        lines.append(
            f"| {size:,} | {screen.paint.seconds()} | {screen.bare_paint.seconds()} "
            f"| {screen.data.seconds()} | {screen.bare_data.seconds()} "
            f"| {screen.launched.seconds()} | {screen.bare_launched.seconds()} "
            f"| {verdict(first_screen_checks(screen))} |"
        )
    return [*lines, ""]


def _missing(results: Results) -> list[str]:
    if not results.missing:
        return []
    return ["## Not measured", "", *(f"- {reason}" for reason in results.missing), ""]


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
    if results.idle_cpu is not None:
        lines += ["", f"Idle daemon: {results.idle_cpu:.2f}% of one core."]
    return [*lines, ""]


def _other_targets(results: Results) -> list[str]:
    checks: list[Check] = []
    for item in results.latency:
        checks.append(Check(f"search inside the process, {item.what}: p50 under "
                            f"{SEARCH_P50_MS:.0f} ms", f"{item.p50_ms:.1f} ms",
                            item.p50_ms < SEARCH_P50_MS))  # fmt: skip
    if results.delays:
        median = statistics.median(results.delays) * 1000
        checks.append(Check(f"engine transitions: median delay under {DELAY_MS:.0f} ms",
                            f"{median:.1f} ms", median < DELAY_MS))  # fmt: skip
    if results.idle_cpu is not None:
        idle = results.idle_cpu
        checks.append(Check(f"idle daemon under {IDLE_PERCENT:.0f}% of a core",
                            f"{idle:.2f}%", idle < IDLE_PERCENT))  # fmt: skip
    lines = ["| target | measured | |", "|---|---|---|"]
    for check in checks:
        lines.append(f"| {check.target} | {check.measured} | {verdict([check])} |")
    return lines if checks else []
