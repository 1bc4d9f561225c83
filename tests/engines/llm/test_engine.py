"""LLMEngine against the local fake server: grounded answers, enforcement, every fault → offline."""

from __future__ import annotations

import asyncio
import json
import socket
import time

import pytest

from bot.core.answer import Turn
from bot.core.article import Article
from bot.core.grounding import Grounder
from bot.engines.base import Engine, InvalidRequest, reader_request
from bot.engines.llm import LLMEngine
from tests.engines.llm.conftest import TEST_DEADLINE_S, EngineFactory
from tests.fakes.openai_api import (
    FakeOpenAI,
    Request,
    Spec,
    bad_ids,
    bad_quotes,
    empty,
    grounded,
    grounded_payload,
    invalid_json,
    not_covered,
    refusal,
    reply,
    slow,
    status,
    truncated,
)

QUESTION = "北朝鮮の核ミサイル計画について筆者は何と言っている？"
# Fault handling must end well inside the deadline plus the offline answer's own time.
BOUND_S = TEST_DEADLINE_S + 1.5


def assert_verified(answer, article: Article) -> None:
    """Every citation (and every item's) is word for word in the piece at its offsets."""
    grounder = Grounder(article)
    cites = list(answer.citations) + [c for i in answer.items for c in i.citations]
    for c in cites:
        assert article.text[c.start : c.end] == c.quote
        assert grounder.cite(c.quote, passage=c.passage) is not None


async def test_llm_engine_satisfies_the_engine_protocol(llm: LLMEngine) -> None:
    assert isinstance(llm, Engine)
    assert llm.name == "llm"


