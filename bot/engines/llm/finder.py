"""Passages for a question or a topic: what to search for (rewritten by the model when the
question needs it), the search, and the excerpts that fit the call's budgets."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from bot.core.answer import Turn
from bot.core.article import Article
from bot.core.retrieval import Hit, Retriever
from bot.engines.llm.budget import Budget
from bot.engines.llm.context import Excerpt, Part, ask_excerpts
from bot.engines.llm.rewrite import QueryRewriter
from bot.engines.llm.runner import MIN_CALL_TIMEOUT_S, Attempt
from bot.engines.llm.usage import Usage
from bot.settings import Settings

REWRITE_SHARE = 0.3  # the query rewrite may use at most this share of the time left


class Finder:
    """Finds the passages a question (or a quote topic) is answered from."""

    def __init__(
        self,
        article: Article,
        *,
        retriever: Retriever,
        rewriter: QueryRewriter,
        budget: Budget,
        settings: Settings,
    ) -> None:
        self.article = article
        self.retriever = retriever
        self.rewriter = rewriter
        self.budget = budget
        self.settings = settings

    async def query(self, question: str, history: Sequence[Turn], attempt: Attempt) -> str:
        """What to search the piece for: the question, or the model's standalone rewrite."""
        if not self.rewriter.needed(question, history):
            return question
        budget = max(MIN_CALL_TIMEOUT_S, attempt.left() * REWRITE_SHARE)
        context = await self.budget.context()
        try:
            async with asyncio.timeout(budget):
                rewritten, usage, calls = await self.rewriter.rewrite(
                    question,
                    history,
                    timeout=budget,
                    max_tokens=self.budget.output("rewrite", context),
                )
        except TimeoutError:
            rewritten, usage, calls = None, Usage(), 1
        attempt.add(usage, calls)
        if rewritten:
            return rewritten
        return f"{history[-1].question} {question}" if history else question

    async def search(self, query: str, question: str, attempt: Attempt) -> list[Hit]:
        k = self.settings.llm_ask_passages
        timeout = max(MIN_CALL_TIMEOUT_S, attempt.left() / 4)
        hits = await self.retriever.asearch(query, k, timeout=timeout)
        if query != question and len(hits) < k:
            seen = {h.passage for h in hits}
            more = await self.retriever.asearch(question, k, timeout=MIN_CALL_TIMEOUT_S)
            hits += [h for h in more if h.passage not in seen]
        return hits[:k]

    def excerpts(self, hits: Sequence[Hit], history: Sequence[Turn], tokens: int) -> list[Excerpt]:
        """The passages of `hits` (and of the last answer) within `tokens` and the char budget."""
        return ask_excerpts(
            self.article,
            hits,
            history,
            count=self.settings.llm_ask_passages,
            budget_chars=self.settings.llm_ask_context_chars,
            budget_tokens=tokens,
        )

    async def topic(self, topic: str, tokens: int, attempt: Attempt) -> tuple[Part, ...]:
        """The passages found for `topic`, as one part within `tokens`: a long piece's
        material for quotes on a topic."""
        hits = await self.search(topic, topic, attempt)
        excerpts = ask_excerpts(
            self.article,
            hits,
            (),
            count=self.settings.llm_ask_passages,
            budget_chars=self.settings.llm_piece_chars or self.settings.llm_ask_context_chars,
            budget_tokens=tokens,
        )
        if not excerpts:
            return ()
        return (Part(excerpts[0].passage, excerpts[-1].passage, tuple(excerpts)),)
