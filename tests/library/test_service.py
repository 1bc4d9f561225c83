"""The library: scopes, limits, the current piece, removal, seeds, and a shared database."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.answer import Answer, Citation
from bot.engines.llm.cache import AnswerCache
from bot.library.articles import ArticleCache
from bot.library.errors import PieceError, Reason
from bot.library.fetch import FetchRules
from bot.library.scope import Reader, piece_id
from bot.library.service import Library
from bot.library.store import Piece, Scope
from bot.settings import SEEDS_DIR, Settings, load_settings
from bot.storage.pieces import SqlitePieceStore
from bot.storage.sqlite import StoreBusy
from tests.engines.llm.conftest import make_settings
from tests.fakes.openai_api import FakeOpenAI
from tests.library.documents import DOCUMENTS, EN_PARAGRAPHS, JA_PARAGRAPHS, MARKDOWN, make_pdf
from tests.library.http_server import http_server
from tests.storage.helpers import write_lock_held

OPERATOR = Reader.operator()
ADMIN = Reader.in_server(1, 100, 1000, manages_server=True)
MEMBER = Reader.in_server(2, 100, 1000, manages_server=False)
OTHER_SERVER = Reader.in_server(3, 200, 2000, manages_server=True)
ALICE = Reader.personal(1)
BOB = Reader.personal(2)
TEXT = "\n".join(JA_PARAGRAPHS).encode()


def settings_for(tmp_path: Path, **kw: object) -> Settings:
    return load_settings({}, dotenv=False, data_dir=tmp_path, **kw)


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = Library(SqlitePieceStore(tmp_path / "piece-bot.sqlite3"), settings=settings_for(tmp_path))
    await lib.open()
    yield lib
    await lib.aclose()


async def ids(library: Library, reader: Reader) -> set[str]:
    return {p.id for p in await library.list(reader)}


async def test_the_seeds_are_bundled_and_the_default_piece_stays_the_default(
    library: Library,
) -> None:
    pieces = await library.list(BOB)
    assert [p.scope for p in pieces] == [Scope.BUNDLED] * len(list(SEEDS_DIR.glob("*.txt")))
    current = await library.current(BOB)
    assert current.id == library.default_id
    assert current.seed is not None and Path(current.seed).parent == SEEDS_DIR
    with pytest.raises(PieceError) as caught:
        await library.remove(OPERATOR, current.id)
    assert caught.value.reason is Reason.FORBIDDEN


async def test_nobody_sees_a_piece_outside_its_scope(library: Library) -> None:
    server = (await library.add_bytes(ADMIN, TEXT, filename="a.txt")).piece
    personal = (await library.add_bytes(ALICE, MARKDOWN.encode(), filename="b.md")).piece
    bundled = (
        await library.add_bytes(
            OPERATOR, make_pdf(EN_PARAGRAPHS, title="T", japanese=False), filename="c.pdf"
        )
    ).piece
    assert server.id in await ids(library, MEMBER)
    assert personal.id in await ids(library, ADMIN)  # Alice (user 1) in the server
    assert personal.id not in await ids(library, MEMBER)
    assert server.id not in await ids(library, OTHER_SERVER) | await ids(library, BOB)
    assert bundled.id in await ids(library, BOB) & await ids(library, OTHER_SERVER)
    for reader, hidden in ((OTHER_SERVER, server), (BOB, personal), (MEMBER, personal)):
        for call in (library.get, library.remove, library.use):
            with pytest.raises(PieceError) as caught:
                await call(reader, hidden.id)
            assert caught.value.reason is Reason.NOT_FOUND  # as if it did not exist
        assert hidden not in await library.autocomplete(reader, "")
        with pytest.raises(PieceError):
            async with library.reading(reader, hidden.id):
                pass


async def test_adding_and_removing_in_a_server_needs_manage_server(library: Library) -> None:
    with pytest.raises(PieceError) as caught:
        await library.add_bytes(MEMBER, TEXT, filename="a.txt")
    assert caught.value.reason is Reason.NEEDS_MANAGE_SERVER
    piece = (await library.add_bytes(ADMIN, TEXT, filename="a.txt")).piece
    with pytest.raises(PieceError) as caught:
        await library.remove(MEMBER, piece.id)
    assert caught.value.reason is Reason.NEEDS_MANAGE_SERVER
    assert (await library.remove(ADMIN, piece.id)).id == piece.id


async def test_adding_the_same_text_twice_finds_the_first(library: Library) -> None:
    first = await library.add_bytes(ALICE, TEXT, filename="a.txt", title="  My  piece ")
    again = await library.add_bytes(ALICE, TEXT, filename="copy.txt")
    assert first.created and not again.created
    assert again.piece == first.piece
    assert first.piece.title == "My piece"
    assert (first.piece.format, first.piece.paragraphs) == ("text", 3)
    assert first.piece.size == len(TEXT)
    elsewhere = await library.add_bytes(BOB, TEXT, filename="a.txt")
    assert elsewhere.created and elsewhere.piece.id != first.piece.id


async def test_a_file_that_now_reads_differently_renews_its_piece(library: Library) -> None:
    """A later version renders Markdown differently (bullets kept): adding the same file
    again renews the piece it made, keeping its id, title and use, instead of a second."""
    source = (
        "# Tea\n\nTea is popular for three reasons:\n\n- It is cheap to buy.\n"
        "- It is healthy to drink.\n- It is tasty to most people.\n"
    )
    rendered = (await library.add_bytes(ALICE, source.encode(), filename="t.md", title="T")).piece
    new_text = await library.store.text(rendered.id)
    assert new_text is not None and "• It is cheap" in new_text
    # The same file as an older version stored it, under the id its rendering gave.
    await library.remove(ALICE, rendered.id)
    old_text = new_text.replace("• ", "")
    old_piece = replace(rendered, id=piece_id(ALICE.home, _sha(old_text)), sha256=_sha(old_text))
    assert await library.store.add(old_piece, old_text, source=_sha(source.encode()))
    await library.use(ALICE, old_piece.id)
    assert "• It is cheap" not in (await library.article(ALICE)).text  # parsed, as it was

    again = await library.add_bytes(ALICE, source.encode(), filename="t.md")
    assert not again.created
    assert (again.piece.id, again.piece.title) == (old_piece.id, "T")
    assert again.piece.sha256 == rendered.sha256 != old_piece.sha256
    assert [p.id for p in await library.list(ALICE) if p.scope is Scope.PERSONAL] == [old_piece.id]
    assert (await library.current(ALICE)).id == old_piece.id
    assert "• It is cheap" in (await library.article(ALICE)).text  # not the old parse
    # Removed, it takes its source with it: the file then makes a new piece.
    await library.remove(ALICE, old_piece.id)
    assert await library.store.by_source(ALICE.home, _sha(source.encode())) is None
    assert (await library.add_bytes(ALICE, source.encode(), filename="t.md")).created


async def test_a_piece_stored_before_sources_were_recorded_is_renewed_too(
    library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    """Versions that dropped list bullets recorded no file: the piece of the same name and
    format whose text is this one without its bullets is the same file's."""
    source = (
        b"# Tea\n\nTea is popular for three reasons:\n\n- It is cheap to buy.\n"
        b"- It is healthy to drink.\n"
    )
    made = (await library.add_bytes(ALICE, source, filename="t.md")).piece
    text = await library.store.text(made.id)
    assert text is not None and "• It is cheap" in text
    await library.remove(ALICE, made.id)
    old_text = text.replace("• ", "")
    old = replace(made, id=piece_id(ALICE.home, _sha(old_text)), sha256=_sha(old_text))
    assert await library.store.add(old, old_text)  # no source, as those versions stored it
    # A file of the same name whose own file is recorded is another's, however alike.
    plain = (
        await library.add_bytes(
            ALICE, b"# Tea\n\nIt is cheap to buy. It is good.\n", filename="u.md"
        )
    ).piece
    bulleted = await library.add_bytes(
        ALICE, b"# Tea\n\n- It is cheap to buy. It is good.\n", filename="u.md"
    )
    assert bulleted.created and bulleted.piece.id != plain.id
    # An edited file of the same name is another piece, and leaves this one alone.
    edited = await library.add_bytes(ALICE, source + b"- It is tasty.\n", filename="t.md")
    assert edited.created and await library.store.text(old.id) == old_text

    again = await library.add_bytes(ALICE, source, filename="t.md")
    assert (again.created, again.piece.id, again.piece.sha256) == (False, old.id, made.sha256)
    # Renewed once: adding it yet again changes nothing more.
    caplog.clear()
    with caplog.at_level("INFO", logger="bot.library.service"):
        assert (await library.add_bytes(ALICE, source, filename="t.md")).piece == again.piece
    assert "renewed" not in caplog.text


