"""Choose and build the engine the settings ask for."""

from __future__ import annotations

import logging

from bot.article import Article
from bot.engines.base import Engine
from bot.engines.offline import OfflineEngine
from bot.settings import Settings

log = logging.getLogger(__name__)


def build_engine(settings: Settings, article: Article) -> Engine:
    """The LLM engine when a key is configured (or asked for), else the offline engine."""
    offline = OfflineEngine(article)
    if settings.engine == "offline" or not settings.llm_enabled:
        if settings.engine == "llm":
            log.warning("PIECE_BOT_ENGINE=llm but OPENAI_API_KEY is not set: using offline")
        return offline
    # LLM branch: added by the LLM engine (imports `openai` only on this path).
    return offline