async def test_grounded_answer_keeps_verified_citations(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    answer = await llm.ask(QUESTION)
    assert answer.engine == "llm" and answer.grounded and answer.note is None
    assert answer.citations
    assert_verified(answer, article)
    shown = {n for n, _ in fake.chat_requests[-1].passages()}
    assert set(answer.passages) <= shown
    assert answer.extra["usage"]["prompt_tokens"] > 0


@pytest.mark.parametrize(
    ("behavior", "reason"),
    [
        (bad_quotes, "unverified"),
        (bad_ids, "unverified"),
        (invalid_json, "malformed"),
        (refusal, "refused"),
        (empty, "empty"),
        (truncated, "length"),
    ],
)
async def test_unusable_replies_fall_back_to_offline_with_a_note(
    make_engine: EngineFactory, fake: FakeOpenAI, behavior, reason: str
) -> None:
    engine = await make_engine()
    fake.default = behavior()
    started = time.monotonic()
    answer = await engine.ask(QUESTION, locale="en-US")
    assert time.monotonic() - started < BOUND_S
    assert answer.engine == "offline"
    assert answer.note and "offline" in answer.note
    assert answer.extra["fallback"] == reason
    assert answer.citations  # the offline engine quotes the piece


async def test_unverified_answer_is_retried_once_naming_the_failures(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    fake.script(bad_quotes(), grounded())
    answer = await llm.ask(QUESTION)
    assert answer.engine == "llm" and answer.grounded
    assert_verified(answer, article)
    first, second = fake.chat_requests[-2:]
    # The retry continues the same conversation and says what failed.
    assert second.messages[: len(first.messages)] == first.messages
    assert second.messages[-2]["role"] == "assistant"
    assert "not word for word" in second.messages[-1]["content"]


async def test_nonexistent_passage_ids_are_named_in_the_retry(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    fake.script(bad_ids(999), grounded())
    answer = await llm.ask(QUESTION)
    assert answer.engine == "llm"
    assert "¶999 was not among the passages given" in fake.chat_requests[-1].messages[-1]["content"]
    assert 999 not in answer.passages


async def test_some_bad_citations_are_dropped_and_the_rest_kept(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    def mixed(req: Request) -> Spec:
        data = grounded_payload(req)
        first = data["sentences"][0]
        good = first["citations"][0]
        first["citations"] = [good, {"passage": good["passage"], "quote": "捏造された引用文です。"}]
        first["text"] += " [¶999]"
        data["sentences"] = [first]
        return Spec(content=json.dumps(data, ensure_ascii=False))

    fake.script(mixed)
    answer = await llm.ask(QUESTION)
    assert answer.engine == "llm"
    payload = grounded_payload(fake.chat_requests[-1])
    assert [c.quote for c in answer.citations] == [payload["sentences"][0]["citations"][0]["quote"]]
    assert "¶999" not in answer.text
    assert len(fake.chat_requests) == 1  # one verified citation is support enough: no retry


async def test_unverified_quote_in_the_text_loses_its_quote_marks(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    def inline(req: Request) -> Spec:
        data = grounded_payload(req)
        data["sentences"][0]["text"] = "It is called 「架空の表現である」 here."
        return Spec(content=json.dumps(data, ensure_ascii=False))

    fake.script(inline)
    answer = await llm.ask(QUESTION)
    assert "「" not in answer.text and "架空の表現である" in answer.text


async def test_not_covered_answer_has_no_citations(llm: LLMEngine, fake: FakeOpenAI) -> None:
    fake.script(not_covered("The piece does not discuss football. [¶2]"))
    answer = await llm.ask("What does the piece say about football?")
    assert answer.engine == "llm" and not answer.grounded
    assert answer.citations == () and "[¶" not in answer.text


async def test_long_uncited_not_covered_text_is_replaced(llm: LLMEngine, fake: FakeOpenAI) -> None:
    fake.script(not_covered("Not in the piece, but in general: " + "lots of outside facts. " * 30))
    answer = await llm.ask("What does the piece say about football?")
    assert not answer.grounded and "outside facts" not in answer.text
    assert "does not cover" in answer.text


async def test_factor_detail_shares_one_deadline_with_its_list(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    engine = await make_engine(llm_timeout_s=2.0)
    fake.script(slow(1.8, grounded()))  # the list arrives late, within the timeout
    fake.default = slow(10.0)
    started = time.monotonic()
    answer = await engine.factor(1)
    assert answer.engine == "offline" and answer.extra["fallback"] == "timeout"
    # Two separate deadlines would take 1.8 s + 2 s; one shared deadline ends at 2 s.
    assert time.monotonic() - started < TEST_DEADLINE_S + 0.3
    assert fake.chat_requests[0].schema == "factors"


async def test_slow_server_past_the_timeout_answers_offline_in_time(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    engine = await make_engine()
    fake.default = slow(10.0)
    started = time.monotonic()
    answer = await engine.summary()
    elapsed = time.monotonic() - started
    assert answer.engine == "offline" and answer.extra["fallback"] == "timeout"
    assert elapsed < BOUND_S
    assert answer.note


async def test_deadline_bounds_the_wait_even_with_many_retries(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    # The library would retry 5 times at 1 s each; the deadline cuts that short.
    engine = await make_engine(llm_max_retries=5)
    fake.default = slow(10.0)
    started = time.monotonic()
    answer = await engine.ask(QUESTION)
    assert answer.engine == "offline"
    assert time.monotonic() - started < BOUND_S


async def test_rate_limit_then_success_is_retried_by_the_client(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    fake.script(status(429, retry_after=0.05))
    answer = await llm.ask(QUESTION)
    assert answer.engine == "llm"
    assert len(fake.chat_requests) == 2


async def test_server_error_forever_answers_offline(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    engine = await make_engine()
    fake.default = status(500, retry_after=0.05)
    answer = await engine.factors(locale="ja")
    assert answer.engine == "offline" and answer.extra["fallback"] == "unavailable"
    assert "オフライン" in (answer.note or "")
    assert len(fake.chat_requests) == 2  # the first try and the client's one retry


async def test_rate_limited_forever_says_so(make_engine: EngineFactory, fake: FakeOpenAI) -> None:
    engine = await make_engine(llm_max_retries=0)
    fake.default = status(429)
    answer = await engine.ask(QUESTION, locale="en")
    assert answer.engine == "offline" and "busy" in (answer.note or "")


async def test_connection_refused_answers_offline(make_engine: EngineFactory) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = await make_engine(base_url=f"http://127.0.0.1:{port}/v1", llm_max_retries=0)
    answer = await engine.ask(QUESTION)
    assert answer.engine == "offline" and answer.extra["fallback"] == "connection"


async def test_summary_is_never_shown_with_an_unverified_quote(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    fake.default = bad_quotes()
    answer = await llm.summary()
    assert answer.engine == "offline"
    assert_verified(answer, article)
    assert len(fake.chat_requests) == 2  # the first reply and the one retry


async def test_factors_are_verified_per_item(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    answer = await llm.factors()
    assert answer.engine == "llm" and len(answer.items) == 3
    assert all(item.citations for item in answer.items)
    assert_verified(answer, article)
    assert answer.text.splitlines()[1].startswith("1. ")


async def test_factor_list_with_a_hole_is_retried_then_shown_partially_with_a_note(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    def holed(req: Request) -> Spec:
        data = grounded_payload(req)
        data["items"][1]["sentences"][0]["citations"] = [
            {"passage": 1, "quote": "存在しない文章。"}
        ]
        return Spec(content=json.dumps(data, ensure_ascii=False))

    fake.default = holed
    answer = await llm.factors(locale="en")
    assert len(fake.chat_requests) == 2
    assert answer.engine == "llm" and len(answer.items) == 2
    assert answer.note and "left out" in answer.note
    assert_verified(answer, article)


async def test_factor_detail_uses_the_llm_list(llm: LLMEngine, fake: FakeOpenAI) -> None:
    listing = await llm.factors()
    answer = await llm.factor(2)
    assert answer.engine == "llm" and answer.kind == "factor"
    assert answer.items[0].title == listing.items[1].title
    assert listing.items[1].title in fake.chat_requests[-1].messages[-1]["content"]
    with pytest.raises(InvalidRequest):
        await llm.factor(len(listing.items) + 1)


async def test_quotes_are_verbatim_and_at_most_k(
    llm: LLMEngine, fake: FakeOpenAI, article: Article
) -> None:
    answer = await llm.quotes("制裁", k=2)
    assert answer.engine == "llm" and 1 <= len(answer.citations) <= 2
    assert_verified(answer, article)
    assert "<question>制裁</question>" in fake.chat_requests[-1].messages[-1]["content"]


async def test_quotes_for_a_topic_the_piece_lacks(llm: LLMEngine, fake: FakeOpenAI) -> None:
    fake.script(reply({"covered": False, "quotes": []}))
    answer = await llm.quotes("football", locale="en")
    assert not answer.grounded and answer.citations == ()
    assert "football" in answer.text


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda e: e.ask("   "), "empty"),
        (lambda e: e.ask("x" * 1001), "too long"),
        (lambda e: e.summary("huge"), "length"),
        (lambda e: e.quotes(k=0), "between"),
    ],
)
async def test_bad_requests_raise_invalid_request_without_a_model_call(
    llm: LLMEngine, fake: FakeOpenAI, call, message: str
) -> None:
    with pytest.raises(InvalidRequest, match=message):
        await call(llm)
    assert fake.chat_requests == []


async def test_concurrency_cap_limits_simultaneous_model_calls(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    engine = await make_engine(llm_max_concurrency=2, llm_cache=False)
    fake.default = slow(0.1)
    questions = [f"{QUESTION} ({i})" for i in range(6)]
    answers = await asyncio.gather(*(engine.ask(q) for q in questions))
    assert all(a.engine == "llm" for a in answers)
    assert fake.max_inflight == 2


async def test_identical_concurrent_requests_share_one_model_call(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    fake.default = slow(0.1)
    first, second = await asyncio.gather(llm.summary(), llm.summary())
    assert first.text == second.text
    assert len(fake.chat_requests) == 1


async def test_follow_up_is_not_cached_and_sees_history(llm: LLMEngine, fake: FakeOpenAI) -> None:
    history = [Turn("ロシアと北朝鮮の接近の要因は？", "三つある。", (6,))]
    await llm.ask("二つ目は？", history)
    await llm.ask("二つ目は？", history)
    asks = [r for r in fake.chat_requests if r.schema == "answer"]
    assert len(asks) == 2
    assert "<history>" in asks[-1].messages[-1]["content"]
    assert 6 in {n for n, _ in asks[-1].passages()}  # the previous answer's passage stays in view


async def test_every_piece_gets_verified_answers(
    make_engine: EngineFactory, fake: FakeOpenAI, any_article: Article
) -> None:
    engine = await make_engine(any_article, llm_cache=False)
    for answer in [
        await engine.summary(),
        await engine.factors(),
        await engine.quotes(),
        await engine.ask(any_article.paragraphs[-1].sentences[0].text[:40] + "？"),
    ]:
        assert answer.engine == "llm", answer.note
        assert_verified(answer, any_article)
    # The whole piece (or its most central part) is in the prefix, with valid ids only.
    shown = [n for n, _ in fake.chat_requests[0].passages()]
    assert shown and set(shown) <= {p.number for p in any_article.paragraphs}


async def test_quotes_without_topic_must_quote_something(llm: LLMEngine, fake: FakeOpenAI) -> None:
    fake.script(reply({"covered": False, "quotes": []}))
    answer = await llm.quotes()
    assert answer.engine == "llm" and answer.citations  # retried once, then quoted
    assert len(fake.chat_requests) == 2


async def test_a_reader_joining_a_shared_call_waits_no_longer_than_their_deadline(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    # The first reader's call may run to its deadline; a reader who spent most of theirs
    # queued joins it, and gets the offline answer in time rather than wait past theirs.
    llm = await make_engine(llm_timeout_s=2.0)
    fake.default = slow(1.5)
    first = asyncio.ensure_future(llm.summary())
    await asyncio.sleep(0.1)
    started = time.monotonic()
    with reader_request(within_s=1.3):
        joined = await llm.summary()
    assert time.monotonic() - started < 0.9
    assert joined.engine == "offline" and joined.extra["fallback"] == "timeout"
    assert (await first).engine == "llm"
    assert len(fake.chat_requests) == 1  # the joiner started no call of their own


async def test_a_question_about_the_whole_piece_is_its_summary(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    # この記事の要点は？ asks for the whole piece, not for the passages a search finds.
    summary = await llm.summary("short", locale="ja")
    asked = await llm.ask("この記事の要点は？")
    assert asked.kind == "ask" and asked.text == summary.text
    assert asked.citations == summary.citations
    assert len(fake.chat_requests) == 1  # the same request: the cached summary
    streamed = [event async for event in llm.ask_stream("要約して")]
    assert streamed[-1].final is not None and streamed[-1].final.text == summary.text
