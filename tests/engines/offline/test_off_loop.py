"""The offline engine works in threads: the event loop keeps serving, and a piece is analysed
and indexed once however many readers ask at the same time."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter

import pytest

from bot.core import vocabulary
from bot.core.article import Article
from bot.core.retrieval import BM25
from bot.core.tokenize import Morpheme, morphemes
from bot.engines.offline.engine import OfflineEngine
from bot.engines.offline.summary import Analysis


@pytest.fixture
def where(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Which thread ("loop" or "worker") built each analysis and each BM25 index."""
    loop_thread = threading.current_thread()
    seen: Counter[str] = Counter()
    compute, build = Analysis._compute, BM25.__init__

    def slow_compute(self: Analysis):  # type: ignore[no-untyped-def]
        seen["analysis " + ("loop" if threading.current_thread() is loop_thread else "worker")] += 1
        time.sleep(0.2)  # every request below arrives while the first analysis runs
        return compute(self)

    def spy_build(self: BM25, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        seen["index " + ("loop" if threading.current_thread() is loop_thread else "worker")] += 1
        build(self, *args, **kwargs)

    monkeypatch.setattr(Analysis, "_compute", slow_compute)
    monkeypatch.setattr(BM25, "__init__", spy_build)
    return seen


async def test_concurrent_readers_share_one_analysis_and_index_built_off_the_loop(
    article: Article, where: Counter[str]
) -> None:
    engine = OfflineEngine(article)
    answers = await asyncio.gather(
        *(engine.summary("short") for _ in range(3)),
        engine.quotes(None, 2),
        engine.factors(),
        engine.factor(1),
        *(engine.ask("北朝鮮の核実験は何年？") for _ in range(3)),
        engine.quotes("制裁", 2),
    )
    assert all(a.grounded for a in answers)
    # One analysis, two indexes (windows and sentences), all in worker threads.
    assert where == {"analysis worker": 1, "index worker": 2}


async def test_warm_up_prepares_the_piece_in_a_thread(
    article: Article, where: Counter[str]
) -> None:
    engine = OfflineEngine(article)
    task = engine.start_warm_up()
    assert task is not None and engine.start_warm_up() is task  # started once
    await task
    assert where == {"analysis worker": 1, "index worker": 2}
    await engine.summary("long")
    await engine.ask("北朝鮮の核実験は何年？")
    assert where == {"analysis worker": 1, "index worker": 2}  # nothing computed again
    await engine.aclose()


async def test_warm_up_also_prepares_what_ask_reads(
    article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    tagged: list[str] = []

    def spy(text: str) -> list[Morpheme]:
        tagged.append(text)
        return morphemes(text)

    monkeypatch.setattr(vocabulary, "morphemes", spy)
    engine = OfflineEngine(article)
    task = engine.start_warm_up()
    assert task is not None
    await task
    paragraphs = {p.text for p in article.paragraphs}
    assert paragraphs <= set(tagged)  # the piece's dictionary forms, worked out in advance
    tagged.clear()
    await engine.ask("宇宙飛行士の作家は誰？")  # words the piece never writes
    assert tagged and not paragraphs & set(tagged)  # only the question is tagged now
    await engine.aclose()
