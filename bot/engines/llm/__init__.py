"""The LLM engine package; importing it imports `openai` (the offline path never does)."""

from __future__ import annotations

import logging

from bot.core.article import Article
from bot.core.retrieval import Retriever
from bot.engines.base import Engine
from bot.engines.llm.cache import AnswerCache
from bot.engines.llm.client import ModelClient, make_client
from bot.engines.llm.embeddings import EmbeddingIndex, HybridRetriever
from bot.engines.llm.engine import LLMEngine
from bot.engines.llm.errors import ModelError
from bot.engines.llm.prompts import load_prompts
from bot.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["LLMEngine", "ModelClient", "ModelError", "build_llm_engine"]


def build_llm_engine(
    settings: Settings, article: Article, *, fallback: Engine | None = None
) -> LLMEngine:
    """An `LLMEngine` for `settings`, falling back to `fallback` (default: the offline engine)."""
    if fallback is None:
        from bot.engines.offline.engine import OfflineEngine

        fallback = OfflineEngine(article)
    if settings.llm_piece_chars is not None:
        log.warning(
            "LLM_PIECE_CHARS is deprecated: LLM_CONTEXT_TOKENS now sizes what piece-wide commands"
            " send; the character cap still applies on top of it"
        )
    prompts = load_prompts()
    model = ModelClient(make_client(settings), settings, format_prompt=prompts["format"])
    # Share the offline engine's lexical index: building it twice would double start-up work.
    lexical: Retriever = fallback.retriever
    retriever: Retriever = lexical
    if settings.openai_embedding_model:
        retriever = HybridRetriever(
            lexical, EmbeddingIndex(article, model, settings.embeddings_dir)
        )
    cache = (
        AnswerCache(settings.llm_cache_path, piece=article.sha256) if settings.llm_cache else None
    )
    return LLMEngine(
        article,
        model=model,
        fallback=fallback,
        settings=settings,
        retriever=retriever,
        cache=cache,
        prompts=prompts,
    )
