"""Pieces longer than the model's context: read in parts (map), condensed (reduce), every quote
verified, every part's digest cached, so a second command costs at most its own call."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core.article import Article, parse_article
from bot.core.files import load_article
from bot.engines.factory import EngineFactory as Factory
from bot.engines.llm import material, planning
from bot.engines.llm.planning import BUILD_TOKENS, MAX_PARTS, excerpt_tokens, plan_parts
from tests.conftest import TEST_DATA, piece_paths
from tests.engines.llm.conftest import EngineFactory, make_settings
from tests.engines.llm.test_engine import assert_verified
from tests.fakes.openai_api import FakeOpenAI, Request, Spec, bad_quotes, grounded, slow
from tests.fakes.openai_api.behaviors import resolve

SMALL_CONTEXT = 8192


def make_long_article() -> Article:
    """Real text from every piece at hand, one paragraph a line: several contexts long."""
    paragraphs = [p.text for path in piece_paths() for p in load_article(path).paragraphs]
    return parse_article("長い記事\n\n" + "\n".join(paragraphs))


@pytest.fixture(scope="module")
def long_article() -> Article:
    return make_long_article()


def shown_passages(requests: list[Request]) -> set[int]:
    return {n for r in requests for n, _ in r.passages()}


async def test_a_long_piece_is_read_in_parts_then_answered_from_their_digests(
    make_engine: EngineFactory, fake: FakeOpenAI, long_article: Article
) -> None:
    engine = await make_engine(long_article, llm_context_tokens=SMALL_CONTEXT)
    answer = await engine.summary()
    assert answer.engine == "llm", answer.note
    assert_verified(answer, long_article)
    digests = [r for r in fake.chat_requests if r.schema == "digest"]
    final = fake.chat_requests[-1]
    assert len(digests) >= 3 and final.schema == "summary"
    # Every part of the piece was read by some call, in order, within the context.
    tasks = [r.messages[-1]["content"] for r in digests]
    assert any(f"part 1 of {len(digests)} of the piece (¶1–" in t for t in tasks)
    assert max(shown_passages(digests)) > len(long_article.paragraphs) * 0.9
    assert all(r.body["max_tokens"] < SMALL_CONTEXT // 4 + 1 for r in fake.chat_requests)
    # The final call shows the parts' notes and verified quotes, not the piece itself.
    assert "<parts>" in final.messages[0]["content"] and "<note>" in final.messages[0]["content"]
    assert set(answer.passages) <= shown_passages([final])


async def test_the_size_estimate_and_the_plan_are_worked_out_off_the_event_loop(
    make_engine: EngineFactory,
    fake: FakeOpenAI,
    long_article: Article,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Estimating a 2 MB piece's tokens or planning its parts takes tenths of a second.
    threads: dict[str, set[threading.Thread]] = {"fits": set(), "plan_parts": set()}

    def spy(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            threads[name].add(threading.current_thread())
            return real(*args, **kwargs)

        return run

    for name in threads:
        monkeypatch.setattr(material, name, spy(name, getattr(planning, name)))
    engine = await make_engine(long_article, llm_context_tokens=SMALL_CONTEXT)
    assert (await engine.summary()).engine == "llm"
    assert all(threads.values()), threads
    assert threading.main_thread() not in set().union(*threads.values())


async def test_digests_are_shared_by_commands_and_cached_across_engines(
    make_engine: EngineFactory, fake: FakeOpenAI, long_article: Article
) -> None:
    engine = await make_engine(long_article, llm_context_tokens=SMALL_CONTEXT)
    await engine.summary()
    built = len(fake.chat_requests)
    assert (await engine.summary()).extra["cached"] and len(fake.chat_requests) == built
    await engine.factors()
    await engine.quotes()
    assert len(fake.chat_requests) == built + 2  # one call each: the digests are reused
    again = await make_engine(long_article, llm_context_tokens=SMALL_CONTEXT)  # a new process
    await again.factor(1)
    assert [r.schema for r in fake.chat_requests[built + 2 :]] == ["summary"]  # factor 1 only


async def test_quotes_on_a_topic_of_a_long_piece_come_from_the_passages_found(
    make_engine: EngineFactory, fake: FakeOpenAI, long_article: Article
) -> None:
    engine = await make_engine(long_article, llm_context_tokens=SMALL_CONTEXT)
    answer = await engine.quotes("地震")
    assert answer.engine == "llm" and answer.citations
    assert [r.schema for r in fake.chat_requests] == ["quotes"]  # no digests needed


async def test_long_pieces_digested_at_once_leave_a_model_slot_free_between_them(
    fake: FakeOpenAI, tmp_path: Path, long_article: Article
) -> None:
    # The engines of a library share one client: the slot kept for readers' questions must be
    # kept by all their builds together, not by each.
    paragraphs = [p.text for p in reversed(long_article.paragraphs)]
    other = parse_article("別の長い記事\n\n" + "\n".join(paragraphs))
    digesting = peak = 0
    answer = grounded()

    async def digest_slowly(req: Request) -> Spec:
        nonlocal digesting, peak
        if req.schema != "digest":
            return await resolve(answer, req)
        digesting += 1
        peak = max(peak, digesting)
        await asyncio.sleep(0.02)
        digesting -= 1
        return await resolve(answer, req)

    fake.default = digest_slowly
    settings = make_settings(
        fake.base_url, tmp_path, llm_context_tokens=SMALL_CONTEXT, llm_max_concurrency=2
    )
    factory = Factory(settings)
    engines = [factory.build(long_article), factory.build(other)]
    try:
        answers = await asyncio.gather(*(e.summary() for e in engines))
    finally:
        for engine in engines:
            await engine.aclose()
        await factory.aclose()
    assert [a.engine for a in answers] == ["llm", "llm"]
    assert peak == 1


async def test_a_part_whose_quotes_never_verify_is_stood_for_by_its_own_sentences(
    make_engine: EngineFactory, fake: FakeOpenAI, long_article: Article
) -> None:
    engine = await make_engine(long_article, llm_context_tokens=SMALL_CONTEXT)
    invent, ground = bad_quotes(), grounded()

    def first_part_invented(req: Request) -> Spec:
        first = req.schema == "digest" and "part 1 of" in req.messages[1]["content"]
        return (invent if first else ground)(req)  # type: ignore[return-value]

    fake.default = first_part_invented
    answer = await engine.summary()
    assert answer.engine == "llm"
    final = fake.chat_requests[-1].messages[0]["content"]
    first_part = final.split("</part>")[0]
    assert "<note>" not in first_part and '<passage id="' in first_part


async def test_a_reader_who_cannot_wait_gets_an_answer_and_the_build_goes_on(
    make_engine: EngineFactory, fake: FakeOpenAI, long_article: Article
) -> None:
    engine = await make_engine(
        long_article, llm_context_tokens=SMALL_CONTEXT, llm_deadline_s=2.0, llm_timeout_s=3.0
    )
    fake.default = slow(0.6, grounded())  # every part takes a while: the build outlasts 2 s
    first = await engine.summary(locale="en")
    assert first.engine == "offline" and first.extra["fallback"] == "timeout"
    for _ in range(100):  # the digests keep coming in the background
        await asyncio.sleep(0.1)
        if not any(b.task.done() is False for b in engine.material._builds.values()):
            break
    fake.default = grounded()
    before = len(fake.chat_requests)
    second = await engine.summary(locale="en")
    assert second.engine == "llm"
    assert [r.schema for r in fake.chat_requests[before:]] == ["summary"]


# ---------------------------------------------------------------- the plan


def test_parts_cover_the_piece_in_order_within_their_budget(long_article: Article) -> None:
    tokens = 3000
    parts = plan_parts(long_article, tokens, overhead=800)
    assert 1 < len(parts) <= MAX_PARTS
    assert parts[0].first == 1 and parts[-1].last == len(long_article.paragraphs)
    for a, b in itertools.pairwise(parts):
        assert b.first == a.last + 1  # contiguous, no overlap
    for part in parts:
        assert sum(excerpt_tokens(e) for e in part.excerpts) <= tokens
        numbers = [e.passage for e in part.excerpts]
        assert numbers == sorted(numbers) and numbers
        assert all(part.first <= n <= part.last for n in numbers)
        for e in part.excerpts:
            assert long_article.text[e.start : e.end] == e.text


def test_a_huge_piece_stays_within_the_build_budget() -> None:
    text = (TEST_DATA / "jishin-zakkan.txt").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines()[5:] if line.strip())
    article = parse_article("題\n\n" + "\n".join([body] * 60))  # ~300k characters
    parts = plan_parts(article, 6000, overhead=1000)
    assert len(parts) == MAX_PARTS
    assert sum(excerpt_tokens(e) for p in parts for e in p.excerpts) + 1000 * MAX_PARTS <= (
        BUILD_TOKENS
    )
    tenth = len(article.text) / 10
    read = [0] * 10
    for p in parts:
        for e in p.excerpts:
            read[min(9, int(e.start / tenth))] += len(e.text)
    assert min(read) >= 0.05 * sum(read)  # every tenth of the piece is read


def test_a_paragraph_longer_than_a_part_is_cut_to_its_first_sentences() -> None:
    long_paragraph = "".join(f"これは長い段落の{i}番目の文である。" for i in range(400))
    article = parse_article("短い段落。\n" + long_paragraph + "\n短い段落。")
    long = article.paragraphs[1]
    cut = [e for p in plan_parts(article, 500, overhead=0) for e in p.excerpts if e.passage == 2]
    assert len(cut) == 1
    assert cut[0].start == long.start and cut[0].end < long.end
    assert cut[0].text.endswith("。") and excerpt_tokens(cut[0]) <= 500
