"""The model client: an `AsyncOpenAI` whose retries and structured-output mode are ours, a
concurrency cap, streaming, usage logging, and every failure one `ModelError`, logged as said."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import openai
from openai import AsyncOpenAI

from bot.engines.llm.errors import ModelError, classify, retryable
from bot.engines.llm.formats import MEMORY, MODES, next_mode, response_format, with_schema
from bot.engines.llm.prompts import Prompt
from bot.engines.llm.usage import Usage, log_call
from bot.settings import Settings

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
OPENAI_URL = "https://api.openai.com/v1"
INITIAL_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
MAX_RETRY_AFTER_S = 20.0  # a server that asks for a longer pause is as good as down to a reader

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Reply:
    """A finished completion: its JSON text, why it stopped, what it cost."""

    content: str
    finish_reason: str | None
    usage: Usage
    seconds: float


@dataclass(frozen=True, slots=True)
class Chunk:
    """A streamed piece of content; the last one carries `finish_reason` and usage."""

    text: str
    finish_reason: str | None = None
    usage: Usage | None = None


def make_client(settings: Settings) -> AsyncOpenAI:
    """An `AsyncOpenAI` for the configured server, with a bounded timeout and no retries.

    The library default (a 10-minute timeout) would leave a reader waiting far beyond the
    answer deadline. Its retries (408, 409, 429 and every 5xx) would repeat a 500 that only
    says the server takes no `json_schema`: `ModelClient` retries instead, by `retryable`.
    """
    timeout = openai.Timeout(
        settings.llm_timeout_s, connect=min(CONNECT_TIMEOUT_S, settings.llm_timeout_s)
    )
    return AsyncOpenAI(
        api_key=settings.openai_api_key.value,
        base_url=settings.openai_base_url,
        timeout=timeout,
        max_retries=0,
    )


def backoff(error: ModelError, retries: int) -> float | None:
    """Seconds to wait before retry number `retries` (1-based); None: not worth waiting for."""
    if error.retry_after is not None:
        return error.retry_after if error.retry_after <= MAX_RETRY_AFTER_S else None
    delay = min(INITIAL_BACKOFF_S * 2 ** (retries - 1), MAX_BACKOFF_S)
    return delay * (1 - 0.25 * random.random())


class ModelClient:
    """Chat Completions with JSON output, capped at `llm_max_concurrency` calls at once."""

    def __init__(self, client: AsyncOpenAI, settings: Settings, *, format_prompt: Prompt) -> None:
        self.client = client
        self.model = settings.openai_model
        self.embedding_model = settings.openai_embedding_model
        self.settings = settings
        self.format_prompt = format_prompt
        # What the process learns about a server (see `formats.MEMORY`) is filed under this.
        self.server = (settings.openai_base_url or OPENAI_URL, self.model)
        self._gate = asyncio.Semaphore(settings.llm_max_concurrency)
        self._openai_proper = self.server[0].startswith(OPENAI_URL)
        self.model_seconds = 0.0  # total time inside model calls, for the overhead benchmark

    async def aclose(self) -> None:
        await self.client.close()

    @property
    def mode(self) -> str:
        """The structured-output mode requests use now: forced, learnt, or the strictest."""
        forced = self.settings.llm_response_format
        if forced != "auto":
            return forced
        return MEMORY.mode(self.server) or MODES[0]

    def _arguments(
        self,
        messages: Sequence[dict[str, str]],
        schema: str,
        command: str,
        max_tokens: int,
        mode: str,
    ) -> dict[str, Any]:
        args: dict[str, Any] = {
            "model": self.model,
            "messages": with_schema(list(messages), schema, mode, self.format_prompt),
        }
        if (fmt := response_format(schema, mode)) is not None:
            args["response_format"] = fmt
        if self.settings.llm_temperature is not None:
            args["temperature"] = self.settings.llm_temperature
        tokens = min(max_tokens, self.settings.llm_max_output_tokens)
        if self._openai_proper:
            # OpenAI's newer models reject `max_tokens`; local servers all know `max_tokens`.
            args["max_completion_tokens"] = tokens
            # Routes requests sharing a prefix to the same cache; OpenAI-only parameter.
            args["prompt_cache_key"] = f"piece-bot-{command}"
        else:
            args["max_tokens"] = tokens
        return args

    async def _request(self, command: str, make: Callable[[str], Awaitable[T]]) -> tuple[T, float]:
        """`make(mode)`'s result and when its request started; asked again on faults worth it
        (`retryable`), and in the next mode when the server rejects a structured-output mode."""
        retries = 0
        while True:
            mode = self.mode
            started = time.perf_counter()
            try:
                return await make(mode), started
            except Exception as exc:
                error, cause = classify(exc, self.settings.openai_api_key.value), exc
            self._account(command, Usage(), started, error.kind)
            self._log_fault(command, error)
            following = next_mode(mode) if error.kind == "format" else None
            if following is not None and self.settings.llm_response_format == "auto":
                why = f"HTTP {error.status}: {error.server_text[:160]}"
                MEMORY.learn_mode(self.server, following, why)
                continue
            wait = backoff(error, retries + 1) if retryable(error) else None
            if retries >= self.settings.llm_max_retries or wait is None:
                raise error from cause
            retries += 1
            log.info("retrying %s in %.1f s (retry %d)", command, wait, retries)
            await asyncio.sleep(wait)

    @staticmethod
    def _log_fault(command: str, error: ModelError) -> None:
        """The server's own words, at WARNING: what a person fixing the setup needs first."""
        if error.status is None:
            log.warning("model call %s failed: %s", command, error)
            return
        log.warning(
            "model server answered HTTP %d to %s (request id %s): %s",
            error.status,
            command,
            error.request_id or "none",
            error.server_text or "(no message)",
        )

    async def chat(
        self,
        messages: Sequence[dict[str, str]],
        schema: str,
        *,
        command: str,
        timeout: float,
        max_tokens: int,
    ) -> Reply:
        """One completion; raises `ModelError` for any fault (including refusal and empty)."""

        async def make(mode: str) -> Any:
            args = self._arguments(messages, schema, command, max_tokens, mode)
            return await self.client.chat.completions.create(timeout=timeout, **args)

        async with self._gate:
            completion, started = await self._request(command, make)
            usage = Usage.from_api(completion.usage)
            seconds = self._account(command, usage, started, "ok")
        if not completion.choices:
            raise ModelError("empty", "no choices in the reply")
        choice = completion.choices[0]
        message = choice.message
        if message.refusal:
            raise ModelError("refused", "the model declined to answer")
        if choice.finish_reason == "content_filter":
            raise ModelError("refused", "the reply was filtered")
        content = message.content or ""
        if choice.finish_reason == "length":
            # Cut off: a second attempt would likely run as long again. Malformed, at once.
            raise ModelError("length", "the reply was cut off at the token limit")
        if not content.strip():
            raise ModelError("empty", "the reply was empty")
        return Reply(content, choice.finish_reason, usage, seconds)

    async def stream(
        self,
        messages: Sequence[dict[str, str]],
        schema: str,
        *,
        command: str,
        timeout: float,
        max_tokens: int,
    ) -> AsyncIterator[Chunk]:
        """Stream a completion's content; raises `ModelError` on faults, refusals included.
        Servers that send no usage chunk leave the usage at zero."""

        async def make(mode: str) -> Any:
            args = self._arguments(messages, schema, command, max_tokens, mode)
            return await self.client.chat.completions.create(
                timeout=timeout, stream=True, stream_options={"include_usage": True}, **args
            )

        usage = Usage()
        finish: str | None = None
        got_text = False
        async with self._gate:
            stream, started = await self._request(command, make)
            outcome = "ok"
            try:
                async with stream:
                    async for chunk in stream:
                        if chunk.usage is not None:
                            usage = Usage.from_api(chunk.usage)
                        if not chunk.choices:
                            continue
                        choice = chunk.choices[0]
                        if choice.delta.refusal:
                            raise ModelError("refused", "the model declined to answer")
                        finish = choice.finish_reason or finish
                        if choice.delta.content:
                            got_text = True
                            yield Chunk(choice.delta.content)
            except ModelError as exc:
                outcome = exc.kind
                raise
            except Exception as exc:
                error = classify(exc, self.settings.openai_api_key.value)
                outcome = error.kind
                self._log_fault(command, error)
                raise error from exc
            finally:
                self._account(command, usage, started, outcome)
        if finish == "content_filter":
            raise ModelError("refused", "the reply was filtered")
        if finish == "length":
            raise ModelError("length", "the reply was cut off at the token limit")
        if not got_text:
            raise ModelError("empty", "the reply was empty")
        yield Chunk("", finish, usage)

    async def embed(self, texts: Sequence[str], *, timeout: float) -> list[list[float]]:
        """Embeddings for `texts` from `/v1/embeddings`, in order."""
        if not self.embedding_model:
            raise ModelError("bad_request", "no embedding model configured")
        model = self.embedding_model

        async def make(_mode: str) -> Any:
            # The library asks for base64 by default; not every local server speaks it.
            return await self.client.embeddings.create(
                model=model, input=list(texts), encoding_format="float", timeout=timeout
            )

        async with self._gate:
            response, started = await self._request("embed", make)
            prompt = int(getattr(response.usage, "prompt_tokens", 0) or 0)
            self._account("embed", Usage(prompt_tokens=prompt), started, "ok")
        data = sorted(response.data, key=lambda d: d.index)
        if len(data) != len(texts):
            raise ModelError("malformed", f"{len(data)} embeddings for {len(texts)} inputs")
        return [list(d.embedding) for d in data]

    async def listed_models(self, *, timeout: float) -> list[dict[str, Any]]:
        """The server's `/v1/models` entries, as it sent them (extra fields included)."""

        async def make(_mode: str) -> Any:
            return await self.client.models.list(timeout=timeout)

        page, _started = await self._request("models", make)
        return [m.to_dict() for m in page.data]

    def _account(self, command: str, usage: Usage, started: float, outcome: str) -> float:
        seconds = time.perf_counter() - started
        self.model_seconds += seconds
        log_call(command, usage, seconds, outcome)
        return seconds


def reported_context(models: Sequence[dict[str, Any]], model: str) -> int | None:
    """The context size `/v1/models` reports for `model` (or for the only model served):
    llama-server's `meta.n_ctx`, vLLM's `max_model_len`, or a `context_length` field."""
    entries = [m for m in models if m.get("id") == model] or (
        list(models)[:1] if len(models) == 1 else []
    )
    for entry in entries:
        meta = entry.get("meta")
        for value in (
            meta.get("n_ctx") if isinstance(meta, dict) else None,
            entry.get("max_model_len"),
            entry.get("context_length"),
            entry.get("max_context_length"),
        ):
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
    return None
