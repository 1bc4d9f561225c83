"""Engines per piece: built once off the event loop, shared, kept in memory under a budget.

Engines are held in least-recently-used order and weighed by `estimate_bytes`, a fit of
measured RSS (see `benchmarks/bench_library.py`, `benchmarks/LIBRARY.md`). An engine pushed
out while a reader still uses it is closed only when the last one is done with it; one
pushed out before its reader got to it is built again for that reader.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.core.article import Article
from bot.core.workers import off_loop
from bot.engines.base import Engine
from bot.library.budget import Budgeted, HeldUnderBudget, OneAtATime

log = logging.getLogger(__name__)

# RSS of one offline engine, from benchmarks/bench_library.py (fresh processes, 20 engines
# per size, after ask, summary and factors): about 5 MB at 2,000 characters, 8.5 MB at
# 8,000, 19 MB at 30,000 and 61 MB at 100,000 — linear in the piece's size (the summary's
# centrality goes through the sentence vectors, with no sentence-by-sentence table).
_BASE_BYTES = 4_000_000
_BYTES_PER_CHAR = 570

Build = Callable[[Article], Engine]
Load = Callable[[], Awaitable[Article]]


def estimate_bytes(article: Article) -> int:
    """The memory an engine on `article` holds once it has answered a few commands."""
    n = len(article.text)
    return _BASE_BYTES + _BYTES_PER_CHAR * n


@dataclass(slots=True)
class _Entry:
    engine: Engine
    size: int
    users: int = 0
    evicted: bool = False  # out of the cache: closed as soon as nobody uses it
    closed: bool = False


class EngineCache(HeldUnderBudget[_Entry]):
    """`lease(key, load)` gives the engine for `key`, building it (in a thread) if needed.

    Concurrent leases of a key that is not built yet wait for one build; a failed build
    fails them all, and the next lease tries again. `budget_bytes` bounds the estimated
    memory of the engines kept; the most recently used one is always kept.
    """

    def __init__(
        self,
        build: Build,
        *,
        budget_bytes: int,
        estimate: Callable[[Article], int] = estimate_bytes,
    ) -> None:
        self._build = build
        self._estimate = estimate
        self._held: Budgeted[_Entry] = Budgeted(budget_bytes)
        self._building: OneAtATime[_Entry] = OneAtATime()
        self.builds = 0  # how many engines were built, for tests and benchmarks

    def peek(self, key: str) -> Engine | None:
        """The engine for `key` if it is built and held, else None; never builds one, and
        does not count as a use (a caller that only reads `engine.article`)."""
        entry = self._held.peek(key)
        return None if entry is None else entry.engine

    @asynccontextmanager
    async def lease(self, key: str, load: Load) -> AsyncIterator[Engine]:
        entry = await self._entry(key, load)
        while entry.closed:
            # Pushed out by another build (and closed, being unused) between the end of its
            # build and this reader's turn: it is built again.
            entry = await self._entry(key, load)
        entry.users += 1
        try:
            yield entry.engine
        finally:
            entry.users -= 1
            await _close_if_unused(entry)

    async def _entry(self, key: str, load: Load) -> _Entry:
        entry = self._held.use(key)
        if entry is not None:
            return entry
        return await self._building.run(key, lambda: self._make(key, load))

    async def _make(self, key: str, load: Load) -> _Entry:
        article = await load()
        engine = await off_loop(self._build, article)
        self.builds += 1
        entry = _Entry(engine, self._estimate(article))
        if not self._building.current(key):
            # Discarded while it was built (its piece removed): its readers use it, and it is
            # closed after them instead of being kept.
            entry.evicted = True
            return entry
        log.debug("built the engine for %s (~%d MB)", key, entry.size // 1_000_000)
        for old, pushed in self._held.keep(key, entry, entry.size):
            log.debug("engine for %s leaves memory (budget %d B)", old, self.budget_bytes)
            await _let_go(pushed)
        return entry

    async def discard(self, key: str) -> None:
        """Forget the engine for `key` (its piece is gone), closing it when unused."""
        self._building.forget(key)
        entry = self._held.pop(key)
        if entry is not None:
            await _let_go(entry)

    async def aclose(self) -> None:
        """Close every engine held (on shutdown)."""
        for entry in self._held.clear():
            await _let_go(entry)


async def _let_go(entry: _Entry) -> None:
    """An entry out of the cache: closed now if unused, else when its last reader is done."""
    entry.evicted = True
    await _close_if_unused(entry)


async def _close_if_unused(entry: _Entry) -> None:
    if entry.evicted and entry.users == 0 and not entry.closed:
        entry.closed = True
        await entry.engine.aclose()
