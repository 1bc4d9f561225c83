"""Rewrite follow-ups and other-language questions as standalone queries in the piece's language."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence

from bot.core.answer import Turn
from bot.core.article import Article
from bot.core.language import differs_from_piece
from bot.engines.base import current_request
from bot.engines.llm.checks import MalformedReply, parse_json, text_field
from bot.engines.llm.client import ModelClient
from bot.engines.llm.context import rewrite_messages
from bot.engines.llm.errors import ModelError
from bot.engines.llm.prompts import PromptSet
from bot.engines.llm.usage import Usage

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 300
_MEMORY = 256


class QueryRewriter:
    """Asks the model for a search query; any failure just means searching with the question.
    Queries are remembered for every reader of the piece, but never a private request's."""

    def __init__(self, article: Article, model: ModelClient, prompts: PromptSet) -> None:
        self.article = article
        self.model = model
        self.prompts = prompts
        self._memory: OrderedDict[tuple[str, ...], str] = OrderedDict()

    def needed(self, question: str, history: Sequence[Turn]) -> bool:
        """Follow-ups need their context; a question in another language needs the piece's words."""
        return bool(history) or differs_from_piece(question, self.article.meta.language)

    async def rewrite(
        self, question: str, history: Sequence[Turn], *, timeout: float, max_tokens: int
    ) -> tuple[str | None, Usage, int]:
        """(query or None when the model could not help, usage, number of model calls)."""
        key = (question, *(t.question for t in history[-3:]))
        if key in self._memory:
            self._memory.move_to_end(key)
            return self._memory[key], Usage(), 0
        messages = rewrite_messages(self.prompts, self.article, question, history)
        try:
            reply = await self.model.chat(
                messages, "rewrite", command="rewrite", timeout=timeout, max_tokens=max_tokens
            )
            query = text_field(parse_json(reply.content), "query")
        except (ModelError, MalformedReply) as exc:
            log.info("query rewrite failed (%s); searching with the question itself", exc)
            return None, Usage(), 1
        query = " ".join(query.split())[:MAX_QUERY_CHARS]
        if not query:
            return None, reply.usage, 1
        if not current_request().private:  # a DM's words are not kept (see ReaderRequest)
            self._memory[key] = query
            if len(self._memory) > _MEMORY:
                self._memory.popitem(last=False)
        log.debug("rewrote %r as %r", question, query)
        return query, reply.usage, 1
