"""A local OpenAI-compatible HTTP server (aiohttp, 127.0.0.1) that tests script reply by reply."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import inspect
import itertools
import json
import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

PASSAGE = re.compile(r'<passage id="(\d+)">(.*?)</passage>', re.S)
QUESTION = re.compile(r"<question>\n?(.*?)\n?</question>", re.S)
_SENTENCE = re.compile(r".+?(?:[。！？!?]|\.(?=\s)|$)", re.S)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
EMBEDDING_DIMS = 64
CACHE_MIN_TOKENS = 1024  # OpenAI serves a cached prefix only from this length on


@dataclass
class Spec:
    """One scripted reply: a completion (content or refusal), or an HTTP error, maybe late."""

    content: str | None = None
    refusal: str | None = None
    finish_reason: str = "stop"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    error: dict[str, Any] | None = None
    delay: float = 0.0
    chunk_chars: int = 12
    chunk_delay: float = 0.0


Behavior = Callable[["Request"], Spec | Awaitable[Spec]]


@dataclass
class Request:
    """A request the server received, kept for assertions."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def schema(self) -> str:
        fmt = self.body.get("response_format") or {}
        return str(fmt.get("json_schema", {}).get("name", "")).removeprefix("piece_bot_")

    def text(self) -> str:
        return "\n".join(str(m.get("content") or "") for m in self.messages)

    def passages(self) -> list[tuple[int, str]]:
        """(id, text) of every passage shown to the model, in order."""
        return [(int(n), t) for n, t in PASSAGE.findall(self.text())]

    def question(self) -> str | None:
        found = QUESTION.findall(self.text())
        return found[-1] if found else None


def estimate_tokens(text: str) -> int:
    """A rough token count: a CJK character ≈ 1 token, other text ≈ 4 characters a token."""
    cjk = len(_CJK.findall(text))
    return cjk + math.ceil((len(text) - cjk) / 4)


def first_sentence(text: str) -> str:
    m = _SENTENCE.match(text.strip())
    return m.group().strip() if m else text.strip()


# ---------------------------------------------------------------- behaviors


def reply(content: Any, **kw: Any) -> Behavior:
    """Always this content (a dict or list is sent as JSON text)."""
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return lambda _req: Spec(content=text, **kw)


def grounded_payload(
    req: Request, *, quote_fn: Callable[[int, str], tuple[int, str]] | None = None
) -> dict[str, Any]:
    """A well-formed, grounded reply for whatever the request's schema asks.

    Quotes the first sentence of the passages it was shown, so they verify; `quote_fn` lets
    a behavior corrupt them (wrong passage ids, words the piece does not have).
    """
    passages = req.passages() or [(1, "")]
    pick = quote_fn or (lambda n, t: (n, first_sentence(t)))
    cites = [dict(zip(("passage", "quote"), pick(n, t), strict=True)) for n, t in passages]
    schema = req.schema
    if schema == "rewrite":
        return {"query": req.question() or "query"}
    if schema == "factors":
        items = [
            {"title": f"Point {i}", "text": f"What ¶{c['passage']} says. [¶{c['passage']}]",
             "citations": [c]}
            for i, c in enumerate(cites[:3], start=1)
        ]  # fmt: skip
        return {"intro": f"The piece names {len(items)} factors. [¶{cites[0]['passage']}]",
                "items": items}  # fmt: skip
    if schema == "quotes":
        return {
            "covered": True,
            "quotes": [{**c, "why": f"It states ¶{c['passage']}'s claim."} for c in cites[:3]],
        }
    first = cites[0]
    text = f"The piece answers this in ¶{first['passage']}. [¶{first['passage']}]"
    if schema == "summary":
        return {"text": text, "citations": cites[:2]}
    return {"text": text, "covered": True, "citations": cites[:2]}


def grounded(**kw: Any) -> Behavior:
    return lambda req: Spec(content=json.dumps(grounded_payload(req), ensure_ascii=False), **kw)


