"""Sentence centrality (continuous LexRank) and similarity over TF-IDF sentence vectors."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from bot.core.tokenize import Tokenizer

Vector = dict[str, float]


def tfidf_vectors(texts: Sequence[str], tokenize: Tokenizer) -> list[Vector]:
    """Unit-length TF-IDF vectors (log-scaled term frequency, smoothed IDF)."""
    bags = [Counter(tokenize(t)) for t in texts]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(texts)
    idf = {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}
    vectors = []
    for bag in bags:
        v = {t: (1 + math.log(c)) * idf[t] for t, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def similarity_matrix(vectors: Sequence[Vector]) -> list[dict[int, float]]:
    """Sparse pairwise cosine similarities, built through an inverted index (no i == j)."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, v in enumerate(vectors):
        for t, x in v.items():
            postings[t].append((i, x))
    sims: list[dict[int, float]] = [defaultdict(float) for _ in vectors]
    for plist in postings.values():
        for a, (i, x) in enumerate(plist):
            for j, y in plist[a + 1 :]:
                sims[i][j] += x * y
                sims[j][i] += x * y
    return [dict(s) for s in sims]


def lexrank(
    sims: Sequence[dict[int, float]], *, damping: float = 0.85, iters: int = 50
) -> list[float]:
    """Continuous LexRank: PageRank over the similarity graph; scores sum to 1."""
    n = len(sims)
    if n == 0:
        return []
    out_weight = [sum(row.values()) for row in sims]
    rank = [1.0 / n] * n
    for _ in range(iters):
        new = [(1 - damping) / n] * n
        dangling = sum(rank[i] for i in range(n) if out_weight[i] == 0)
        for i, row in enumerate(sims):
            if out_weight[i] == 0:
                continue
            share = damping * rank[i] / out_weight[i]
            for j, w in row.items():
                new[j] += share * w
        spread = damping * dangling / n
        new = [x + spread for x in new]
        delta = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if delta < 1e-9:
            break
    return rank
