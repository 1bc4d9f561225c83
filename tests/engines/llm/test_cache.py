"""The answer cache: repeated commands cost no tokens; keys separate what differs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.answer import Answer, AnswerItem, Citation
from bot.engines.llm import LLMEngine
from bot.engines.llm.cache import AnswerCache, answer_from_dict, cache_key
from tests.engines.llm.conftest import EngineFactory
from tests.fakes.openai_api import FakeOpenAI, slow, status
from tests.storage.helpers import files_named_like, write_lock_held, write_not_a_database


async def test_second_summary_costs_no_tokens(llm: LLMEngine, fake: FakeOpenAI) -> None:
    first = await llm.summary()
    second = await llm.summary()
    assert len(fake.chat_requests) == 1
    assert second.text == first.text and second.citations == first.citations
    assert second.extra["cached"] is True
    assert second.extra["usage"] == {"prompt_tokens": 0, "cached_tokens": 0, "completion_tokens": 0}


async def test_cache_survives_a_restart(make_engine: EngineFactory, fake: FakeOpenAI) -> None:
    first = await (await make_engine()).factors()
    again = await (await make_engine()).factors()  # a new engine, the same data_dir
    assert len(fake.chat_requests) == 1
    assert again.items == first.items


async def test_arguments_that_change_the_answer_change_the_key(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    await llm.summary("short")
    await llm.summary("long")
    await llm.summary("short", locale="en-US")
    await llm.summary("short", locale="en-GB")  # the same language: served from the cache
    assert len(fake.chat_requests) == 3


async def test_questions_are_normalised_for_the_cache(llm: LLMEngine, fake: FakeOpenAI) -> None:
    await llm.ask("北朝鮮の核ミサイル計画は？")
    await llm.ask("  北朝鮮の核ミサイル計画は？ ")
    await llm.ask("北朝鮮の核ミサイル計画は?")  # full-width and ASCII ? fold together
    assert len(fake.chat_requests) == 1


async def test_fallback_answers_are_not_cached(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    engine = await make_engine(llm_max_retries=0)
    fake.script(status(500))
    down = await engine.summary()
    up = await engine.summary()
    assert down.engine == "offline" and up.engine == "llm"


async def test_cache_can_be_turned_off(make_engine: EngineFactory, fake: FakeOpenAI) -> None:
    engine = await make_engine(llm_cache=False)
    await engine.summary()
    await engine.summary()
    assert len(fake.chat_requests) == 2


async def test_warm_up_fills_the_cache(make_engine: EngineFactory, fake: FakeOpenAI) -> None:
    engine = await make_engine(llm_warm_up=True)
    task = engine.start_warm_up()
    assert task is not None
    await task
    warmed = len(fake.chat_requests)
    assert warmed == 2  # summary and factors
    await engine.summary()
    await engine.factors()
    assert len(fake.chat_requests) == warmed


async def test_warm_up_can_be_disabled(llm: LLMEngine) -> None:
    assert llm.start_warm_up() is None


async def test_closing_during_warm_up_leaves_no_work_running(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    # The answers a warm-up starts are shared flights of their own: stopping the warm-up
    # must not leave them calling a closed client, nor the fallback's analysis running.
    fake.default = slow(0.5)
    before = asyncio.all_tasks()
    engine = await make_engine(llm_warm_up=True)
    engine.start_warm_up()
    await asyncio.sleep(0.1)  # the model calls are under way
    await engine.aclose()
    left = [t for t in asyncio.all_tasks() - before if not t.done()]
    ours = [t for t in left if "/bot/" in t.get_coro().cr_code.co_filename]
    assert not ours, [t.get_coro() for t in ours]


def test_key_depends_on_piece_model_version_command_and_args() -> None:
    base = ("sha", "model", "v1", "summary", {"length": "short"})
    key = cache_key(*base)
    assert cache_key("sha", "model", "v1", "summary", {"length": " SHORT "}) == key
    for i, other in enumerate(["sha2", "model2", "v2", "factors", {"length": "long"}]):
        changed = list(base)
        changed[i] = other
        assert cache_key(*changed) != key


def test_prompt_edit_changes_the_version(tmp_path: Path, llm: LLMEngine) -> None:
    before = llm._key("summary", {"length": "short"}, 8192)
    prompts = dict(llm.prompts.prompts)
    prompts["summary"] = replace(prompts["summary"], text=prompts["summary"].text + " Be brief.")
    llm.prompts = type(llm.prompts)(prompts)
    assert llm._key("summary", {"length": "short"}, 8192) != before


async def test_keys_follow_the_retrieval_that_chose_the_passages(
    make_engine: EngineFactory,
) -> None:
    # On a long piece, quotes on a topic come from the passages retrieval finds for it.
    first = await make_engine()
    other = await make_engine(llm_ask_passages=first.settings.llm_ask_passages + 1)
    topic = {"topic": "制裁", "k": 3, "language": "Japanese", "ui": "ja"}
    assert first._key("quote", topic, 8192) != other._key("quote", topic, 8192)
    assert first._key("ask", {"question": "q"}, 8192) != other._key("ask", {"question": "q"}, 8192)
    whole = {**topic, "topic": None}
    assert first._key("quote", whole, 8192) == other._key("quote", whole, 8192)
    assert first._key("summary", {}, 8192) == other._key("summary", {}, 8192)


async def test_a_factor_is_asked_again_when_its_list_says_otherwise(
    llm: LLMEngine, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A list made afresh (a DM's is never kept) may describe factor n otherwise under the
    # same title: its detail, asked from that description, is another answer.
    listing = await llm.factors()
    await llm.factor(1)
    calls = len(fake.chat_requests)
    await llm.factor(1)
    assert len(fake.chat_requests) == calls  # the same list: the cached detail
    item = listing.items[0]
    changed = replace(listing, items=(replace(item, text=item.text + "。"), *listing.items[1:]))

    async def factors(*, locale: str | None = None) -> Answer:
        return changed

    monkeypatch.setattr(llm, "factors", factors)
    await llm.factor(1)
    assert len(fake.chat_requests) == calls + 1


ANSWER = Answer(
    "t",
    (Citation(2, "quote", 10, 15),),
    "llm",
    True,
    "factors",
    items=(AnswerItem("a", "b", (Citation(2, "quote", 10, 15),)),),
    note="n",
)


@pytest.fixture
async def cache_at() -> AsyncIterator[Callable[..., AnswerCache]]:
    """Build caches; all are closed at the end, even when a test fails."""
    built: list[AnswerCache] = []

    def make(path: Path | None, **kw: float) -> AnswerCache:
        built.append(AnswerCache(path, **kw))
        return built[-1]

    yield make
    for cache in built:
        await cache.aclose()


async def test_round_trip_and_unwritable_path(
    tmp_path: Path, cache_at: Callable[..., AnswerCache]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = cache_at(blocker / "sub" / "cache.sqlite3")  # cannot create: falls back to memory
    await cache.put("k", "factors", ANSWER, piece="p")
    assert await cache.get("k") == ANSWER
    assert answer_from_dict(ANSWER.to_dict()) == ANSWER
    assert await cache.get("missing") is None


async def test_a_damaged_cache_file_is_moved_aside(
    tmp_path: Path, cache_at: Callable[..., AnswerCache]
) -> None:
    path = tmp_path / "llm-cache.sqlite3"
    write_not_a_database(path)
    cache = cache_at(path)
    assert await cache.get("k") is None
    await cache.put("k", "factors", ANSWER, piece="p")
    assert await cache.get("k") == ANSWER
    assert len(files_named_like(path, ".damaged-")) == 1


async def test_a_locked_cache_costs_tokens_not_time(
    tmp_path: Path, cache_at: Callable[..., AnswerCache], caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "llm-cache.sqlite3"
    cache = cache_at(path)
    await cache.put("before", "summary", ANSWER, piece="p")
    with write_lock_held(path):
        started = time.monotonic()
        await cache.put("k", "factors", ANSWER, piece="p")  # not stored, and no error
        assert time.monotonic() - started < 3.0
        assert await cache.get("before") == ANSWER  # reads go on
    assert await cache.get("k") is None
    assert any("could not store" in r.getMessage() for r in caplog.records)


async def test_a_cache_file_with_another_layout_costs_tokens_not_answers(
    make_engine: EngineFactory, fake: FakeOpenAI, tmp_path: Path
) -> None:
    # e.g. left by another version of the bot: reading it fails, the reader still gets answers.
    import sqlite3

    db = sqlite3.connect(tmp_path / "llm-cache.sqlite3")
    db.execute("CREATE TABLE answers (key TEXT PRIMARY KEY, payload BLOB)")
    db.commit()
    db.close()
    engine = await make_engine()
    answer = await engine.summary()
    assert answer.engine == "llm" and answer.citations
    events = [e async for e in engine.ask_stream("北朝鮮の核ミサイル計画は？")]
    assert events[-1].final is not None and events[-1].final.engine == "llm"


async def test_messages_in_the_readers_language_are_not_shared_across_languages(
    llm: LLMEngine, fake: FakeOpenAI
) -> None:
    from tests.fakes.openai_api import reply

    # An unknown locale asks for the piece's language, but its notes are English, not Japanese.
    fake.default = reply({"covered": False, "quotes": []})
    ja = await llm.quotes("サッカー", locale="ja")
    other = await llm.quotes("サッカー", locale="xx")
    assert ja.text.startswith("記事には")
    assert other.text.startswith("The piece has no passage")


async def test_ask_key_follows_what_the_model_is_shown(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    # The passages a question is answered from depend on these settings; so does the answer.
    question = "北朝鮮の核ミサイル計画は？"
    await (await make_engine()).ask(question)
    await (await make_engine()).ask(question)
    assert len(fake.chat_requests) == 1
    await (await make_engine(llm_ask_passages=2)).ask(question)
    await (await make_engine(llm_ask_context_chars=800)).ask(question)
    await (await make_engine(openai_embedding_model="fake-embed")).ask(question)
    assert len(fake.chat_requests) == 4
