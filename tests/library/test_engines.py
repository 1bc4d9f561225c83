"""The engine cache: one build per piece at a time, a memory budget, closing when unused."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable

import pytest

from bot.core.article import Article, parse_article
from bot.engines.base import Engine
from bot.engines.offline.engine import OfflineEngine
from bot.library.engines import EngineCache, estimate_bytes

MB = 1_000_000


class CountingBuild:
    """Builds offline engines, counting builds and the threads they ran on."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.built: list[str] = []
        self.threads: set[int] = set()
        self.closed: list[str] = []
        self.gate = gate
        self.started = threading.Event()  # a build is under way (waiting at the gate)

    def __call__(self, article: Article) -> Engine:
        self.started.set()
        if self.gate is not None:
            self.gate.wait(5)
        self.threads.add(threading.get_ident())
        self.built.append(article.text)
        return ClosingEngine(article, self.closed)


class ClosingEngine(OfflineEngine):
    """An offline engine that notes when it is closed."""

    def __init__(self, article: Article, closed: list[str]) -> None:
        super().__init__(article)
        self._closed = closed
        self.is_closed = False

    async def aclose(self) -> None:
        self._closed.append(self.article.text)
        self.is_closed = True
        await super().aclose()


def loader(text: str) -> Callable[[], Awaitable[Article]]:
    async def load() -> Article:
        return parse_article(text)

    return load


async def test_concurrent_readers_share_one_build_off_the_event_loop() -> None:
    build = CountingBuild()
    cache = EngineCache(build, budget_bytes=100 * MB, estimate=lambda a: MB)

    async def read() -> Engine:
        async with cache.lease("a", loader("一つ目の段落。")) as engine:
            return engine

    engines = await asyncio.gather(*(read() for _ in range(5)))
    assert len(set(map(id, engines))) == 1
    assert build.built == ["一つ目の段落。"]
    assert threading.get_ident() not in build.threads


async def test_the_least_recently_used_engines_leave_under_the_budget() -> None:
    build = CountingBuild()
    cache = EngineCache(build, budget_bytes=2 * MB, estimate=lambda a: MB)
    for key in ("a", "b", "a", "c"):
        async with cache.lease(key, loader(f"{key}の段落。")):
            pass
    assert "a" in cache and "c" in cache and "b" not in cache
    assert build.closed == ["bの段落。"]
    assert cache.held_bytes == 2 * MB


async def test_peek_gives_a_held_engine_without_building_or_using_it() -> None:
    build = CountingBuild()
    cache = EngineCache(build, budget_bytes=2 * MB, estimate=lambda a: MB)
    assert cache.peek("a") is None and build.built == []
    for key in ("a", "b"):
        async with cache.lease(key, loader(f"{key}の段落。")):
            pass
    engine = cache.peek("a")
    assert engine is not None and engine.article.text == "aの段落。"
    assert cache.held_keys() == ["a", "b"]  # a peek is not a use: "a" is still the oldest


async def test_an_engine_in_use_is_closed_only_when_its_reader_is_done() -> None:
    build = CountingBuild()
    cache = EngineCache(build, budget_bytes=1 * MB, estimate=lambda a: MB)
    async with cache.lease("a", loader("aの段落。")):
        async with cache.lease("b", loader("bの段落。")):
            assert "a" not in cache
            assert build.closed == []
        assert build.closed == []
    assert build.closed == ["aの段落。"]


async def test_no_reader_gets_an_engine_pushed_out_before_their_turn() -> None:
    # Two builds end together under a budget of one engine: the second may push the first
    # out (closing it, unused) before the first one's reader resumes. That reader gets a
    # new build, never the closed engine; and no engine is closed twice.
    for _ in range(20):
        gate = threading.Event()
        build = CountingBuild(gate)
        cache = EngineCache(build, budget_bytes=MB, estimate=lambda a: MB)

        async def read(key: str, cache: EngineCache = cache) -> None:
            async with cache.lease(key, loader(f"{key}の段落。")) as engine:
                assert isinstance(engine, ClosingEngine) and not engine.is_closed

        readers = [asyncio.ensure_future(read(key)) for key in ("a", "b")]
        await asyncio.sleep(0.05)  # both builds wait at the gate, in their threads
        gate.set()
        await asyncio.gather(*readers)
        await cache.aclose()
        assert sorted(build.closed) == sorted(build.built)


async def test_a_failed_build_fails_its_readers_and_the_next_lease_tries_again() -> None:
    cache = EngineCache(CountingBuild(), budget_bytes=10 * MB, estimate=lambda a: MB)

    async def broken() -> Article:
        raise OSError("gone")

    with pytest.raises(OSError):
        async with cache.lease("a", broken):
            pass
    async with cache.lease("a", loader("aの段落。")) as engine:
        assert engine.article.text == "aの段落。"


async def test_a_reader_who_gives_up_does_not_cancel_the_build() -> None:
    gate = threading.Event()
    build = CountingBuild(gate)
    cache = EngineCache(build, budget_bytes=10 * MB, estimate=lambda a: MB)

    async def read() -> None:
        async with cache.lease("a", loader("aの段落。")):
            pass

    impatient = asyncio.ensure_future(read())
    await asyncio.sleep(0.05)
    impatient.cancel()
    gate.set()
    await read()
    assert build.built == ["aの段落。"]


def test_the_estimate_grows_with_the_piece() -> None:
    small = estimate_bytes(parse_article("短い。" * 100))
    large = estimate_bytes(parse_article("長い段落です。" * 5000))
    assert 4 * MB < small < large
    assert 15 * MB < large < 40 * MB  # 35,000 characters: about 20 MB measured, warm


async def test_an_engine_discarded_while_it_is_built_serves_its_reader_and_is_not_kept() -> None:
    # The piece is removed while its engine is being built: the reader waiting for it still
    # gets an answer, but the engine is closed after that reader instead of staying in memory.
    gate = threading.Event()
    build = CountingBuild(gate)
    cache = EngineCache(build, budget_bytes=100 * MB, estimate=lambda a: MB)

    async def read() -> bool:
        async with cache.lease("a", loader("aの段落。")) as engine:
            assert isinstance(engine, ClosingEngine)
            return engine.is_closed

    reading = asyncio.create_task(read())
    assert await asyncio.to_thread(build.started.wait, 5)
    await cache.discard("a")
    gate.set()
    assert await reading is False  # open while it was read
    assert "a" not in cache and cache.held_bytes == 0
    assert build.closed == ["aの段落。"]
