"""Medians with their spread, written the way the results table shows them."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench.process import Sample


@dataclass(frozen=True)
class Spread:
    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values), len(values))

    def seconds(self) -> str:
        return f"{_time(self.median)} ({_time(self.low)}-{_time(self.high)}){_runs(self.runs)}"

    def mib(self) -> str:
        return f"{self.median:.0f} MiB ({self.low:.0f}-{self.high:.0f})"


@dataclass(frozen=True)
class Measured:
    time: Spread
    memory: Spread

    @classmethod
    def of(cls, samples: list[Sample]) -> Measured:
        return cls(
            Spread.of([s.seconds for s in samples]), Spread.of([s.peak_mib for s in samples])
        )


def _time(seconds: float) -> str:
    if seconds >= 10:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.0f} ms"


def _runs(runs: int) -> str:
    return "" if runs > 1 else ", 1 run"


def ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:,.1f}x" if fast > 0 else "-"
