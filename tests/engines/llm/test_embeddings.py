"""Optional embeddings: cached on disk per piece and model, fused with BM25 by RRF."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.core.retrieval import Hit
from bot.engines.llm import embeddings
from bot.engines.llm.embeddings import HybridRetriever, rrf
from tests.engines.llm.conftest import EngineFactory
from tests.fakes.openai_api import FakeOpenAI

QUESTION = "北朝鮮の核ミサイル計画について筆者は何と言っている？"


def test_rrf_rewards_agreement() -> None:
    fused = rrf([[1, 2, 3], [3, 1, 4]])
    assert [i for i, _ in fused][:2] == [1, 3]
    assert {i for i, _ in fused} == {1, 2, 3, 4}
    assert rrf([]) == []


async def test_paragraph_vectors_are_computed_once_and_cached_on_disk(
    make_engine: EngineFactory, fake: FakeOpenAI, tmp_path: Path, article
) -> None:
    engine = await make_engine(openai_embedding_model="fake-embed", llm_cache=False)
    assert isinstance(engine.retriever, HybridRetriever)
    answer = await engine.ask(QUESTION)
    assert answer.engine == "llm"
    sizes = [len(r.body["input"]) for r in fake.embedding_requests]
    assert sizes == [len(article.paragraphs), 1]  # the paragraphs, then the query
    assert fake.embedding_requests[0].body["encoding_format"] == "float"
    assert list((tmp_path / "embeddings").glob("*.json"))

    again = await make_engine(openai_embedding_model="fake-embed", llm_cache=False)
    await again.ask(QUESTION)
    assert [len(r.body["input"]) for r in fake.embedding_requests[2:]] == [1]


async def test_fused_ranking_is_used_for_the_passages(
    make_engine: EngineFactory, fake: FakeOpenAI, article
) -> None:
    engine = await make_engine(openai_embedding_model="fake-embed")
    hits = await engine.retriever.asearch(QUESTION, 5)  # type: ignore[attr-defined]
    assert 1 <= len(hits) <= 5
    assert 7 in [h.passage for h in hits]
    for h in hits:
        assert article.text[h.start : h.end] == h.text


async def test_embeddings_down_means_lexical_only(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    fake.embedding_failures = 100
    engine = await make_engine(openai_embedding_model="fake-embed", llm_max_retries=0)
    answer = await engine.ask(QUESTION)
    assert answer.engine == "llm"
    assert 7 in [n for n, _ in fake.chat_requests[-1].passages()]
    # One failed attempt, then embeddings rest for a while instead of failing every question.
    await engine.ask(QUESTION + "？")
    assert len(fake.embedding_requests) == 1


async def test_rate_limited_embeddings_do_not_hold_the_answer_past_its_deadline(
    make_engine: EngineFactory, fake: FakeOpenAI
) -> None:
    # The library sleeps for a server's Retry-After (up to 2 minutes) before retrying: the
    # search must stop waiting within its own budget and answer from the lexical ranking.
    fake.embedding_failures = 1
    fake.embedding_retry_after = 20.0
    engine = await make_engine(openai_embedding_model="fake-embed", llm_cache=False)
    answer = await engine.ask(QUESTION)
    assert answer.engine == "llm", answer.note
    assert 7 in [n for n, _ in fake.chat_requests[-1].passages()]


async def test_both_halves_of_a_fused_search_run_off_the_event_loop(
    make_engine: EngineFactory, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a large piece the lexical search takes tens of milliseconds (seconds while the index
    # is built), and the cosines with thousands of paragraph vectors about a second.
    engine = await make_engine(openai_embedding_model="fake-embed")
    retriever = engine.retriever
    assert isinstance(retriever, HybridRetriever)
    loop_thread = threading.current_thread()
    threads: list[threading.Thread] = []
    search = retriever.lexical.search

    def spy(query: str, k: int = 5) -> list[Hit]:
        threads.append(threading.current_thread())
        return search(query, k)

    monkeypatch.setattr(retriever.lexical, "search", spy)
    cosine_threads: set[threading.Thread] = set()
    cosine = embeddings._cosine

    def cosine_spy(a: Sequence[float], b: Sequence[float]) -> float:
        cosine_threads.add(threading.current_thread())
        return cosine(a, b)

    monkeypatch.setattr(embeddings, "_cosine", cosine_spy)
    assert await retriever.asearch(QUESTION, 5)
    assert threads and loop_thread not in threads
    assert cosine_threads and loop_thread not in cosine_threads
