"""Everything the results table needs, measured in one run on the same journals."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from bench import engine, latency
from bench.corpus import FILTER_TAG, RARE_WORD
from bench.environment import BENCH, WORK, jrnl_executable
from bench.homes import breakwell_env, jrnl_env
from bench.prepare import Journals, fresh_copy
from bench.process import Sample
from bench.spawner import Spawner
from bench.stats import Measured

Run = Callable[..., Sample]

NOTE = "Bench entry: a quiet morning, the phone in another room #bench"


@dataclass(frozen=True)
class Case:
    name: str
    breakwell: list[str]
    jrnl: list[str]
    # The figure the target asks of breakwell against jrnl on the largest journal.
    times_faster: int


CASES = [
    Case("add one entry", ["note", NOTE], [NOTE], 100),
    Case("list the latest 20", ["search", "-n", "20"], ["-n", "20"], 10),
    Case(f"search a rare word ({RARE_WORD})", ["search", RARE_WORD], ["-contains", RARE_WORD], 10),
    Case(
        f"filter by a tag (#{FILTER_TAG}, 20 newest)",
        ["search", "-t", FILTER_TAG, "-n", "20"],
        [f"#{FILTER_TAG}", "-n", "20"],
        10,
    ),
]


@dataclass
class Options:
    sizes: list[int]
    repeat: int
    budget: float
    idle_seconds: float


@dataclass
class Results:
    sizes: list[int]
    commands: dict[int, dict[str, tuple[Measured, Measured]]] = field(default_factory=dict)
    startup: dict[str, Measured] = field(default_factory=dict)
    first_screen: dict[int, tuple[Measured, Measured]] = field(default_factory=dict)
    latency: list[latency.Latency] = field(default_factory=list)
    delays: list[float] = field(default_factory=list)
    catch_ups: list[engine.CatchUp] = field(default_factory=list)
    idle_cpu: float = 0.0
    seconds: float = 0.0


def measure(options: Options) -> Results:
    began = time.monotonic()
    # Started first, while this process is still small: see spawner.py.
    spawner = Spawner()
    try:
        return _measure(options, spawner.run, began)
    finally:
        spawner.close()


def _measure(options: Options, run: Run, began: float) -> Results:
    breakwell = str(Path(sys.executable).with_name("breakwell"))
    jrnl = str(jrnl_executable())
    scratch = WORK / "run"
    results = Results(options.sizes)
    journals = {size: fresh_copy(size, scratch) for size in options.sizes}
    smallest = journals[options.sizes[0]]
    _say("program start")
    results.startup = _startup(run, breakwell, jrnl, smallest, options)
    for size, copy in journals.items():
        _say(f"commands on {size:,} entries")
        results.commands[size] = _commands(run, breakwell, jrnl, copy, options)
        _say(f"app first screen on {size:,} entries")
        results.first_screen[size] = _first_screens(run, copy, options)
    largest = journals[options.sizes[-1]]
    _say("search inside the process")
    results.latency = latency.search_latency(largest.breakwell_home)
    _say("engine transitions and idle daemon")
    with engine.running_daemon(Path(breakwell), largest.breakwell_home) as daemon:
        results.delays = engine.transition_delays(largest.breakwell_home)
        results.idle_cpu = engine.idle_cpu_percent(daemon, options.idle_seconds)
    _say("engine catch-up after a restart")
    results.catch_ups = engine.catch_up_delays(Path(breakwell), largest.breakwell_home)
    results.seconds = time.monotonic() - began
    return results


def _say(what: str) -> None:
    print(f"bench: {what}", file=sys.stderr, flush=True)


def _repeat(options: Options, *commands: Callable[[], Sample]) -> list[list[Sample]]:
    """Each command in turn, `repeat` rounds, so both tools share the machine's moods; a
    command that has used its time budget stops early (jrnl adding to a long journal)."""
    samples: list[list[Sample]] = [[] for _ in commands]
    spent = [0.0 for _ in commands]
    for _ in range(options.repeat):
        for index, command in enumerate(commands):
            if samples[index] and spent[index] >= options.budget:
                continue
            sample = command()
            samples[index].append(sample)
            spent[index] += sample.seconds
    return samples


def _startup(
    run: Run, breakwell: str, jrnl: str, journals: Journals, options: Options
) -> dict[str, Measured]:
    bw_env = breakwell_env(journals.breakwell_home)
    jr_env = jrnl_env(journals.jrnl_folder)
    config = ["--config-file", str(journals.jrnl_config)]
    commands: dict[str, Callable[[], Sample]] = {
        "breakwell --version": lambda: run([breakwell, "--version"], bw_env),
        "jrnl --version": lambda: run([jrnl, *config, "--version"], jr_env),
        "python -c pass": lambda: run([sys.executable, "-c", "pass"], bw_env),
    }
    for command in commands.values():
        command()  # warm the file cache and write bytecode once
    samples = _repeat(options, *commands.values())
    return {name: Measured.of(s) for name, s in zip(commands, samples, strict=True)}


def _commands(
    run: Run, breakwell: str, jrnl: str, journals: Journals, options: Options
) -> dict[str, tuple[Measured, Measured]]:
    bw_env = breakwell_env(journals.breakwell_home)
    jr_env = jrnl_env(journals.jrnl_folder)
    config = ["--config-file", str(journals.jrnl_config)]
    run([breakwell, "search", "-n", "1"], bw_env)
    run([jrnl, *config, "-n", "1"], jr_env)
    measured = {}
    for case in CASES:
        ours, theirs = _repeat(
            options,
            partial(run, [breakwell, *case.breakwell], bw_env),
            partial(run, [jrnl, *config, *case.jrnl], jr_env),
        )
        measured[case.name] = (Measured.of(ours), Measured.of(theirs))
    return measured


def _first_screens(run: Run, journals: Journals, options: Options) -> tuple[Measured, Measured]:
    script = str(BENCH / "first_screen.py")
    env = breakwell_env(journals.breakwell_home)
    env["PYTHONPATH"] = str(BENCH.parent)

    def launch(which: str) -> Sample:
        # The child reports its own time to first screen, counted from just before it began.
        sample = run([sys.executable, script, which, repr(time.time())], env, keep_output=True)
        return replace(sample, seconds=float(sample.output.strip().splitlines()[-1]))

    launch("breakwell")
    launch("bare")
    ours, bare = _repeat(options, lambda: launch("breakwell"), lambda: launch("bare"))
    return Measured.of(ours), Measured.of(bare)
