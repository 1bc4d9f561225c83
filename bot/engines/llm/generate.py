"""Ask the model for one answer (streamed or not) and verify it, retrying once on failures."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, replace
from typing import Any

from bot.core.answer import Answer
from bot.engines.llm.checks import Enforcer, failure_list, parse_json
from bot.engines.llm.client import ModelClient
from bot.engines.llm.context import Message
from bot.engines.llm.drafts import partial_sentences, streamable
from bot.engines.llm.errors import ModelError
from bot.engines.llm.prompts import PromptSet
from bot.engines.llm.replies import Builder
from bot.engines.llm.runner import Attempt, Emit

log = logging.getLogger(__name__)

MIN_RETRY_S = 2.0  # a grounding retry with less time left than this would only time out


@dataclass(frozen=True, slots=True)
class Prepared:
    """Messages for one model call, the passage ids they show, how to read the reply, and how
    many tokens the reply may take."""

    messages: list[Message]
    schema: str
    allowed: frozenset[int]
    build: Builder
    max_tokens: int


class Generator:
    """One command's model work: a call, the reply read and verified, one retry if needed."""

    def __init__(
        self, model: ModelClient, prompts: PromptSet, enforcer: Enforcer, *, timeout_s: float
    ) -> None:
        self.model = model
        self.prompts = prompts
        self.enforcer = enforcer
        self.timeout_s = timeout_s

    async def generate(
        self, prepared: Prepared, command: str, attempt: Attempt, emit: Emit | None = None
    ) -> Answer | None:
        """The verified answer, or None if the model's stays unsupported; with `emit`, the
        reply is streamed and each draft of its text (as a reader may see it) is emitted."""
        if emit is None:
            content = await self._chat(prepared, command, attempt)
        else:
            content = await self._stream(prepared, command, attempt, emit)
        return await self._check_or_retry(prepared, content, command, attempt)

    async def _chat(self, prepared: Prepared, command: str, attempt: Attempt) -> str:
        reply = await self.model.chat(
            prepared.messages,
            prepared.schema,
            command=command,
            timeout=attempt.timeout(self.timeout_s),
            max_tokens=prepared.max_tokens,
        )
        attempt.add(reply.usage)
        return reply.content

    async def _stream(self, prepared: Prepared, command: str, attempt: Attempt, emit: Emit) -> str:
        buffer = shown = ""
        checked: list[Any] | None = None  # the complete sentences last checked
        stream = self.model.stream(
            prepared.messages,
            prepared.schema,
            command=command,
            timeout=attempt.timeout(self.timeout_s),
            max_tokens=prepared.max_tokens,
        )
        try:
            async with contextlib.aclosing(stream):
                async for chunk in stream:
                    if chunk.usage is not None:
                        attempt.add(chunk.usage)
                    buffer += chunk.text
                    sentences = partial_sentences(buffer)
                    if sentences is None or sentences == checked:
                        continue  # not readable (yet), or no new sentence: nothing to check
                    checked = sentences
                    text = streamable(self.enforcer, sentences, prepared.allowed)
                    if text != shown:
                        shown = text
                        emit(text)
        except ModelError as exc:
            # Some servers reject streaming options they do not know: ask plainly instead.
            if exc.kind != "bad_request" or buffer:
                raise
            log.info("streaming refused (%s); asking without streaming", exc)
            return await self._chat(prepared, command, attempt)
        return buffer

    async def _check_or_retry(
        self, prepared: Prepared, content: str, command: str, attempt: Attempt
    ) -> Answer | None:
        """Verify the reply; if nothing is supported, ask once more naming what failed."""
        answer, failures = prepared.build(parse_json(content), False)
        if answer is not None:
            return answer
        if attempt.left() < min(MIN_RETRY_S, self.timeout_s):
            log.warning("%s: unsupported answer and no time to retry (%s)", command, failures[:3])
            return None
        log.info("%s: retrying once; failures: %s", command, failures[:3])
        listed = failure_list(failures, self.prompts["retry_failures"])
        retry = self.prompts["retry"].render(failures=listed)
        messages = [
            *prepared.messages,
            {"role": "assistant", "content": content},
            {"role": "user", "content": retry},
        ]
        second = await self._chat(replace(prepared, messages=messages), command, attempt)
        answer, failures = prepared.build(parse_json(second), True)
        if answer is None:
            log.warning("%s: answer still unsupported after retry (%s)", command, failures[:3])
        return answer
