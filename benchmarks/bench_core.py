"""Core benchmarks: cold start, per-command latency (median, p95) and peak memory.

Run from the repository root: `python -m benchmarks.bench_core [--write]` (--write writes
benchmarks/RESULTS.md).
Offline engine, default piece and the other pieces; no network.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks.process import run_measured
from bot.core.files import default_article_path, load_article
from bot.engines.offline.engine import OfflineEngine
from bot.settings import REPO_ROOT, SEEDS_DIR

RUNS_COLD = 15
RUNS_HOT = 200


def _env() -> dict[str, str]:
    env = dict(os.environ)  # `python -m bot` from the repository root finds the package there
    env.pop("OPENAI_API_KEY", None)
    # A reader's second run finds the bytecode its first run wrote. With writing turned off
    # (as on some machines), every module changed since bytecode was last written would be
    # compiled from source on every run, and the start measured would be no reader's.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _time_process(argv: list[str], runs: int) -> list[float]:
    subprocess.run(argv, check=True, capture_output=True, env=_env(), cwd=REPO_ROOT)  # writes it
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=_env(), cwd=REPO_ROOT)
        times.append(time.perf_counter() - t0)
    return times


def _peak_rss_mb(argv: list[str]) -> float:
    """Peak RSS of a command (see benchmarks/process.py)."""
    return run_measured(argv, stdout=subprocess.DEVNULL, env=_env(), cwd=REPO_ROOT).peak_mb


def cold_start(article: Path) -> dict[str, float]:
    bare = _time_process([sys.executable, "-c", "pass"], RUNS_COLD)
    out: dict[str, float] = {"bare_python_ms": statistics.median(bare) * 1000}
    for cmd in (["summary"], ["ask", "制裁の効果は？"], ["factors"]):
        argv = [sys.executable, "-m", "bot", "--article", str(article), *cmd, "--json"]
        t = _time_process(argv, RUNS_COLD)
        out[f"{cmd[0]}_ms"] = statistics.median(t) * 1000
        out[f"{cmd[0]}_above_bare_ms"] = out[f"{cmd[0]}_ms"] - out["bare_python_ms"]
    return out


def hot_latency(article: Path) -> dict[str, dict[str, float]]:
    engine = OfflineEngine(load_article(article))
    sentences = engine.article.sentences
    questions = [s.text[:30] for s in sentences[:: max(1, len(sentences) // 20)]]
    commands = {
        "summary short": lambda i: engine.summary("short"),
        "summary long": lambda i: engine.summary("long"),
        "factors": lambda i: engine.factors(),
        "factor 1": lambda i: engine.factor(1),
        "quote (central)": lambda i: engine.quotes(None, 3),
        "quote (topic)": lambda i: engine.quotes(questions[i % len(questions)][:8], 3),
        "ask": lambda i: engine.ask(questions[i % len(questions)]),
        "search": lambda i: _sync(engine.retriever.search, questions[i % len(questions)]),
    }
    results = {}

    async def run() -> None:
        for name, call in commands.items():
            await call(0)  # warm caches (centrality, factors) as a running bot would
            times = []
            for i in range(RUNS_HOT):
                t0 = time.perf_counter()
                await call(i)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            results[name] = {
                "median_ms": statistics.median(times),
                "p95_ms": times[int(0.95 * len(times)) - 1],
            }

    asyncio.run(run())
    return results


async def _sync(fn, *args):  # type: ignore[no-untyped-def]
    return fn(*args)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = parser.parse_args()
    others = sorted((REPO_ROOT / "tests" / "data").glob("*.txt"))
    pieces = [default_article_path(SEEDS_DIR), *others]
    report: dict[str, object] = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}",
        "python": platform.python_version(),
    }
    for piece in pieces:
        report[piece.name] = {
            "cold_start": cold_start(piece),
            "latency": hot_latency(piece),
            "peak_rss_mb": _peak_rss_mb(
                [sys.executable, "-m", "bot", "--article", str(piece), "summary", "--length=long"]
            ),
        }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if args.write:
        (REPO_ROOT / "benchmarks" / "RESULTS.md").write_text(render(report), encoding="utf-8")


def render(report: dict) -> str:  # type: ignore[type-arg]
    lines = [
        "# Core benchmarks (offline engine)",
        "",
        f"Measured {report['date']} on {report['machine']}, Python {report['python']}, "
        "by `python -m benchmarks.bench_core --write`.",
        "Targets: cold start ≤ 600 ms above a bare `python -c pass`; p95 ≤ 20 ms per command "
        "after start; peak RSS ≤ 150 MB.",
        "",
    ]
    for name, data in report.items():
        if not isinstance(data, dict):
            continue
        cold = data["cold_start"]
        lines += [
            f"## {name}",
            "",
            f"Cold start, process start to first answer (median of {RUNS_COLD}): bare python "
            f"{cold['bare_python_ms']:.0f} ms; "
            + "; ".join(
                f"`{k[:-3]}` {cold[k]:.0f} ms (+{cold[k[:-3] + '_above_bare_ms']:.0f} ms)"
                for k in ("summary_ms", "ask_ms", "factors_ms")
            ),
            "",
            f"Peak RSS of `python -m bot summary --length long`: {data['peak_rss_mb']:.1f} MB",
            "",
            f"| command (after start, {RUNS_HOT} runs) | median ms | p95 ms |",
            "|---|---|---|",
        ]
        for cmd, t in data["latency"].items():
            lines.append(f"| {cmd} | {t['median_ms']:.2f} | {t['p95_ms']:.2f} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
