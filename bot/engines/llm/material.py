"""What piece-wide commands show the model: the whole piece when it fits the context, else
digests of its parts (map-reduce). Each part is read once by the model, in a background build
that a reader's deadline never cancels; every digest is cached by its content."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from collections.abc import Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from bot.core.answer import Answer
from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.core.language import language_name
from bot.core.workers import off_loop
from bot.engines.llm.budget import TASK_TOKENS
from bot.engines.llm.cache import cache_key
from bot.engines.llm.context import Excerpt, Part, piece_messages, system_message
from bot.engines.llm.generate import Generator, Prepared
from bot.engines.llm.planning import fits, part_tokens, plan_parts, whole
from bot.engines.llm.replies import Replies
from bot.engines.llm.runner import Attempt
from bot.engines.llm.schema import SCHEMA_VERSION
from bot.engines.llm.shared import LLMShared
from bot.engines.llm.tokens import PER_MESSAGE, estimate_tokens
from bot.engines.llm.usage import Usage
from bot.settings import Settings

log = logging.getLogger(__name__)

DIGEST_PROMPTS = (
    "system",
    "piece_meta",
    "parts",
    "digest",
    "condense",
    "retry",
    "retry_failures",
    "format",
)
MAX_LEVELS = 6  # rounds of condensing before the digests are cut to fit instead
EXTRACTIVE_SENTENCES = 3  # what stands for a part whose notes the model could not ground


@dataclass
class Build:
    """One background build of a piece's digests: the task, what it cost, whether billed."""

    task: asyncio.Task[tuple[Part, ...]]
    usage: Usage = field(default_factory=Usage)
    calls: int = 0
    billed: bool = False


class Material:
    """The piece as piece-wide calls show it, for a given context size."""

    def __init__(
        self,
        article: Article,
        *,
        shared: LLMShared,
        generator: Generator,
        replies: Replies,
        grounder: Grounder,
        settings: Settings,
    ) -> None:
        self.article = article
        self.prompts = prompts = shared.prompts
        self.budget = shared.budget
        self.cache = shared.cache
        self.gate = shared.digests  # the model slots digests may take, every piece's together
        self.generator = generator
        self.replies = replies
        self.grounder = grounder
        self.settings = settings
        self.language = article.meta.language
        self._memo: dict[str, Part] = {}  # digests made in this process, by cache key
        self._builds: dict[int, Build] = {}
        self._fit: dict[int, bool] = {}  # by the piece tokens a call may carry
        self._version = prompts.version_for(*DIGEST_PROMPTS) + f"|schema@{SCHEMA_VERSION}"
        # Rules and the piece's metadata, sent with every piece-wide call.
        system = system_message(prompts, article)["content"]
        self._overhead = estimate_tokens(system) + TASK_TOKENS + 2 * PER_MESSAGE

    async def aclose(self) -> None:
        """Stop builds still running (what they finished stays cached)."""
        for build in self._builds.values():
            build.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await build.task

    def piece_tokens(self, context: int) -> int:
        """Tokens of piece text one piece-wide call may carry with a `context`-token model."""
        output = self.budget.piece_output(context)
        return self.budget.prompt(context, output) - self._overhead

    @cached_property
    def whole(self) -> Part:
        """The whole piece as one part."""
        paragraphs = self.article.paragraphs
        return Part(paragraphs[0].number, paragraphs[-1].number, tuple(whole(paragraphs)))

    async def fits(self, context: int) -> bool:
        """Whether the whole piece fits one piece-wide call with a `context`-token model
        (worked out once per size, in a thread: estimating a long piece takes a while)."""
        tokens = self.piece_tokens(context)
        if tokens not in self._fit:
            chars = self.settings.llm_piece_chars
            self._fit[tokens] = await off_loop(fits, self.whole.excerpts, tokens, chars)
        return self._fit[tokens]

    async def parts(self, context: int, attempt: Attempt) -> tuple[Part, ...]:
        """The whole piece as one part if it fits, else the digests of its parts; what their
        build cost is added to the first attempt that gets them."""
        if await self.fits(context):
            return (self.whole,)
        tokens = self.piece_tokens(context)
        build = self._builds.get(tokens)
        if build is None or (build.task.done() and not _succeeded(build.task)):
            build = Build(asyncio.ensure_future(self._build(tokens, context)))
            build.task.add_done_callback(_seen)
            self._builds[tokens] = build
        # Shielded: a reader whose deadline passes stops waiting; the build goes on.
        parts = await asyncio.shield(build.task)
        if not build.billed:
            build.billed = True
            attempt.add(build.usage, build.calls)
        return parts

    # ------------------------------------------------------------ the build

    async def _build(self, tokens: int, context: int) -> tuple[Part, ...]:
        build = self._builds[tokens]
        plan = await off_loop(
            plan_parts,
            self.article,
            tokens,
            overhead=self._overhead,
            chars=self.settings.llm_piece_chars,
        )
        log.info("the piece does not fit one call: reading it in %d parts", len(plan))
        total = len(plan)
        parts = await _gather(
            self._digest(part, i, total, context, build) for i, part in enumerate(plan, 1)
        )
        for _level in range(MAX_LEVELS):
            if sum(part_tokens(p) for p in parts) <= tokens:
                return tuple(parts)
            groups = _groups(parts, tokens)
            if len(groups) == len(parts):
                parts = [_halved(p) for p in parts]  # digests too big to pair: keep less of each
                continue
            parts = await _gather(self._condense(g, context, build) for g in groups)
        return tuple(_fitting(parts, tokens))

    async def _digest(
        self,
        part: Part,
        number: int,
        total: int,
        context: int,
        build: Build,
    ) -> Part:
        task = self.prompts["digest"].render(
            part=number, parts=total, first=part.first, last=part.last, language=self._language()
        )
        made = await self._made(part, [part], task, "digest", context, build)
        return made or _extractive(self.article, part)

    async def _condense(self, group: Sequence[Part], context: int, build: Build) -> Part:
        span = Part(group[0].first, group[-1].last, ())
        task = self.prompts["condense"].render(
            first=span.first, last=span.last, language=self._language()
        )
        made = await self._made(span, group, task, "condense", context, build)
        if made is not None:
            return made
        # Unverified twice: the group's own quotes stand for it, without notes.
        excerpts = tuple(e for p in group for e in p.excerpts)[: EXTRACTIVE_SENTENCES * 2]
        return Part(span.first, span.last, excerpts)

    async def _made(
        self,
        span: Part,
        shown: Sequence[Part],
        task: str,
        call: str,
        context: int,
        build: Build,
    ) -> Part | None:
        """The model's digest of `shown` (cached by its content), or None if it stays unverified."""
        key = self._key(call, shown)
        if key in self._memo:
            return self._memo[key]
        if self.cache is not None and (cached := await self.cache.get(key)) is not None:
            part = _part(span, self.grounder.check_answer(cached))
            self._memo[key] = part
            return part
        allowed = frozenset(e.passage for p in shown for e in p.excerpts)
        prepared = Prepared(
            piece_messages(self.prompts, self.article, shown, task),
            "digest",
            allowed,
            self.replies.digest(span.first, span.last, allowed),
            self.budget.output(call, context),
        )
        loop = asyncio.get_running_loop()
        # Each call gets the time of a model call and its one grounding retry, whatever the
        # deadline of the reader who started the build.
        attempt = Attempt(loop.time() + self.settings.llm_timeout_s * 2.5)
        async with self.gate:
            try:
                answer = await self.generator.generate(prepared, call, attempt)
            finally:
                build.usage, build.calls = build.usage + attempt.usage, build.calls + attempt.calls
        if answer is None:
            log.warning("%s of ¶%d–¶%d stayed unverified", call, span.first, span.last)
            return None
        part = _part(span, answer)
        self._memo[key] = part
        if self.cache is not None:
            await self.cache.put(key, call, answer, piece=self.article.sha256)
        return part

    def _key(self, call: str, shown: Sequence[Part]) -> str:
        content = json.dumps(
            [[p.first, p.last, p.note, [[e.passage, e.text] for e in p.excerpts]] for p in shown],
            ensure_ascii=False,
        )
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        return cache_key(digest, self.generator.model.model, self._version, call, {})

    def _language(self) -> str:
        return language_name(self.language, default=self.language)


