"""The model client: an `AsyncOpenAI` with our own timeout and retries, a concurrency cap,
structured output, streaming, usage logging, and every failure mapped to one `ModelError`."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

import openai
from openai import AsyncOpenAI

from bot.engines.llm.schema import response_format
from bot.engines.llm.usage import Usage, log_call
from bot.settings import Settings

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0


class ModelError(Exception):
    """A model call that gave no usable reply. `kind` names the fault (never a secret)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


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
    """An `AsyncOpenAI` for the configured server, with a bounded timeout and few retries.

    The library default (a 10-minute timeout, 2 retries) would leave a reader waiting far
    beyond the answer deadline; the engine also enforces `llm_deadline_s` around each request.
    """
    timeout = openai.Timeout(
        settings.llm_timeout_s, connect=min(CONNECT_TIMEOUT_S, settings.llm_timeout_s)
    )
    return AsyncOpenAI(
        api_key=settings.openai_api_key.value,
        base_url=settings.openai_base_url,
        timeout=timeout,
        max_retries=settings.llm_max_retries,
    )


def classify(exc: BaseException) -> ModelError:
    """Map an `openai` exception to a `ModelError` kind."""
    if isinstance(exc, ModelError):
        return exc
    if isinstance(exc, openai.APITimeoutError):
        return ModelError("timeout", "the model server did not answer in time")
    if isinstance(exc, openai.APIConnectionError):
        return ModelError("connection", "the model server could not be reached")
    if isinstance(exc, openai.RateLimitError):
        return ModelError("rate_limited", "the model server is rate limiting requests")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ModelError("auth", f"the model server refused the API key ({exc.status_code})")
    if isinstance(exc, openai.APIStatusError):
        kind = "unavailable" if exc.status_code >= 500 else "bad_request"
        return ModelError(kind, f"HTTP {exc.status_code}")
    if isinstance(exc, openai.APIResponseValidationError):
        return ModelError("malformed", "the server's response did not have the expected shape")
    if isinstance(exc, openai.OpenAIError):
        return ModelError("unavailable", type(exc).__name__)
    return ModelError("unavailable", type(exc).__name__)


class ModelClient:
    """Chat Completions with JSON-schema output, capped at `llm_max_concurrency` calls at once."""

    def __init__(self, client: AsyncOpenAI, settings: Settings) -> None:
        self.client = client
        self.model = settings.openai_model
        self.embedding_model = settings.openai_embedding_model
        self.settings = settings
        self._gate = asyncio.Semaphore(settings.llm_max_concurrency)
        base = settings.openai_base_url or ""
        self._openai_proper = not base or "api.openai.com" in base
        self.model_seconds = 0.0  # total time inside model calls, for the overhead benchmark

    async def aclose(self) -> None:
        await self.client.close()

    def _arguments(self, schema: str, command: str) -> dict[str, Any]:
        args: dict[str, Any] = {"model": self.model, "response_format": response_format(schema)}
        if self.settings.llm_temperature is not None:
            args["temperature"] = self.settings.llm_temperature
        if self._openai_proper:
            # OpenAI's newer models reject `max_tokens`; local servers all know `max_tokens`.
            args["max_completion_tokens"] = self.settings.llm_max_output_tokens
            # Routes requests sharing a prefix to the same cache; OpenAI-only parameter.
            args["prompt_cache_key"] = f"piece-bot-{command}"
        else:
            args["max_tokens"] = self.settings.llm_max_output_tokens
        return args

    async def chat(
        self,
        messages: Sequence[dict[str, str]],
        schema: str,
        *,
        command: str,
        timeout: float,
    ) -> Reply:
        """One completion; raises `ModelError` for any fault (including refusal and empty)."""
        args = self._arguments(schema, command)
        async with self._gate:
            started = time.perf_counter()
            try:
                completion = await self.client.chat.completions.create(
                    messages=list(messages),
                    timeout=timeout,
                    **args,  # type: ignore[arg-type]
                )
            except Exception as exc:
                error = classify(exc)
                self._account(command, Usage(), started, error.kind)
                raise error from exc
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
        if not content.strip():
            raise ModelError("empty", "the reply was empty")
        if choice.finish_reason == "length":
            raise ModelError("length", "the reply was cut off at the token limit")
        return Reply(content, choice.finish_reason, usage, seconds)

    async def stream(
        self,
        messages: Sequence[dict[str, str]],
        schema: str,
        *,
        command: str,
        timeout: float,
    ) -> AsyncIterator[Chunk]:
        """Stream a completion's content; raises `ModelError` on faults, refusals included."""
        args = self._arguments(schema, command)
        usage = Usage()
        finish: str | None = None
        got_text = False
        async with self._gate:
            started = time.perf_counter()
            outcome = "ok"
            try:
                stream = await self.client.chat.completions.create(
                    messages=list(messages),
                    timeout=timeout,
                    stream=True,
                    stream_options={"include_usage": True},
                    **args,  # type: ignore[arg-type]
                )
                async with stream:
                    async for chunk in stream:
                        if chunk.usage is not None:
                            usage = Usage.from_api(chunk.usage)
                        if not chunk.choices:
                            continue
                        choice = chunk.choices[0]
                        delta = choice.delta
                        if delta.refusal:
                            raise ModelError("refused", "the model declined to answer")
                        if choice.finish_reason:
                            finish = choice.finish_reason
                        if delta.content:
                            got_text = True
                            yield Chunk(delta.content)
            except ModelError as exc:
                outcome = exc.kind
                raise
            except Exception as exc:
                error = classify(exc)
                outcome = error.kind
                raise error from exc
            finally:
                self._account(command, usage, started, outcome)
        if finish == "content_filter":
            raise ModelError("refused", "the reply was filtered")
        if not got_text:
            raise ModelError("empty", "the reply was empty")
        if finish == "length":
            raise ModelError("length", "the reply was cut off at the token limit")
        yield Chunk("", finish, usage)

    async def embed(self, texts: Sequence[str], *, timeout: float) -> list[list[float]]:
        """Embeddings for `texts` from `/v1/embeddings`, in order."""
        if not self.embedding_model:
            raise ModelError("bad_request", "no embedding model configured")
        async with self._gate:
            started = time.perf_counter()
            try:
                # The library asks for base64 by default; not every local server speaks it.
                response = await self.client.embeddings.create(
                    model=self.embedding_model,
                    input=list(texts),
                    encoding_format="float",
                    timeout=timeout,
                )
            except Exception as exc:
                error = classify(exc)
                self._account("embed", Usage(), started, error.kind)
                raise error from exc
            prompt = int(getattr(response.usage, "prompt_tokens", 0) or 0)
            self._account("embed", Usage(prompt_tokens=prompt), started, "ok")
        data = sorted(response.data, key=lambda d: d.index)
        if len(data) != len(texts):
            raise ModelError("malformed", f"{len(data)} embeddings for {len(texts)} inputs")
        return [list(d.embedding) for d in data]

    def _account(self, command: str, usage: Usage, started: float, outcome: str) -> float:
        seconds = time.perf_counter() - started
        self.model_seconds += seconds
        log_call(command, usage, seconds, outcome)
        return seconds
