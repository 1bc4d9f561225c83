"""Library benchmark: 100 pieces in the library, index time, memory held, first and repeated ask.

Run from the repository root: `python -m benchmarks.bench_library [--write]` (--write writes
benchmarks/LIBRARY.md). Offline engine, no network; each measurement runs in a fresh
process so that RSS figures are its own.

Pieces: the 42 JSQuAD articles of ../shared/qa (CC BY-SA 4.0), ../shared/pieces, the second
test piece, then slices of the larger texts put together, up to 100.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bot.library.engines import estimate_bytes
from bot.library.scope import Reader
from bot.library.service import Library
from bot.settings import REPO_ROOT, load_settings
from bot.storage.pieces import SqlitePieceStore

SHARED = REPO_ROOT.parent / "shared"
PIECES = 100
CACHE_SIZES_MB = (64, 256)
CALIBRATION_SIZES = (2_000, 8_000, 30_000, 100_000)
OPERATOR = Reader.operator()


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def corpus() -> list[tuple[str, str, str]]:
    """(title, text, a question) for 100 pieces."""
    qa = json.loads((SHARED / "qa" / "jsquad-valid-pieces.json").read_text(encoding="utf-8"))
    out = [(p["title"], "\n".join(p["paragraphs"]), p["questions"][0]["q"]) for p in qa["pieces"]]
    files = [*sorted((SHARED / "pieces").glob("*.txt")), REPO_ROOT / "tests/data/jishin-zakkan.txt"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        out.append((path.stem, text, text.splitlines()[-1][:20]))
    paragraphs = [p for _, text, _ in out for p in text.split("\n") if len(p) > 40]
    i = 0
    while len(out) < PIECES:  # slices of 5 to 60 paragraphs, a different run each time
        n = 5 + (len(out) * 7) % 56
        chunk = [paragraphs[(i + k) % len(paragraphs)] for k in range(n)]
        i += n
        out.append((f"slice {len(out)}", "\n".join(chunk), chunk[n // 2][:20]))
    return out


async def _fill(library: Library) -> list[tuple[str, str]]:
    ids = []
    for title, text, question in corpus():
        added = await library.add_bytes(OPERATOR, text.encode(), filename="p.txt", title=title)
        ids.append((added.piece.id, question))
    return ids


async def _ask(library: Library, piece_id: str, question: str) -> float:
    start = time.perf_counter()
    async with library.reading(OPERATOR, piece_id) as reading:
        await reading.engine.ask(question)
    return time.perf_counter() - start


async def child(cache_mb: int) -> dict[str, object]:
    """In this process: 100 pieces added, each asked once, then a piece out of the LRU."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({}, dotenv=False, data_dir=Path(tmp), piece_cache_mb=cache_mb)
        library = Library(SqlitePieceStore(Path(tmp) / "db.sqlite3"), settings=settings)
        await library.open()
        ids = await _fill(library)
        await _ask(library, *ids[0])  # tokenizer and dictionaries loaded before measuring
        rss0 = _rss()
        firsts = [await _ask(library, pid, q) for pid, q in ids]
        gc.collect()
        held_mb = (_rss() - rss0) / 1e6
        cold = next(i for i, (pid, _) in enumerate(ids) if not _held(library, pid))
        first = await _ask(library, *ids[cold])
        repeated = statistics.median([await _ask(library, *ids[cold]) for _ in range(5)])
        result = {
            "cache_mb": cache_mb,
            "engines_held": len(library.engines.held_keys()),
            "estimated_mb": library.engines.held_bytes / 1e6,
            "rss_growth_mb": held_mb,
            "first_ask_ms": [t * 1000 for t in firsts],
            "cold_first_ms": first * 1000,
            "cold_repeat_ms": repeated * 1000,
        }
        await library.aclose()
    return result


def _held(library: Library, piece_id: str) -> bool:
    return any(key.startswith(piece_id + ":") for key in library.engines.held_keys())


