"""Pieces of every size up to the limit: CLI time and peak memory per command, and the bot's
event loop while the largest piece is indexed and summarised.

Run from the repository root: `python -m benchmarks.bench_sizes [--runs 3] [--write]`
(--write writes benchmarks/SIZES.md). The pieces are real Japanese text put together from
seeds/, tests/data/, ../shared/pieces/ and the paragraphs of ../shared/qa/ (JSQuAD); once
those run out, their sentences are regrouped into new paragraphs, so no paragraph repeats.
They are written to a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.process import run_measured
from bot.core.article import parse_article
from bot.core.files import MAX_PIECE_BYTES, load_article
from bot.core.text import split_sentences
from bot.settings import REPO_ROOT, SEEDS_DIR
from tests.fakes.discord_api import payloads as p
from tests.fakes.discord_api.harness import Session, fake_discord, settings_for, started

SHARED = REPO_ROOT.parent / "shared"
SIZES = {"50 KiB": 50 * 1024, "500 KiB": 500 * 1024, "1 MiB": 1024 * 1024, "2 MiB": MAX_PIECE_BYTES}
# Look-ups, searched on a piece of any size: one in the piece's own words, and one with a
# word it never writes (下院), whose check needs the whole piece's dictionary forms. (A
# question for the factors the piece announces, such as …接近した要因は？, is answered with
# that list from the enumeration's cues and never searches: it would time `factors`, and
# only on the sizes whose list it matches.)
LOOKUP = "ロシアと北朝鮮の条約はいつ批准されたか？"
QUESTION = "ロシア下院が条約を批准したのはいつですか？"  # also the bot's /ask below
COMMANDS = {
    "summary": ["summary"],
    "factors": ["factors"],
    "quote": ["quote"],  # no topic: the piece's most central sentences
    "ask": ["ask", LOOKUP],
    "ask, a word the piece lacks": ["ask", QUESTION],
}
# Targets (issue 8), on this 2-core machine.
SUMMARY_TARGET_S = 5.0
RSS_TARGET_MB = 600.0
GROWTH_TARGET = 5.0  # time(2 MiB) / time(500 KiB), every command
STALL_TARGET_S = 0.100
ACK_TARGET_S = 1.0
PROBE_S = 0.005  # the loop-lag probe's sleep
SEND_EVERY_S = 0.25  # an interaction this often while the piece is being prepared


# ---------------------------------------------------------------- the pieces


def _groups() -> list[list[str]]:
    """Paragraphs of every source text, one list per text."""
    folders = (SEEDS_DIR, REPO_ROOT / "tests" / "data", SHARED / "pieces")
    files = [f for folder in folders for f in sorted(folder.glob("*.txt"))]
    groups = [[p.text for p in load_article(f).paragraphs] for f in files]
    qa = SHARED / "qa" / "jsquad-valid-pieces.json"
    if qa.is_file():
        groups += [piece["paragraphs"] for piece in json.loads(qa.read_text("utf-8"))["pieces"]]
    return groups


def _paragraphs(groups: list[list[str]]) -> Iterator[str]:
    """The texts' paragraphs; then, pass after pass, their sentences regrouped at random."""
    yield from (p for g in groups for p in g)
    for rounds in range(1, 1000):
        for group in groups:
            sentences = [p[s.start : s.end] for p in group for s in split_sentences(p)]
            rng = random.Random(rounds * 7919 + len(sentences))
            i = 0
            while i < len(sentences):
                n = rng.randint(2, 6)
                yield "".join(sentences[i : i + n])
                i += n


def build_piece(size: int, groups: list[list[str]]) -> str:
    """A piece of at most `size` bytes of UTF-8: a front matter, then one paragraph a line."""
    text = [f"---\ntitle: 長い文書（{size:,} バイト）\nlanguage: ja\n---\n"]
    used = len(text[0].encode())
    seen: set[str] = set()
    for paragraph in _paragraphs(groups):
        paragraph = " ".join(paragraph.split())
        cost = len(paragraph.encode()) + 1
        if not paragraph or paragraph in seen:
            continue
        if used + cost > size:
            break
        seen.add(paragraph)
        text.append(paragraph + "\n")
        used += cost
    return "".join(text)


# ---------------------------------------------------------------- the terminal


