"""`python3 dev.py bench`: breakwell against jrnl and the floor on generated journals, in one run.

python3 dev.py bench [--sizes 1000,10000,100000,1000000] [--repeat 5] [--budget 60]
                     [--time-limit 600] [--memory-limit 4096] [--launches 15]
                     [--idle 60] [--write]
"""

from __future__ import annotations

import argparse
import sys

from bench.environment import BENCH
from bench.process import Limits
from bench.report import render
from bench.run import LAUNCHES, Options, measure


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 100:
        raise argparse.ArgumentTypeError("sizes are entry counts of at least 100")
    return sizes


def _positive(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a count of at least 1")
    return int(text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py bench", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=[1000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=_positive, default=5, help="runs of each command")
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        help="seconds a command may use before its remaining runs are skipped",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=600,
        help="seconds one run of a command may take before it is stopped and reported",
    )
    parser.add_argument(
        "--memory-limit",
        type=float,
        default=4096,
        help="MiB one command may hold before it is stopped and reported",
    )
    parser.add_argument(
        "--launches",
        type=_positive,
        default=LAUNCHES,
        help="launches of the app's first screen, and of bare",
    )
    parser.add_argument("--idle", type=float, default=60, help="seconds of idle daemon")
    parser.add_argument("--write", action="store_true", help="save to bench/RESULTS.md")
    args = parser.parse_args(argv)
    limits = Limits(args.time_limit, args.memory_limit)
    results = measure(
        Options(args.sizes, args.repeat, args.budget, args.idle, limits, args.launches)
    )
    text = render(results)
    print(text)
    if args.write:
        (BENCH / "RESULTS.md").write_text(text, encoding="utf-8")
        print("bench: wrote bench/RESULTS.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