async def test_a_piece_removed_meanwhile_is_not_renewed(library: Library) -> None:
    piece = (await library.add_bytes(ALICE, TEXT, filename="a.txt")).piece
    await library.remove(ALICE, piece.id)
    assert not await library.store.renew(piece, "別の本文です。", source="x" * 64)
    assert await library.store.get(piece.id) is None
    assert await library.store.by_source(ALICE.home, "x" * 64) is None


def _sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


async def test_piece_counts_and_the_add_rate_are_limited(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, piece_max_per_user=2, piece_add_rate_count=3)
    library = Library(SqlitePieceStore(None), settings=settings)
    await library.open()
    try:
        for i in range(2):
            await library.add_bytes(ALICE, f"段落{i}です。".encode(), filename="a.txt")
        with pytest.raises(PieceError) as caught:
            await library.add_bytes(ALICE, "三つ目。".encode(), filename="a.txt")
        assert (caught.value.reason, caught.value.limit) == (Reason.LIMIT_REACHED, 2)
        await library.remove(ALICE, (await library.list(ALICE))[-1].id)
        await library.add_bytes(ALICE, "三つ目。".encode(), filename="a.txt")
        await library.remove(ALICE, (await library.list(ALICE))[-1].id)
        with pytest.raises(PieceError) as caught:  # removing does not give additions back
            await library.add_bytes(ALICE, "四つ目。".encode(), filename="a.txt")
        assert (caught.value.reason, caught.value.limit) == (Reason.RATE_LIMITED, 3)
        assert "hour" in str(caught.value)
        for i in range(5):  # the operator is not limited
            await library.add_bytes(OPERATOR, f"operator {i}.".encode(), filename="o.txt")
    finally:
        await library.aclose()


