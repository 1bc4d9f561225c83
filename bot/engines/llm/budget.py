"""Token budgets: the model's context (configured, reported by the server, or learnt from an
overflow) and how much each kind of call may write."""

from __future__ import annotations

import asyncio
import logging

from bot.engines.llm.client import OPENAI_URL, ModelClient, reported_context
from bot.engines.llm.errors import ModelError
from bot.engines.llm.formats import MEMORY
from bot.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_CONTEXT_TOKENS = 8192  # llama.cpp's and many local servers' default (-c / n_ctx)
OPENAI_CONTEXT_TOKENS = 128_000  # OpenAI's chat models take at least this much
PROBE_TIMEOUT_S = 5.0
SHRINK = 0.6  # after an overflow that names no size, the share of the context to try next
MARGIN = 0.04  # of the context kept free: the estimate bounds tokens, chat templates vary
# Completion tokens per kind of call: room for the answer it asks for, no more, so a model
# that loops in a JSON string stops soon (a reply cut off there is malformed at once).
OUTPUT_TOKENS = {
    "rewrite": 120,
    "ask": 1200,
    "summary.short": 600,
    "summary.medium": 1200,
    "summary.long": 2000,
    "factors": 2000,
    "factor": 1200,
    "quote": 200,  # and QUOTE_TOKENS for each quote asked for
    "digest": 700,
    "condense": 900,
}
QUOTE_TOKENS = 240
# Piece-wide commands share one system message (the piece), sized for the largest of them.
PIECE_CALLS = ("summary.long", "factors", "factor", "digest", "condense")
TASK_TOKENS = 500  # what a piece-wide command's own instructions may take, at most


class Budget:
    """How many tokens a call may send and receive on this server, for this model."""

    def __init__(self, model: ModelClient, settings: Settings) -> None:
        self.model = model
        self.settings = settings
        self._probe_lock = asyncio.Lock()
        self._probed = False

    def output(self, call: str, context: int, quotes: int = 0) -> int:
        """The `max_tokens` of a call of kind `call` (`quotes`: how many quotes it asks for);
        never more than a quarter of the context, so the prompt keeps the rest."""
        wanted = OUTPUT_TOKENS[call] + QUOTE_TOKENS * quotes
        return min(wanted, self.settings.llm_max_output_tokens, context // 4)

    def piece_output(self, context: int) -> int:
        return max(self.output(call, context) for call in PIECE_CALLS)

    def prompt(self, context: int, output: int) -> int:
        """Tokens a request may send when its reply may take `output` of `context`."""
        return int(context * (1 - MARGIN)) - output

    async def context(self) -> int:
        """The context size to plan for: the setting (never above what the server reported
        or an overflow taught), else the server's report, else a common default."""
        learnt = MEMORY.context(self.model.server)
        configured = self.settings.llm_context_tokens
        if configured is not None:
            return min(configured, learnt) if learnt else configured
        if learnt is None and not self._probed:
            await self._probe()
            learnt = MEMORY.context(self.model.server)
        if learnt is not None:
            return learnt
        openai_proper = self.model.server[0].startswith(OPENAI_URL)
        return OPENAI_CONTEXT_TOKENS if openai_proper else DEFAULT_CONTEXT_TOKENS

    async def _probe(self) -> None:
        """Ask `/v1/models` once what context the server runs the model with."""
        async with self._probe_lock:
            if self._probed:
                return
            self._probed = True
            if self.model.server[0].startswith(OPENAI_URL):
                return  # OpenAI's list names no context sizes
            try:
                models = await self.model.listed_models(timeout=PROBE_TIMEOUT_S)
            except ModelError as exc:
                log.info("could not read the server's models (%s); assuming a context", exc)
                return
            size = reported_context(models, self.model.model)
            if size is not None:
                MEMORY.learn_context(self.model.server, size, "reported by /v1/models")

    def overflowed(self, error: ModelError, context: int) -> int:
        """Learn from a server's overflow error; the context to plan for from now on."""
        reported = error.context_tokens
        smaller = reported if reported is not None and reported < context else None
        new = smaller or int(context * SHRINK)
        MEMORY.learn_context(self.model.server, new, "the server said the prompt was too long")
        return new