def bad_quotes() -> Behavior:
    """Citations whose quotes the piece does not contain."""

    def quote(n: int, _t: str) -> tuple[int, str]:
        return n, "This sentence appears nowhere in the piece, word for word."

    return lambda req: Spec(content=json.dumps(grounded_payload(req, quote_fn=quote)))


def bad_ids(passage: int = 999) -> Behavior:
    """Real quotes attributed to a passage id the model was never given."""

    def quote(_n: int, t: str) -> tuple[int, str]:
        return passage, first_sentence(t)

    return lambda req: Spec(
        content=json.dumps(grounded_payload(req, quote_fn=quote), ensure_ascii=False)
    )


def not_covered(text: str = "The piece does not say.") -> Behavior:
    return reply({"text": text, "covered": False, "citations": []})


def slow(seconds: float, then: Behavior | None = None) -> Behavior:
    inner = then or grounded()

    async def behave(req: Request) -> Spec:
        spec = await _resolve(inner, req)
        spec.delay = seconds
        return spec

    return behave


def status(code: int, *, retry_after: float | None = None, message: str = "error") -> Behavior:
    headers = {"retry-after": str(retry_after)} if retry_after is not None else {}
    body = {"error": {"message": message, "type": "server_error", "code": None}}
    return lambda _req: Spec(status=code, headers=headers, error=body)


def invalid_json() -> Behavior:
    return lambda _req: Spec(content='{"text": "unterminated')


def refusal(text: str = "I'm sorry, I can't help with that.") -> Behavior:
    return lambda _req: Spec(content=None, refusal=text)


def empty() -> Behavior:
    return lambda _req: Spec(content="")


def truncated() -> Behavior:
    return lambda _req: Spec(content='{"text": "cut', finish_reason="length")


async def _resolve(behavior: Behavior, req: Request) -> Spec:
    out = behavior(req)
    if inspect.isawaitable(out):
        out = await out
    return out  # type: ignore[return-value]


# ---------------------------------------------------------------- the server


class FakeOpenAI:
    """`/v1/chat/completions` (plain and SSE streaming) and `/v1/embeddings` on 127.0.0.1.

    Chat replies come from `script(...)` in order, then from `default` (a grounded reply);
    query rewrites take only replies scripted for them (`schema="rewrite"`).
    Every request is recorded in `requests`.
    """

    def __init__(self, default: Behavior | None = None) -> None:
        self.default = default or grounded()
        self.queue: list[tuple[str | None, Behavior]] = []
        self.requests: list[Request] = []
        self.embedding_failures = 0
        self.embedding_delay = 0.0  # seconds each /embeddings reply waits (a slow endpoint)
        self.embedding_retry_after: float | None = None  # failures then answer 429 with this
        self.inflight = 0
        self.max_inflight = 0  # most chat requests being answered at once
        self._prefixes: set[str] = set()
        self._runner: web.AppRunner | None = None
        self.port = 0

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
    def embedding_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/embeddings")]

    async def start(self) -> FakeOpenAI:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/embeddings", self._embeddings)
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
        body = await request.json()
        req = Request(request.path, body, dict(request.headers))
        self.requests.append(req)
        return req

    def _usage(self, req: Request, completion: str) -> dict[str, Any]:
        prompt = sum(estimate_tokens(str(m.get("content") or "")) for m in req.messages)
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

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        self.inflight += 1
        self.max_inflight = max(self.max_inflight, self.inflight)
        try:
            return await self._answer_chat(request)
        finally:
            self.inflight -= 1

    async def _answer_chat(self, request: web.Request) -> web.StreamResponse:
        req = await self._record(request)
        behavior = self._next(req)
        spec = await _resolve(behavior, req)
        if spec.delay:
            await asyncio.sleep(spec.delay)
        if spec.status != 200:
            return web.json_response(spec.error or {}, status=spec.status, headers=spec.headers)
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
        if (req.body.get("stream_options") or {}).get("include_usage"):
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

    async def _embeddings(self, request: web.Request) -> web.StreamResponse:
        req = await self._record(request)
        if self.embedding_delay:
            await asyncio.sleep(self.embedding_delay)
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