async def test_use_sets_the_channels_piece_in_a_server_and_the_users_in_dms(
    library: Library,
) -> None:
    server = (await library.add_bytes(ADMIN, TEXT, filename="a.txt")).piece
    personal = (await library.add_bytes(ALICE, MARKDOWN.encode(), filename="b.md")).piece
    await library.use(MEMBER, server.id)  # any member may choose among visible pieces
    assert (await library.current(ADMIN)).id == server.id
    other_channel = Reader.in_server(1, 100, 1001, manages_server=True)
    assert (await library.current(other_channel)).id == library.default_id
    with pytest.raises(PieceError) as caught:
        await library.use(ADMIN, personal.id)  # the channel would see Alice's piece
    assert caught.value.reason is Reason.PERSONAL_IN_CHANNEL
    await library.use(ALICE, personal.id)
    assert (await library.current(ALICE)).id == personal.id
    await library.remove(ALICE, personal.id)
    assert (await library.current(ALICE)).id == library.default_id  # back to the default


async def test_reading_builds_one_engine_per_piece_and_cites_its_text(library: Library) -> None:
    piece = (
        await library.add_bytes(
            ALICE, (DOCUMENTS / "news-ja.html").read_bytes(), filename="news.html", title="図書館"
        )
    ).piece

    async def ask() -> Answer:
        async with library.reading(ALICE, piece.id) as reading:
            assert reading.piece == piece
            assert reading.engine.article.meta.title == "図書館"  # the title given wins
            return await reading.engine.ask("夜間の人員をどう確保した？")

    answers = await asyncio.gather(*(ask() for _ in range(4)))
    assert library.engines.builds == 1
    text = (await library.article(ALICE, piece.id)).text
    for answer in answers:
        assert answer.citations
        assert all(text[c.start : c.end] == c.quote for c in answer.citations)


async def test_a_parsed_piece_is_kept_and_every_reader_is_checked_again(library: Library) -> None:
    piece = (await library.add_bytes(ALICE, TEXT, filename="a.txt", title="私の記事")).piece
    first = await library.article(ALICE, piece.id)
    assert first.meta.title == "私の記事"  # the title given, as the engine reads it
    assert await library.article(ALICE, piece.id) is first
    assert (library.articles.parses, library.engines.builds) == (1, 0)
    for stranger in (BOB, MEMBER):  # kept in memory, and still nobody else's
        with pytest.raises(PieceError) as caught:
            await library.article(stranger, piece.id)
        assert caught.value.reason is Reason.NOT_FOUND
    async with library.reading(ALICE, piece.id) as reading:
        assert reading.engine.article is first  # the engine is built on the kept parse
    assert library.articles.parses == 1
    await library.remove(ALICE, piece.id)
    assert library.articles.held_keys() == []
    with pytest.raises(PieceError):
        await library.article(ALICE, piece.id)


