"""The one path every LLM answer takes: cached, shared, bounded by a deadline, or given offline."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace

from bot.core.answer import Answer
from bot.core.grounding import Grounder
from bot.engines.base import InvalidRequest, StreamEvent, current_request
from bot.engines.llm.cache import AnswerCache
from bot.engines.llm.checks import MalformedReply
from bot.engines.llm.errors import ModelError
from bot.engines.llm.usage import Usage
from bot.engines.messages import message

log = logging.getLogger(__name__)

FALLBACK_RESERVE_S = 1.0  # kept back from the deadline for the offline answer
MIN_CALL_TIMEOUT_S = 0.5
# What a reader is told caused the fallback, by fault kind (`ModelError.kind` and ours).
FAULT_CAUSES = {
    "timeout": "timeout",
    "rate_limited": "rate_limited",
    "connection": "unavailable",
    "unavailable": "unavailable",
    "auth": "rejected",
    "bad_request": "rejected",
    "format": "rejected",
    "context": "too_long",
    "error": "unavailable",
    "malformed": "unusable",
    "empty": "unusable",
    "length": "unusable",
    "refused": "unusable",
    "unverified": "unverified",
}

Emit = Callable[[str], None]  # takes the text of a draft, as a reader may see it


@dataclass
class Attempt:
    """One try at answering: when model work must stop, and what its model calls cost."""

    deadline: float
    usage: Usage = field(default_factory=Usage)
    calls: int = 0

    def add(self, usage: Usage, calls: int = 1) -> None:
        self.usage = self.usage + usage
        self.calls += calls

    def left(self) -> float:
        return self.deadline - asyncio.get_running_loop().time()

    def timeout(self, longest: float) -> float:
        """A model call's timeout: at most `longest`, and not past the deadline."""
        return max(MIN_CALL_TIMEOUT_S, min(longest, self.left()))


# Gives the verified answer of one attempt, or None when the model's was unsupported.
Produce = Callable[[Attempt], Awaitable[Answer | None]]


@dataclass(frozen=True, slots=True)
class Flight:
    """An answer being worked out for whoever asks for it meanwhile, and its deadline."""

    task: asyncio.Task[Answer]
    deadline: float


class Runner:
    """Cache look-up, single flight, deadline and the offline fallback around every command."""

    def __init__(
        self,
        *,
        model_name: str,
        grounder: Grounder,
        cache: AnswerCache | None,
        deadline_s: float,
    ) -> None:
        self.model_name = model_name
        self.grounder = grounder
        self.cache = cache
        self.deadline_s = deadline_s
        self._inflight: dict[str, Flight] = {}

    async def aclose(self) -> None:
        """Stop the answers still being worked out (for readers gone, or a warm-up stopped)."""
        tasks = [flight.task for flight in self._inflight.values()]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    def deadline(self) -> float:
        """When model work must stop so that the reader has an answer within the deadline
        (ours, or the reader's if it comes first: it counts the time they spent queued)."""
        ours = asyncio.get_running_loop().time() + self.deadline_s
        return min(ours, current_request().deadline or ours) - FALLBACK_RESERVE_S

    async def answer(
        self,
        command: str,
        key: str,
        produce: Produce,
        fallback: Callable[[], Awaitable[Answer]],
        lang: str,
        *,
        cacheable: bool = True,
        deadline: float | None = None,
    ) -> Answer:
        """The cached answer, or `produce`'s within the deadline, or `fallback`'s with a note
        (in `lang`) saying why. `InvalidRequest` passes through: the reader must fix it."""
        if cacheable and (cached := await self._cached(key)) is not None:
            return cached
        deadline = deadline if deadline is not None else self.deadline()
        if not cacheable or current_request().private:  # a DM's words are not kept
            return await self._run(command, None, produce, fallback, lang, deadline)
        flight = self._inflight.get(key)
        if flight is None:
            # Two readers asking the same thing at once (or a reader during warm-up) share a call.
            run = self._run(command, key, produce, fallback, lang, deadline)
            flight = self._inflight[key] = Flight(asyncio.ensure_future(run), deadline)
            flight.task.add_done_callback(lambda _t: self._inflight.pop(key, None))
        if deadline < flight.deadline:
            # Joined a flight that may end after this reader's deadline (they were queued
            # longer than whoever started it): they stop waiting then; the flight goes on.
            left = deadline - asyncio.get_running_loop().time()
            await asyncio.wait([flight.task], timeout=max(0.0, left))
            if not flight.task.done():
                return await self._fall_back(fallback, "timeout", lang)
        return await asyncio.shield(flight.task)

    async def _run(
        self,
        command: str,
        key: str | None,  # where to keep the answer; None: not to be kept
        produce: Produce,
        fallback: Callable[[], Awaitable[Answer]],
        lang: str,
        deadline: float,
    ) -> Answer:
        attempt = Attempt(deadline)
        reason = "unverified"
        try:
            async with asyncio.timeout_at(deadline):
                answer = await produce(attempt)
        except InvalidRequest:
            raise
        except Exception as exc:
            reason = fault_kind(exc)
            answer = None
        if answer is None:
            return await self._fall_back(fallback, reason, lang)
        extra = {"cached": False, "usage": attempt.usage.to_dict(), "calls": attempt.calls}
        answer = replace(answer, extra={**extra, "model": self.model_name})
        if key is not None and self.cache is not None:
            await self.cache.put(key, command, answer, piece=self.grounder.article.sha256)
        return answer

    async def _cached(self, key: str) -> Answer | None:
        if self.cache is None:
            return None
        answer = await self.cache.get(key)
        if answer is None:
            return None
        # Offsets are tied to the piece hash in the key; re-checking is cheap insurance.
        answer = self.grounder.check_answer(answer)
        return replace(answer, extra={"cached": True, "usage": Usage().to_dict(), "calls": 0})

    @staticmethod
    async def _fall_back(
        fallback: Callable[[], Awaitable[Answer]], reason: str, lang: str
    ) -> Answer:
        log.warning("answering offline (%s)", reason)
        answer = await fallback()
        cause = message(f"cause.{FAULT_CAUSES.get(reason, 'unavailable')}", lang)
        note = message("fallback", lang, cause=cause)
        if answer.note:
            note = f"{note} {answer.note}"
        return replace(answer, note=note, extra={**answer.extra, "fallback": reason})


def fault_kind(exc: BaseException) -> str:
    """The fault kind behind an exception raised while answering."""
    if isinstance(exc, ModelError):
        return exc.kind
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, MalformedReply):
        return "malformed"
    log.exception("unexpected error in the LLM engine; answering offline", exc_info=exc)
    return "error"


async def with_drafts(run: Callable[[Emit], Awaitable[Answer]]) -> AsyncIterator[StreamEvent]:
    """Stream `run(emit)`: each draft it emits, in order, then its answer.

    `run` works in a task of its own, so a reader slow to take drafts never holds up the
    model (nor uses up its deadline); readers skip the drafts they have no time to show.
    A reader who stops listening stops `run`, or, when it is shared, stops waiting for it.
    """
    drafts: asyncio.Queue[str | None] = asyncio.Queue()
    task = asyncio.ensure_future(run(drafts.put_nowait))
    task.add_done_callback(lambda _t: drafts.put_nowait(None))
    try:
        while (text := await drafts.get()) is not None:
            yield StreamEvent(text)
    finally:
        task.cancel()  # a no-op once it has finished
    answer = task.result()  # raises what `run` raised (an `InvalidRequest`)
    yield StreamEvent(answer.text, answer)