def run_cli(piece: Path, argv: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one cold `python -m bot` process
    (benchmarks/process.py)."""
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    command = [sys.executable, "-m", "bot", "--article", str(piece), "--engine", "offline"]
    with tempfile.TemporaryFile() as out:
        run = run_measured([*command, *argv, "--json"], stdout=out, env=env, cwd=REPO_ROOT)
        out.seek(0)
        answer = json.loads(out.read())
    if run.returncode != 0 or "error" in answer or not answer.get("grounded"):
        raise RuntimeError(f"{argv} on {piece.name} failed: {str(answer)[:200]}")
    return run.seconds, run.peak_mb


def measure_cli(pieces: dict[str, Path], runs: int) -> dict[str, dict[str, Any]]:
    """Per command and size: the median time and the largest peak RSS over `runs` runs."""
    results: dict[str, dict[str, Any]] = {}
    for name, argv in COMMANDS.items():
        results[name] = {}
        for label, piece in pieces.items():
            samples = [run_cli(piece, argv) for _ in range(runs)]
            results[name][label] = {
                "s": statistics.median(t for t, _ in samples),
                "rss_mb": max(m for _, m in samples),
            }
            print(f"{name:8} {label:8} {results[name][label]}", file=sys.stderr)
    return results


# ---------------------------------------------------------------- the bot


class LagProbe:
    """How late the event loop wakes a task that sleeps `PROBE_S`: the longest is its stall."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.samples = 0
        self.late = 0  # wakes more than 20 ms late
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(PROBE_S)
            late = loop.time() - before - PROBE_S
            self.longest = max(self.longest, late)
            self.samples += 1
            self.late += late > 0.020

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


def _mix(session: Session) -> Iterator[dict[str, Any]]:
    """Interactions readers send while the piece is prepared: answers, cheap replies,
    autocomplete (which must answer within the 3 s too)."""
    while True:
        yield session.slash("summary", {"length": "long"})
        yield session.slash("about")
        user = session.user()
        yield p.autocomplete(
            "quote",
            {"topic": "北"},
            "topic",
            application_id=session.fake.application_id,
            user=user,
            types={"topic": p.OPTION_STRING},
            **session.where("guild", user),
        )
        yield session.slash("ask", {"question": QUESTION})
        yield session.slash("help")
        yield session.slash("quote", {"count": 3})
        yield session.slash("factors")


async def measure_bot(piece: Path) -> dict[str, Any]:
    """Start the bot on `piece` (it prepares the piece in the background at once) and send
    interactions until that work is done and every answer is delivered."""
    probe = LagProbe()
    with tempfile.TemporaryDirectory() as data_dir:
        async with fake_discord() as fake:
            probe.start()
            started_at = time.monotonic()
            settings = settings_for(Path(data_dir), fake, article_path=piece)
            async with started(fake, settings) as session:
                await asyncio.wait_for(session.bot.wait_until_ready(), 60)
                warm = session.bot.warm_up_task  # preparing the default piece
                assert warm is not None
                records = []
                payloads = _mix(session)
                while not warm.done() or len(records) < 7:
                    records.append(await fake.dispatch_interaction(next(payloads)))
                    await asyncio.sleep(SEND_EVERY_S)
                prepared_s = time.monotonic() - started_at
                answers = [r for r in records if r.payload["type"] == p.APPLICATION_COMMAND]
                await fake.wait_for(
                    lambda: all(r.id in session.completed for r in answers), 120, "answers"
                )
                done_s = time.monotonic() - started_at
            probe.stop()
    acks = [r.ack_latency for r in records]
    return {
        "prepared_s": prepared_s,
        "done_s": done_s,
        "interactions": len(records),
        "acked": sum(a is not None for a in acks),
        "ack_max_s": max(a for a in acks if a is not None),
        "ack_median_s": statistics.median(a for a in acks if a is not None),
        "stall_max_s": probe.longest,
        "probe_samples": probe.samples,
        "late_wakes": probe.late,
    }


# ---------------------------------------------------------------- the report


def _machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines()
                 if ln.startswith("model name")]  # fmt: skip
        model = names[0] if names else ""
    cores = len(os.sched_getaffinity(0))
    system = f"{platform.system()} {platform.release()}"
    return f"{cores} cores ({model or platform.machine()}), {system}"


def _ok(passed: bool) -> str:
    return "✅" if passed else "❌"


SMALL, LARGE = "500 KiB", "2 MiB"  # time(LARGE) / time(SMALL) is the growth target


