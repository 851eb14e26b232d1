"""The report's verdicts: each target met or missed from the medians, and a measure that could not
be taken said as such, never counted as met."""

from __future__ import annotations

import sys

import pytest

from bench.__main__ import main
from bench.cases import CASES, Case, Kind
from bench.first_screen_times import first_screen_times, read_times
from bench.process import CommandFailed, Limits, Sample, run
from bench.run import Options, Outcome, Row, repeat
from bench.stats import Measured
from bench.targets import command_checks, first_screen_checks, verdict

QUICK = next(case for case in CASES if case.name.startswith("search a rare word"))
NO_JRNL = next(case for case in CASES if case.jrnl is None and case.kind is Kind.QUICK)
EXPORT = next(case for case in CASES if case.kind is Kind.TRANSFER)


def _took(seconds: float, mib: float) -> Outcome:
    return Outcome(Measured.of([Sample(seconds, mib)]))


def _row(case: Case, ours: Outcome, floor: Outcome, jrnl: Outcome | None = None) -> Row:
    return Row(case, ours, floor, jrnl)


def test_a_quick_command_near_the_floor_and_well_ahead_of_jrnl_meets_every_target() -> None:
    row = _row(QUICK, _took(0.09, 18), _took(0.05, 13), _took(0.3, 25))
    checks = command_checks(row)
    assert [check.met for check in checks] == [True, True, True]
    assert verdict(checks) == "met"


@pytest.mark.parametrize(
    ("ours", "missed"),
    [
        ((0.11, 18), "time within 2x the floor (2.2x)"),
        ((0.09, 20), "memory within 1.5x the floor (1.54x)"),
        ((0.11, 13), "3x faster than jrnl (2.7x)"),
    ],
)
def test_each_ratio_past_its_bound_is_missed_by_name(
    ours: tuple[float, float], missed: str
) -> None:
    row = _row(QUICK, _took(*ours), _took(0.05, 13), _took(0.3, 25))
    said = verdict(command_checks(row))
    assert said.startswith("**missed**")
    assert missed in said


def test_without_a_jrnl_command_only_the_floor_counts() -> None:
    checks = command_checks(_row(NO_JRNL, _took(0.09, 18), _took(0.05, 13)))
    assert [check.target for check in checks] == [
        "time within 2x the floor",
        "memory within 1.5x the floor",
    ]


def test_a_measure_not_taken_is_neither_met_nor_missed() -> None:
    skipped = Outcome(None, "jrnl rewrites its whole journal")
    checks = command_checks(_row(QUICK, _took(0.09, 18), _took(0.05, 13), skipped))
    assert [check.met for check in checks] == [None, True, True]
    assert verdict(checks) == "3x faster than jrnl: not measured, jrnl rewrites its whole journal"
    failed = command_checks(_row(QUICK, Outcome(None, "exited 1"), _took(0.05, 13)))
    assert [check.met for check in failed] == [None]


def test_export_and_import_are_held_to_their_memory_bound_alone() -> None:
    slow_but_small = _row(EXPORT, _took(30, 140), _took(1, 15))
    assert verdict(command_checks(slow_but_small)) == "met"
    assert "peak under 150 MiB (151 MiB)" in verdict(
        command_checks(_row(EXPORT, _took(1, 151), _took(1, 15)))
    )


def test_first_screen_reads_paint_data_and_launch_or_fewer_numbers_for_them() -> None:
    assert read_times("loading\n0.41 0.52 1.3\n") == (0.41, 0.52, 1.3)
    assert read_times("0.41 0.52\n") == (0.41, 0.52, 0.52)
    assert read_times("0.61\n") == (0.61, 0.61, 0.61)
    for wrong in ("0.1 0.2 0.3 0.4", ""):
        with pytest.raises(ValueError, match=r"not one to three numbers|printed nothing"):
            read_times(wrong)
    screen = first_screen_times(
        [Sample(0, 0, "0.36 0.50 1.2"), Sample(0, 0, "0.34 0.46 1.0")],
        [Sample(0, 0, "0.30"), Sample(0, 0, "0.30")],
    )
    paint, data = first_screen_checks(screen)
    assert (paint.measured, paint.met) == ("1.17x", True)
    assert (data.measured, data.met) == ("1.60x", False)
    # The launch's end is reported, and held to no target.
    assert screen.launched.median == pytest.approx(1.1)


def test_a_failing_command_stops_with_its_reason_and_the_others_go_on() -> None:
    calls: list[str] = []

    def works() -> Sample:
        calls.append("works")
        return Sample(0.01, 10)

    def fails() -> Sample:
        calls.append("fails")
        raise CommandFailed("breakwell exited 1: no such journal")

    taken = repeat(Options([100], repeat=3, budget=60, idle_seconds=0), [works, fails])
    assert taken[1] == "breakwell exited 1: no such journal"
    assert isinstance(taken[0], list) and len(taken[0]) == 3
    assert calls.count("fails") == 1


def test_a_command_past_its_memory_limit_is_stopped_and_said_so() -> None:
    # Touches a page in every 4 KiB, so the pages are resident, then waits to be stopped.
    grows = (
        "import time; held = bytearray(400 * 2**20); "
        "held[::4096] = b'x' * len(held[::4096]); time.sleep(60)"
    )
    with pytest.raises(CommandFailed, match="memory limit"):
        run([sys.executable, "-c", grows], {}, limits=Limits(seconds=60, mib=100))


def test_jrnl_adds_and_exports_json_only_on_small_journals_and_the_table_says_why() -> None:
    note = next(case for case in CASES if case.breakwell[0] == "note")
    assert note.jrnl_at(10_000) == note.jrnl
    skipped = note.jrnl_at(100_000)
    assert isinstance(skipped, str) and "rewrites its whole journal" in skipped
    export = next(case for case in CASES if case.breakwell[:3] == ("export", "-f", "json"))
    assert export.jrnl_at(10_000) == export.jrnl
    said = export.jrnl_at(100_000)
    assert isinstance(said, str) and "no target compares" in said
    assert NO_JRNL.jrnl_at(1_000_000) is None
    assert QUICK.jrnl_at(1_000_000) == QUICK.jrnl


@pytest.mark.parametrize("option", ["--repeat", "--launches"])
@pytest.mark.parametrize("count", ["0", "-3", "many", "²"])
def test_a_count_that_is_not_one_or_more_is_refused_before_anything_runs(
    option: str, count: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([option, count, "--sizes", "100"])
    assert stopped.value.code == 2
    assert f"argument {option}: '{count}' is not a count of at least 1" in capsys.readouterr().err
