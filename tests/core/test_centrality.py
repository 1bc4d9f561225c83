"""LexRank through the vectors gives the ranks of the explicit similarity matrix, in linear time."""

from __future__ import annotations

import math
import random

import pytest

from bot.core.article import Article
from bot.core.centrality import Vector, cosine, lexrank, tfidf_from_tokens, tfidf_vectors
from bot.core.tokenize import morph_tokens


def explicit_lexrank(vectors: list[Vector], damping: float = 0.85, iters: int = 50) -> list[float]:
    """The textbook definition: PageRank over the full matrix of pairwise cosines (i ≠ j)."""
    n = len(vectors)
    sims = [
        [cosine(a, b) if i != j else 0.0 for j, b in enumerate(vectors)]
        for i, a in enumerate(vectors)
    ]
    out = [sum(row) for row in sims]
    rank = [1.0 / n] * n
    for _ in range(iters):
        dangling = sum(r for r, o in zip(rank, out, strict=True) if o == 0)
        new = [(1 - damping) / n + damping * dangling / n] * n
        for i, row in enumerate(sims):
            if out[i]:
                for j, w in enumerate(row):
                    new[j] += damping * rank[i] / out[i] * w
        delta = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if delta < 1e-9:
            break
    return rank


def random_vectors(seed: int, n: int, vocabulary: int) -> list[Vector]:
    rng = random.Random(seed)
    vectors = []
    for _ in range(n):
        terms = rng.sample(range(vocabulary), rng.randint(0, 6))
        v = {f"t{t}": rng.random() + 0.1 for t in terms}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    return vectors


@pytest.mark.parametrize("seed", range(8))
def test_lexrank_equals_the_explicit_matrix(seed: int) -> None:
    # Small vocabularies connect everything; large ones leave texts with no neighbour at all.
    vectors = random_vectors(seed, n=40, vocabulary=[8, 30, 200, 1000][seed % 4])
    assert lexrank(vectors) == pytest.approx(explicit_lexrank(vectors), abs=1e-12)


def test_lexrank_of_the_default_piece_equals_the_explicit_matrix(article: Article) -> None:
    vectors = tfidf_vectors([s.text for s in article.sentences], morph_tokens)
    ranks = lexrank(vectors)
    assert ranks == pytest.approx(explicit_lexrank(vectors), abs=1e-12)
    assert sum(ranks) == pytest.approx(1.0)


def test_lexrank_edge_cases() -> None:
    assert lexrank([]) == []
    assert lexrank([{}]) == [1.0]
    # Nothing shared: every text is equally (un)central.
    assert lexrank([{"a": 1.0}, {"b": 1.0}, {}]) == pytest.approx([1 / 3] * 3)


def test_equal_texts_share_a_vector_and_rank_as_copies_would() -> None:
    docs = [["tide", "rose"], ["ships"], ["tide", "rose"], [], ["rose", "tide", "tide"], []]
    vectors = tfidf_from_tokens(docs)
    assert vectors[0] is vectors[2] and vectors[3] is vectors[5]
    copies = [dict(v) for v in vectors]  # one object each: no row shared
    assert lexrank(vectors) == lexrank(copies)
    assert lexrank(vectors) == pytest.approx(explicit_lexrank(copies), abs=1e-12)
