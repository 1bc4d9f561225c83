"""The LLM engine package; importing it imports `openai` (the offline path never does)."""

from __future__ import annotations

from bot.core.article import Article
from bot.core.retrieval import Retriever
from bot.engines.llm.client import ModelClient
from bot.engines.llm.embeddings import EmbeddingIndex, HybridRetriever
from bot.engines.llm.engine import LLMEngine
from bot.engines.llm.errors import ModelError
from bot.engines.llm.shared import LLMShared
from bot.engines.offline.engine import OfflineEngine
from bot.settings import Settings

__all__ = ["LLMEngine", "LLMShared", "ModelClient", "ModelError", "build_llm_engine"]


def build_llm_engine(
    settings: Settings,
    article: Article,
    *,
    fallback: OfflineEngine | None = None,
    shared: LLMShared | None = None,
) -> LLMEngine:
    """An `LLMEngine` for `settings`, falling back to `fallback` (default: a new offline
    engine for `article`), which it owns and closes with itself.

    With `shared`, the engine uses (and never closes) those; without, it makes its own and
    closes them with itself.
    """
    fallback = fallback or OfflineEngine(article)
    owned = shared is None
    shared = shared or LLMShared.create(settings)
    # Share the offline engine's lexical index and verifier: building either twice would
    # double start-up work and memory (a 2 MB piece's verifier alone takes about 0.3 s).
    lexical: Retriever = fallback.retriever
    retriever: Retriever = lexical
    if settings.openai_embedding_model:
        retriever = HybridRetriever(
            lexical, EmbeddingIndex(article, shared.model, settings.embeddings_dir)
        )
    return LLMEngine(
        article,
        shared=shared,
        fallback=fallback,
        settings=settings,
        retriever=retriever,
        grounder=fallback.grounder,
        owns_shared=owned,
    )