async def test_a_loaded_engines_article_is_read_without_parsing_again(tmp_path: Path) -> None:
    library = Library(
        SqlitePieceStore(None),
        settings=settings_for(tmp_path),
        articles=ArticleCache(budget_bytes=1),  # one parsed piece kept at a time
    )
    await library.open()
    first = (await library.add_bytes(ALICE, TEXT, filename="a.txt")).piece
    second = (await library.add_bytes(ALICE, MARKDOWN.encode(), filename="b.md")).piece
    async with library.reading(ALICE, first.id) as reading:
        loaded = reading.engine.article
    await library.article(ALICE, second.id)  # the first one's parse leaves the cache …
    assert library.articles.held_keys() == [f"{second.id}:{second.sha256}"]
    assert await library.article(ALICE, first.id) is loaded  # … its engine still has it
    assert library.articles.parses == 2
    await library.aclose()


async def test_about_a_piece_builds_no_engine_and_says_what_its_engine_would(
    library: Library,
) -> None:
    piece = (await library.add_bytes(ALICE, TEXT, filename="a.txt", title="私の記事")).piece
    key = f"{piece.id}:{piece.sha256}"
    info = await library.about(ALICE, piece.id)
    assert key not in library.engines and library.engines.builds == 0
    assert (info.title, info.paragraphs, info.engine) == ("私の記事", 3, "offline")
    with pytest.raises(PieceError):
        await library.about(BOB, piece.id)
    async with library.reading(ALICE, piece.id) as reading:
        assert reading.engine.about() == info
    assert await library.about(ALICE, piece.id) == info  # now from the loaded engine


async def test_removal_deletes_text_answers_and_conversations(library: Library) -> None:
    removed: list[Piece] = []

    async def hook(piece: Piece) -> None:
        removed.append(piece)

    library.on_remove(hook)
    piece = (await library.add_bytes(ALICE, TEXT, filename="a.txt")).piece
    async with library.reading(ALICE, piece.id):
        pass
    cache = AnswerCache(library.settings.llm_cache_path)
    answer = Answer("x", (Citation(1, "q", 0, 1),), "llm", True)
    await cache.put("k1", "ask", answer, piece=piece.sha256)
    other = AnswerCache(library.settings.llm_cache_path)
    await other.put("k2", "ask", answer, piece="another")
    await library.remove(ALICE, piece.id)
    assert removed == [piece]
    assert await library.store.text(piece.id) is None
    assert await cache.get("k1") is None and await other.get("k2") is not None
    assert f"{piece.id}:{piece.sha256}" not in library.engines
    for c in (cache, other):
        await c.aclose()


async def test_a_removal_a_lock_stops_leaves_the_piece_whole(library: Library) -> None:
    # Regression: the piece was deleted first, then its cached answers; a cache another
    # process kept locked turned into an internal error, with the piece gone and its answers
    # left behind. Now everything about the piece goes first, and a lock is "try again".
    seen: list[Piece] = []

    async def hook(piece: Piece) -> None:
        seen.append(piece)

    library.on_remove(hook)
    cache = AnswerCache(library.settings.llm_cache_path)
    try:
        piece = (await library.add_bytes(ALICE, TEXT, filename="a.txt")).piece
        answer = Answer("x", (Citation(1, "q", 0, 1),), "llm", True)
        await cache.put("k1", "ask", answer, piece=piece.sha256)
        with write_lock_held(library.settings.llm_cache_path), pytest.raises(StoreBusy):
            await library.remove(ALICE, piece.id)
        assert await library.get(ALICE, piece.id) == piece  # still there, and readable
        assert (await library.article(ALICE, piece.id)).text == TEXT.decode()
        assert await cache.get("k1") is not None
        await library.remove(ALICE, piece.id)  # the lock gone: all of it goes
        assert await library.store.get(piece.id) is None and await cache.get("k1") is None
        assert seen == [piece, piece]  # hooks run before the piece goes: again on the retry
    finally:
        await cache.aclose()


