"""The benchmark scripts still import: they are run by hand, so nothing else would notice."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

SCRIPTS = sorted(
    p.stem for p in (Path(__file__).parents[1] / "benchmarks").glob("*.py") if p.stem != "__init__"
)


@pytest.mark.parametrize("name", SCRIPTS)
def test_benchmark_script_imports(name: str) -> None:
    importlib.import_module(f"benchmarks.{name}")


def test_a_commands_peak_memory_is_its_own_not_the_benchmarks(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from benchmarks.process import run_measured

    ballast = bytearray(300 * 1024 * 1024)  # this process, grown as a benchmark grows
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so it is resident
    env = dict(os.environ)
    small = run_measured([sys.executable, "-c", "pass"], stdout=None, env=env, cwd=tmp_path)
    big = run_measured(
        [
            sys.executable,
            "-c",
            "b = bytearray(120 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])",
        ],
        stdout=subprocess.DEVNULL,
        env=env,
        cwd=tmp_path,
    )
    assert small.returncode == 0 and small.peak_mb < 100  # not the 300 MB of its parent
    assert 120 <= big.peak_mb < 250
    assert small.seconds > 0
    failed = run_measured(
        [sys.executable, "-c", "raise SystemExit(3)"], stdout=None, env=env, cwd=tmp_path
    )
    assert failed.returncode == 3
    del ballast