def calibrate(chars: int, count: int) -> dict[str, float]:
    """In this process: `count` engines on distinct texts of `chars` characters, warmed."""
    from bot.core.article import parse_article
    from bot.engines.offline.engine import OfflineEngine

    paragraphs = [p for _, text, _ in corpus() for p in text.split("\n") if p]
    texts, i = [], 0
    for _ in range(count):
        chunk: list[str] = []
        while sum(map(len, chunk)) < chars:
            chunk.append(paragraphs[i % len(paragraphs)])
            i += 1
        texts.append("\n".join(chunk))
    warm = OfflineEngine(parse_article(texts[0][:3000]))
    asyncio.run(warm.summary())
    start, keep, times = _rss(), [], []
    for text in texts:
        t0 = time.perf_counter()
        engine = OfflineEngine(parse_article(text))
        engine.prepare()  # analysis, factor list and index: built on first use otherwise
        times.append(time.perf_counter() - t0)
        asyncio.run(engine.ask("これは何ですか"))
        asyncio.run(engine.summary())
        asyncio.run(engine.factors())
        keep.append(engine)
    article = keep[0].article
    return {
        "chars": chars,
        "measured_mb": (_rss() - start) / count / 1e6,
        "estimated_mb": estimate_bytes(article) / 1e6,
        "index_ms": statistics.median(times) * 1000,
    }


def _spawn(*args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_library", *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    return json.loads(out.stdout)


def _index_times() -> list[tuple[int, float]]:
    from bot.core.article import parse_article
    from bot.engines.offline.engine import OfflineEngine

    out = []
    for _, text, _ in corpus():
        t0 = time.perf_counter()
        OfflineEngine(parse_article(text)).prepare()
        out.append((len(text), (time.perf_counter() - t0) * 1000))
    return out


def report() -> str:
    sizes = sorted(len(text) for _, text, _ in corpus())
    index = _index_times()
    ms = sorted(t for _, t in index)
    lines = [
        "# Library benchmark",
        "",
        f"{date.today()} · {platform.processor() or platform.machine()}, {os.cpu_count()} cores"
        f" · Python {platform.python_version()} · offline engine",
        "",
        f"{PIECES} pieces: the 42 JSQuAD articles, 3 essays, {PIECES - 45} slices; "
        f"{sizes[0]:,}–{sizes[-1]:,} characters (median {statistics.median(sizes):,.0f}).",
        "",
        "## Preparing a piece (parse, analysis, factor list and BM25 index; in a worker thread)",
        "",
        f"median {statistics.median(ms):.0f} ms, p95 {ms[int(0.95 * (len(ms) - 1))]:.0f} ms,"
        f" max {ms[-1]:.0f} ms (largest piece: {max(index)[0]:,} characters,"
        f" {max(index)[1]:.0f} ms).",
        "",
        "## Memory and latency by PIECE_CACHE_MB (each asked once, in order; then a piece",
        "that has left the LRU is asked again: first = load + parse + index + answer)",
        "",
        "| PIECE_CACHE_MB | engines held | estimated MB | RSS growth MB | first ask"
        " p50 / p95 ms | piece not in LRU: first / repeated ask ms |",
        "|---|---|---|---|---|---|",
    ]
    for mb in CACHE_SIZES_MB:
        r = _spawn("--child", str(mb))
        firsts = sorted(r["first_ask_ms"])  # type: ignore[arg-type]
        lines.append(
            f"| {mb} | {r['engines_held']} | {r['estimated_mb']:.0f} | {r['rss_growth_mb']:.0f}"
            f" | {statistics.median(firsts):.0f} / {firsts[int(0.95 * (len(firsts) - 1))]:.0f}"
            f" | {r['cold_first_ms']:.0f} / {r['cold_repeat_ms']:.1f} |"
        )
    lines += [
        "",
        "The estimate weighs an engine that has also made a summary and factors (its sentence",
        "vectors and centrality); engines that only answered questions hold less, so with a",
        "large cache RSS grows less than the estimate. With a small one RSS grows more: CPython",
        "keeps the memory of evicted engines for reuse instead of returning it to the system,",
        "so RSS follows the high-water mark of building, not only the engines held.",
        "",
        "## The memory estimate (`bot/library/engines.py`) against RSS",
        "",
        "Fresh process per size; engines on distinct texts after ask, summary and factors.",
        "",
        "| characters | measured MB per engine | estimated MB | prepare ms |",
        "|---|---|---|---|",
    ]
    for chars in CALIBRATION_SIZES:
        c = _spawn("--calibrate", str(chars))
        lines.append(
            f"| {chars:,} | {c['measured_mb']:.1f} | {c['estimated_mb']:.1f}"
            f" | {c['index_ms']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write benchmarks/LIBRARY.md")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--calibrate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(child(args.child))))
        return
    if args.calibrate:
        count = max(3, min(20, 400_000 // args.calibrate))
        print(json.dumps(calibrate(args.calibrate, count)))
        return
    text = report()
    print(text)
    if args.write:
        (REPO_ROOT / "benchmarks" / "LIBRARY.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
