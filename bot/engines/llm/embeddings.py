"""Optional embeddings (`/v1/embeddings`), cached on disk, fused with the lexical ranker (RRF)."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bot.core.article import Article
from bot.core.retrieval import Hit, Retriever
from bot.core.workers import finish_cancelled, off_loop
from bot.engines.llm.client import ModelClient
from bot.engines.llm.errors import ModelError

log = logging.getLogger(__name__)

RRF_K = 60  # the usual constant of reciprocal rank fusion: damps the top ranks' dominance
DEPTH = 20
DEFAULT_SEARCH_TIMEOUT_S = 5.0  # with no budget given, embeddings may take this long
RETRY_AFTER_S = 300.0
BATCH = 64


def rrf(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of several rankings of ids: [(id, score)], best first."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


def _ranked(query: Sequence[float], vectors: Sequence[Sequence[float]]) -> list[tuple[int, float]]:
    """[(¶ number, cosine with `query`)], best first."""
    scored = [(i + 1, _cosine(query, v)) for i, v in enumerate(vectors)]
    return sorted(scored, key=lambda kv: -kv[1])


class EmbeddingIndex:
    """One vector per paragraph, computed once per (piece, model) and kept on disk."""

    def __init__(self, article: Article, model: ModelClient, cache_dir: Path | None) -> None:
        self.article = article
        self.model = model
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", model.embedding_model or "none")
        self.path = cache_dir / f"{article.sha256[:16]}-{name}.json" if cache_dir else None
        self._vectors: list[list[float]] | None = None
        self._failed_at: float | None = None
        self._task: asyncio.Task[list[list[float]] | None] | None = None

    async def aclose(self) -> None:
        """Stop computing paragraph vectors, if that is still going on."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await finish_cancelled(self._task)

    def _load(self) -> list[list[float]] | None:
        if self.path is None or not self.path.exists():
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable embeddings cache %s: %s", self.path, exc)
            return None
        vectors = data.get("vectors")
        if (
            data.get("sha256") != self.article.sha256
            or data.get("model") != self.model.embedding_model
            or not isinstance(vectors, list)
            or len(vectors) != len(self.article.paragraphs)
        ):
            return None
        return vectors

    def _save(self, vectors: list[list[float]]) -> None:
        if self.path is None:
            return
        data = {
            "sha256": self.article.sha256,
            "model": self.model.embedding_model,
            "vectors": vectors,
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            tmp.replace(self.path)
        except OSError as exc:
            log.warning("could not save embeddings to %s: %s", self.path, exc)

    async def vectors(self, *, timeout: float) -> list[list[float]] | None:
        """The paragraph vectors, or None while embeddings are unavailable."""
        if self._vectors is not None:
            return self._vectors
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
            return None
        if self._task is None or self._task.done():
            # A task of its own: a question whose search budget runs out stops waiting, but
            # the work goes on for the next question instead of starting over each time.
            self._task = asyncio.ensure_future(self._compute(timeout))
        return await asyncio.shield(self._task)

    async def _compute(self, timeout: float) -> list[list[float]] | None:
        vectors = await asyncio.to_thread(self._load)
        if vectors is None:
            texts = [p.text for p in self.article.paragraphs]
            try:
                vectors = []
                for i in range(0, len(texts), BATCH):
                    vectors += await self.model.embed(texts[i : i + BATCH], timeout=timeout)
            except ModelError as exc:
                log.warning("embeddings unavailable (%s); lexical retrieval only", exc)
                self._failed_at = time.monotonic()
                return None
            await asyncio.to_thread(self._save, vectors)
        self._vectors = vectors
        return vectors

    async def rank(self, query: str, *, timeout: float) -> list[tuple[int, float]]:
        """[(¶ number, cosine)], best first; [] if embeddings are unavailable."""
        vectors = await self.vectors(timeout=timeout)
        if vectors is None:
            return []
        try:
            (q,) = await self.model.embed([query], timeout=timeout)
        except ModelError as exc:
            log.info("query embedding failed (%s); lexical ranking only", exc)
            return []
        # In a thread: a long piece has thousands of vectors (about a second's work at 2 MB).
        return await off_loop(_ranked, q, vectors)


class HybridRetriever(Retriever):
    """Lexical ranking fused with embedding ranking; `search` alone stays lexical (no I/O)."""

    def __init__(self, lexical: Retriever, index: EmbeddingIndex, *, depth: int = DEPTH) -> None:
        self.lexical = lexical
        self.index = index
        self.depth = depth
        self.article = lexical.article

    async def aclose(self) -> None:
        await self.index.aclose()

    def search(self, query: str, k: int = 5) -> list[Hit]:
        return self.lexical.search(query, k)

    def search_sentences(self, query: str, k: int = 5) -> list[Hit]:
        return self.lexical.search_sentences(query, k)

    async def asearch(self, query: str, k: int = 5, *, timeout: float | None = None) -> list[Hit]:
        """Best paragraphs by reciprocal rank fusion of the lexical and embedding rankings."""
        timeout = DEFAULT_SEARCH_TIMEOUT_S if timeout is None else timeout
        # In a thread: on a large piece the lexical search (and, the first time, its index)
        # is work the event loop must not wait for.
        lexical = await off_loop(self.lexical.search, query, self.depth)
        try:
            # `timeout` bounds each HTTP wait, not the library's retries and their Retry-After
            # sleeps (up to 2 minutes): the search as a whole must keep to the budget too.
            async with asyncio.timeout(timeout):
                semantic = await self.index.rank(query, timeout=timeout)
        except TimeoutError:
            log.info("embeddings too slow (over %.1f s); lexical ranking only", timeout)
            semantic = []
        if not semantic:
            return lexical[:k]
        by_passage = {h.passage: h for h in lexical}
        fused = rrf([[h.passage for h in lexical], [p for p, _ in semantic[: self.depth]]])
        hits: list[Hit] = []
        for passage, score in fused[:k]:
            hit = by_passage.get(passage)
            if hit is None:
                # Only the embeddings found it: its first window stands for it.
                w = next(w for w in self.article.windows if w.paragraph == passage)
                hit = Hit(passage, w.start, w.end, w.text, score, 0.0)
            hits.append(replace(hit, score=score))
        return hits
