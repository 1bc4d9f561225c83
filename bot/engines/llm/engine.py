"""The LLM engine: fluent answers in the reader's language, every citation verified, never stuck."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

from bot.core.answer import Answer, Turn
from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.core.language import question_language, target_language, ui_language
from bot.core.retrieval import Hit, LexicalRetriever, Retriever
from bot.engines.base import (
    Engine,
    Length,
    StreamEvent,
    check_count,
    check_factor_number,
    check_length,
    check_question,
    check_topic,
)
from bot.engines.llm.cache import AnswerCache, cache_key
from bot.engines.llm.checks import Enforcer
from bot.engines.llm.client import ModelClient
from bot.engines.llm.context import (
    Excerpt,
    ask_excerpts,
    ask_messages,
    defuse,
    piece_excerpts,
    piece_messages,
)
from bot.engines.llm.generate import Generator, Prepared
from bot.engines.llm.prompts import PromptSet, load_prompts
from bot.engines.llm.replies import Builder, Replies
from bot.engines.llm.rewrite import QueryRewriter
from bot.engines.llm.runner import (
    MIN_CALL_TIMEOUT_S,
    Attempt,
    Emit,
    Produce,
    Runner,
    with_drafts,
)
from bot.engines.llm.schema import SCHEMA_VERSION
from bot.engines.llm.usage import Usage
from bot.settings import Settings

log = logging.getLogger(__name__)

REWRITE_SHARE = 0.3  # the query rewrite may use at most this share of the time left
SUMMARY_LENGTHS: dict[str, tuple[str, int, int]] = {
    "short": ("2 or 3 sentences, at most about 60 words", 2, 3),
    "medium": ("one paragraph of 5 to 7 sentences", 3, 6),
    "long": ("three or four paragraphs", 5, 10),
}
# Which prompt files each command's answer depends on (their versions go into cache keys).
PROMPTS_USED: dict[str, tuple[str, ...]] = {
    "summary": ("system", "summary", "retry"),
    "factors": ("system", "factors", "retry"),
    "factor": ("system", "factors", "factor", "retry"),
    "quote": ("system", "quote", "retry"),
    "ask": ("system", "ask", "rewrite", "retry"),
}


class LLMEngine(Engine):
    """An `Engine` backed by an OpenAI-compatible model, with the offline engine as its net."""

    name = "llm"

    def __init__(
        self,
        article: Article,
        *,
        model: ModelClient,
        fallback: Engine,
        settings: Settings,
        retriever: Retriever | None = None,
        cache: AnswerCache | None = None,
        prompts: PromptSet | None = None,
    ) -> None:
        self.article = article
        self.model = model
        self.fallback = fallback
        self.settings = settings
        self.retriever: Retriever = retriever or LexicalRetriever(article)
        self.cache = cache
        self.prompts = prompts or load_prompts()
        grounder = Grounder(article)
        enforcer = Enforcer(grounder)
        self.replies = Replies(article, enforcer, self.name)
        self.generator = Generator(model, self.prompts, enforcer, timeout_s=settings.llm_timeout_s)
        self.runner = Runner(
            model_name=model.model,
            grounder=grounder,
            cache=cache,
            deadline_s=settings.llm_deadline_s,
        )
        self.rewriter = QueryRewriter(article, model, self.prompts)
        self.piece: list[Excerpt] = piece_excerpts(article, settings.llm_piece_chars)
        self._piece_ids = frozenset(e.passage for e in self.piece)
        self._material = hashlib.sha256(
            ",".join(f"{e.passage}:{e.start}-{e.end}" for e in self.piece).encode()
        ).hexdigest()[:12]
        # What decides the passages a question is answered from: part of every `ask` key.
        self._retrieval = (
            f"{settings.llm_ask_passages}/{settings.llm_ask_context_chars}"
            f"/{settings.openai_embedding_model or '-'}"
        )
        self._warm_task: asyncio.Task[None] | None = None

    async def aclose(self) -> None:
        """Stop warm-up and close the HTTP client and the cache."""
        if self._warm_task is not None and not self._warm_task.done():
            self._warm_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._warm_task
        await self.retriever.aclose()  # embeddings may still be computing
        await self.model.aclose()
        if self.cache is not None:
            await self.cache.aclose()

    # ------------------------------------------------------------ warm-up

    async def warm(self, locales: Sequence[str | None] = (None,)) -> None:
        """Compute (and cache) summary and factors so the first readers get them at once."""
        jobs = [c for loc in locales for c in (self.summary(locale=loc), self.factors(locale=loc))]
        results = await asyncio.gather(*jobs, return_exceptions=True)
        for r in results:
            if isinstance(r, BaseException):
                log.warning("warm-up failed: %s", r)
        log.info("warm-up done (%d answers)", len(results))

    def start_warm_up(self, locales: Sequence[str | None] = (None,)) -> asyncio.Task[None] | None:
        """Schedule `warm()` in the background (needs a running loop); None if disabled."""
        self.fallback.start_warm_up()  # the shared index and the fallback's analysis, in a thread
        if not self.settings.llm_warm_up:
            return None
        if self._warm_task is None or self._warm_task.done():
            self._warm_task = asyncio.get_running_loop().create_task(self.warm(locales))
        return self._warm_task

    # ------------------------------------------------------------ Engine protocol

    async def summary(self, length: Length = "medium", *, locale: str | None = None) -> Answer:
        length = check_length(length)
        language = target_language(locale, self.article.meta.language)
        words, low, high = SUMMARY_LENGTHS[length]
        task = self.prompts["summary"].render(
            length=words, language=language, min_citations=low, max_citations=high
        )
        build = self.replies.answer("summary", self._piece_ids, needs_cover=False)
        return await self.runner.answer(
            "summary",
            self._key("summary", {"length": length, "language": language}),
            self._on_piece(task, "summary", build, "summary"),
            lambda: self.fallback.summary(length, locale=locale),
            self._ui(locale),
        )

    async def factors(self, *, locale: str | None = None) -> Answer:
        language = target_language(locale, self.article.meta.language)
        lang = self._ui(locale)
        task = self.prompts["factors"].render(language=language)
        build = self.replies.factors(self._piece_ids, lang)
        return await self.runner.answer(
            "factors",
            # `lang`: the partial-list note's language
            self._key("factors", {"language": language, "ui": lang}),
            self._on_piece(task, "factors", build, "factors"),
            lambda: self.fallback.factors(locale=locale),
            lang,
        )

    async def factor(self, n: int, *, locale: str | None = None) -> Answer:
        # One deadline for the list (if not cached yet) and the detail together.
        deadline = self.runner.deadline()
        listing = await self.factors(locale=locale)
        if listing.engine != self.name:
            # The reader saw the offline list: number its factors the same way.
            return await self.fallback.factor(n, locale=locale)
        check_factor_number(n, len(listing.items))
        item = listing.items[n - 1]
        language = target_language(locale, self.article.meta.language)
        task = self.prompts["factor"].render(
            number=n,
            count=len(listing.items),
            title=item.title,
            description=item.text,
            language=language,
        )
        build = self.replies.factor(n, item, self._piece_ids)
        return await self.runner.answer(
            "factor",
            self._key("factor", {"n": n, "language": language, "title": item.title}),
            self._on_piece(task, "summary", build, "factor"),
            lambda: self.fallback.factor(n, locale=locale),
            self._ui(locale),
            deadline=deadline,
        )

    async def quotes(
        self, topic: str | None = None, k: int = 3, *, locale: str | None = None
    ) -> Answer:
        k = check_count(k)
        topic = check_topic(topic)
        if locale is None and topic is not None:
            language = question_language(topic, None)
        else:
            language = target_language(locale, self.article.meta.language)
        lang = self._ui(locale, topic)
        clause = f" about this topic: <question>{defuse(topic)}</question>" if topic else ""
        task = self.prompts["quote"].render(k=k, topic_clause=clause, language=language)
        build = self.replies.quotes(self._piece_ids, k, topic, lang)
        return await self.runner.answer(
            "quote",
            # `lang`: the language of the no-quotes text
            self._key("quote", {"topic": topic, "k": k, "language": language, "ui": lang}),
            self._on_piece(task, "quotes", build, "quote"),
            lambda: self.fallback.quotes(topic, k, locale=locale),
            lang,
        )

    async def ask(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> Answer:
        return await self._ask(check_question(question), history, locale, None)

    async def ask_stream(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> AsyncIterator[StreamEvent]:
        """Yield the answer's text as it arrives; the last event carries the verified `Answer`.

        The same path as `ask` (a cached answer comes at once, as the only event)."""
        question = check_question(question)
        async for event in with_drafts(lambda emit: self._ask(question, history, locale, emit)):
            yield event

    # ------------------------------------------------------------ the requests

    def _on_piece(self, task: str, schema: str, build: Builder, command: str) -> Produce:
        """How a command about the whole piece is produced: the piece, then the task."""
        prepared = Prepared(
            piece_messages(self.prompts, self.article, self.piece, task),
            schema,
            self._piece_ids,
            build,
        )

        async def produce(attempt: Attempt) -> Answer | None:
            return await self.generator.generate(prepared, command, attempt)

        return produce

    async def _ask(
        self, question: str, history: Sequence[Turn], locale: str | None, emit: Emit | None
    ) -> Answer:
        language = question_language(question, locale)

        async def produce(attempt: Attempt) -> Answer | None:
            prepared = await self._prepare_ask(question, history, language, attempt)
            return await self.generator.generate(prepared, "ask", attempt, emit)

        return await self.runner.answer(
            "ask",
            self._key("ask", {"question": question, "language": language}),
            produce,
            lambda: self.fallback.ask(question, history, locale=locale),
            self._ui(locale, question),
            cacheable=not history,  # a follow-up's meaning depends on the conversation
        )

    async def _prepare_ask(
        self, question: str, history: Sequence[Turn], language: str, attempt: Attempt
    ) -> Prepared:
        query = question
        if self.rewriter.needed(question, history):
            budget = max(MIN_CALL_TIMEOUT_S, attempt.left() * REWRITE_SHARE)
            try:
                async with asyncio.timeout(budget):
                    rewritten, usage, calls = await self.rewriter.rewrite(
                        question, history, timeout=budget
                    )
            except TimeoutError:
                rewritten, usage, calls = None, Usage(), 1
            attempt.add(usage, calls)
            if rewritten:
                query = rewritten
            elif history:
                query = f"{history[-1].question} {question}"
        hits = await self._search(query, question, attempt)
        excerpts = ask_excerpts(
            self.article,
            hits,
            history,
            count=self.settings.llm_ask_passages,
            budget_chars=self.settings.llm_ask_context_chars,
        )
        allowed = frozenset(e.passage for e in excerpts)
        messages = ask_messages(self.prompts, self.article, excerpts, question, history, language)
        return Prepared(messages, "answer", allowed, self.replies.answer("ask", allowed))

    async def _search(self, query: str, question: str, attempt: Attempt) -> list[Hit]:
        k = self.settings.llm_ask_passages
        timeout = max(MIN_CALL_TIMEOUT_S, attempt.left() / 4)
        hits = await self.retriever.asearch(query, k, timeout=timeout)
        if query != question and len(hits) < k:
            seen = {h.passage for h in hits}
            more = await self.retriever.asearch(question, k, timeout=MIN_CALL_TIMEOUT_S)
            hits += [h for h in more if h.passage not in seen]
        return hits[:k]

    # ------------------------------------------------------------ helpers

    def _ui(self, locale: str | None, sample: str | None = None) -> str:
        """The language of the engine's own sentences (notes) for this reader."""
        return ui_language(locale, sample, default=self.article.meta.language)

    def _key(self, command: str, args: dict[str, Any]) -> str:
        version = self.prompts.version_for(*PROMPTS_USED[command]) + f"|schema@{SCHEMA_VERSION}"
        return cache_key(
            self.article.sha256,
            self.model.model,
            version,
            command,
            {
                **args,
                "material": self._retrieval if command == "ask" else self._material,
            },
        )
