"""The LLM engine: fluent answers in the reader's language, every citation verified, never stuck."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.core.answer import Answer, AnswerItem, Citation, Turn
from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.core.language import is_japanese
from bot.core.retrieval import Hit, LexicalRetriever, Retriever
from bot.engines.base import (
    Engine,
    InvalidRequest,
    Length,
    StreamEvent,
    check_count,
    check_factor_number,
    check_length,
    check_question,
    check_topic,
)
from bot.engines.llm.cache import AnswerCache, cache_key
from bot.engines.llm.checks import (
    Enforcer,
    MalformedReply,
    failure_list,
    parse_json,
    text_field,
)
from bot.engines.llm.client import ModelClient, ModelError, Reply
from bot.engines.llm.context import (
    Excerpt,
    Message,
    ask_excerpts,
    ask_messages,
    defuse,
    piece_excerpts,
    piece_messages,
    question_language,
    target_language,
)
from bot.engines.llm.notes import fallback_note, partial_note
from bot.engines.llm.partial import partial_text
from bot.engines.llm.prompts import PromptSet, load_prompts
from bot.engines.llm.rewrite import QueryRewriter
from bot.engines.llm.schema import SCHEMA_VERSION
from bot.engines.llm.usage import Usage
from bot.engines.messages import language as ui_language
from bot.engines.messages import message
from bot.settings import Settings

log = logging.getLogger(__name__)

FALLBACK_RESERVE_S = 1.0  # kept back from the deadline for the offline answer
MIN_RETRY_S = 2.0  # a grounding retry with less time left than this would only time out
REWRITE_SHARE = 0.3  # the query rewrite may use at most this share of the time left
MIN_CALL_TIMEOUT_S = 0.5
NOT_COVERED_MAX_CHARS = 400
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

# (data, final attempt) -> (answer or None, failures); raises MalformedReply on a wrong shape.
Builder = Callable[[dict[str, Any], bool], tuple[Answer | None, list[str]]]


@dataclass
class Trace:
    """What one request cost, across its model calls."""

    usage: Usage = field(default_factory=Usage)
    calls: int = 0

    def add(self, reply: Reply) -> None:
        self.usage = self.usage + reply.usage
        self.calls += 1


@dataclass(frozen=True, slots=True)
class Prepared:
    """Messages for one model call, the passage ids they show, and how to read the reply."""

    messages: list[Message]
    schema: str
    allowed: frozenset[int]
    build: Builder


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
        self.grounder = Grounder(article)
        self.enforcer = Enforcer(self.grounder)
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
        self._inflight: dict[str, asyncio.Task[Answer]] = {}
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
        if not self.settings.llm_warm_up:
            return None
        if self._warm_task is None or self._warm_task.done():
            self._warm_task = asyncio.get_running_loop().create_task(self.warm(locales))
        return self._warm_task

    # ------------------------------------------------------------ Engine protocol

    async def summary(self, length: Length = "medium", *, locale: str | None = None) -> Answer:
        length = check_length(length)
        language = target_language(locale, self.article)
        words, low, high = SUMMARY_LENGTHS[length]
        task = self.prompts["summary"].render(
            length=words, language=language, min_citations=low, max_citations=high
        )
        prepared = Prepared(
            piece_messages(self.prompts, self.article, self.piece, task),
            "summary",
            self._piece_ids,
            self._answer_builder("summary", self._piece_ids, needs_cover=False),
        )
        return await self._command(
            "summary",
            {"length": length, "language": language},
            lambda deadline, trace: self._generate(prepared, "summary", deadline, trace),
            lambda: self.fallback.summary(length, locale=locale),
            ui_language(locale, default=self.article.meta.language),
        )

    async def factors(self, *, locale: str | None = None) -> Answer:
        language = target_language(locale, self.article)
        lang = ui_language(locale, default=self.article.meta.language)
        task = self.prompts["factors"].render(language=language)
        prepared = Prepared(
            piece_messages(self.prompts, self.article, self.piece, task),
            "factors",
            self._piece_ids,
            self._factors_builder(lang),
        )
        return await self._command(
            "factors",
            {"language": language, "ui": lang},  # `lang`: the partial-list note's language
            lambda deadline, trace: self._generate(prepared, "factors", deadline, trace),
            lambda: self.fallback.factors(locale=locale),
            lang,
        )

    async def factor(self, n: int, *, locale: str | None = None) -> Answer:
        # One deadline for the list (if not cached yet) and the detail together.
        deadline = self._deadline()
        listing = await self.factors(locale=locale)
        if listing.engine != self.name:
            # The reader saw the offline list: number its factors the same way.
            return await self.fallback.factor(n, locale=locale)
        check_factor_number(n, len(listing.items))
        item = listing.items[n - 1]
        language = target_language(locale, self.article)
        task = self.prompts["factor"].render(
            number=n,
            count=len(listing.items),
            title=item.title,
            description=item.text,
            language=language,
        )
        build = self._answer_builder("factor", self._piece_ids, needs_cover=False)

        def as_factor(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            answer, failures = build(data, final)
            if answer is None:
                return None, failures
            detail = AnswerItem(item.title, answer.text, answer.citations)
            text = f"{n}. {item.title}\n{answer.text}"
            return replace(answer, text=text, items=(detail,)), failures

        prepared = Prepared(
            piece_messages(self.prompts, self.article, self.piece, task),
            "summary",
            self._piece_ids,
            as_factor,
        )
        return await self._command(
            "factor",
            {"n": n, "language": language, "title": item.title},
            lambda deadline, trace: self._generate(prepared, "factor", deadline, trace),
            lambda: self.fallback.factor(n, locale=locale),
            ui_language(locale, default=self.article.meta.language),
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
            language = target_language(locale, self.article)
        lang = ui_language(locale, topic, default=self.article.meta.language)
        clause = f" about this topic: <question>{defuse(topic)}</question>" if topic else ""
        task = self.prompts["quote"].render(k=k, topic_clause=clause, language=language)
        prepared = Prepared(
            piece_messages(self.prompts, self.article, self.piece, task),
            "quotes",
            self._piece_ids,
            self._quotes_builder(k, topic, lang),
        )
        return await self._command(
            "quote",
            {"topic": topic, "k": k, "language": language, "ui": lang},  # the no-quotes text
            lambda deadline, trace: self._generate(prepared, "quote", deadline, trace),
            lambda: self.fallback.quotes(topic, k, locale=locale),
            lang,
        )

    async def ask(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> Answer:
        question = check_question(question)
        language = question_language(question, locale)

        async def produce(deadline: float, trace: Trace) -> Answer | None:
            prepared = await self._prepare_ask(question, history, language, deadline, trace)
            return await self._generate(prepared, "ask", deadline, trace)

        return await self._command(
            "ask",
            {"question": question, "language": language},
            produce,
            lambda: self.fallback.ask(question, history, locale=locale),
            ui_language(locale, question, default=self.article.meta.language),
            cacheable=not history,  # a follow-up's meaning depends on the conversation
        )

    async def ask_stream(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> AsyncIterator[StreamEvent]:
        """Yield the answer's text as it arrives; the last event carries the verified `Answer`."""
        question = check_question(question)
        language = question_language(question, locale)
        lang = ui_language(locale, question, default=self.article.meta.language)
        key = self._key("ask", {"question": question, "language": language})
        if not history and (cached := await self._cached(key)) is not None:
            yield StreamEvent(cached.text, cached)
            return
        deadline = self._deadline()
        trace = Trace()
        answer: Answer | None = None
        reason = "unverified"
        try:
            async with asyncio.timeout_at(deadline):
                prepared = await self._prepare_ask(question, history, language, deadline, trace)
            buffer = ""
            shown = ""
            stream = self.model.stream(
                prepared.messages, prepared.schema, command="ask", timeout=self._timeout(deadline)
            )
            try:
                async with contextlib.aclosing(stream):
                    while True:
                        # The deadline covers each wait for the model, not the reader's own work.
                        async with asyncio.timeout_at(deadline):
                            try:
                                chunk = await anext(stream)
                            except StopAsyncIteration:
                                break
                        if chunk.usage is not None:
                            trace.usage = trace.usage + chunk.usage
                            trace.calls += 1
                        buffer += chunk.text
                        text = _streamable(self.enforcer, partial_text(buffer), prepared.allowed)
                        if text != shown:
                            shown = text
                            yield StreamEvent(text)
            except ModelError as exc:
                # Some servers reject streaming options they do not know: ask plainly instead.
                if exc.kind != "bad_request" or buffer:
                    raise
                log.info("streaming refused (%s); asking without streaming", exc)
                async with asyncio.timeout_at(deadline):
                    plain = await self.model.chat(
                        prepared.messages,
                        prepared.schema,
                        command="ask",
                        timeout=self._timeout(deadline),
                    )
                trace.add(plain)
                buffer = plain.content
            async with asyncio.timeout_at(deadline):
                answer = await self._check_or_retry(
                    prepared, Reply(buffer, "stop", Usage(), 0.0), "ask", deadline, trace
                )
        except InvalidRequest:
            raise
        except Exception as exc:
            reason = _reason(exc)
        if answer is not None:
            answer = self._finish(answer, trace)
            if not history:
                await self._store(key, "ask", answer)
        else:
            answer = await self._fall_back(
                lambda: self.fallback.ask(question, history, locale=locale), reason, lang
            )
        yield StreamEvent(answer.text, answer)

    # ------------------------------------------------------------ the request pipeline

    async def _command(
        self,
        command: str,
        args: dict[str, Any],
        produce: Callable[[float, Trace], Awaitable[Answer | None]],
        fallback: Callable[[], Awaitable[Answer]],
        lang: str,
        *,
        cacheable: bool = True,
        deadline: float | None = None,
    ) -> Answer:
        """Cache, single flight, deadline, and the offline fallback around one command."""
        key = self._key(command, args)
        if cacheable and (cached := await self._cached(key)) is not None:
            return cached
        deadline = deadline if deadline is not None else self._deadline()
        if not cacheable:
            return await self._run(command, key, produce, fallback, lang, deadline, store=False)
        task = self._inflight.get(key)
        if task is None:
            # Two readers asking the same thing at once (or a reader during warm-up) share a call.
            task = asyncio.ensure_future(self._run(command, key, produce, fallback, lang, deadline))
            self._inflight[key] = task
            task.add_done_callback(lambda _t: self._inflight.pop(key, None))
        return await asyncio.shield(task)

    async def _run(
        self,
        command: str,
        key: str,
        produce: Callable[[float, Trace], Awaitable[Answer | None]],
        fallback: Callable[[], Awaitable[Answer]],
        lang: str,
        deadline: float,
        *,
        store: bool = True,
    ) -> Answer:
        trace = Trace()
        reason = "unverified"
        try:
            async with asyncio.timeout_at(deadline):
                answer = await produce(deadline, trace)
        except InvalidRequest:
            raise
        except Exception as exc:
            reason = _reason(exc)
            answer = None
        if answer is None:
            return await self._fall_back(fallback, reason, lang)
        answer = self._finish(answer, trace)
        if store:
            await self._store(key, command, answer)
        return answer

    async def _generate(
        self, prepared: Prepared, command: str, deadline: float, trace: Trace
    ) -> Answer | None:
        reply = await self.model.chat(
            prepared.messages, prepared.schema, command=command, timeout=self._timeout(deadline)
        )
        trace.add(reply)
        return await self._check_or_retry(prepared, reply, command, deadline, trace)

    async def _check_or_retry(
        self, prepared: Prepared, reply: Reply, command: str, deadline: float, trace: Trace
    ) -> Answer | None:
        """Verify the reply; if nothing is supported, ask once more naming what failed."""
        answer, failures = prepared.build(parse_json(reply.content), False)
        if answer is not None:
            return answer
        left = deadline - asyncio.get_running_loop().time()
        if left < min(MIN_RETRY_S, self.settings.llm_timeout_s):
            log.warning("%s: unsupported answer and no time to retry (%s)", command, failures[:3])
            return None
        log.info("%s: retrying once; failures: %s", command, failures[:3])
        retry = self.prompts["retry"].render(failures=failure_list(failures))
        messages = [
            *prepared.messages,
            {"role": "assistant", "content": reply.content},
            {"role": "user", "content": retry},
        ]
        second = await self.model.chat(
            messages, prepared.schema, command=command, timeout=self._timeout(deadline)
        )
        trace.add(second)
        answer, failures = prepared.build(parse_json(second.content), True)
        if answer is None:
            log.warning("%s: answer still unsupported after retry (%s)", command, failures[:3])
        return answer

    async def _prepare_ask(
        self,
        question: str,
        history: Sequence[Turn],
        language: str,
        deadline: float,
        trace: Trace,
    ) -> Prepared:
        query = question
        if self.rewriter.needed(question, history):
            left = deadline - asyncio.get_running_loop().time()
            budget = max(MIN_CALL_TIMEOUT_S, left * REWRITE_SHARE)
            try:
                async with asyncio.timeout(budget):
                    rewritten, usage, calls = await self.rewriter.rewrite(
                        question, history, timeout=budget
                    )
            except TimeoutError:
                rewritten, usage, calls = None, Usage(), 1
            trace.usage = trace.usage + usage
            trace.calls += calls
            if rewritten:
                query = rewritten
            elif history:
                query = f"{history[-1].question} {question}"
        hits = await self._search(query, question, deadline)
        excerpts = ask_excerpts(
            self.article,
            hits,
            history,
            count=self.settings.llm_ask_passages,
            budget_chars=self.settings.llm_ask_context_chars,
        )
        allowed = frozenset(e.passage for e in excerpts)
        messages = ask_messages(self.prompts, self.article, excerpts, question, history, language)
        return Prepared(messages, "answer", allowed, self._answer_builder("ask", allowed))

    async def _search(self, query: str, question: str, deadline: float) -> list[Hit]:
        k = self.settings.llm_ask_passages
        left = deadline - asyncio.get_running_loop().time()
        hits = await self.retriever.asearch(query, k, timeout=max(MIN_CALL_TIMEOUT_S, left / 4))
        if query != question and len(hits) < k:
            seen = {h.passage for h in hits}
            more = await self.retriever.asearch(question, k, timeout=MIN_CALL_TIMEOUT_S)
            hits += [h for h in more if h.passage not in seen]
        return hits[:k]

    # ------------------------------------------------------------ reading replies

    def _answer_builder(
        self, kind: str, allowed: frozenset[int], *, needs_cover: bool = True
    ) -> Builder:
        def build(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            text = text_field(data, "text")
            if not text:
                raise MalformedReply("the answer text is empty")
            if needs_cover and data.get("covered") is False:
                # The model says the piece does not cover it: no citation is owed, none shown.
                # Unsupported text stays short; a long one would be an uncited answer.
                clean = self.enforcer.clean_text(text, ())
                if len(clean) > NOT_COVERED_MAX_CHARS:
                    clean = message("not_covered", "ja" if is_japanese(clean) else "en")
                return Answer(clean, (), self.name, grounded=False, kind=kind), []
            checked = self.enforcer.citations(data.get("citations"), set(allowed))
            if not checked.citations:
                return None, checked.failures or ["the answer cited no passage"]
            cited = {c.passage for c in checked.citations}
            answer = Answer(
                self.enforcer.clean_text(text, cited),
                tuple(checked.citations),
                self.name,
                grounded=True,
                kind=kind,
            )
            return answer, checked.failures

        return build

    def _factors_builder(self, lang: str) -> Builder:
        allowed = set(self._piece_ids)

        def build(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            intro = text_field(data, "intro")
            raw_items = data.get("items")
            if not isinstance(raw_items, list) or not raw_items:
                raise MalformedReply("no items in the factor list")
            items: list[AnswerItem] = []
            failures: list[str] = []
            for raw in raw_items:
                item, item_failures = self.enforcer.item(raw, allowed)
                failures += item_failures
                if item is not None:
                    items.append(item)
            dropped = len(raw_items) - len(items)
            # A list with a hole misnumbers the factors: retry first, accept a partial list last.
            if not items or (dropped and not final):
                return None, failures
            citations: list[Citation] = []
            for item in items:
                citations += [c for c in item.citations if c not in citations]
            cited = {c.passage for c in citations}
            lines = [self.enforcer.clean_text(intro, cited)] if intro else []
            lines += [f"{n}. {i.title} — {i.text}" for n, i in enumerate(items, start=1)]
            note = partial_note(dropped, lang) if dropped else None
            answer = Answer(
                "\n".join(lines),
                tuple(citations),
                self.name,
                grounded=True,
                kind="factors",
                items=tuple(items),
                note=note,
            )
            return answer, failures

        return build

    def _quotes_builder(self, k: int, topic: str | None, lang: str) -> Builder:
        allowed = set(self._piece_ids)
        ja = self.article.meta.language.startswith("ja")
        open_q, close_q = ("「", "」") if ja else ("“", "”")

        def build(data: dict[str, Any], final: bool) -> tuple[Answer | None, list[str]]:
            raw = data.get("quotes")
            if not isinstance(raw, list):
                raise MalformedReply("'quotes' is not a list")
            if data.get("covered") is False or not raw:
                if topic is None:
                    return None, ["no quotes were given, but the whole piece is open to quote"]
                text = message("no_quotes", lang, topic=topic)
                return Answer(text, (), self.name, grounded=False, kind="quote"), []
            checked = self.enforcer.citations(raw, allowed)
            if not checked.citations:
                return None, checked.failures
            why = {}
            for entry in raw:
                if isinstance(entry, dict) and isinstance(entry.get("quote"), str):
                    found = self.grounder.cite(entry["quote"])
                    if found is not None and isinstance(entry.get("why"), str):
                        why[(found.start, found.end)] = entry["why"].strip()
            kept = checked.citations[:k]
            lines = []
            for c in kept:
                reason = self.enforcer.clean_text(why.get((c.start, c.end), ""), ())
                line = f"{open_q}{c.quote}{close_q} [¶{c.passage}]"
                lines.append(f"{line} — {reason}" if reason else line)
            answer = Answer("\n".join(lines), tuple(kept), self.name, grounded=True, kind="quote")
            return answer, checked.failures

        return build

    # ------------------------------------------------------------ helpers

    def _deadline(self) -> float:
        """When model work must stop so that the reader has an answer within the deadline."""
        now = asyncio.get_running_loop().time()
        return now + self.settings.llm_deadline_s - FALLBACK_RESERVE_S

    def _timeout(self, deadline: float) -> float:
        left = deadline - asyncio.get_running_loop().time()
        return max(MIN_CALL_TIMEOUT_S, min(self.settings.llm_timeout_s, left))

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

    async def _cached(self, key: str) -> Answer | None:
        if self.cache is None:
            return None
        answer = await self.cache.get(key)
        if answer is None:
            return None
        # Offsets are tied to the piece hash in the key; re-checking is cheap insurance.
        answer = self.grounder.check_answer(answer)
        return replace(answer, extra={"cached": True, "usage": Usage().to_dict(), "calls": 0})

    async def _store(self, key: str, command: str, answer: Answer) -> None:
        if self.cache is not None and answer.engine == self.name:
            await self.cache.put(key, command, answer)

    def _finish(self, answer: Answer, trace: Trace) -> Answer:
        extra = {
            "cached": False,
            "usage": trace.usage.to_dict(),
            "calls": trace.calls,
            "model": self.model.model,
        }
        return replace(answer, extra=extra)

    async def _fall_back(
        self, fallback: Callable[[], Awaitable[Answer]], reason: str, lang: str
    ) -> Answer:
        log.warning("answering offline (%s)", reason)
        answer = await fallback()
        note = fallback_note(reason, lang)
        if answer.note:
            note = f"{note} {answer.note}"
        return replace(answer, note=note, extra={**answer.extra, "fallback": reason})


# A quote or [¶n] mark still being written: it cannot be checked until it is closed.
_OPEN_TAIL = re.compile(r"(?:「[^「」\n]*|『[^『』\n]*|“[^“”\n]*|\[[^\]\n]*)$")


def _streamable(enforcer: Enforcer, text: str, allowed: frozenset[int]) -> str:
    """Text that is still arriving, as it may be shown: the same checks as the final answer's
    text (unverified quotes lose their marks, [¶n] only for passages given), and an unclosed
    quote or mark held back until it can be checked."""
    m = _OPEN_TAIL.search(text)
    if m is not None:
        text = text[: m.start()]
    if text.count('"') % 2:
        text = text[: text.rindex('"')]
    return enforcer.clean_text(text, allowed)


def _reason(exc: BaseException) -> str:
    """The fault kind behind an exception raised while answering."""
    if isinstance(exc, ModelError):
        return exc.kind
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, MalformedReply):
        return "malformed"
    log.exception("unexpected error in the LLM engine; answering offline", exc_info=exc)
    return "error"
