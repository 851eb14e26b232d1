"""What `first_screen.py` prints, read into the two moments the targets name and the launch's end.

Its last line is "FIRST_PAINT NOW_DATA LAUNCHED" (seconds from process start to the first
frame, to the Now screen with its data, and to the launch being over), "FIRST_PAINT NOW_DATA"
(the launch then ends with the data) or a single number, which then stands for all three.
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
    launched: Spread
    bare_launched: Spread


def read_times(output: str) -> tuple[float, float, float]:
    lines = output.strip().splitlines()
    if not lines:
        raise ValueError("first_screen.py printed nothing")
    numbers = [float(part) for part in lines[-1].split()]
    if not 1 <= len(numbers) <= 3:
        raise ValueError(f"first_screen.py printed {lines[-1]!r}, not one to three numbers")
    paint = numbers[0]
    data = numbers[1] if len(numbers) > 1 else paint
    return paint, data, numbers[2] if len(numbers) > 2 else data


def first_screen_times(ours: list[Sample], bare: list[Sample]) -> FirstScreen:
    mine = [read_times(sample.output) for sample in ours]
    theirs = [read_times(sample.output) for sample in bare]
    return FirstScreen(
        Spread.of([paint for paint, _, _ in mine]),
        Spread.of([data for _, data, _ in mine]),
        Spread.of([paint for paint, _, _ in theirs]),
        Spread.of([data for _, data, _ in theirs]),
        Spread.of([end for _, _, end in mine]),
        Spread.of([end for _, _, end in theirs]),
    )
