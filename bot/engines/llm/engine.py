"""The LLM engine: fluent answers in the reader's language, every citation verified, never stuck."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any

from bot.core.answer import Answer, Turn
from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.core.language import question_language, target_language, ui_language
from bot.core.question import asks_for_gist
from bot.core.retrieval import Hit, LexicalRetriever, Retriever
from bot.core.workers import finish_cancelled
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
from bot.engines.llm.cache import cache_key
from bot.engines.llm.checks import Enforcer
from bot.engines.llm.context import ask_messages, defuse, piece_messages
from bot.engines.llm.errors import ModelError
from bot.engines.llm.finder import Finder
from bot.engines.llm.generate import Generator, Prepared
from bot.engines.llm.material import DIGEST_PROMPTS, Material
from bot.engines.llm.replies import Builder, Replies
from bot.engines.llm.rewrite import QueryRewriter
from bot.engines.llm.runner import Attempt, Emit, Produce, Runner, with_drafts
from bot.engines.llm.schema import SCHEMA_VERSION
from bot.engines.llm.shared import LLMShared
from bot.engines.llm.tokens import message_tokens
from bot.settings import Settings

log = logging.getLogger(__name__)

# Which prompt files each command's answer depends on (their versions go into cache keys);
# piece-wide commands also depend on those of a long piece's digests.
PROMPTS_USED: dict[str, tuple[str, ...]] = {
    "summary": (*DIGEST_PROMPTS, "summary", "summary_lengths"),
    "factors": (*DIGEST_PROMPTS, "factors"),
    "factor": (*DIGEST_PROMPTS, "factors", "factor"),
    "quote": (*DIGEST_PROMPTS, "quote", "quote_topic"),
    "ask": ("system", "piece_meta", "ask", "rewrite", "retry", "retry_failures", "format"),
}
# A builder for a reply, once the passages shown (its allowed ids) are known.
BuilderFor = Callable[[frozenset[int]], Builder]


class LLMEngine(Engine):
    """An `Engine` backed by an OpenAI-compatible model, with the offline engine as its net."""

    name = "llm"

    def __init__(
        self,
        article: Article,
        *,
        shared: LLMShared,
        fallback: Engine,
        settings: Settings,
        retriever: Retriever | None = None,
        grounder: Grounder | None = None,
        owns_shared: bool = False,
    ) -> None:
        self.article = article
        self.shared = shared
        self.owns_shared = owns_shared  # else the builder closes `shared`, after the engines
        self.model = model = shared.model
        self.cache = cache = shared.cache
        self.prompts = shared.prompts
        self.budget = shared.budget
        self.fallback = fallback
        self.settings = settings
        self.retriever: Retriever = retriever or LexicalRetriever(article)
        grounder = grounder or Grounder(article)
        enforcer = Enforcer(grounder)
        self.replies = Replies(article, enforcer, self.name)
        self.generator = Generator(model, self.prompts, enforcer, timeout_s=settings.llm_timeout_s)
        self.runner = Runner(
            model_name=model.model,
            grounder=grounder,
            cache=cache,
            deadline_s=settings.llm_deadline_s,
        )
        self.finder = Finder(
            article,
            retriever=self.retriever,
            rewriter=QueryRewriter(article, model, self.prompts),
            budget=self.budget,
            settings=settings,
        )
        self.material = Material(
            article,
            shared=shared,
            generator=self.generator,
            replies=self.replies,
            grounder=grounder,
            settings=settings,
        )
        self._warm_task: asyncio.Task[None] | None = None

    async def aclose(self) -> None:
        """Stop background work (warm-up, answers and digests in the making, the fallback's
        analysis); close the client and cache only if this engine owns them."""
        if self._warm_task is not None and not self._warm_task.done():
            self._warm_task.cancel()
            await finish_cancelled(self._warm_task)
        await self.runner.aclose()  # shared answers outlive the warm-up that started them
        await self.material.aclose()
        await self.retriever.aclose()  # embeddings may still be computing
        await self.fallback.aclose()  # its warm-up, started by ours
        if self.owns_shared:
            await self.shared.aclose()

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
        # The length's wording and citation counts: `prompts/summary_lengths.txt`.
        wording = self.prompts["summary_lengths"].entries(length)
        task = self.prompts["summary"].render(language=language, **wording)
        context = await self.budget.context()
        return await self.runner.answer(
            "summary",
            self._key("summary", {"length": length, "language": language}, context),
            self._on_piece(
                task,
                "summary",
                lambda allowed: self.replies.answer("summary", allowed, needs_cover=False),
                "summary",
                f"summary.{length}",
            ),
            lambda: self.fallback.summary(length, locale=locale),
            self._ui(locale),
        )

    async def factors(self, *, locale: str | None = None) -> Answer:
        language = target_language(locale, self.article.meta.language)
        lang = self._ui(locale)
        task = self.prompts["factors"].render(language=language)
        context = await self.budget.context()
        return await self.runner.answer(
            "factors",
            # `lang`: the partial-list note's language
            self._key("factors", {"language": language, "ui": lang}, context),
            self._on_piece(
                task,
                "factors",
                lambda allowed: self.replies.factors(allowed, lang),
                "factors",
                "factors",
            ),
            lambda: self.fallback.factors(locale=locale),
            lang,
        )

    async def factor(self, n: int, *, locale: str | None = None) -> Answer:
        # One deadline for the list (if not cached yet) and the detail together.
        deadline = self.runner.deadline()
        listing = await self.factors(locale=locale)
        if listing.engine != self.name:
            # The reader saw the offline list: number its factors the same way, and say why.
            answer = await self.fallback.factor(n, locale=locale)
            notes = [listing.note or ""]
            if answer.note and answer.note not in notes[0]:
                notes.append(answer.note)
            note = " ".join(notes).strip() or None
            return replace(answer, note=note, extra={**answer.extra, **listing.extra})
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
        context = await self.budget.context()
        # The key holds all the prompt says of the list: a list made afresh may differ.
        listed = {"title": item.title, "description": item.text, "count": len(listing.items)}
        return await self.runner.answer(
            "factor",
            self._key("factor", {"n": n, "language": language, **listed}, context),
            self._on_piece(
                task,
                "summary",
                lambda allowed: self.replies.factor(n, item, allowed),
                "factor",
                "factor",
            ),
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
        clause = " " + self.prompts["quote_topic"].render(topic=defuse(topic)) if topic else ""
        task = self.prompts["quote"].render(k=k, topic_clause=clause, language=language)
        context = await self.budget.context()
        args = {"topic": topic, "k": k, "language": language, "ui": lang}
        return await self.runner.answer(
            "quote",
            # `lang`: the language of the no-quotes text
            self._key("quote", args, context),
            self._on_piece(
                task,
                "quotes",
                lambda allowed: self.replies.quotes(allowed, k, topic, lang),
                "quote",
                "quote",
                quotes=k,
                topic=topic,
            ),
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

    def _on_piece(
        self,
        task: str,
        schema: str,
        build: BuilderFor,
        command: str,
        call: str,
        *,
        quotes: int = 0,
        topic: str | None = None,
    ) -> Produce:
        """How a command about the whole piece is produced: the piece (whole, or its digests;
        for a topic on a long piece, the passages found for it), then the task."""

        async def produce(attempt: Attempt) -> Answer | None:
            async def prepare(context: int) -> Prepared:
                if topic is not None and not await self.material.fits(context):
                    tokens = self.material.piece_tokens(context)
                    material = await self.finder.topic(topic, tokens, attempt)
                else:
                    material = await self.material.parts(context, attempt)
                allowed = frozenset(e.passage for part in material for e in part.excerpts)
                return Prepared(
                    piece_messages(self.prompts, self.article, material, task),
                    schema,
                    allowed,
                    build(allowed),
                    self.budget.output(call, context, quotes),
                )

            return await self._fitting(command, prepare, attempt)

        return produce

    async def _fitting(
        self,
        command: str,
        prepare: Callable[[int], Awaitable[Prepared]],
        attempt: Attempt,
        emit: Emit | None = None,
    ) -> Answer | None:
        """Prepare for the model's context and generate; when the server says the prompt is
        over its context after all, plan for the smaller context it names and retry once."""
        context = await self.budget.context()
        for last in (False, True):
            try:
                # Preparing may call the model too (a long piece's digests).
                prepared = await prepare(context)
                return await self.generator.generate(prepared, command, attempt, emit)
            except ModelError as exc:
                if exc.kind != "context" or last:
                    raise
                context = self.budget.overflowed(exc, context)
                log.warning("%s: over the server's context; retrying with %d", command, context)
        return None  # pragma: no cover - the loop returns or raises

    async def _ask(
        self, question: str, history: Sequence[Turn], locale: str | None, emit: Emit | None
    ) -> Answer:
        if asks_for_gist(question):
            # この記事の要点は？ / what is this piece about?: the whole piece (its digests when
            # long), not the passages a search finds; in the question's language.
            asked_in = locale or self._ui(None, question)
            return replace(await self.summary("short", locale=asked_in), kind="ask")
        language = question_language(question, locale)
        context = await self.budget.context()

        async def produce(attempt: Attempt) -> Answer | None:
            query = await self.finder.query(question, history, attempt)
            hits = await self.finder.search(query, question, attempt)

            async def prepare(context: int) -> Prepared:
                return self._prepare_ask(question, history, language, hits, context)

            return await self._fitting("ask", prepare, attempt, emit)

        return await self.runner.answer(
            "ask",
            self._key("ask", {"question": question, "language": language}, context),
            produce,
            lambda: self.fallback.ask(question, history, locale=locale),
            self._ui(locale, question),
            cacheable=not history,  # a follow-up's meaning depends on the conversation
        )

    def _prepare_ask(
        self,
        question: str,
        history: Sequence[Turn],
        language: str,
        hits: Sequence[Hit],
        context: int,
    ) -> Prepared:
        output = self.budget.output("ask", context)
        bare = ask_messages(self.prompts, self.article, [], question, history, language)
        tokens = self.budget.prompt(context, output) - message_tokens(bare)
        excerpts = self.finder.excerpts(hits, history, tokens)
        allowed = frozenset(e.passage for e in excerpts)
        messages = ask_messages(self.prompts, self.article, excerpts, question, history, language)
        return Prepared(messages, "answer", allowed, self.replies.answer("ask", allowed), output)

    # ------------------------------------------------------------ helpers

    def _ui(self, locale: str | None, sample: str | None = None) -> str:
        """The language of the engine's own sentences (notes) for this reader."""
        return ui_language(locale, sample, default=self.article.meta.language)

    def _key(self, command: str, args: dict[str, Any], context: int) -> str:
        """The cache key of an answer: the piece, model, prompts, arguments, and what decides
        the material shown (the context size; the piece cap for piece-wide commands; retrieval
        settings for a question, and for a topic, found by retrieval on a long piece)."""
        version = self.prompts.version_for(*PROMPTS_USED[command]) + f"|schema@{SCHEMA_VERSION}"
        s = self.settings
        retrieval = f"{s.llm_ask_passages}/{s.llm_ask_context_chars}/{s.openai_embedding_model}"
        shown = retrieval if command == "ask" else f"{s.llm_piece_chars}"
        if args.get("topic") is not None:
            shown += f"/{retrieval}"
        return cache_key(
            self.article.sha256,
            self.model.model,
            version,
            command,
            {**args, "material": f"{context}/{shown}"},
        )
