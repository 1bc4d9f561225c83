"""Retrieval quality on the question sets: recall@k per question kind and tokenizer, and the
"not in the piece" threshold. Run from the repository root:
`python -m benchmarks.eval_retrieval [--sweep]`.

Follow-ups are searched as the offline engine searches them: with the previous question
prepended when the question alone is not covered or refers back (それ, その, it…).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from bot.core.answer import Answer, Turn
from bot.core.files import default_article_path, load_article
from bot.core.retrieval import (
    NOT_IN_PIECE_THRESHOLD,
    SCORE_THRESHOLD,
    LexicalRetriever,
)
from bot.engines.offline.engine import OfflineEngine
from bot.settings import REPO_ROOT, SEEDS_DIR

DATA = REPO_ROOT / "tests" / "data"


def load_questions(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def query_for(q: dict) -> str:
    if q["history"]:
        return f"{q['history'][-1]} {q['question']}"
    return q["question"]


def recall(retriever: LexicalRetriever, qs: list[dict], k: int) -> tuple[int, int]:
    hit = 0
    for q in qs:
        got = {h.passage for h in retriever.search(query_for(q), k=k)}
        hit += bool(got & set(q["passages"]))
    return hit, len(qs)


async def asked_in_conversation(
    ask: Callable[[str, Sequence[Turn]], Awaitable[Answer]], q: dict
) -> Answer:
    """`ask`'s answer to the question, after the conversation before it is replayed."""
    history: list[Turn] = []
    for prev in q["history"]:
        a = await ask(prev, history)
        history.append(Turn(prev, a.text, a.passages))
    return await ask(q["question"], history)


async def engine_accuracy(engine: OfflineEngine, qs: list[dict]) -> dict[str, tuple[int, int]]:
    """Did `ask` (with the conversation replayed) cite a right passage, or decline correctly?"""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for q in qs:
        answer = await asked_in_conversation(engine.ask, q)
        key = f"{q['kind']}/{q['lang']}"
        ok = (
            not answer.grounded
            if not q["passages"]
            else bool(set(answer.passages) & set(q["passages"]))
        )
        out[key][0] += ok
        out[key][1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def sweep(retriever: LexicalRetriever, qs: list[dict]) -> list[tuple[float, float, float, float]]:
    """Share of answerable questions judged covered and of unanswerable ones judged not,
    for coverage thresholds c and BM25 thresholds s (covered: coverage >= c or score >= s)."""
    ja = [q for q in qs if q["lang"] == "ja" and not q["history"]]
    yes = [q for q in ja if q["passages"]]
    no = [q for q in ja if not q["passages"]]
    top = {q["id"]: retriever.search(q["question"], k=1) for q in ja}

    def covered(q: dict, c: float, s: float) -> bool:
        hits = top[q["id"]]
        return bool(hits) and (hits[0].confidence >= c or hits[0].score >= s)

    rows = []
    for c in (0.3, 0.5, 0.7, 1.01):
        for s in (4.0, 6.0, 8.0, 10.0, 14.0, 1e9):
            tp = sum(covered(q, c, s) for q in yes) / len(yes)
            tn = sum(not covered(q, c, s) for q in no) / len(no)
            rows.append((c, s, tp, tn))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sweep", action="store_true", help="print the threshold sweep")
    args = parser.parse_args()
    sets = [(default_article_path(SEEDS_DIR), DATA / "questions_default.jsonl")]
    for piece in sorted(DATA.glob("*.txt")):
        qfile = DATA / f"questions_{piece.stem}.jsonl"
        if qfile.exists():
            sets.append((piece, qfile))
    for piece, qfile in sets:
        article = load_article(piece)
        qs = load_questions(qfile)
        print(f"\n## {piece.name}: {len(qs)} questions")
        kinds = sorted({(q["kind"], q["lang"]) for q in qs if q["passages"]})
        print("| tokenizer | " + " | ".join(f"{k}/{lang} R@1 · R@3" for k, lang in kinds) + " |")
        print("|---|" + "---|" * len(kinds))
        for name in ("bigram", "morph", "hybrid"):
            r = LexicalRetriever(article, name)
            cells = []
            for kind, lang in kinds:
                sub = [q for q in qs if q["kind"] == kind and q["lang"] == lang and q["passages"]]
                h1, n = recall(r, sub, 1)
                h3, _ = recall(r, sub, 3)
                cells.append(f"{h1}/{n} · {h3}/{n} ({100 * h3 / n:.0f} %)")
            print(f"| {name} | " + " | ".join(cells) + " |")
        engine = OfflineEngine(article)
        acc = asyncio.run(engine_accuracy(engine, qs))
        print(
            f"\nOffline `ask` (coverage >= {NOT_IN_PIECE_THRESHOLD} or BM25 >= "
            f"{SCORE_THRESHOLD}): right passage cited, or declined when unanswerable:"
        )
        for key, (ok, n) in sorted(acc.items()):
            print(f"- {key}: {ok}/{n} ({100 * ok / n:.0f} %)")
        if args.sweep:
            print("\n| coverage ≥ | or BM25 ≥ | answerable covered | unanswerable declined |")
            print("|---|---|---|---|")
            for c, sc, tp, tn in sweep(engine.retriever, qs):  # type: ignore[arg-type]
                c_txt = "—" if c > 1 else f"{c:.2f}"
                s_txt = "—" if sc > 1e6 else f"{sc:.0f}"
                print(f"| {c_txt} | {s_txt} | {100 * tp:.0f} % | {100 * tn:.0f} % |")


if __name__ == "__main__":
    main()
