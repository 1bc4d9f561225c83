"""Engines for the Discord tests: the real offline engine with one behaviour replaced."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from bot.core.answer import Answer, Turn
from bot.engines.base import Engine, StreamEvent
from bot.engines.offline.engine import OfflineEngine


class Wrapped(Engine):
    """The real offline engine, with methods that subclasses replace."""

    def __init__(self, inner: OfflineEngine) -> None:
        self.inner = inner
        self.name = inner.name
        self.article = inner.article

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class Streaming(Wrapped):
    """The real offline engine, plus `ask_stream` yielding the text in three growing drafts."""

    async def ask_stream(
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> AsyncIterator[StreamEvent]:
        answer = await self.inner.ask(question, history, locale=locale)
        for i in (1, 2, 3):
            yield StreamEvent(answer.text[: len(answer.text) * i // 3])
        yield StreamEvent(answer.text, answer)


class FailsAfterDraft(Streaming):
    """Streams one unverified draft, then fails like a model that went away."""

    async def ask_stream(  # type: ignore[override]
        self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
    ) -> AsyncIterator[StreamEvent]:
        yield StreamEvent("an unverified draft")
        raise RuntimeError("the model went away")


class Broken(Wrapped):
    """The real offline engine, except that `summary` fails like a bug would."""

    async def summary(self, *args: object, **kwargs: object) -> Answer:
        raise RuntimeError("boom")
