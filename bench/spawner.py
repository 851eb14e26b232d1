"""A small process that starts every measured command, so peak memory is the command's own.

Linux carries a process's peak resident size across exec, so a child forked from the harness
(which imports breakwell and holds a journal's worth of objects) would report at least the
harness's size. This process imports nothing but the standard library and stays small; the
harness asks it, one JSON line at a time, to run a command and answer with its sample.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.process import CommandFailed, Limits, Sample, run


class Spawner:
    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.spawner"],
            cwd=Path(__file__).resolve().parent.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(
        self,
        argv: list[str],
        env: dict[str, str],
        *,
        keep_output: bool = False,
        limits: Limits | None = None,
    ) -> Sample:
        assert self._process.stdin is not None and self._process.stdout is not None
        request = {
            "argv": argv,
            "env": env,
            "keep_output": keep_output,
            "limits": asdict(limits or Limits()),
        }
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        answer: dict[str, Any] = json.loads(self._process.stdout.readline())
        if "error" in answer:
            raise CommandFailed(answer["error"])
        return Sample(**answer)

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)


def serve() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer: dict[str, Any] = asdict(
                run(
                    request["argv"],
                    request["env"],
                    keep_output=request["keep_output"],
                    limits=Limits(**request["limits"]),
                )
            )
        except Exception as error:
            answer = {"error": str(error)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    serve()
