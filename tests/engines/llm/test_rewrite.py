"""Query rewriting: follow-ups and other-language questions become queries in the piece's words."""

from __future__ import annotations

from bot.core.answer import Turn
from bot.engines.base import reader_request
from bot.engines.llm import LLMEngine
from tests.fakes.openai_api import FakeOpenAI, reply, slow, status


def rewrites(fake: FakeOpenAI) -> list:
    return [r for r in fake.chat_requests if r.schema == "rewrite"]


async def test_other_language_question_is_searched_in_the_pieces_language(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    fake.script(reply({"query": "北朝鮮 核ミサイル計画"}), schema="rewrite")
    answer = await llm.ask("What does the author say about the nuclear missile programme?")
    (rewrite,) = rewrites(fake)
    assert "Japanese" in rewrite.messages[0]["content"]
    assert "nuclear missile programme" in rewrite.messages[-1]["content"]
    ask = fake.chat_requests[-1]
    assert 7 in [n for n, _ in ask.passages()]  # ¶7 is where the piece discusses it
    # The model still sees the reader's own question, not the rewrite.
    assert "nuclear missile programme" in ask.messages[-1]["content"]
    assert answer.engine == "llm"
    assert answer.extra["calls"] == 2


async def test_question_in_the_pieces_language_needs_no_rewrite(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    await llm.ask("北朝鮮の核ミサイル計画について筆者は何と言っている？")
    assert rewrites(fake) == []


async def test_follow_up_is_rewritten_with_its_history(llm: LLMEngine, fake: FakeOpenAI) -> None:
    history = [Turn("ロシアと北朝鮮の接近の要因は？", "三つある。", (6,))]
    fake.script(reply({"query": "北朝鮮 核ミサイル計画 力学"}), schema="rewrite")
    await llm.ask("二つ目について詳しく", history)
    (rewrite,) = rewrites(fake)
    assert "<history>" in rewrite.messages[-1]["content"]
    assert 7 in [n for n, _ in fake.chat_requests[-1].passages()]


async def test_failed_rewrite_still_answers(llm: LLMEngine, fake: FakeOpenAI) -> None:
    fake.script(status(500), status(500), schema="rewrite")
    answer = await llm.ask("What does the author say about sanctions?")
    assert answer.engine == "llm"


async def test_slow_rewrite_gets_only_part_of_the_budget(llm: LLMEngine, fake: FakeOpenAI) -> None:
    fake.script(slow(10.0, reply({"query": "制裁"})), schema="rewrite")
    answer = await llm.ask("What does the author say about sanctions?")
    assert answer.engine == "llm"  # the answer call still had time


async def test_rewrites_are_remembered(llm: LLMEngine, fake: FakeOpenAI) -> None:
    fake.script(reply({"query": "制裁"}), schema="rewrite")
    history = [Turn("制裁について", "…", (5,))]
    await llm.ask("Why?", history)
    await llm.ask("Why?", history)
    assert len(rewrites(fake)) == 1


async def test_a_private_conversation_leaves_no_rewrite_behind(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    # A DM's words must not outlive its conversation: its rewrites are not remembered.
    fake.script(reply({"query": "制裁"}), reply({"query": "制裁"}), schema="rewrite")
    history = [Turn("制裁について", "…", (5,))]
    with reader_request(within_s=30, private=True):
        await llm.ask("Why?", history)
        await llm.ask("Why?", history)
    assert len(rewrites(fake)) == 2
    assert not llm.finder.rewriter._memory
