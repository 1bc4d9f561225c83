"""Text centrality (continuous LexRank) and similarity over TF-IDF vectors, in linear time.

Continuous LexRank is PageRank over the graph of pairwise cosine similarities. That graph
has n² edges, but its matrix is V·Vᵀ (V: the unit vectors, one row per text), so each step
of the power iteration goes through V instead: u = Σ wᵢ·vᵢ, then vⱼ·u for every j. Time
and memory grow with the number of (term, text) pairs, not with n², and the ranks are the
ones the explicit matrix gives (see tests/core/test_centrality.py).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from operator import mul

from bot.core.tokenize import Tokenizer

Vector = dict[str, float]
# Below this a text's similarity to all others counts as none (rounding, not sharing terms).
_NO_EDGES = 1e-12


def tfidf_vectors(texts: Sequence[str], tokenize: Tokenizer) -> list[Vector]:
    """Unit-length TF-IDF vectors (log-scaled term frequency, smoothed IDF)."""
    return tfidf_from_tokens([tokenize(t) for t in texts])


def tfidf_from_tokens(docs: Sequence[Sequence[str]]) -> list[Vector]:
    """`tfidf_vectors` for texts already tokenised."""
    bags = [Counter(d) for d in docs]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(docs)
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


class _Product:
    """V·Vᵀ·w without the diagonal, for the vectors given: rows and columns as parallel lists.

    The sums run in C (`sum(map(...))`), one text or one term at a time.
    """

    def __init__(self, vectors: Sequence[Vector]) -> None:
        ids: dict[str, int] = {}
        self.rows = [([ids.setdefault(t, len(ids)) for t in v], list(v.values())) for v in vectors]
        self.columns: list[tuple[list[int], list[float]]] = [([], []) for _ in ids]
        for i, (terms, weights) in enumerate(self.rows):
            for t, x in zip(terms, weights, strict=True):
                texts, values = self.columns[t]
                texts.append(i)
                values.append(x)
        self.self_similarity = [sum(map(mul, w, w)) for _, w in self.rows]

    def __call__(self, w: Sequence[float]) -> list[float]:
        """For each text j: Σ over i ≠ j of wᵢ·cos(vᵢ, vⱼ)."""
        u = [sum(map(mul, map(w.__getitem__, texts), values)) for texts, values in self.columns]
        return [
            sum(map(mul, map(u.__getitem__, terms), weights)) - w[j] * self.self_similarity[j]
            for j, (terms, weights) in enumerate(self.rows)
        ]


def lexrank(vectors: Sequence[Vector], *, damping: float = 0.85, iters: int = 50) -> list[float]:
    """Continuous LexRank of the texts whose vectors are given; scores sum to 1."""
    n = len(vectors)
    if n == 0:
        return []
    product = _Product(vectors)
    out_weight = product([1.0] * n)  # each text's total similarity to the others
    linked = [w > _NO_EDGES for w in out_weight]
    rank = [1.0 / n] * n
    for _ in range(iters):
        share = [r / o if ok else 0.0 for r, o, ok in zip(rank, out_weight, linked, strict=True)]
        dangling = sum(r for r, ok in zip(rank, linked, strict=True) if not ok)
        base = (1 - damping) / n + damping * dangling / n
        new = [base + damping * flow for flow in product(share)]
        delta = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if delta < 1e-9:
            break
    return rank
