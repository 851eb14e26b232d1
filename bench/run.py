"""Everything the results table needs, measured in one run on the same journals.

A measure that cannot finish (a command that fails, runs past its time limit or grows past its
memory limit, a first screen or an engine step that raises) is recorded with the reason and the
run goes on: the report says what is missing and why.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from bench import engine, latency
from bench.cases import CASES, START_BREAK, Case, Phase, filled
from bench.environment import BENCH, WORK, jrnl_executable
from bench.first_screen_times import FirstScreen, first_screen_times
from bench.homes import breakwell_env, jrnl_env, prepare_home
from bench.prepare import Journals, fresh_copy
from bench.process import CommandFailed, Limits, Sample
from bench.spawner import Spawner
from bench.stats import Measured

Run = Callable[..., Sample]
FLOORS = BENCH / "floors.py"
# Launches of the app and of the bare one, each: a first screen takes under a second, and its
# ratios are held to within a few hundredths, closer than five launches' medians agree.
LAUNCHES = 15


@dataclass
class Options:
    sizes: list[int]
    repeat: int
    budget: float
    idle_seconds: float
    limits: Limits = field(default_factory=Limits)
    launches: int = LAUNCHES


@dataclass(frozen=True)
class Outcome:
    """One tool's runs of one command: measured, or the reason it was not."""

    measured: Measured | None
    reason: str = ""


@dataclass(frozen=True)
class Row:
    case: Case
    breakwell: Outcome
    floor: Outcome
    jrnl: Outcome | None  # None: jrnl has no such command


@dataclass
class Results:
    sizes: list[int]
    commands: dict[int, list[Row]] = field(default_factory=dict)
    first_screen: dict[int, FirstScreen] = field(default_factory=dict)
    latency: list[latency.Latency] = field(default_factory=list)
    delays: list[float] = field(default_factory=list)
    catch_ups: list[engine.CatchUp] = field(default_factory=list)
    idle_cpu: float | None = None
    # What could not be measured, and why.
    missing: list[str] = field(default_factory=list)
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
    results = Results(options.sizes)
    jrnl = _jrnl(results)
    scratch = WORK / "run"
    largest: Journals | None = None
    for size in options.sizes:
        try:
            copy = fresh_copy(size, scratch)
        except Exception as error:
            _missed(results, f"every measure on {size:,} entries: the journal", error)
            continue
        largest = copy
        # First, on the journal as generated: the commands leave a break ended early behind,
        # whose after-questions the app would open at launch.
        _say(f"app first screen on {size:,} entries")
        _attempt(
            results,
            f"first screen on {size:,} entries",
            partial(_first_screens, results, run, copy, options),
        )
        _say(f"commands on {size:,} entries")
        results.commands[size] = _Tools(run, breakwell, jrnl, copy, options).all_cases()
    if largest is not None:
        home = largest.breakwell_home
        _say("search inside the process")
        _attempt(results, "search inside the process", partial(_latency, results, home))
        _say("engine transitions and idle daemon")
        _attempt(results, "engine transitions and idle daemon",
                 partial(_engine, results, Path(breakwell), home, options))  # fmt: skip
        _say("engine catch-up after a restart")
        _attempt(results, "engine catch-up", partial(_catch_up, results, Path(breakwell), home))
    results.seconds = time.monotonic() - began
    return results


def _jrnl(results: Results) -> str:
    """jrnl's program; without it (no network to install it) each jrnl run fails and says so."""
    try:
        return str(jrnl_executable())
    except Exception as error:
        _missed(results, "jrnl, not installed", error)
        return str(WORK / "jrnl-not-installed")


def _latency(results: Results, home: Path) -> None:
    results.latency = latency.search_latency(home)


def _catch_up(results: Results, breakwell: Path, home: Path) -> None:
    results.catch_ups = engine.catch_up_delays(breakwell, home)


def _engine(results: Results, breakwell: Path, home: Path, options: Options) -> None:
    with engine.running_daemon(breakwell, home) as daemon:
        results.delays = engine.transition_delays(home)
        results.idle_cpu = engine.idle_cpu_percent(daemon, options.idle_seconds)


def _attempt(results: Results, what: str, step: Callable[[], object]) -> None:
    try:
        step()
    except Exception as error:
        _missed(results, what, error)


def _missed(results: Results, what: str, error: Exception) -> None:
    reason = f"{what}: {type(error).__name__}: {error}"
    results.missing.append(reason)
    _say(f"could not measure {reason}")


def _say(what: str) -> None:
    print(f"bench: {what}", file=sys.stderr, flush=True)


def repeat(options: Options, commands: list[Callable[[], Sample]]) -> list[list[Sample] | str]:
    """Each command in turn, `repeat` rounds, so the tools share the machine's moods; a command
    that has used its time budget stops early (jrnl adding to a long journal), and one that
    fails stops with the reason in place of its samples."""
    samples: list[list[Sample]] = [[] for _ in commands]
    spent = [0.0 for _ in commands]
    failed: dict[int, str] = {}
    for _ in range(options.repeat):
        for index, command in enumerate(commands):
            if index in failed or (samples[index] and spent[index] >= options.budget):
                continue
            try:
                sample = command()
            except CommandFailed as error:
                failed[index] = str(error)
                continue
            samples[index].append(sample)
            spent[index] += sample.seconds
    return [failed.get(index, taken) for index, taken in enumerate(samples)]


def _outcome(taken: list[Sample] | str) -> Outcome:
    if isinstance(taken, str):
        return Outcome(None, taken)
    return Outcome(Measured.of(taken))


