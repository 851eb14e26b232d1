"""What `first_screen.py` prints, read into the two moments the targets name.

Its last line is either "FIRST_PAINT NOW_DATA" (seconds from process start to the first frame,
and to the Now screen with its data) or a single number, the time to the screen with its data,
which then stands for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.process import Sample
from bench.stats import Spread


@dataclass(frozen=True)
class FirstScreen:
    paint: Spread
    data: Spread
    bare_paint: Spread
    bare_data: Spread


def read_times(output: str) -> tuple[float, float]:
    lines = output.strip().splitlines()
    if not lines:
        raise ValueError("first_screen.py printed nothing")
    numbers = [float(part) for part in lines[-1].split()]
    if len(numbers) == 1:
        return numbers[0], numbers[0]
    if len(numbers) == 2:
        return numbers[0], numbers[1]
    raise ValueError(f"first_screen.py printed {lines[-1]!r}, not one or two numbers")


def first_screen_times(ours: list[Sample], bare: list[Sample]) -> FirstScreen:
    mine = [read_times(sample.output) for sample in ours]
    theirs = [read_times(sample.output) for sample in bare]
    return FirstScreen(
        Spread.of([paint for paint, _ in mine]),
        Spread.of([data for _, data in mine]),
        Spread.of([paint for paint, _ in theirs]),
        Spread.of([data for _, data in theirs]),
    )
