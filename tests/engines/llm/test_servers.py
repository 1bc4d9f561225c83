"""The engine against servers that behave like real local ones (bodies captured from
llama-cpp-python and llama-server): it answers from the model, or gives the right note fast."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.article import Article
from bot.engines.llm import LLMEngine, build_llm_engine
from bot.engines.llm.budget import OUTPUT_TOKENS
from tests.engines.llm.conftest import make_settings
from tests.engines.llm.test_engine import QUESTION, assert_verified
from tests.engines.llm.test_material import make_long_article
from tests.fakes.openai_api import FakeOpenAI, grounded, slow, status

FAST_S = 2.0  # "the right note fast": well inside the test deadline


@pytest.fixture
async def servers() -> AsyncIterator[list[FakeOpenAI]]:
    started: list[FakeOpenAI] = []
    yield started
    for server in started:
        await server.close()


async def engine_for(
    server: FakeOpenAI, servers: list[FakeOpenAI], tmp_path: Path, article: Article, **kw: object
) -> LLMEngine:
    await server.start()
    servers.append(server)
    kw.setdefault("llm_context_tokens", None)  # what the server reports, or the default
    return build_llm_engine(make_settings(server.base_url, tmp_path, **kw), article)


async def test_llama_cpp_python_gets_json_object_with_the_schema_and_answers(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article, caplog: pytest.LogCaptureFixture
) -> None:
    server = FakeOpenAI.llama_cpp_python()
    engine = await engine_for(server, servers, tmp_path, article, llm_cache=False)
    try:
        with caplog.at_level(logging.WARNING):
            first = await engine.ask(QUESTION)
            second = await engine.ask(QUESTION + "（再）")
    finally:
        await engine.aclose()
    assert first.engine == second.engine == "llm", first.note
    assert_verified(first, article)
    kinds = [r.body.get("response_format", {}).get("type") for r in server.chat_requests]
    # Rejected once (its exact 500), then json_object for the rest of the process.
    assert kinds == ["json_schema", "json_object", "json_object"]
    fmt = server.chat_requests[1].body["response_format"]
    assert fmt["schema"]["properties"]["sentences"]  # the schema rides in response_format…
    assert '"sentences"' in server.chat_requests[1].messages[-1]["content"]  # …and the prompt
    assert sum("rejects a structured-output mode" in r.message for r in caplog.records) == 1
    said = [r.message for r in caplog.records if "HTTP 500" in r.message]
    assert said and "Input should be 'text' or 'json_object'" in said[0]
    assert "request id" in said[0] and "sk-test" not in caplog.text


async def test_a_forced_format_is_sent_as_set(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article
) -> None:
    server = FakeOpenAI()
    engine = await engine_for(server, servers, tmp_path, article, llm_response_format="text")
    try:
        answer = await engine.ask(QUESTION)
    finally:
        await engine.aclose()
    assert answer.engine == "llm"
    body = server.chat_requests[-1].body
    assert "response_format" not in body
    assert "JSON Schema" in body["messages"][-1]["content"]


async def test_json_schema_forced_on_a_server_that_rejects_it_says_so_fast(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article
) -> None:
    server = FakeOpenAI.llama_cpp_python()
    engine = await engine_for(server, servers, tmp_path, article, llm_response_format="json_schema")
    started = time.monotonic()
    try:
        answer = await engine.ask(QUESTION, locale="en")
    finally:
        await engine.aclose()
    assert time.monotonic() - started < FAST_S
    assert answer.engine == "offline" and answer.extra["fallback"] == "format"
    assert "rejected the request" in (answer.note or "")
    assert len(server.chat_requests) == 1  # a rejection that names its cause is not retried


async def test_llama_server_reports_its_context_and_every_command_fits(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article
) -> None:
    server = FakeOpenAI.llama_server(n_ctx=4096)
    engine = await engine_for(server, servers, tmp_path, article)
    try:
        answers = [
            await engine.summary(),
            await engine.factors(),
            await engine.quotes(),
            await engine.ask(QUESTION),
        ]
    finally:
        await engine.aclose()
    for answer in answers:
        assert answer.engine == "llm", answer.note
        assert_verified(answer, article)
    # The piece does not fit 4,096 tokens: it was read in parts, and no prompt was refused.
    assert any(r.schema == "digest" for r in server.chat_requests)
    assert all(r.answered for r in server.chat_requests)
    assert all(server.prompt_tokens(r) + r.body["max_tokens"] <= 4096 for r in server.chat_requests)
    assert [r.path for r in server.requests].count("/v1/models") == 1


async def test_an_overflow_the_server_reports_shrinks_and_retries_once(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article
) -> None:
    # The server's /v1/models says nothing of its context; the engine plans for 65,536.
    server = FakeOpenAI.llama_server(n_ctx=4096, report=False)
    engine = await engine_for(server, servers, tmp_path, article, llm_context_tokens=65536)
    try:
        answer = await engine.summary()
    finally:
        await engine.aclose()
    assert answer.engine == "llm", answer.note
    first, *rest = server.chat_requests
    assert not first.answered and first.schema == "summary"  # the 400, then smaller parts
    assert rest and all(r.answered for r in rest)


async def test_a_context_too_small_for_anything_says_the_piece_is_too_long(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article
) -> None:
    server = FakeOpenAI.llama_server(n_ctx=300, report=False)
    engine = await engine_for(server, servers, tmp_path, article, llm_context_tokens=65536)
    started = time.monotonic()
    try:
        answer = await engine.summary(locale="en")
    finally:
        await engine.aclose()
    assert time.monotonic() - started < FAST_S
    assert answer.engine == "offline" and answer.extra["fallback"] == "context"
    assert "too long for this model's context" in (answer.note or "")


async def test_a_looping_model_is_stopped_by_small_limits_without_a_second_long_try(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article
) -> None:
    # A slow model (0.5 ms a token) that loops: each call runs to its limit, once.
    server = FakeOpenAI(loops=True, token_delay=0.0005)
    engine = await engine_for(server, servers, tmp_path, article, llm_context_tokens=65536)
    started = time.monotonic()
    try:
        answer = await engine.ask("Why did Russia and North Korea grow closer?", locale="en")
    finally:
        await engine.aclose()
    assert time.monotonic() - started < FAST_S
    assert answer.engine == "offline" and answer.extra["fallback"] == "length"
    rewrite, ask = server.chat_requests  # one try each: a reply cut off is not asked again
    assert rewrite.schema == "rewrite" and rewrite.body["max_tokens"] == OUTPUT_TOKENS["rewrite"]
    assert ask.body["max_tokens"] == OUTPUT_TOKENS["ask"]


async def test_a_stream_without_a_usage_chunk_still_answers(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article
) -> None:
    server = FakeOpenAI(stream_usage=False)
    engine = await engine_for(server, servers, tmp_path, article)
    try:
        events = [e async for e in engine.ask_stream(QUESTION)]
    finally:
        await engine.aclose()
    final = events[-1].final
    assert final is not None and final.engine == "llm"
    assert final.extra["usage"]["prompt_tokens"] == 0  # nothing reported, nothing invented


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [(400, "bad_request", "rejected the request"), (503, "unavailable", "unavailable")],
)
async def test_errors_are_said_as_they_are(
    servers: list[FakeOpenAI],
    tmp_path: Path,
    article: Article,
    code: int,
    kind: str,
    words: str,
) -> None:
    server = FakeOpenAI(default=status(code, message="the server's own words"))
    engine = await engine_for(server, servers, tmp_path, article, llm_context_tokens=65536)
    try:
        answer = await engine.ask(QUESTION, locale="en")
    finally:
        await engine.aclose()
    assert answer.extra["fallback"] == kind and words in (answer.note or "")
    # A 4xx other than 408/409/429 is not asked again; a 503 is, once (LLM_MAX_RETRIES=1).
    assert len(server.chat_requests) == (1 if code == 400 else 2)


async def test_timeouts_say_too_slow(
    servers: list[FakeOpenAI], tmp_path: Path, article: Article
) -> None:
    server = FakeOpenAI(default=slow(5.0, grounded()))
    engine = await engine_for(server, servers, tmp_path, article, llm_context_tokens=65536)
    try:
        answer = await engine.ask(QUESTION, locale="en")
    finally:
        await engine.aclose()
    assert answer.extra["fallback"] == "timeout" and "took too long" in (answer.note or "")


async def test_an_overflow_while_digesting_a_long_piece_replans_its_parts(
    servers: list[FakeOpenAI], tmp_path: Path
) -> None:
    article = make_long_article()
    server = FakeOpenAI.llama_server(n_ctx=4096, report=False)
    engine = await engine_for(server, servers, tmp_path, article, llm_context_tokens=8192)
    try:
        answer = await engine.summary()
    finally:
        await engine.aclose()
    assert answer.engine == "llm", answer.note
    refused = [r for r in server.chat_requests if not r.answered]
    assert refused and all(r.schema == "digest" for r in refused)  # parts sized for 8,192
    last = server.chat_requests[-1]
    assert last.answered and last.schema == "summary"