def one_paragraph(text: str) -> str:
    """The same piece with its body as one paragraph (one line): no paragraph boundary resets
    what a long text can hold open (a stray bracket) or must be processed in one go."""
    head, _, body = text.partition("\n---\n")
    return head + "\n---\n" + "".join(body.split("\n")) + "\n"


def report(
    pieces: dict[str, dict[str, Any]], cli: dict[str, Any], bots: dict[str, dict[str, Any]]
) -> str:
    lines = [
        "# Pieces of every size",
        "",
        "Measured by `python -m benchmarks.bench_sizes --write` (offline engine, no network).",
        f"Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}. Machine: {_machine()}; "
        f"Python {platform.python_version()}. The largest piece accepted is `MAX_PIECE_BYTES` "
        f"= {MAX_PIECE_BYTES:,} bytes (bot/core/files.py).",
        "",
        "The pieces are real Japanese text (seeds/, tests/data/, ../shared/pieces/ and the",
        "JSQuAD paragraphs in ../shared/qa/, CC BY-SA 4.0); past about 600 KB their sentences",
        "are regrouped into new paragraphs, so no paragraph repeats (sentences do).",
        "",
        "| piece | bytes | paragraphs | sentences |",
        "|---|---|---|---|",
        *(
            f"| {k} | {v['bytes']:,} | {v['paragraphs']:,} | {v['sentences']:,} |"
            for k, v in pieces.items()
        ),
        "",
    ]
    lines += _cli_section(list(pieces), cli)
    for i, (label, bot) in enumerate(bots.items()):
        lines += _bot_section(label, bot, describe=i == 0)
    return "\n".join(lines + _targets(cli, bots))
    return "\n".join(lines)


def _cli_section(sizes: list[str], cli: dict[str, Any]) -> list[str]:
    lines = [
        "## The terminal: `python -m bot COMMAND --json`, a cold process each run",
        "",
        "Wall time (median) and peak RSS (largest) of the whole process, start-up included.",
        "",
        "| command | " + " | ".join(sizes) + f" | time {LARGE} / {SMALL} | growth |",
        "|---|" + "---|" * (len(sizes) + 2),
    ]
    for name, by_size in cli.items():
        cells = [f"{by_size[k]['s']:.2f} s, {by_size[k]['rss_mb']:.0f} MB" for k in sizes]
        ratio = by_size[LARGE]["s"] / by_size[SMALL]["s"]
        exponent = math.log(ratio) / math.log(SIZES[LARGE] / SIZES[SMALL])
        lines.append(f"| `{name}` | " + " | ".join(cells) + f" | {ratio:.2f} | n^{exponent:.2f} |")
    return [
        *lines,
        "",
        f"*growth*: the exponent k in time ∝ size^k between {SMALL} and {LARGE} "
        "(1 = linear; the fixed start-up of about 0.3 s pulls it below 1).",
        "",
    ]


def _bot_section(label: str, bot: dict[str, Any], *, describe: bool) -> list[str]:
    how = [
        "The real bot (`create_bot`, offline engine) against the fake Discord in",
        "tests/fakes/discord_api, in one process and event loop with it. It starts preparing",
        "the piece at once (analysis, factor list, index and key terms, in worker threads);",
        f"meanwhile an interaction arrives every {SEND_EVERY_S} s (cold /summary, /about,",
        "/quote autocomplete, /ask, /help, /quote, /factors, each from a new user). A probe",
        f"task sleeps {PROBE_S * 1000:.0f} ms in a loop; how late it wakes is the loop's stall.",
        "An autocomplete whose suggestions are not ready yet answers with none after 0.5 s.",
        "",
    ]
    return [
        f"## The bot while the {label} is prepared",
        "",
        *(how if describe else ["The same, on the same text with its paragraphs joined.", ""]),
        f"- start (bot built, in a thread) to piece prepared: {bot['prepared_s']:.1f} s; "
        f"to every answer delivered: {bot['done_s']:.1f} s",
        f"- interactions during that work: {bot['interactions']}, acknowledged "
        f"{bot['acked']}; ack median {bot['ack_median_s'] * 1000:.0f} ms, "
        f"longest {bot['ack_max_s'] * 1000:.0f} ms",
        f"- longest event-loop stall: {bot['stall_max_s'] * 1000:.0f} ms "
        f"({bot['probe_samples']:,} probes, {bot['late_wakes']} of them over 20 ms late)",
        "",
    ]


