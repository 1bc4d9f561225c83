"""Okapi BM25 over a piece's tokenised passages, each read in the context of its heading."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from itertools import chain, count

# Words that say little about which passage answers weigh this much: a query's words of the
# piece's title, which every passage is about (`LexicalRetriever.search`), and a passage's
# context, the words of the heading it stands under (`BM25`).
BACKGROUND = 0.5


def _weighted(query: list[str], weights: Mapping[str, float] | None) -> dict[str, float]:
    """Each query term with its count, scaled by its weight (default 1)."""
    terms: dict[str, float] = dict(Counter(query))
    if weights:
        terms = {t: n * weights.get(t, 1.0) for t, n in terms.items()}
    return terms


class BM25:
    """Okapi BM25 over pre-tokenised documents (small corpora: a few hundred units).

    A document may be read in a `context` of words that are not its own (a paragraph under
    its section's heading): they count `context_weight` times each, as if the document wrote
    them that many times, without lengthening it or making them commoner in the piece (IDF is
    of the documents' own words)."""

    def __init__(
        self,
        docs: Sequence[list[str]],
        *,
        k1: float = 1.2,
        b: float = 0.75,
        context: Sequence[list[str] | None] = (),
        context_weight: float = BACKGROUND,
    ) -> None:
        self.k1, self.b = k1, b
        # Documents that are one list (equal texts: `tokenize_each`) in one context share one
        # bag and one score: `_first` holds the first document of each kind, `_kind` each
        # one's kind.
        contexts = context or [None] * len(docs)
        ids = [(id(d), id(c)) for d, c in zip(docs, contexts, strict=True)]
        lists = dict.fromkeys(ids)
        first = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
        self._first = list(map(first.__getitem__, lists))
        self._kind = list(map(dict(zip(lists, count())).__getitem__, ids))
        # Plain dicts, not Counters: the garbage collector stops tracking dicts of strings and
        # numbers, and a large piece has tens of thousands of them (no pause to scan them).
        own = [dict(Counter(docs[d])) for d in self._first]
        n = len(docs)
        df = Counter(chain.from_iterable(own[k] for k in self._kind))
        bags: list[dict[str, float]] = [
            _in_context(bag, contexts[d], context_weight)
            for bag, d in zip(own, self._first, strict=True)
        ]
        self.tfs = list(map(bags.__getitem__, self._kind))
        self.own = list(map(own.__getitem__, self._kind))  # each document's words, no context
        self.lens = list(map(len, docs))
        # A piece of no words (only marks: `*a*a…`) has no length to average: 1, not 0.
        self.avg = (sum(self.lens) / len(docs) if docs else 0.0) or 1.0
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        # A term the piece never uses weighs like the rarest possible one.
        self.unseen_idf = math.log(1 + (n + 0.5) / 0.5)

    def scores(self, query: list[str], weights: Mapping[str, float] | None = None) -> list[float]:
        """BM25 of each document; `weights` scales chosen query terms (default 1)."""
        terms = _weighted(query, weights)
        scores = [self._score(terms, d) for d in self._first]
        return list(map(scores.__getitem__, self._kind))

    def scores_of(
        self, query: list[str], docs: Collection[int], weights: Mapping[str, float] | None = None
    ) -> dict[int, float]:
        """BM25 of the chosen documents only."""
        terms = _weighted(query, weights)
        return {d: self._score(terms, d) for d in docs}

    def _score(self, terms: Mapping[str, float], doc: int) -> float:
        return self._bag_score(terms, self.tfs[doc], self.lens[doc])

    def score_bag(self, query: list[str], bag: Mapping[str, int], length: int) -> float:
        """BM25 of a document the index does not hold (two of its documents read as one: an
        interviewer's question and its answer), with the index's IDF and average length."""
        return self._bag_score(_weighted(query, None), bag, length)

    def _bag_score(self, terms: Mapping[str, float], tf: Mapping[str, float], length: int) -> float:
        """BM25 of term counts `tf` in a document of `length` terms, for weighted `terms`."""
        s = 0.0
        norm = self.k1 * (1 - self.b + self.b * length / self.avg)
        for t, qn in terms.items():
            f = tf.get(t)
            if f:
                s += qn * self.idf[t] * f * (self.k1 + 1) / (f + norm)
        return s

    def share(
        self,
        query: Collection[str],
        present: Collection[str],
        weights: Mapping[str, float] | None = None,
    ) -> float:
        """Share of the IDF mass of the distinct `query` terms that `present` holds; `weights`
        scales chosen terms' IDF (default 1)."""
        w = weights or {}
        mass = {t: self.idf.get(t, self.unseen_idf) * w.get(t, 1.0) for t in set(query)}
        total = sum(mass.values())
        return sum(m for t, m in mass.items() if t in present) / total if total else 0.0

    def coverage(self, query: list[str], doc: int) -> float:
        """Share of the query's IDF mass whose terms occur in document `doc`.

        Secondary terms (prefixed `~`, e.g. the bigrams of the hybrid tokeniser) count only
        when the query has no primary ones: whole words say more about coverage.
        """
        terms = {t for t in query if not t.startswith("~")} or set(query)
        return self.share(terms, self.tfs[doc])


def _in_context(bag: dict[str, int], context: list[str] | None, weight: float) -> dict[str, float]:
    """A document's term counts, each word of its `context` it does not write counting
    `weight` times as often as the context writes it."""
    if not context:
        return bag  # type: ignore[return-value]  # ints are floats to BM25
    out: dict[str, float] = dict(bag)
    for t, n in Counter(context).items():
        if t not in bag:
            out[t] = weight * n
    return out
