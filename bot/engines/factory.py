"""Choose and build the engine the settings ask for: one for a piece, or one for every piece."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from bot.core.article import Article
from bot.engines.base import Engine
from bot.engines.offline.engine import OfflineEngine
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.engines.llm import LLMShared
    from bot.engines.llm.doctor import Report

log = logging.getLogger(__name__)

LLM_ENGINE = "llm"  # `LLMEngine.name`, known here without importing `openai`


def _use_llm(settings: Settings) -> bool:
    """The LLM engine when a key is configured (or asked for), else the offline engine."""
    if settings.engine == "offline" or not settings.llm_enabled:
        if settings.engine == "llm":
            log.warning("PIECE_BOT_ENGINE=llm but OPENAI_API_KEY is not set: using offline")
        return False
    return True


def configured_engine(settings: Settings) -> str:
    """The name (`Engine.name`) of the engines built for these settings, without building one
    (for what describes a piece whose engine is not loaded, as /about does)."""
    return LLM_ENGINE if settings.llm_enabled else OfflineEngine.name


def build_engine(settings: Settings, article: Article) -> Engine:
    """The engine for one piece, owning everything it uses (its `aclose` closes it all)."""
    offline = OfflineEngine(article)
    if not _use_llm(settings):
        return offline
    # Imported here so that the offline path never loads `openai`.
    from bot.engines.llm import build_llm_engine

    # Warm-up (summary and factors) needs a running loop: front ends call
    # `engine.start_warm_up()` once theirs is up (see LLMEngine.start_warm_up).
    return build_llm_engine(settings, article, fallback=offline)


class EngineFactory:
    """Engines for many pieces (the library's): `build` one per piece.

    LLM engines share one model client (one connection pool, one concurrency cap) and one
    answer cache, made on the first build. The engines never close them; `aclose` does, once
    the engines are closed. `build` may run in worker threads.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.use_llm = _use_llm(settings)
        self._shared: LLMShared | None = None
        self._lock = threading.Lock()

    def build(self, article: Article) -> Engine:
        offline = OfflineEngine(article)
        if not self.use_llm:
            return offline
        from bot.engines.llm import LLMShared, build_llm_engine  # imports `openai`

        with self._lock:
            if self._shared is None:
                self._shared = LLMShared.create(self.settings)
            shared = self._shared
        return build_llm_engine(self.settings, article, fallback=offline, shared=shared)

    async def aclose(self) -> None:
        """Close what the engines shared (call it after closing them)."""
        with self._lock:
            shared, self._shared = self._shared, None
        if shared is not None:
            await shared.aclose()


async def diagnose(settings: Settings) -> Report:
    """Check the configured model server (`python -m bot doctor`): what works, what to change."""
    from bot.engines.llm.doctor import diagnose as diagnose_server  # imports `openai`

    return await diagnose_server(settings)
