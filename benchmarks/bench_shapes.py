"""Pieces of odd shapes near the size limit: cold terminal commands, time and peak memory.

`bench_sizes` grows real prose; these are the shapes that once made one step of the
pipeline slow out of proportion to their size (see benchmarks/SHAPES.md):

- one line of English with no sentence end (sentences cut at a pause, all much alike);
- 150,000 one-line paragraphs (every window is one sentence);
- Markdown that is nothing but emphasis marks (`*a*a*a…`);
- numbered lists back to back (`1. … 10.`, then a line, again): every line a list item.

    python -m benchmarks.bench_shapes [--runs N] [--write]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bench_sizes import _machine
from benchmarks.process import run_measured
from bot.core.files import MAX_PIECE_BYTES
from bot.settings import REPO_ROOT

OUT = Path(__file__).with_name("SHAPES.md")
ENGLISH = REPO_ROOT / "tests" / "data" / "library-en.txt"
COMMANDS = {"summary": ["summary"], "ask": ["ask", "Which line says w5 and t5?"],
            "factor 1": ["factor", "1"]}  # fmt: skip
# What these shapes cost before their fixes (2026-11-27, this machine, cold runs).
HISTORY = [
    "Before their fixes (2026-11-27, the same machine): the one line took 14.5 / 24.5 / 52.0 s",
    "to summarise short / medium / long (`Analysis.pick` recomputed every candidate's",
    "similarity to every picked sentence each round, and tried candidates too long for the",
    "characters left one round at a time); Markdown of `*a` took 9 s and 780 MB at 2 MiB",
    "(markdown-it's token per mark; past 50,000 marks they are now read as text) and `ask` on",
    "it ended in a division by zero (a piece of no words); 150,000 one-line paragraphs took",
    "6.9 / 8.3 / 6.7 s, then 6.3 / 7.6 / 6.0 s and 357 MB, their time spread over per-sentence",
    "work (parsing 1.0 s, tokenising 1.1 s, TF-IDF 0.7 s, LexRank 1.7 s, normalising for",
    "grounding 0.4 s). Now the cycle collector waits while a piece is parsed and indexed (it",
    "took 0.5-0.9 s); a line is tokenised once however often it repeats, and its TF-IDF vector,",
    "BM25 bag and LexRank row serve every repeat (the 150,000 lines are 1,261 different ones);",
    "LexRank's steps run in C over flat lists; grounding normalises runs of ASCII at once; and",
    "`ask` scores only the sentences it weighs. Left on that piece: parsing (0.9 s, a sentence",
    "and a paragraph object per line), building the engine (0.5 s: windows, grounding's",
    "normalised text) and LexRank (0.5 s). The same changes took Markdown of `*a` from",
    "4.0 / 4.9 / 3.9 s and the one line from 1.0 / 1.2 / 1.0 s. 130,000 different one-line",
    "paragraphs (not a row here: no line repeats, so nothing is shared) went from",
    "6.1 / 7.7 / 5.4 to 5.3 / 5.4 / 4.8 s, most of it in tokenising each line. Numbered lists",
    "back to back took `factors` 76 s at 2 MiB (every candidate list scanned every",
    "announcement), then 117 s (each numbered line looked up in the whole list of them);",
    "the last row of the table keeps them measured.",
]
TARGET_S = 5.0
TARGET_MB = 600


def one_line(size: int) -> str:
    """English words (of a real piece) in a random order, one line, no full stop."""
    words = ENGLISH.read_text("utf-8").replace(".", " ").split()
    rng = random.Random(7)
    out: list[str] = []
    used = 0
    while used < size:
        word = rng.choice(words)
        out.append(word)
        used += len(word) + 1
    return "A line\n\n" + " ".join(out)[:size] + "\n"


def many_lines(count: int) -> str:
    return "Lines\n\n" + "\n".join(f"Say w{i % 97} t{i % 13}." for i in range(count)) + "\n"


def emphasis(size: int) -> str:
    return "# Marks\n\n" + "*a" * ((size - 20) // 2) + "\n"


def numbered_lists(size: int) -> str:
    """Lists of ten numbered steps, each followed by a line of prose, up to `size` bytes."""
    block = "\n\n".join(f"{i}. Mix it well." for i in range(1, 11)) + "\n\nThen rest.\n\n"
    return "Steps\n\n" + block * (size // len(block.encode()))


def shapes(tmp: Path) -> dict[str, Path]:
    pieces = {
        "one line, no sentence end (971 KB)": ("oneline.txt", one_line(971_000)),
        "150,000 one-line paragraphs": ("lines.txt", many_lines(150_000)),
        "Markdown of `*a` only (2 MiB)": ("marks.md", emphasis(MAX_PIECE_BYTES - 1_000)),
        "numbered lists back to back (2 MiB)": (
            "steps.txt",
            numbered_lists(MAX_PIECE_BYTES - 1_000),
        ),
    }
    out = {}
    for label, (name, text) in pieces.items():
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        out[label] = path
    return out


def run(piece: Path, argv: list[str]) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    command = [sys.executable, "-m", "bot", "--article", str(piece), "--engine", "offline"]
    with tempfile.TemporaryFile() as out:
        measured = run_measured([*command, *argv], stdout=out, env=env, cwd=REPO_ROOT)
    if measured.returncode != 0:
        raise RuntimeError(f"{argv} on {piece.name} exited {measured.returncode}")
    return measured.seconds, measured.peak_mb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold runs per command and shape")
    parser.add_argument("--write", action="store_true", help="write benchmarks/SHAPES.md")
    args = parser.parse_args(argv)
    rows = []
    worst_s = worst_mb = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for label, piece in shapes(Path(tmp)).items():
            cells = []
            for name, command in COMMANDS.items():
                samples = [run(piece, command) for _ in range(args.runs)]
                s = statistics.median(t for t, _ in samples)
                mb = max(m for _, m in samples)
                worst_s, worst_mb = max(worst_s, s), max(worst_mb, mb)
                cells.append(f"{s:.2f} s, {mb:.0f} MB")
                print(f"{label} {name}: {cells[-1]}", file=sys.stderr)
            size = piece.stat().st_size
            rows.append(f"| {label} | {size:,} | " + " | ".join(cells) + " |")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Pieces of odd shapes",
        "",
        f"Measured by `python -m benchmarks.bench_shapes --write` ({args.runs} cold runs,"
        f" median time, largest peak RSS). Date: {now}. Machine: {_machine()};"
        f" Python {sys.version.split()[0]}.",
        "",
        "| piece | bytes | " + " | ".join(f"`{c}`" for c in COMMANDS) + " |",
        "|---|---|" + "---|" * len(COMMANDS),
        *rows,
        "",
        f"Slowest: {worst_s:.2f} s (target ≤ {TARGET_S:.0f} s: "
        f"{'met' if worst_s <= TARGET_S else 'not met'}); largest: {worst_mb:.0f} MB "
        f"(target ≤ {TARGET_MB} MB: {'met' if worst_mb <= TARGET_MB else 'not met'}).",
    ]
    lines += ["", *HISTORY]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
