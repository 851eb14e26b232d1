"""One command in a child process: its wall time and its own peak memory (from wait4)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mib: float
    output: str = ""


class CommandFailed(RuntimeError):
    pass


def run(argv: Sequence[str | Path], env: Mapping[str, str], *, keep_output: bool = False) -> Sample:
    """Run once; output is discarded unless kept (both tools print the same amount anyway)."""
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(arg) for arg in argv],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=output if keep_output else subprocess.DEVNULL,
            stderr=errors,
        )
        # wait4 gives this child's own peak RSS; getrusage(CHILDREN) would give the largest
        # of every child so far.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise CommandFailed(
                f"{' '.join(map(str, argv))} exited {child.returncode}: {said[-1:] or ''}"
            )
        output.seek(0)
        said_out = output.read().decode("utf-8", "replace")
    # Linux reports ru_maxrss in KiB.
    return Sample(seconds, usage.ru_maxrss / 1024, said_out)
