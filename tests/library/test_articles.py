"""Parsed pieces: one parse per piece at a time, a memory budget, nothing kept that failed."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from bot.core.article import Article, parse_article
from bot.library.articles import ArticleCache, article_bytes


class Parses:
    """Parses texts, counting each parse; `gate` (if set) holds every parse until it opens."""

    def __init__(self, gate: asyncio.Event | None = None) -> None:
        self.texts: list[str] = []
        self.gate = gate

    def of(self, text: str) -> Callable[[], Awaitable[Article]]:
        async def parse() -> Article:
            if self.gate is not None:
                await self.gate.wait()
            self.texts.append(text)
            return parse_article(text)

        return parse


async def test_readers_of_a_piece_share_one_parse_and_then_the_kept_article() -> None:
    gate = asyncio.Event()
    parses = Parses(gate)
    cache = ArticleCache(budget_bytes=10_000)
    readers = [asyncio.ensure_future(cache.get("a", parses.of("一つ目の段落。"))) for _ in range(5)]
    await asyncio.sleep(0)
    gate.set()
    articles = await asyncio.gather(*readers)
    assert len({id(a) for a in articles}) == 1
    assert await cache.get("a", parses.of("never parsed")) is articles[0]
    assert parses.texts == ["一つ目の段落。"] and cache.parses == 1
    assert cache.held_keys() == ["a"]


async def test_the_least_recently_used_articles_leave_under_the_budget() -> None:
    parses = Parses()
    cache = ArticleCache(budget_bytes=25, estimate=lambda a: 10)
    for key in ("a", "b", "a", "c"):
        await cache.get(key, parses.of(f"{key}の段落。"))
    assert cache.held_keys() == ["a", "c"] and cache.held_bytes == 20
    assert parses.texts == ["aの段落。", "bの段落。", "cの段落。"]
    alone = ArticleCache(budget_bytes=1, estimate=lambda a: 10)
    await alone.get("big", parses.of("大きな段落。"))
    assert "big" in alone  # the most recently used one stays, whatever its size


async def test_a_failed_parse_fails_its_readers_and_the_next_get_tries_again() -> None:
    cache = ArticleCache()

    async def broken() -> Article:
        raise OSError("gone")

    with pytest.raises(OSError):
        await cache.get("a", broken)
    assert "a" not in cache and cache.parses == 0
    assert (await cache.get("a", Parses().of("aの段落。"))).text == "aの段落。"


async def test_a_piece_discarded_while_parsed_is_not_kept() -> None:
    gate = asyncio.Event()
    cache = ArticleCache()
    reader = asyncio.ensure_future(cache.get("a", Parses(gate).of("古い段落。")))
    await asyncio.sleep(0)
    cache.discard("a")  # removed from the library meanwhile
    gate.set()
    assert (await reader).text == "古い段落。"  # its reader had the right to it …
    assert "a" not in cache  # … but nobody else gets it
    assert (await cache.get("a", Parses().of("新しい段落。"))).text == "新しい段落。"


async def test_a_reader_who_gives_up_does_not_cancel_the_parse() -> None:
    gate = asyncio.Event()
    parses = Parses(gate)
    cache = ArticleCache()
    impatient = asyncio.ensure_future(cache.get("a", parses.of("aの段落。")))
    await asyncio.sleep(0)
    impatient.cancel()
    gate.set()
    await cache.get("a", parses.of("never parsed"))
    assert parses.texts == ["aの段落。"]


def test_the_estimate_grows_with_the_piece() -> None:
    small = article_bytes(parse_article("短い。" * 100))
    large = article_bytes(parse_article("長い段落です。" * 5000))
    assert 0 < small < large < 1_000_000
