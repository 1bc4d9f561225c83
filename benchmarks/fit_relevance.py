"""Fit the weights of the offline engine's covered / not-covered decision (`bot.core.relevance`).

Run from the repository root: `python -m benchmarks.fit_relevance [--threshold T ...]`.

Each question of the development split (answerable, label 1) and of
tests/data/unanswerable_jsquad_dev.jsonl (label 0) is turned into `Evidence.features()` by the
engine's own `Asker`, exactly as `ask` would. A logistic regression (L2-regularised, Newton's
method, pure Python) is fitted on them; unanswerable questions weigh `--balance` times more
(they are 346 against 4,307). Reported per threshold, on held-out folds (the 42 articles in six
folds, each article's questions held out together, so no piece is judged by weights fitted on
it): answerable questions declined by piece-size band, and unanswerable ones declined. The
project's own question sets (default piece, 地震雑感) are judged with the weights fitted on all
folds: they are never fitted on. The weights to paste into `relevance.WEIGHTS` are printed last.
"""

from __future__ import annotations

import argparse
import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.eval_qa import DATA, UNSEEN, band_of, cached_hybrid, load_dev
from benchmarks.eval_retrieval import load_questions
from bot.core.article import Article
from bot.core.files import default_article_path, load_article
from bot.core.retrieval import LexicalRetriever
from bot.engines.offline.engine import OfflineEngine
from bot.library.formats import read_file, to_article
from bot.settings import SEEDS_DIR

FOLDS = 6
SEED = 1
BANDS = ("5–9", "10–19", "20–49", "50+")


@dataclass
class Row:
    piece: str
    label: int  # 1: the piece answers it
    kind: str
    band: str
    x: tuple[float, ...] | None  # None: the question has no searchable words
    vetoed: bool  # declined whatever the weights (see `Relevance.judge`)


def rows_for(name: str, article: Article, questions: Sequence[tuple[str, int, str]]) -> list[Row]:
    engine = OfflineEngine(article, LexicalRetriever(article, cached_hybrid))
    band = band_of(len(article.paragraphs))
    out = []
    for question, label, kind in questions:
        query = engine.asker.query(question)
        ev = engine.asker.evidence(query)
        x = ev.features() if ev is not None else None
        vetoed = bool(query.missing) or (ev is not None and ev.unit_absent)
        out.append(Row(name, label, kind, band, x, vetoed))
    return out


def collect(audits: bool = False) -> tuple[list[Row], list[Row]]:
    dev: list[Row] = []
    for p in load_dev():
        qs = [(q["q"], 1, "answerable") for q in p.questions]
        qs += [(q["question"], 0, q["kind"]) for q in p.unanswerable]
        dev += rows_for(p.title, p.article, qs)
    if audits:
        dev += audit_rows()
    own: list[Row] = []
    for name, path, file in (
        ("default", default_article_path(SEEDS_DIR), "questions_default.jsonl"),
        ("jishin", DATA / "jishin-zakkan.txt", "questions_jishin-zakkan.jsonl"),
    ):
        qs = [
            (q["question"], int(bool(q["passages"])), f"{q['kind']}/{q['lang']}")
            for q in load_questions(DATA / file)
            if not q["history"]
        ]
        own += rows_for(name, load_article(path), qs)
    return dev, own


def audit_rows() -> list[Row]:
    """The readers' audit sets (`eval_qa.UNSEEN`), each piece one more piece of the folds; their
    rows' kind is the set's name, so that they are reported apart."""
    out: list[Row] = []
    for folder in UNSEEN:
        by_piece: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        for q in load_questions(DATA / f"questions_{folder}.jsonl"):
            if q["history"]:
                continue
            label = int(bool(q["passages"]))
            by_piece[q["piece"]].append((q["question"], label, folder))
        for name, qs in by_piece.items():
            article = to_article(read_file(DATA / folder / name))
            out += rows_for(f"{folder}/{name}", article, qs)
    return out


# ---------------------------------------------------------------- logistic regression


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems are 20 × 20 at most)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c]:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def _p(beta: Sequence[float], x: Sequence[float]) -> float:
    s = sum(a * b for a, b in zip(beta, x, strict=True))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, s))))


