"""A local OpenAI-compatible HTTP server (aiohttp, 127.0.0.1) that tests script reply by reply.

Besides scripted replies, it can behave like real local servers (bodies in `real.py`):
llama-cpp-python (`FakeOpenAI.llama_cpp_python()`: json_schema refused with its 500, no usage
chunk in streams, embeddings refused with a 500) and llama-server (`FakeOpenAI.llama_server()`:
a 400 `exceed_context_size_error` for prompts over `n_ctx`, `/v1/models` reporting `meta.n_ctx`,
embeddings refused with a 501), and like a model that loops until `max_tokens` (`loops=True`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import math
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from tests.fakes.openai_api import real
from tests.fakes.openai_api.behaviors import (
    Behavior,
    Request,
    Spec,
    estimate_tokens,
    grounded,
    resolve,
)

EMBEDDING_DIMS = 64
CACHE_MIN_TOKENS = 1024  # OpenAI serves a cached prefix only from this length on
OPENAI_MODELS = (
    '{"object":"list","data":[{"id":"fake-model","object":"model","created":0,"owned_by":"fake"}]}'
)
# A small vocabulary splits Japanese finely: SmolLM2 counted 6,592 tokens for a request of
# 3,162 CJK and 2,484 other characters (see real.py), about 1.9 per CJK character.
SMALL_VOCAB_WIDE = 1.9
_WIDE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
LOOP_TEXT = "同じことを繰り返します。"


def small_vocab_tokens(text: str) -> int:
    """Tokens as a small-vocabulary model (SmolLM2) counts them, roughly."""
    wide = len(_WIDE.findall(text))
    return math.ceil(wide * SMALL_VOCAB_WIDE + (len(text) - wide) / 4)


# ---------------------------------------------------------------- the server


class FakeOpenAI:
    """`/v1/chat/completions` (plain and SSE streaming), `/v1/embeddings` and `/v1/models`.

    Chat replies come from `script(...)` in order, then from `default` (a grounded reply);
    query rewrites take only replies scripted for them (`schema="rewrite"`).
    Every request is recorded in `requests`. The keyword arguments choose a server mode.
    """

    def __init__(
        self,
        default: Behavior | None = None,
        *,
        rejects_json_schema: bool = False,
        n_ctx: int | None = None,
        models: str = OPENAI_MODELS,
        models_headers: dict[str, str] | None = None,
        stream_usage: bool = True,
        loops: bool = False,
        token_delay: float = 0.0,
        embeddings_refusal: tuple[int, str, dict[str, str]] | None = None,
    ) -> None:
        self.default = default or grounded()
        self.queue: list[tuple[str | None, Behavior]] = []
        self.requests: list[Request] = []
        self.rejects_json_schema = rejects_json_schema  # llama-cpp-python's 500
        self.n_ctx = n_ctx  # llama-server's 400 for longer prompts (counted as a small vocab)
        self.models = models
        self.models_headers = models_headers or {"content-type": "application/json"}
        self.stream_usage = stream_usage  # False: no usage chunk, even when asked for one
        self.loops = loops  # every reply repeats itself until max_tokens
        self.token_delay = token_delay  # seconds per completion token (a slow CPU server)
        self.embeddings_refusal = embeddings_refusal  # (status, body, headers), always
        self.embedding_failures = 0
        self.embedding_delay = 0.0  # seconds each /embeddings reply waits (a slow endpoint)
        self.embedding_retry_after: float | None = None  # failures then answer 429 with this
        self.inflight = 0
        self.max_inflight = 0  # most chat requests being answered at once
        self._prefixes: set[str] = set()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @classmethod
    def llama_cpp_python(cls, **kw: Any) -> FakeOpenAI:
        """Like llama-cpp-python 0.3.36: json_schema refused, streams without usage, no
        embeddings, `/v1/models` without a context size."""
        return cls(
            rejects_json_schema=True,
            models=real.LLAMACPP_PY_MODELS,
            models_headers=real.LLAMACPP_PY_HEADERS,
            stream_usage=False,
            embeddings_refusal=(500, real.LLAMACPP_PY_EMBEDDINGS_500, real.LLAMACPP_PY_HEADERS),
            **kw,
        )

    @classmethod
    def llama_server(cls, n_ctx: int = 4096, *, report: bool = True, **kw: Any) -> FakeOpenAI:
        """Like llama-server 0.7.0 with `-c n_ctx`: over-long prompts refused with its 400,
        `/v1/models` reporting `meta.n_ctx` (unless `report` is False), no embeddings."""
        models = real.LLAMA_SERVER_MODELS.replace('"n_ctx":4096', f'"n_ctx":{n_ctx}')
        return cls(
            n_ctx=n_ctx,
            models=models if report else real.LLAMACPP_PY_MODELS,
            models_headers=real.LLAMA_SERVER_HEADERS,
            embeddings_refusal=(501, real.LLAMA_SERVER_EMBEDDINGS_501, real.LLAMA_SERVER_HEADERS),
            **kw,
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *behaviors: Behavior, schema: str | None = None) -> None:
        """Queue replies for requests with this schema; by default, any but query rewrites."""
        self.queue.extend((schema, b) for b in behaviors)

    def _next(self, req: Request) -> Behavior:
        for i, (schema, behavior) in enumerate(self.queue):
            if schema == req.schema or (schema is None and req.schema != "rewrite"):
                del self.queue[i]
                return behavior
        return self.default

    @property
    def chat_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    @property
    def answered(self) -> list[Request]:
        """Chat requests the server answered with a completion (not refused with an error)."""
        return [r for r in self.chat_requests if r.answered]

    @property
    def embedding_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/embeddings")]

    async def start(self) -> FakeOpenAI:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/embeddings", self._embeddings)
        app.router.add_get("/v1/models", self._models)
        # A short shutdown: a test may end while a "slow" reply is still sleeping.
        self._runner = web.AppRunner(app, shutdown_timeout=0.2, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeOpenAI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _record(self, request: web.Request) -> Request:
        body = await request.json() if request.can_read_body else {}
        req = Request(request.path, body, dict(request.headers))
        self.requests.append(req)
        return req

    def prompt_tokens(self, req: Request) -> int:
        """The prompt's tokens as this server counts them (a small vocabulary in llama-server
        mode; the rough estimate otherwise), chat template included."""
        count = small_vocab_tokens if self.n_ctx is not None else estimate_tokens
        return sum(count(str(m.get("content") or "")) + 4 for m in req.messages)

    def _usage(self, req: Request, completion: str) -> dict[str, Any]:
        prompt = self.prompt_tokens(req)
        cached = 0
        if req.messages:
            system = str(req.messages[0].get("content") or "")
            digest = hashlib.sha256(system.encode()).hexdigest()
            size = estimate_tokens(system)
            if digest in self._prefixes and size >= CACHE_MIN_TOKENS:
                cached = size
            self._prefixes.add(digest)
        return {
            "prompt_tokens": prompt,
            "completion_tokens": estimate_tokens(completion),
            "total_tokens": prompt + estimate_tokens(completion),
            "prompt_tokens_details": {"cached_tokens": cached},
        }

    def _refusal(self, req: Request) -> web.Response | None:
        """A real server's error for what it will not do, or None."""
        kind = (req.body.get("response_format") or {}).get("type")
        if self.rejects_json_schema and kind not in (None, "text", "json_object"):
            return web.Response(
                status=500, text=real.LLAMACPP_PY_JSON_SCHEMA_500, headers=real.LLAMACPP_PY_HEADERS
            )
        prompt = self.prompt_tokens(req)
        if self.n_ctx is not None and prompt > self.n_ctx:
            body = real.LLAMA_SERVER_CONTEXT_400.replace("6592", str(prompt))
            body = body.replace("4096", str(self.n_ctx))
            return web.Response(status=400, text=body, headers=real.LLAMA_SERVER_HEADERS)
        return None

    def _bounded(self, req: Request, spec: Spec) -> Spec:
        """The reply as `max_tokens` (and the context left) lets it be: a looping model's runs
        to the limit; a longer one is cut there. Either way it stops on `length`."""
        limit = req.body.get("max_tokens") or req.body.get("max_completion_tokens") or 4096
        if self.n_ctx is not None:
            limit = min(limit, self.n_ctx - self.prompt_tokens(req))
        text = spec.content or ""
        if self.loops:
            text = '{"sentences": [{"text": "' + LOOP_TEXT * (limit // 2 + 1)
        count = small_vocab_tokens if self.n_ctx is not None else estimate_tokens
        if count(text) <= limit:
            return spec
        while text and count(text) > limit:
            text = text[: int(len(text) * 0.9)]
        spec.content, spec.finish_reason = text, "length"
        return spec

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        self.inflight += 1
        self.max_inflight = max(self.max_inflight, self.inflight)
        try:
            return await self._answer_chat(request)
        finally:
            self.inflight -= 1

    async def _answer_chat(self, request: web.Request) -> web.StreamResponse:
        req = await self._record(request)
        if (refused := self._refusal(req)) is not None:
            return refused
        behavior = self._next(req)
        spec = await resolve(behavior, req)
        if spec.delay:
            await asyncio.sleep(spec.delay)
        if spec.status != 200:
            if spec.body is not None:
                return web.Response(status=spec.status, text=spec.body, headers=spec.headers)
            return web.json_response(spec.error or {}, status=spec.status, headers=spec.headers)
        spec = self._bounded(req, spec)
        req.answered = True
        if self.token_delay:
            await asyncio.sleep(self.token_delay * estimate_tokens(spec.content or ""))
        model = req.body.get("model", "fake-model")
        created = int(time.time())
        usage = self._usage(req, spec.content or "")
        if not req.body.get("stream"):
            message = {"role": "assistant", "content": spec.content, "refusal": spec.refusal}
            return web.json_response(
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": created,
                    "model": model,
                    "choices": [
                        {"index": 0, "message": message, "finish_reason": spec.finish_reason}
                    ],
                    "usage": usage,
                }
            )
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)

        async def send(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> None:
            chunk = {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                **extra,
            }
            await response.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())

        # The client may give up midway (a deadline test): then there is nothing left to send.
        with contextlib.suppress(ConnectionResetError):
            await self._stream_body(req, spec, send, response, created, model, usage)
        return response

    async def _stream_body(
        self,
        req: Request,
        spec: Spec,
        send: Callable[..., Awaitable[None]],
        response: web.StreamResponse,
        created: int,
        model: str,
        usage: dict[str, Any],
    ) -> None:
        await send({"role": "assistant", "content": ""})
        if spec.refusal:
            await send({"refusal": spec.refusal})
        text = spec.content or ""
        for i in range(0, len(text), spec.chunk_chars):
            if spec.chunk_delay:
                await asyncio.sleep(spec.chunk_delay)
            await send({"content": text[i : i + spec.chunk_chars]})
        await send({}, spec.finish_reason)
        asked = (req.body.get("stream_options") or {}).get("include_usage")
        if asked and self.stream_usage:
            chunk = {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [],
                "usage": usage,
            }
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()

    async def _models(self, request: web.Request) -> web.StreamResponse:
        await self._record(request)
        return web.Response(text=self.models, headers=self.models_headers)

    async def _embeddings(self, request: web.Request) -> web.StreamResponse:
        req = await self._record(request)
        if self.embedding_delay:
            await asyncio.sleep(self.embedding_delay)
        if self.embeddings_refusal is not None:
            code, body, headers = self.embeddings_refusal
            return web.Response(status=code, text=body, headers=headers)
        if self.embedding_failures > 0:
            self.embedding_failures -= 1
            if self.embedding_retry_after is not None:
                headers = {"retry-after": str(self.embedding_retry_after)}
                busy = {"error": {"message": "busy"}}
                return web.json_response(busy, status=429, headers=headers)
            return web.json_response({"error": {"message": "down"}}, status=503)
        inputs = req.body.get("input")
        texts = [inputs] if isinstance(inputs, str) else list(inputs or [])
        data = [
            {"object": "embedding", "index": i, "embedding": embed(t)} for i, t in enumerate(texts)
        ]
        tokens = sum(estimate_tokens(t) for t in texts)
        return web.json_response(
            {
                "object": "list",
                "data": data,
                "model": req.body.get("model", "fake-embedding"),
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            }
        )


def embed(text: str) -> list[float]:
    """A deterministic bag-of-character-bigrams vector: similar texts get similar vectors."""
    vec = [0.0] * EMBEDDING_DIMS
    chars = [c for c in text if not c.isspace()]
    for a, b in itertools.pairwise(chars):
        h = int.from_bytes(hashlib.blake2b((a + b).encode(), digest_size=4).digest(), "big")
        vec[h % EMBEDDING_DIMS] += 1.0
    norm = math.sqrt(sum(x * x for x in vec)) or 1.0
    return [x / norm for x in vec]
