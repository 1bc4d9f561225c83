"""What every LLM engine of a process shares: the model client, the answer cache, the prompts
and the token budget. One `LLMShared` serves every piece's engine; whoever creates it closes it."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.engines.llm.budget import Budget
from bot.engines.llm.cache import AnswerCache
from bot.engines.llm.client import ModelClient, make_client
from bot.engines.llm.prompts import PromptSet, load_prompts
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LLMShared:
    """One HTTP client (and its concurrency cap), one answer cache (its rows name the piece they
    are about), the prompts, what the budget learnt of the server's context, and the model
    slots long pieces' digests may take, all pieces together: one stays free for readers."""

    model: ModelClient
    prompts: PromptSet
    budget: Budget
    cache: AnswerCache | None
    digests: asyncio.Semaphore

    @classmethod
    def create(cls, settings: Settings) -> LLMShared:
        """Build them for `settings`; nothing connects until the first call."""
        if settings.llm_piece_chars is not None:
            log.warning(
                "LLM_PIECE_CHARS is deprecated: LLM_CONTEXT_TOKENS now sizes what piece-wide"
                " commands send; the character cap still applies on top of it"
            )
        prompts = load_prompts()
        model = ModelClient(make_client(settings), settings, format_prompt=prompts["format"])
        cache = AnswerCache(settings.llm_cache_path) if settings.llm_cache else None
        digests = asyncio.Semaphore(max(1, settings.llm_max_concurrency - 1))
        return cls(model, prompts, Budget(model, settings), cache, digests)

    async def aclose(self) -> None:
        """Close the HTTP client and the cache (after the engines that use them)."""
        await self.model.aclose()
        if self.cache is not None:
            await self.cache.aclose()