def fit(rows: Sequence[Row], *, balance: float, l2: float) -> list[float]:
    """Weights maximising the weighted log-likelihood minus l2/2 · |w|² (bias not penalised)."""
    data = [(r.x, r.label, 1.0 if r.label else balance) for r in rows if r.x is not None]
    d = len(data[0][0])
    beta = [0.0] * d
    for _ in range(50):
        grad = [-l2 * b for b in beta]
        grad[0] = 0.0
        hess = [[0.0] * d for _ in range(d)]
        for i in range(1, d):
            hess[i][i] = l2
        hess[0][0] = 1e-6
        for x, y, w in data:
            p = _p(beta, x)
            r, q = w * (y - p), w * p * (1 - p)
            for i in range(d):
                grad[i] += r * x[i]
                if x[i]:
                    qi, hi = q * x[i], hess[i]
                    for j in range(d):
                        hi[j] += qi * x[j]
        step = _solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta


def held_out(dev: Sequence[Row], *, balance: float, l2: float) -> dict[int, float]:
    """Each dev row's probability under weights fitted without its piece's fold."""
    pieces = sorted({r.piece for r in dev})
    random.Random(SEED).shuffle(pieces)
    fold = {p: i % FOLDS for i, p in enumerate(pieces)}
    out: dict[int, float] = {}
    for k in range(FOLDS):
        beta = fit([r for r in dev if fold[r.piece] != k], balance=balance, l2=l2)
        for i, r in enumerate(dev):
            if fold[r.piece] == k:
                out[i] = _p(beta, r.x) if r.x is not None else 0.0
    return out


# ---------------------------------------------------------------- report


def declined(r: Row, p: float, t: float) -> bool:
    return r.vetoed or r.x is None or p < t


def report(dev: list[Row], own: list[Row], probs: dict[int, float], beta: list[float], t: float):
    bands: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    own_t_audit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i, r in enumerate(dev):
        d = declined(r, probs[i], t)
        if r.kind in UNSEEN:
            key = f"{r.kind} {'answerable' if r.label else 'unanswerable'} declined"
            own_t_audit[key][0] += d
            own_t_audit[key][1] += 1
        elif r.label:
            bands[r.band][0] += d
            bands[r.band][1] += 1
        else:
            kinds[r.kind][0] += d
            kinds[r.kind][1] += 1
            kinds["all"][0] += d
            kinds["all"][1] += 1
    own_t: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in own:
        p = _p(beta, r.x) if r.x is not None else 0.0
        key = f"{r.piece} {'answerable declined' if r.label else 'unanswerable declined'}"
        own_t[key][0] += declined(r, p, t)
        own_t[key][1] += 1

    def pct(c: list[int]) -> str:
        return f"{100 * c[0] / c[1]:.1f}" if c[1] else "—"

    wnc = " / ".join(pct(bands[b]) for b in BANDS)
    un = ", ".join(f"{k} {pct(c)}" for k, c in sorted(kinds.items()))
    mine = ", ".join(
        f"{k} {c[0]}/{c[1]}" for k, c in sorted({**own_t, **own_t_audit}.items())
    )
    print(f"t={t:.3f}  answerable declined {wnc} %  |  unanswerable declined: {un} %  |  {mine}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("--balance", type=float, default=5.0, help="weight of unanswerables")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument(
        "--audits", action="store_true", help="fit on the readers' audit sets too, as more pieces"
    )
    args = parser.parse_args()
    dev, own = collect(args.audits)
    probs = held_out(dev, balance=args.balance, l2=args.l2)
    beta = fit(dev, balance=args.balance, l2=args.l2)
    print("Held-out folds (answerable declined by band 5–9 / 10–19 / 20–49 / 50+):")
    for t in args.threshold or [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4]:
        report(dev, own, probs, beta, t)
    print("WEIGHTS = (" + ", ".join(f"{b:.2f}" for b in beta) + ")")


if __name__ == "__main__":
    main()
