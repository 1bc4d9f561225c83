"""Choose and build the engine the settings ask for."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.core.article import Article
from bot.engines.base import Engine
from bot.engines.offline.engine import OfflineEngine
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.engines.llm.doctor import Report

log = logging.getLogger(__name__)


def build_engine(settings: Settings, article: Article) -> Engine:
    """The LLM engine when a key is configured (or asked for), else the offline engine."""
    offline = OfflineEngine(article)
    if settings.engine == "offline" or not settings.llm_enabled:
        if settings.engine == "llm":
            log.warning("PIECE_BOT_ENGINE=llm but OPENAI_API_KEY is not set: using offline")
        return offline
    # Imported here so that the offline path never loads `openai`.
    from bot.engines.llm import build_llm_engine

    # Warm-up (summary and factors) needs a running loop: front ends call
    # `engine.start_warm_up()` once theirs is up (see LLMEngine.start_warm_up).
    return build_llm_engine(settings, article, fallback=offline)


async def diagnose(settings: Settings) -> Report:
    """Check the configured model server (`python -m bot doctor`): what works, what to change."""
    from bot.engines.llm.doctor import diagnose as diagnose_server  # imports `openai`

    return await diagnose_server(settings)