def _succeeded(task: asyncio.Task[tuple[Part, ...]]) -> bool:
    return not task.cancelled() and task.exception() is None


def _seen(task: asyncio.Task[tuple[Part, ...]]) -> None:
    """Take note of a failed build: the reader waiting (if any) was told; the next one retries."""
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.info("building the piece's digests failed: %s", exc)


async def _gather(jobs: Iterable[Coroutine[Any, Any, Part]]) -> list[Part]:
    """Run the jobs together; the first failure cancels the rest (what finished stays cached)
    and is raised as itself."""
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(job) for job in jobs]
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None
    return [t.result() for t in tasks]


def _part(span: Part, answer: Answer) -> Part:
    excerpts = tuple(Excerpt(c.passage, c.start, c.end, c.quote) for c in answer.citations)
    return Part(span.first, span.last, excerpts, answer.text)


def _extractive(article: Article, part: Part) -> Part:
    """A part's first sentences from passages spread over it: its stand-in without notes."""
    step = max(1, len(part.excerpts) // EXTRACTIVE_SENTENCES)
    excerpts = []
    for e in part.excerpts[::step][:EXTRACTIVE_SENTENCES]:
        first = next(
            (s for s in article.paragraph(e.passage).sentences if s.start >= e.start), None
        )
        if first is not None and first.end <= e.end:
            excerpts.append(Excerpt(e.passage, first.start, first.end, first.text))
    return Part(part.first, part.last, tuple(excerpts))


def _groups(parts: Sequence[Part], tokens: int) -> list[list[Part]]:
    """Consecutive parts gathered into groups that each fit `tokens`."""
    groups: list[list[Part]] = []
    used = 0
    for part in parts:
        size = part_tokens(part)
        if groups and used + size <= tokens:
            groups[-1].append(part)
            used += size
        else:
            groups.append([part])
            used = size
    return groups


def _halved(part: Part) -> Part:
    keep = max(1, len(part.excerpts) // 2)
    return Part(part.first, part.last, part.excerpts[:keep], part.note)


def _fitting(parts: Sequence[Part], tokens: int) -> list[Part]:
    """As many parts as fit, spread evenly over the piece: the last resort of condensing."""
    size = max(1, max(part_tokens(p) for p in parts))
    room = max(1, tokens // size)
    step = max(1, -(-len(parts) // room))
    return list(parts[::step])
