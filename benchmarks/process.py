"""A command's wall time and peak RSS, measured from a small launcher process.

A child's `ru_maxrss` counts the memory it had between fork and exec, a copy of its
parent's: started straight from a benchmark that has grown (pieces built, engines run), every
command would "peak" at least at the benchmark's own size. Started from this launcher, the
copy is the launcher's few MB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

_LAUNCHER = (
    "import os, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "elapsed = time.perf_counter() - t\n"
    "with open(sys.argv[1], 'w') as f:\n"
    "    f.write(f'{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {elapsed}')\n"
)


@dataclass(frozen=True)
class Measured:
    seconds: float  # the command's wall time, from its start to its exit
    peak_mb: float  # its peak resident memory (Linux reports KiB)
    returncode: int


def run_measured(
    argv: list[str], *, stdout: IO[bytes] | int | None, env: dict[str, str], cwd: Path
) -> Measured:
    """Run `argv` to its end (its output to `stdout`) and measure it."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "measured"
        subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report), *argv],
            stdout=stdout,
            env=env,
            cwd=cwd,
            check=True,
        )
        maxrss, code, seconds = report.read_text().split()
    return Measured(float(seconds), int(maxrss) / 1024, int(code))

