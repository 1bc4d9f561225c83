"""Parsed pieces: a stored piece's text parsed, and kept for what reads a piece without its
engine (a Sources press, an /about).

Without it a Sources press on a 2 MB piece reads and parses its text again each time (a
fifth of a second of a worker thread). Pieces are held in least-recently-used order under a
budget; readers of a piece not parsed yet wait for one parse. The cache only holds: who may
see a piece is decided before it is asked (`Library.article`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from bot.core.article import Article
from bot.core.workers import off_loop
from bot.library.budget import Budgeted, HeldUnderBudget, OneAtATime
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
    article = await off_loop(
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


class ArticleCache(HeldUnderBudget[Article]):
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
        self._estimate = estimate
        self._held: Budgeted[Article] = Budgeted(budget_bytes)
        self._parsing: OneAtATime[Article] = OneAtATime()
        self.parses = 0  # how many articles were parsed, for tests and benchmarks

    async def get(self, key: str, parse: Parse) -> Article:
        kept = self._held.use(key)
        if kept is not None:
            return kept
        return await self._parsing.run(key, lambda: self._parse(key, parse))

    async def _parse(self, key: str, parse: Parse) -> Article:
        article = await parse()
        self.parses += 1
        if self._parsing.current(key):  # else discarded while it was parsed: not kept
            for old, _ in self._held.keep(key, article, self._estimate(article)):
                log.debug("parsed piece %s leaves memory (budget %d B)", old, self.budget_bytes)
        return article

    def discard(self, key: str) -> None:
        """Forget the article for `key` (its piece is gone or changed), parsed or being parsed."""
        self._held.pop(key)
        self._parsing.forget(key)
