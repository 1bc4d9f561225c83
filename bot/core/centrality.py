"""Text centrality (continuous LexRank) and similarity over TF-IDF vectors, in linear time.

Continuous LexRank is PageRank over the graph of pairwise cosine similarities. That graph
has n² edges, but its matrix is V·Vᵀ (V: the unit vectors, one row per text), so each step
of the power iteration goes through V instead: u = Σ wᵢ·vᵢ, then vⱼ·u for every j. Time
and memory grow with the number of (term, text) pairs, not with n², and the ranks are the
ones the explicit matrix gives (see tests/core/test_centrality.py).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, chain, compress, count, repeat
from operator import add, mul, sub, truediv

from bot.core.tokenize import Tokenizer

Vector = dict[str, float]
# Below this a text's similarity to all others counts as none (rounding, not sharing terms).
_NO_EDGES = 1e-12


def tfidf_vectors(texts: Sequence[str], tokenize: Tokenizer) -> list[Vector]:
    """Unit-length TF-IDF vectors (log-scaled term frequency, smoothed IDF)."""
    return tfidf_from_tokens([tokenize(t) for t in texts])


def tfidf_from_tokens(docs: Sequence[Sequence[str]]) -> list[Vector]:
    """`tfidf_vectors` for texts already tokenised. Equal texts (a line that repeats) share one
    vector, worked out once; the arithmetic runs over the flat lists of all terms at once."""
    keys = list(map(tuple, docs))
    uses = Counter(keys)
    kinds = list(map(dict(zip(uses, count())).__getitem__, keys))
    del keys  # what is not needed any more goes at once: a large piece has millions of terms
    bags = list(map(Counter, uses))
    df = Counter(chain.from_iterable(chain.from_iterable(map(repeat, bags, uses.values()))))
    del uses
    n = len(docs)
    idf = {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}
    lengths = list(map(len, bags))
    terms = list(chain.from_iterable(bags))
    counts = list(chain.from_iterable(map(dict.values, bags)))
    del bags
    tf = {c: 1 + math.log(c) for c in set(counts)}  # a few counts, the log of each once
    raw = list(map(mul, map(tf.__getitem__, counts), map(idf.__getitem__, terms)))
    del counts
    rows = _slices(lengths)
    squares = list(map(mul, raw, raw))
    norms = [math.sqrt(s) or 1.0 for s in map(sum, map(squares.__getitem__, rows))]
    del squares
    unit = list(map(truediv, raw, chain.from_iterable(map(repeat, norms, lengths))))
    del raw
    vectors = list(map(dict, map(zip, map(terms.__getitem__, rows), map(unit.__getitem__, rows))))
    del terms, unit
    return list(map(vectors.__getitem__, kinds))


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


class _Product:
    """V·Vᵀ·w without the diagonal, for the vectors given, by row: a row is a distinct vector,
    shared by the texts that have it (equal texts, see `tfidf_from_tokens`), and `w` and the
    result hold one value per row, the value of each of its texts.

    The (text, term, weight) triples are kept by term (columns: each text's row in text order,
    its weights packed) and flat by row: each step sums each column's products in C, then
    the products of the flat rows slice by slice, each sum in the order its column or row
    lists them. On 150,000 one-line paragraphs a step in Python, text by text, took 0.16 s.
    """

    def __init__(self, vectors: Sequence[Vector]) -> None:
        ids = list(map(id, vectors))
        unique = dict(zip(ids, vectors, strict=True))
        slot = dict(zip(unique, count()))
        self.row_of = list(map(slot.__getitem__, ids))  # each text's row
        rows = list(unique.values())
        flat = list(chain.from_iterable(rows))
        term_ids = dict(zip(dict.fromkeys(flat), count()))  # in order of first use
        self.terms = list(map(term_ids.__getitem__, flat))
        self.weights: list[float] = list(chain.from_iterable(map(dict.values, rows)))
        lengths = list(map(len, rows))
        self.rows = _slices(lengths)
        squares = list(map(mul, self.weights, self.weights))
        self.self_similarity = list(map(sum, map(squares.__getitem__, self.rows)))
        del flat, squares  # as soon as possible: a large piece has millions of terms
        # By term, every text in its order (the sort is stable), named by its row.
        of_text = list(map(self.rows.__getitem__, self.row_of))
        terms = list(chain.from_iterable(map(self.terms.__getitem__, of_text)))
        order = sorted(range(len(terms)), key=terms.__getitem__)
        columns = _slices(_counts(terms, len(term_ids)))
        del terms
        sizes = map(lengths.__getitem__, self.row_of)
        row_of_each = list(chain.from_iterable(map(repeat, self.row_of, sizes)))
        by_term = list(map(row_of_each.__getitem__, order))
        del row_of_each
        weights = list(chain.from_iterable(map(self.weights.__getitem__, of_text)))
        del of_text
        # Packed, not a list of the floats in another order: read in order of memory, faster.
        values = array("d", map(weights.__getitem__, order))
        del weights, order
        self.columns = [(by_term[c], values[c]) for c in columns]

    def __call__(self, w: Sequence[float]) -> list[float]:
        """For each row (each of its texts j): Σ over texts i ≠ j of wᵢ·cos(vᵢ, vⱼ)."""
        at = w.__getitem__
        u = [sum(map(mul, map(at, rows), values)) for rows, values in self.columns]
        by_row = list(map(mul, map(u.__getitem__, self.terms), self.weights))
        dots = map(sum, map(by_row.__getitem__, self.rows))
        return list(map(sub, dots, map(mul, w, self.self_similarity)))


def _counts(ids: Sequence[int], size: int) -> list[int]:
    """How often each of 0 … size - 1 occurs in `ids`."""
    uses = Counter(ids)
    return [uses[k] for k in range(size)]


def _slices(lengths: Sequence[int]) -> list[slice]:
    """Consecutive slices of these lengths, from 0."""
    ends = list(accumulate(lengths))
    return list(map(slice, [0, *ends[:-1]], ends))


def lexrank(vectors: Sequence[Vector], *, damping: float = 0.85, iters: int = 50) -> list[float]:
    """Continuous LexRank of the texts whose vectors are given; scores sum to 1.

    Texts that share a vector share every figure of the iteration, so it runs over the rows
    of `_Product`; the sums over all texts (what dangles, how much the ranks moved) still go
    text by text, in order, as their figures are the same that way."""
    n = len(vectors)
    if n == 0:
        return []
    product = _Product(vectors)
    row_of = product.row_of
    rows = len(product.rows)
    out_weight = product([1.0] * rows)  # each text's total similarity to the others
    linked = [w > _NO_EDGES for w in out_weight]
    unlinked = [not ok for ok in linked]
    dangling_rows = list(compress(row_of, map(unlinked.__getitem__, row_of)))  # text by text
    rank = [1.0 / n] * rows
    for _ in range(iters):
        if any(unlinked):
            share = [
                r / o if ok else 0.0 for r, o, ok in zip(rank, out_weight, linked, strict=True)
            ]
        else:
            share = list(map(truediv, rank, out_weight))
        dangling = sum(map(rank.__getitem__, dangling_rows))
        base = (1 - damping) / n + damping * dangling / n
        new = list(map(add, repeat(base), map(mul, repeat(damping), product(share))))
        moved = list(map(abs, map(sub, new, rank)))
        delta = sum(moved if rows == n else map(moved.__getitem__, row_of))
        rank = new
        if delta < 1e-9:
            break
    return rank if rows == n else list(map(rank.__getitem__, row_of))  # a row a text, in order