def _targets(cli: dict[str, Any], bots: dict[str, dict[str, Any]]) -> list[str]:
    summary = cli["summary"][LARGE]
    bot = {
        "stall_max_s": max(b["stall_max_s"] for b in bots.values()),
        "ack_max_s": max(b["ack_max_s"] for b in bots.values()),
        "acked": sum(b["acked"] for b in bots.values()),
        "interactions": sum(b["interactions"] for b in bots.values()),
    }
    ratios = [cli[c][LARGE]["s"] / cli[c][SMALL]["s"] for c in cli]
    peak = max(v[LARGE]["rss_mb"] for v in cli.values())
    all_acked = bot["acked"] == bot["interactions"]
    return [
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| 2 MiB summarised ≤ {SUMMARY_TARGET_S:.0f} s cold | {summary['s']:.2f} s | "
        f"{_ok(summary['s'] <= SUMMARY_TARGET_S)} |",
        f"| peak RSS ≤ {RSS_TARGET_MB:.0f} MB (2 MiB, summary; any command) | "
        f"{summary['rss_mb']:.0f} MB; {peak:.0f} MB | {_ok(peak <= RSS_TARGET_MB)} |",
        f"| time(2 MiB) / time(500 KiB) ≤ {GROWTH_TARGET:.0f}, every command | "
        f"{min(ratios):.2f}–{max(ratios):.2f} | {_ok(max(ratios) <= GROWTH_TARGET)} |",
        f"| no event-loop stall over {STALL_TARGET_S * 1000:.0f} ms (both bot runs) | "
        f"{bot['stall_max_s'] * 1000:.0f} ms | {_ok(bot['stall_max_s'] <= STALL_TARGET_S)} |",
        f"| interactions during that work acknowledged within {ACK_TARGET_S:.0f} s | "
        f"{bot['ack_max_s'] * 1000:.0f} ms, {bot['acked']}/{bot['interactions']} | "
        f"{_ok(bot['ack_max_s'] <= ACK_TARGET_S and all_acked)} |",
        "",
        "Before (issue 8, same machine): 2 MB summarised in 168 s with 4.35 GB peak RSS (an",
        "all-pairs sentence similarity table), and the bot's event loop frozen for 205 s.",
        "The piece as one paragraph, before its fixes (issue 10's session): a 1.27 s stall and",
        "a 1.2 s acknowledgement (a stray bracket made 575,000 characters one sentence, which",
        "the bot split on its event loop; one parse of a long paragraph held the interpreter",
        "lock for 340 ms per 190,000 characters).",
        "Until the answers ran on a pool of cores + 1 threads (`bot/core/workers.py`), they ran",
        "on asyncio's default pool (cores + 4): six threads of Python code took turns with the",
        "event loop, which then stalled for 44-122 ms (four runs of each bot run), now 34-42 ms.",
        "`ask` was timed with 「ロシアと北朝鮮が接近した要因は何ですか？」",
        "until 2026-11-27 (2 MiB: 5.38 s); that question is now answered with the list the",
        "piece announces, from the enumeration's cues, without a search. `factors` took",
        "3.57 s on 2 MiB before it read the cues alone (the piece's analysis was built for",
        "the last item's reach).",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold runs per command and size")
    parser.add_argument("--write", action="store_true", help="write benchmarks/SIZES.md")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    groups = _groups()
    with tempfile.TemporaryDirectory() as folder:
        paths: dict[str, Path] = {}
        stats: dict[str, dict[str, Any]] = {}
        for label, size in SIZES.items():
            text = build_piece(size, groups)
            paths[label] = Path(folder) / f"piece-{size}.txt"
            paths[label].write_text(text, encoding="utf-8")
            article = parse_article(text)
            stats[label] = {
                "bytes": len(text.encode()),
                "paragraphs": len(article.paragraphs),
                "sentences": len(article.sentences),
            }
        cli = measure_cli(paths, args.runs)
        single = Path(folder) / "piece-one-paragraph.txt"
        single.write_text(one_paragraph(paths["2 MiB"].read_text("utf-8")), encoding="utf-8")
        bots = {
            "2 MiB piece": asyncio.run(measure_bot(paths["2 MiB"])),
            "2 MiB piece written as one paragraph": asyncio.run(measure_bot(single)),
        }
    text = report(stats, cli, bots)
    print(text)
    if args.write:
        (REPO_ROOT / "benchmarks" / "SIZES.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
