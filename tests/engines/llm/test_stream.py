"""ask_stream: text as it arrives, the verified answer last; faults end in an offline answer."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any

import pytest

from bot.core.article import Article
from bot.engines.base import StreamEvent
from bot.engines.llm import LLMEngine, generate
from bot.engines.llm.checks import Enforcer
from tests.engines.llm.conftest import TEST_DEADLINE_S, EngineFactory
from tests.fakes.openai_api import (
    FakeOpenAI,
    Request,
    Spec,
    bad_quotes,
    grounded,
    grounded_payload,
    refusal,
    slow,
    status,
)

QUESTION = "北朝鮮の核ミサイル計画について筆者は何と言っている？"


async def collect(engine: LLMEngine, question: str = QUESTION, **kw) -> list[StreamEvent]:
    return [event async for event in engine.ask_stream(question, **kw)]


async def test_stream_yields_growing_text_then_the_verified_answer(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    def long_text(req: Request) -> Spec:
        data = grounded_payload(req)
        first = data["sentences"][0]
        extra = {**first, "text": "改行\nとタブ\tと絵文字😀を含む説明文です。"}
        data["sentences"] = [extra] * 4 + data["sentences"]
        return Spec(content=json.dumps(data), chunk_chars=7)  # \uXXXX escapes split by chunks

    fake.script(long_text)
    events = await collect(llm)
    partial = [e for e in events if e.final is None]
    assert len(partial) >= 3
    texts = [e.text for e in partial]
    assert all(b.startswith(a) for a, b in itertools.pairwise(texts))
    final = events[-1].final
    assert final is not None and final.engine == "llm" and final.grounded
    assert "😀" in final.text and "\t" in final.text
    for c in final.citations:
        assert article.text[c.start : c.end] == c.quote
    assert fake.chat_requests[-1].body["stream"] is True
    assert final.extra["usage"]["prompt_tokens"] > 0  # usage arrives in the last chunk


async def test_a_stream_checks_its_sentences_once_each_arrives_not_on_every_chunk(
    llm: LLMEngine, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[int] = []
    real = generate.streamable

    def spy(enforcer: Enforcer, sentences: list[Any], allowed: frozenset[int]) -> str:
        checked.append(len(sentences))
        return real(enforcer, sentences, allowed)

    monkeypatch.setattr(generate, "streamable", spy)
    fake.script(lambda req: Spec(content=json.dumps(grounded_payload(req)), chunk_chars=3))
    events = await collect(llm)
    final = events[-1].final
    assert final is not None and final.engine == "llm"
    # Once per new complete sentence (and once for the empty start), however many chunks.
    assert checked == sorted(set(checked)) and len(checked) <= len(final.citations) + 2


async def test_stream_with_unverified_quotes_retries_then_finishes_verified(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    fake.script(bad_quotes(), grounded())
    events = await collect(llm)
    final = events[-1].final
    assert final is not None and final.engine == "llm"
    assert fake.chat_requests[-1].body.get("stream") is not True  # the retry is not streamed


async def test_stream_fault_ends_with_an_offline_answer(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    engine = await make_engine(llm_max_retries=0)
    fake.default = status(503)
    events = await collect(engine, locale="en")
    assert len(events) == 1
    final = events[-1].final
    assert final is not None and final.engine == "offline" and final.note


async def test_stream_refusal_ends_with_an_offline_answer(llm: LLMEngine, fake: FakeOpenAI) -> None:
    fake.script(refusal())
    events = await collect(llm)
    final = events[-1].final
    assert final is not None and final.engine == "offline"
    assert final.extra["fallback"] == "refused"


async def test_stream_that_stalls_midway_is_cut_at_the_deadline(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    engine = await make_engine(llm_max_retries=0)

    def dribble(req: Request) -> Spec:
        # Each chunk comes within the read timeout, but the whole never finishes in time.
        content = json.dumps(grounded_payload(req), ensure_ascii=False)
        return Spec(content=content, chunk_chars=40, chunk_delay=0.4)

    fake.script(dribble)
    started = time.monotonic()
    events = await collect(engine)
    assert time.monotonic() - started < TEST_DEADLINE_S + 1.5
    assert events[-1].final is not None and events[-1].final.engine == "offline"
    assert any(e.final is None for e in events)  # the reader saw text arrive before the cut


async def test_stream_of_a_cached_question_costs_nothing(llm: LLMEngine, fake: FakeOpenAI) -> None:
    first = await llm.ask(QUESTION)
    calls = len(fake.chat_requests)
    events = await collect(llm)
    assert len(events) == 1 and events[0].final is not None
    assert events[0].final.text == first.text
    assert events[0].final.extra["cached"] is True
    assert len(fake.chat_requests) == calls


async def test_slow_stream_start_times_out_into_offline(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    engine = await make_engine(llm_max_retries=0)
    fake.default = slow(10.0)
    events = await collect(engine)
    assert events[-1].final is not None and events[-1].final.extra["fallback"] == "timeout"


async def test_server_that_cannot_stream_is_asked_plainly(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    def no_streaming(req: Request) -> Spec:
        if req.body.get("stream"):
            return Spec(status=400, error={"error": {"message": "unknown field stream_options"}})
        return Spec(content=json.dumps(grounded_payload(req), ensure_ascii=False))

    fake.default = no_streaming
    events = await collect(llm)
    final = events[-1].final
    assert final is not None and final.engine == "llm" and final.citations
    assert [r.body.get("stream") for r in fake.chat_requests] == [True, None]


async def test_streamed_text_never_shows_an_unverified_quote_or_passage(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    real = article.paragraph(3).sentences[0].text

    def invented(req: Request) -> Spec:
        data = grounded_payload(req)
        claim = f"It says 「{real}」 and also 「これは記事にない捏造の引用です」 [¶99]."
        data["sentences"].insert(0, {"text": claim, "citations": data["sentences"][0]["citations"]})
        return Spec(content=json.dumps(data, ensure_ascii=False), chunk_chars=3)

    fake.script(invented)
    events = await collect(llm)
    partial = [e.text for e in events if e.final is None]
    assert any(f"「{real}」" in t for t in partial)  # verbatim quotes stream as they are
    for text in partial:
        assert "「これは記事" not in text and "¶99" not in text, text
    texts = [e.text for e in events]
    assert all(b.startswith(a) for a, b in itertools.pairwise(texts[:-1]))
    assert "捏造の引用です" in events[-1].text and "「これは" not in events[-1].text


async def test_identical_streams_at_once_share_one_model_call(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    fake.default = slow(0.2)
    first, second = await asyncio.gather(collect(llm), collect(llm))
    assert first[-1].final is not None and second[-1].final is not None
    assert first[-1].final.text == second[-1].final.text
    assert len([r for r in fake.chat_requests if r.schema == "answer"]) == 1


async def test_a_reader_who_leaves_mid_stream_leaves_the_answer_for_the_next(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    def dribble(req: Request) -> Spec:
        return Spec(content=json.dumps(grounded_payload(req)), chunk_chars=12, chunk_delay=0.02)

    fake.script(dribble)
    events = llm.ask_stream(QUESTION)
    first = await anext(events)
    assert first.final is None  # a draft
    await events.aclose()
    calls = len(fake.chat_requests)
    answer = await llm.ask(QUESTION)  # waits for the call already under way, or its answer
    assert answer.engine == "llm" and len(fake.chat_requests) == calls
