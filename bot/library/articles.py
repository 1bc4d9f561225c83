"""Parsed pieces: a stored piece's text parsed, and kept for what reads a piece without its
engine (a Sources press, an /about).

Without it a Sources press on a 2 MB piece reads and parses its text again each time (a
fifth of a second of a worker thread). Pieces are held in least-recently-used order under a
budget; readers of a piece not parsed yet wait for one parse. The cache only holds: who may
see a piece is decided before it is asked (`Library.article`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.article import Article
from bot.library.formats import Document, to_article
from bot.library.scope import not_found
from bot.library.store import Piece, PieceStore

log = logging.getLogger(__name__)

# A parsed piece holds about 10 bytes per character of its text: the text, its paragraphs'
# and sentences' own copies, offsets (tracemalloc, pieces of 7,000 to 700,000 characters).
_BYTES_PER_CHAR = 10
# Three or four of the largest pieces (2 MiB of text: about 7 MB parsed), or many small ones.
BUDGET_BYTES = 32_000_000

Parse = Callable[[], Awaitable[Article]]


def article_bytes(article: Article) -> int:
    """The memory a parsed piece holds."""
    return _BYTES_PER_CHAR * len(article.text)


async def parse_piece(store: PieceStore, piece: Piece) -> Article:
    """Read the piece's text from the store and parse it (in a thread), under its title."""
    text = await store.text(piece.id)
    if text is None:  # removed since it was looked up
        raise not_found(piece.id)
    article = await asyncio.to_thread(
        to_article,
        Document(text, piece.format),
        path=None if piece.seed is None else Path(piece.seed),
    )
    return titled(article, piece)


def titled(article: Article, piece: Piece) -> Article:
    """The article under the title the library shows (one given when it was added)."""
    if article.meta.title == piece.title:
        return article
    return replace(article, meta=replace(article.meta, title=piece.title, title_derived=False))


@dataclass(frozen=True, slots=True)
class _Kept:
    article: Article
    size: int


class ArticleCache:
    """`get(key, parse)` gives the article for `key`, parsing it (once) if it is not kept.

    Concurrent gets of a key not kept wait for one parse; a failed parse fails them all
    and is not kept, so the next get tries again. `budget_bytes` bounds the estimated
    memory held; the most recently used article is always kept.
    """

    def __init__(
        self,
        *,
        budget_bytes: int = BUDGET_BYTES,
        estimate: Callable[[Article], int] = article_bytes,
    ) -> None:
        self.budget_bytes = budget_bytes
        self._estimate = estimate
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._parsing: dict[str, asyncio.Future[Article]] = {}
        self.parses = 0  # how many articles were parsed, for tests and benchmarks

    @property
    def held_bytes(self) -> int:
        return sum(k.size for k in self._kept.values())

    def __contains__(self, key: str) -> bool:
        return key in self._kept

    def held_keys(self) -> list[str]:
        """The keys held, least recently used first."""
        return list(self._kept)

    async def get(self, key: str, parse: Parse) -> Article:
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            return kept.article
        future = self._parsing.get(key)
        if future is None:
            future = asyncio.ensure_future(parse())
            self._parsing[key] = future
            future.add_done_callback(lambda done: self._parsed(key, done))
        # A reader who gives up does not cancel the parse the others wait for.
        return await asyncio.shield(future)

    def _parsed(self, key: str, future: asyncio.Future[Article]) -> None:
        parsed = not future.cancelled() and future.exception() is None  # (retrieved, if any)
        self.parses += parsed
        if self._parsing.get(key) is not future:
            return  # discarded while it was parsed: its readers get it, the cache does not
        del self._parsing[key]
        if parsed:
            self._keep(key, future.result())

    def _keep(self, key: str, article: Article) -> None:
        self._kept[key] = _Kept(article, self._estimate(article))
        self._kept.move_to_end(key)
        while len(self._kept) > 1 and self.held_bytes > self.budget_bytes:
            old, _ = self._kept.popitem(last=False)
            log.debug("parsed piece %s leaves memory (budget %d MB)", old, self.budget_bytes >> 20)

    def discard(self, key: str) -> None:
        """Forget the article for `key` (its piece is gone or changed), parsed or being parsed."""
        self._kept.pop(key, None)
        self._parsing.pop(key, None)
