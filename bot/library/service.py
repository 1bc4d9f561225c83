"""The library of pieces: add, list, get, use and remove pieces, and read one through its engine.

Every front end goes through `Library`; every call names its `Reader`, and `bot.library.scope`
decides what that reader may see and change. Pieces are read from the store on each call
(never a snapshot taken at start), so a piece the terminal adds is there for a running bot.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.article import Article, ArticleError
from bot.core.files import default_article_path
from bot.core.workers import off_loop
from bot.engines.base import Engine, PieceInfo
from bot.engines.factory import EngineFactory, configured_engine
from bot.library.answers import forget_answers
from bot.library.articles import ArticleCache, parse_piece, titled
from bot.library.engines import Build, EngineCache
from bot.library.errors import PieceError, Reason
from bot.library.fetch import FetchRules, Resolve, fetch, system_resolve
from bot.library.formats import Document, read_document, read_file, to_article
from bot.library.limits import check_limits, checked_title
from bot.library.renewal import earlier_reading
from bot.library.scope import Reader, looks_like_id, not_found, piece_id
from bot.library.seeds import SeedFile, seed_files
from bot.library.store import BUNDLED_OWNER, Owner, Piece, PieceStore, new_piece
from bot.settings import SEEDS_DIR, Settings

log = logging.getLogger(__name__)

# Called with a piece being removed: each front end registers its conversation store here.
RemovalHook = Callable[[Piece], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Added:
    """The result of an addition; `created` is False when the same text was already there
    for the same owner (then `piece` is that one, unchanged)."""

    piece: Piece
    created: bool


@dataclass(frozen=True, slots=True)
class Reading:
    """A piece and the engine that answers about it (`engine.article` is the parsed piece)."""

    piece: Piece
    engine: Engine


class Library:
    """The pieces everyone may read, each server's and each person's.

    `build` makes an engine for an article (default: an `engines.factory.EngineFactory`);
    `resolve` is the DNS look-up of URL downloads (tests inject one); `articles` keeps the
    parsed pieces (default: an `ArticleCache` under its own small budget).
    """

    def __init__(
        self,
        store: PieceStore,
        *,
        settings: Settings,
        build: Build | None = None,
        resolve: Resolve = system_resolve,
        fetch_rules: FetchRules | None = None,
        seeds_dir: Path = SEEDS_DIR,
        clock: Callable[[], float] = time.time,
        articles: ArticleCache | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self._factory: EngineFactory | None = None
        if build is None:
            # It owns what the engines share (the model client), and closes it after them.
            self._factory = EngineFactory(settings)
            build = self._factory.build
        self.engines = EngineCache(build, budget_bytes=settings.piece_cache_mb * 1_000_000)
        self.articles = articles if articles is not None else ArticleCache()
        # What /about names as the engine of a piece whose engine is not loaded.
        self.engine_name = configured_engine(settings)
        self.fetch_rules = fetch_rules or FetchRules(
            allow_private=settings.piece_fetch_allow_private
        )
        self._resolve = resolve
        self._seeds_dir = seeds_dir
        self._clock = clock
        self._removal_hooks: list[RemovalHook] = []
        self._adding = asyncio.Lock()  # limits are checked and the piece stored as one step
        self.default_id: str | None = None

    async def open(self, *, require_default: bool = False) -> None:
        """Open the store and bring the bundled pieces in line with seeds/ (and ARTICLE_PATH);
        with `require_default`, an unusable default piece is an `ArticleError`."""
        await self.store.open()
        seeds = await asyncio.to_thread(seed_files, self._seeds_dir, self.settings.article_path)
        self.default_id = self._default_id(seeds)
        for seed in seeds:
            error = await self._sync_seed(seed)
            if error is not None and require_default and seed.id == self.default_id:
                raise ArticleError(f"the default piece {seed.path} cannot be used: {error}")
        for piece in await self.store.seeded():
            if piece.seed is not None and not Path(piece.seed).is_file():
                log.info("seed %s is gone: removing piece %s", piece.seed, piece.id)
                await self._remove(piece)

    def _default_id(self, seeds: list[SeedFile]) -> str | None:
        try:
            path = self.settings.article_path or default_article_path(self._seeds_dir)
        except ArticleError:
            return None
        return next((s.id for s in seeds if s.path == path.resolve()), None)

    async def _sync_seed(self, seed: SeedFile) -> PieceError | None:
        """Store the seed's piece if it is new or changed; the error if it cannot be used."""
        existing = await self.store.get(seed.id)
        if existing is not None and existing.added_at >= seed.modified:
            return None
        try:
            document = await asyncio.to_thread(read_file, seed.path)
            article = await off_loop(to_article, document, path=seed.path)
        except PieceError as exc:
            log.error("seed %s cannot be used: %s", seed.path, exc)
            return exc
        piece = new_piece(
            seed.id, BUNDLED_OWNER, document, article, None, seed.path.name, None, self._clock()
        )
        await self.store.put(replace(piece, seed=str(seed.path)), document.text)
        if existing is not None:
            await self._forget_parsed(existing)
        return None

    async def aclose(self) -> None:
        await self.engines.aclose()
        if self._factory is not None:
            await self._factory.aclose()  # after the engines that used what it holds
        await self.store.aclose()

    def on_remove(self, hook: RemovalHook) -> None:
        """Call `hook(piece)` when a piece is removed (e.g. to delete conversations about it),
        before the piece itself goes: see `_remove`."""
        self._removal_hooks.append(hook)

    # ------------------------------------------------------------ adding

    async def add_bytes(
        self,
        reader: Reader,
        data: bytes,
        *,
        filename: str | None = None,
        content_type: str | None = None,
        title: str | None = None,
    ) -> Added:
        """Add a file's contents (an attachment, an upload) as a piece of the reader's home."""
        await self.check_add(reader)
        return await self._add(reader, data, filename, content_type, None, title, filename)

    async def add_path(self, reader: Reader, path: Path, *, title: str | None = None) -> Added:
        """Add a local file (the terminal's `pieces add PATH`)."""
        await self.check_add(reader)
        document = await asyncio.to_thread(read_file, path)
        # A name's bytes that are not UTF-8 are shown as U+FFFD, and stored that way.
        name = path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return await self._store_new(reader, document, title, name)

    async def add_url(self, reader: Reader, url: str, *, title: str | None = None) -> Added:
        """Download `url` under the fetch rules and add what it serves."""
        await self.check_add(reader)
        got = await fetch(url, self.fetch_rules, resolve=self._resolve)
        return await self._add(reader, got.data, None, got.content_type, got.url, title, got.url)

    async def _add(
        self,
        reader: Reader,
        data: bytes,
        filename: str | None,
        content_type: str | None,
        url: str | None,
        title: str | None,
        origin: str | None,
    ) -> Added:
        document = await off_loop(
            read_document, data, filename=filename, content_type=content_type, url=url
        )
        return await self._store_new(reader, document, title, origin)

    async def _store_new(
        self, reader: Reader, document: Document, title: str | None, origin: str | None
    ) -> Added:
        article = await off_loop(to_article, document)
        owner = reader.home
        pid = piece_id(owner, article.sha256)
        async with self._adding:
            existing = await self.store.get(pid)
            if existing is not None:
                return Added(existing, created=False)
            renewed = await self._renew(owner, document, article, origin)
            if renewed is not None:
                return Added(renewed, created=False)
            await self.check_add(reader)
            now = self._clock()
            piece = new_piece(
                pid, owner, document, article, checked_title(title), origin, reader.user_id, now
            )
            if not await self.store.add(piece, document.text, source=document.source):
                # Another process stored the same text first (the lock is this process's).
                stored = await self.store.get(pid)
                return Added(stored or piece, created=False)
            if reader.user_id is not None:
                await self.store.record_addition(reader.user_id, now)
        log.info("added piece %s (%s, %d bytes) for %s", pid, owner[0], piece.size, owner[1])
        return Added(piece, created=True)

    async def _renew(
        self, owner: Owner, document: Document, article: Article, origin: str | None
    ) -> Piece | None:
        """The owner's piece read from the same file before, now holding this reading of it
        (a later version renders Markdown, HTML or PDF differently): the same id, title,
        conversations and current-piece pointers, not a second piece. None if there is none,
        or if it was removed meanwhile (then the file makes a new piece)."""
        old = await earlier_reading(self.store, owner, document, origin)
        if old is None:
            return None
        if old.sha256 == article.sha256:
            return old
        piece = replace(
            old, sha256=article.sha256, size=document.size, paragraphs=len(article.paragraphs)
        )
        if not await self.store.renew(piece, document.text, source=document.source):
            return None
        await self._forget_parsed(old)
        if await self.store.sharing_text(old.sha256) == 0:
            await forget_answers(self.settings.llm_cache_path, old.sha256)
        log.info("renewed piece %s: its file now reads differently", piece.id)
        return piece

    async def check_add(self, reader: Reader) -> None:
        """Raise `PieceError` unless the reader may add a piece now: permission, the owner's
        piece count and the reader's rate of additions (front ends ask before a download)."""
        reader.check_add()
        await check_limits(self.store, self.settings, reader, self._clock())

    # ------------------------------------------------------------ reading

    async def list(self, reader: Reader) -> list[Piece]:
        """The pieces visible to the reader: bundled, then this server's, then their own."""
        return await self.store.list(reader.owners)

    async def get(self, reader: Reader, piece_id: str) -> Piece:
        """The piece with this id if the reader may see it, else `PieceError(NOT_FOUND)`."""
        piece = await self._lookup(piece_id)
        if piece is None or not reader.can_see(piece):
            raise not_found(piece_id)
        return piece

    async def _lookup(self, piece_id: str) -> Piece | None:
        key = piece_id.strip().lower()
        return await self.store.get(key) if looks_like_id(key) else None

    async def current(self, reader: Reader) -> Piece:
        """The piece the reader's context reads: the one `use` chose, else the default."""
        chosen = await self.store.current(reader.context)
        if chosen is not None:
            piece = await self.store.get(chosen)
            if piece is not None and reader.can_see(piece):
                return piece
        if self.default_id is None:
            raise PieceError(Reason.NOT_FOUND, "there is no default piece: add one")
        return await self.get(reader, self.default_id)

    async def resolve(self, reader: Reader, piece_id: str | None = None) -> Piece:
        """`piece_id` if given (and visible), else the context's current piece."""
        return await (self.get(reader, piece_id) if piece_id else self.current(reader))

    async def use(self, reader: Reader, piece_id: str) -> Piece:
        """Make the piece the current one of the reader's context (channel, or user)."""
        piece = await self.get(reader, piece_id)
        reader.check_use(piece)
        await self.store.set_current(reader.context, piece.id)
        return piece

    async def autocomplete(self, reader: Reader, typed: str, *, limit: int = 25) -> list[Piece]:
        """Visible pieces whose title or id contains `typed` (case-insensitive), at most `limit`."""
        needle = typed.strip().casefold()
        pieces = await self.list(reader)
        return [p for p in pieces if needle in p.title.casefold() or needle in p.id][:limit]

    @asynccontextmanager
    async def reading(self, reader: Reader, piece_id: str | None = None) -> AsyncIterator[Reading]:
        """The piece (`piece_id`, else the current one) with its engine, for one request.

        The engine is built off the event loop on first use and kept under
        `PIECE_CACHE_MB`; readers of the same piece share one build.
        """
        piece = await self.resolve(reader, piece_id)
        async with self.engines.lease(_engine_key(piece), lambda: self._article(piece)) as engine:
            yield Reading(piece, engine)

    async def warm_up_default(self, locales: Sequence[str | None]) -> None:
        """Prepare the default piece (analysis, index; the LLM engine's summary and factors in
        `locales`) for a front end that has just started. Only that piece: others are prepared
        when first read, so a library of many pieces costs no model calls at start."""
        if self.default_id is None:
            return
        async with self.reading(Reader.operator(), self.default_id) as reading:
            task = reading.engine.start_warm_up(locales)
            if task is not None:
                await task  # held meanwhile, so the engine is not closed under it

    async def article(self, reader: Reader, piece_id: str | None = None) -> Article:
        """The parsed piece (for a Sources button or an `about`), without building an engine.

        The reader's right to see it is checked on every call; then the article is the one
        its loaded engine reads, else one parsed earlier and kept, else parsed now (and kept).
        """
        return await self._article(await self.resolve(reader, piece_id))

    async def about(self, reader: Reader, piece_id: str | None = None) -> PieceInfo:
        """What `about` shows of the piece, without building an engine: its loaded engine's
        `about()`, else the parsed piece (see `article`) and the configured engine's name."""
        piece = await self.resolve(reader, piece_id)
        engine = self.engines.peek(_engine_key(piece))
        if engine is not None:
            return engine.about()
        return PieceInfo.of(await self._article(piece), self.engine_name)

    async def _article(self, piece: Piece) -> Article:
        key = _engine_key(piece)
        engine = self.engines.peek(key)
        if engine is not None:
            return titled(engine.article, piece)
        return titled(await self.articles.get(key, lambda: parse_piece(self.store, piece)), piece)

    async def _forget_parsed(self, piece: Piece) -> None:
        """Let go of the piece's engine and parsed text (it is gone, or its text changed)."""
        key = _engine_key(piece)
        self.articles.discard(key)
        await self.engines.discard(key)

    # ------------------------------------------------------------ removing

    async def remove(self, reader: Reader, piece_id: str) -> Piece:
        """Remove a piece the reader may remove: its text, index, answers and conversations."""
        piece = await self._lookup(piece_id)
        if piece is None:
            raise not_found(piece_id)
        reader.check_remove(piece)
        await self._remove(piece)
        return piece

    async def _remove(self, piece: Piece) -> None:
        # What is about the piece goes first, the piece last: a database another process keeps
        # locked stops the removal (`StoreBusy`, "try again") with the piece still there, never
        # with the piece gone and its conversations or answers left behind.
        for hook in self._removal_hooks:
            await hook(piece)
        if await self.store.sharing_text(piece.sha256) <= 1:  # no other piece has its text
            await forget_answers(self.settings.llm_cache_path, piece.sha256)
        await self.store.delete(piece.id)
        await self._forget_parsed(piece)
        log.info("removed piece %s (%s, %s)", piece.id, piece.scope, piece.owner)


def _engine_key(piece: Piece) -> str:
    # The hash too: a seed edited in place keeps its id but needs a new engine (and parse).
    return f"{piece.id}:{piece.sha256}"


def library_for(settings: Settings, *, durable: bool = False) -> Library:
    """The library on the bot's database (`settings.db_path`), not opened yet: `await
    library.open()` before use (a front end built before its event loop runs opens it later).
    `durable`: a file that cannot be opened is `StoreUnavailable`, not a library in memory (a
    terminal command must not say "added" of a piece that is gone when it exits)."""
    from bot.storage.pieces import SqlitePieceStore  # the storage backend is chosen here only

    return Library(SqlitePieceStore(settings.db_path, durable=durable), settings=settings)