class _Tools:
    """The three ways of running each case on one journal copy."""

    def __init__(
        self, run: Run, breakwell: str, jrnl: str, journals: Journals, options: Options
    ) -> None:
        self.run, self.breakwell, self.jrnl = run, breakwell, jrnl
        self.journals, self.options = journals, options
        self.limits = options.limits
        self.out = journals.breakwell_home.parent / "out"
        self.out.mkdir(exist_ok=True)
        self.export = self.out / "export.json"
        self.fresh = journals.breakwell_home.parent / "fresh"
        self.places = {
            "db": str(journals.breakwell_home / "breakwell.db"),
            "home": str(journals.breakwell_home),
            "out": str(self.out),
            "export": str(self.export),
            "fresh": str(self.fresh),
        }

    def all_cases(self) -> list[Row]:
        self._warm()
        rows = [self._case(case) for case in CASES if case.phase is Phase.JOURNAL]
        started = self._start_break()
        for case in CASES:
            if case.phase is Phase.RUNNING:
                rows.append(self._case(case) if not started else _not_run(case, started))
        if not started:
            self._stop_break()
        for case in CASES:
            if case.phase is Phase.IMPORT:
                missing = "" if self.export.exists() else "breakwell's JSON export did not finish"
                rows.append(self._case(case) if not missing else _not_run(case, missing))
        return rows

    def _warm(self) -> None:
        """The file cache and bytecode, once, before anything is timed."""
        bw_env = breakwell_env(self.journals.breakwell_home)
        config = ["--config-file", str(self.journals.jrnl_config)]
        for argv, env in (
            ([self.breakwell, "search", "-n", "1"], bw_env),
            ([self.jrnl, *config, "-n", "1"], jrnl_env(self.journals.jrnl_folder)),
            ([sys.executable, str(FLOORS), "search", self.places["db"], "limit", "1"], bw_env),
        ):
            try:
                self.run(argv, env, limits=self.options.limits)
            except CommandFailed as error:
                _say(f"warming up: {error}")

    def _start_break(self) -> str:
        """'' once a break runs in the copy, else why none could be started."""
        try:
            self.run([self.breakwell, *START_BREAK], breakwell_env(self.journals.breakwell_home))
        except CommandFailed as error:
            return f"no break could be started: {error}"
        return ""

    def _stop_break(self) -> None:
        # The engine's measures that follow on the largest journal want no break running.
        try:
            self.run(
                [self.breakwell, "stop", "--reason", "bench"],
                breakwell_env(self.journals.breakwell_home),
            )
        except CommandFailed as error:
            _say(f"the bench break did not stop: {error}")

    def _case(self, case: Case) -> Row:
        size = self.journals.size
        _say(f"  {case.name}")
        commands = [self._breakwell(case), self._floor(case)]
        jrnl = case.jrnl_at(size)
        if isinstance(jrnl, tuple):
            commands.append(self._jrnl(jrnl))
        elif isinstance(jrnl, str):
            _say(f"  jrnl skipped: {jrnl}")
        taken = repeat(self.options, commands)
        theirs = None
        if isinstance(jrnl, tuple):
            theirs = _outcome(taken[2])
        elif isinstance(jrnl, str):
            theirs = Outcome(None, jrnl)
        return Row(case, _outcome(taken[0]), _outcome(taken[1]), theirs)

    def _breakwell(self, case: Case) -> Callable[[], Sample]:
        argv = [self.breakwell, *filled(case.breakwell, **self.places)]
        if case.phase is Phase.IMPORT:
            into = breakwell_env(self.fresh)
            return lambda: self._into_fresh(partial(self.run, argv, into, limits=self.limits))
        env = breakwell_env(self.journals.breakwell_home)
        return partial(self.run, argv, env, limits=self.limits)

    def _floor(self, case: Case) -> Callable[[], Sample]:
        argv = [sys.executable, str(FLOORS), *filled(case.floor, **self.places)]
        env = breakwell_env(self.journals.breakwell_home)
        run = partial(self.run, argv, env, limits=self.limits)
        return partial(self._into_fresh, run) if case.phase is Phase.IMPORT else run

    def _jrnl(self, arguments: tuple[str, ...]) -> Callable[[], Sample]:
        config = ["--config-file", str(self.journals.jrnl_config)]
        argv = [self.jrnl, *config, *filled(arguments, **self.places)]
        env = jrnl_env(self.journals.jrnl_folder)
        return partial(self.run, argv, env, limits=self.limits)

    def _into_fresh(self, run: Callable[[], Sample]) -> Sample:
        """Each import goes into an empty journal, made before the clock starts."""
        shutil.rmtree(self.fresh, ignore_errors=True)
        prepare_home(self.fresh)
        try:
            return run()
        finally:
            shutil.rmtree(self.fresh, ignore_errors=True)


def _not_run(case: Case, reason: str) -> Row:
    skipped = Outcome(None, reason)
    return Row(case, skipped, skipped, None if case.jrnl is None else skipped)


def _first_screens(results: Results, run: Run, journals: Journals, options: Options) -> None:
    script = str(BENCH / "first_screen.py")
    env = breakwell_env(journals.breakwell_home)
    env["PYTHONPATH"] = str(BENCH.parent)

    def launch(which: str) -> Sample:
        # The child reports its own times, counted from just before it began.
        return run([sys.executable, script, which, repr(time.time())], env, keep_output=True,
                   limits=options.limits)  # fmt: skip

    launch("breakwell")
    launch("bare")
    rounds = replace(options, repeat=options.launches)
    ours, bare = repeat(rounds, [lambda: launch("breakwell"), lambda: launch("bare")])
    for taken in (ours, bare):
        if isinstance(taken, str):
            raise CommandFailed(taken)
    assert not isinstance(ours, str) and not isinstance(bare, str)
    results.first_screen[journals.size] = first_screen_times(ours, bare)