async def test_a_piece_added_by_another_process_is_seen_at_once(tmp_path: Path) -> None:
    # The terminal and the bot: two libraries, two connections, one database file.
    bot = Library(SqlitePieceStore(tmp_path / "db.sqlite3"), settings=settings_for(tmp_path))
    terminal = Library(SqlitePieceStore(tmp_path / "db.sqlite3"), settings=settings_for(tmp_path))
    await bot.open()
    await terminal.open()
    added = await terminal.add_bytes(OPERATOR, TEXT, filename="new.txt")
    assert added.piece.id in await ids(bot, BOB)
    async with bot.reading(BOB, added.piece.id) as reading:
        assert reading.engine.article.text == TEXT.decode()
    await terminal.remove(OPERATOR, added.piece.id)
    assert added.piece.id not in await ids(bot, BOB)
    await bot.aclose()
    await terminal.aclose()


async def test_two_processes_adding_the_same_text_at_once_create_it_once(tmp_path: Path) -> None:
    # Each library's lock is its own process's: the store says which one stored it.
    libraries = [
        Library(SqlitePieceStore(tmp_path / "db.sqlite3"), settings=settings_for(tmp_path))
        for _ in range(4)
    ]
    for library in libraries:
        await library.open()
    try:
        added = await asyncio.gather(
            *(lib.add_bytes(OPERATOR, TEXT, filename="same.txt") for lib in libraries)
        )
    finally:
        for library in libraries:
            await library.aclose()
    assert sum(a.created for a in added) == 1
    assert len({a.piece.id for a in added}) == 1


async def test_seeds_follow_their_files(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("最初の版です。", encoding="utf-8")
    (seeds / "b.md").write_text("# B\n\nSecond seed.", encoding="utf-8")
    (seeds / "notes.docx").write_bytes(b"PK\x03\x04")
    settings = settings_for(tmp_path)

    async def opened() -> Library:
        lib = Library(SqlitePieceStore(tmp_path / "db.sqlite3"), settings=settings, seeds_dir=seeds)
        await lib.open()
        return lib

    lib = await opened()
    first = await lib.current(BOB)
    assert [p.title for p in await lib.list(BOB)] == ["最初の版です", "B"]
    await lib.aclose()
    (seeds / "a.txt").write_text("第二版です。", encoding="utf-8")
    (seeds / "b.md").unlink()
    lib = await opened()
    [edited] = await lib.list(BOB)
    assert edited.id == first.id and edited.sha256 != first.sha256  # same id, new text
    await lib.aclose()


async def test_urls_are_added_through_the_fetch_rules(tmp_path: Path) -> None:
    async with http_server() as server:
        settings = settings_for(tmp_path)
        guarded = Library(SqlitePieceStore(None), settings=settings)
        await guarded.open()
        with pytest.raises(PieceError) as caught:
            await guarded.add_url(ALICE, server.url("/page.html"))
        assert caught.value.reason is Reason.BLOCKED_ADDRESS
        local = replace(settings, piece_fetch_allow_private=True)
        library = Library(SqlitePieceStore(None), settings=local)
        assert library.fetch_rules == FetchRules(allow_private=True)
        await library.open()
        added = await library.add_url(ALICE, server.url("/redirect?to=/page.html"))
        article = await library.article(ALICE, added.piece.id)
        assert article.meta.author == "Maria Jensen"
        assert added.piece.origin == server.url("/page.html")
        assert (await library.add_url(ALICE, server.url("/doc.pdf"))).piece.format == "pdf"
        for lib in (guarded, library):
            await lib.aclose()


async def test_with_a_model_only_the_default_piece_is_warmed_and_one_client_serves_all(
    tmp_path: Path,
) -> None:
    async with FakeOpenAI() as model:
        settings = make_settings(model.base_url, tmp_path, llm_warm_up=True)
        library = Library(SqlitePieceStore(tmp_path / "db.sqlite3"), settings=settings)
        await library.open()
        added = (await library.add_bytes(ALICE, TEXT, filename="a.txt")).piece
        async with library.reading(ALICE, added.id) as reading:
            client = reading.engine.model  # type: ignore[attr-defined]
        assert model.chat_requests == []  # building a piece's engine costs no model call
        await library.warm_up_default(("ja",))
        default = await library.get(BOB, library.default_id or "")
        with sqlite3.connect(settings.llm_cache_path) as db:
            warmed = {row[0] for row in db.execute("SELECT piece FROM answer_pieces")}
        assert warmed == {default.sha256}  # summary and factors of the default piece only
        async with library.reading(BOB, default.id) as reading:
            assert reading.engine.model is client  # type: ignore[attr-defined]
        await library.aclose()
        assert client.client.is_closed()  # the library closes what the engines shared
