"""The bot object: built offline, minimal intents, no pings, cogs loaded, syncs only on purpose."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import sys
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.core.answer import Turn
from bot.core.article import Article, ArticleError
from bot.discord.bot import EXTENSIONS, SWITCH_INTERVAL_S, PieceBot, create_bot
from bot.discord.delivery import ANSWER_TIMEOUT_S
from bot.discord.i18n import PieceTranslator
from bot.discord.limits import TOKEN_LIFETIME_S
from bot.discord.ratelimit import AnswerGate, SlidingWindowLimiter
from bot.engines.offline.engine import OfflineEngine
from bot.library.scope import Reader
from bot.library.service import Library, library_for
from bot.settings import Settings, load_settings
from bot.storage.conversations import ConversationStore
from tests.discord.helpers import command, interaction_payload, invoke, make_bot
from tests.engines.llm.conftest import make_settings
from tests.fakes.openai_api import FakeOpenAI


def settings_in(tmp_path: Path, **env: str) -> Settings:
    return load_settings({"PIECE_BOT_DATA_DIR": str(tmp_path), **env}, dotenv=False)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


async def test_create_bot_builds_everything_without_connecting(
    tmp_path: Path, article: Article, no_network: None
) -> None:
    bot = create_bot(settings_in(tmp_path))
    assert isinstance(bot, PieceBot)
    assert isinstance(bot.library, Library)
    assert isinstance(bot.store, ConversationStore)
    assert bot.store.path == tmp_path / "piece-bot.sqlite3"
    assert bot.user is None and not bot.is_ready()
    async with bot:
        await bot.setup_hook()  # cogs, translator, store, library: still no network
        assert {type(c).__name__ for c in bot.cogs.values()} == {
            "Errors", "Piece", "Pieces", "DirectMessages"
        }
        assert set(bot.extensions) == set(EXTENSIONS)
        assert isinstance(bot.tree.translator, PieceTranslator)
        # Worker threads hand the interpreter back to the event loop often.
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
        # The seeds are in the library, and the default piece is the seeds' piece.
        default = await bot.library.current(Reader.operator())
        async with bot.library.reading(Reader.operator(), default.id) as reading:
            assert reading.engine.name == "offline"  # no OPENAI_API_KEY
            assert reading.engine.article.sha256 == article.sha256


async def test_the_default_piece_is_prepared_at_start(tmp_path: Path, article: Article) -> None:
    engine = OfflineEngine(article)
    async with make_bot(tmp_path, engine) as bot:
        assert bot.warm_up_task is not None  # the one setup_hook started
        await asyncio.wait_for(bot.warm_up_task, 30)
        assert engine.analysis._computed.done


def test_create_bot_reads_the_environment_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIECE_BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RATE_LIMIT_COUNT", "7")
    monkeypatch.setenv("HISTORY_TURNS", "4")
    monkeypatch.setenv("PIECE_MAX_PER_SERVER", "3")
    bot = create_bot()
    assert bot.limiter.count == 7
    assert bot.store.max_turns == 4
    assert bot.library.settings.piece_max_per_server == 3
    assert bot.library.settings.db_path == bot.store.path == tmp_path / "piece-bot.sqlite3"


def test_a_missing_article_path_stops_the_bot_before_it_connects(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="not found"):
        create_bot(settings_in(tmp_path, ARTICLE_PATH=str(tmp_path / "missing.txt")))


def test_intents_are_minimal_and_unprivileged(tmp_path: Path) -> None:
    intents = create_bot(settings_in(tmp_path)).intents
    assert not intents.members and not intents.presences and not intents.message_content
    assert intents.dm_messages and intents.guilds
    assert not intents.guild_messages and not intents.typing
    privileged = discord.Intents(members=True, presences=True, message_content=True)
    assert intents.value & privileged.value == 0


def test_no_message_can_ping_anyone(tmp_path: Path) -> None:
    allowed = create_bot(settings_in(tmp_path)).allowed_mentions
    assert allowed is not None
    assert (allowed.everyone, allowed.users, allowed.roles, allowed.replied_user) == (
        False, False, False, False
    )


def test_limits_come_from_settings(tmp_path: Path) -> None:
    env = {"RATE_LIMIT_COUNT": "2", "RATE_LIMIT_WINDOW_S": "10", "MAX_CONCURRENT_ANSWERS": "3",
           "MAX_QUEUED_ANSWERS": "9", "HISTORY_RETENTION_DAYS": "1.5"}
    bot = create_bot(settings_in(tmp_path, **env))
    assert (bot.limiter.count, bot.limiter.window_s) == (2, 10.0)
    assert (bot.gate.max_active, bot.gate.max_waiting) == (3, 9)
    # Queueing plus answering must fit in an interaction token's life (else: hung reply).
    assert bot.gate.max_wait_s is not None
    assert bot.gate.max_wait_s + ANSWER_TIMEOUT_S + 60 < TOKEN_LIFETIME_S
    assert bot.store.retention_s == 1.5 * 86400


class RecordingBot(PieceBot):
    """A PieceBot that records syncs instead of sending them."""

    synced: list[int | None]

    async def sync_commands(self, guild_id: int | None = None) -> list[app_commands.AppCommand]:
        self.synced.append(guild_id)
        return []


def recording_bot(settings: Settings, **kw: object) -> RecordingBot:
    bot = RecordingBot(
        settings=settings,
        library=library_for(settings),
        store=ConversationStore(settings.db_path, max_turns=2, retention_days=1.0),
        limiter=SlidingWindowLimiter(5, 30.0),
        gate=AnswerGate(2, 10),
        **kw,  # type: ignore[arg-type]
    )
    bot.synced = []
    return bot


@pytest.mark.parametrize(
    ("env", "sync_on_start", "expected"),
    [
        ({}, True, []),  # never a global sync on boot
        ({"DEV_GUILD_ID": "123"}, True, [123]),  # the dev guild only
        ({"DEV_GUILD_ID": "123"}, False, []),  # `python -m bot sync` syncs by itself
    ],
)
async def test_boot_syncs_only_to_the_dev_guild(
    tmp_path: Path, env: dict, sync_on_start: bool, expected: list
) -> None:
    bot = recording_bot(settings_in(tmp_path, **env), sync_on_start=sync_on_start)
    async with bot:
        await bot.setup_hook()
    assert bot.synced == expected


async def test_an_unusable_database_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = load_settings({"PIECE_BOT_DATA_DIR": str(blocker)}, dotenv=False)
    bot = create_bot(settings)
    async with bot:
        await bot.setup_hook()
        assert str(bot.store.path) == ":memory:"
        await bot.store.add(1, "p", Turn("q", "a"))
        assert len(await bot.store.history(1, "p")) == 1
        assert bot.library.default_id in {p.id for p in await bot.library.list(Reader.personal(1))}


async def test_closing_the_bot_closes_the_library_and_the_store(tmp_path: Path) -> None:
    bot = create_bot(settings_in(tmp_path))
    async with bot:
        await bot.setup_hook()
    with pytest.raises(RuntimeError):
        await bot.store.history(1, "p")
    with pytest.raises(RuntimeError):
        await bot.library.list(Reader.personal(1))


async def test_the_store_is_closed_even_if_the_library_fails_to_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = create_bot(settings_in(tmp_path))

    async def fails() -> None:
        raise RuntimeError("an engine would not close")

    with pytest.raises(RuntimeError, match="would not close"):
        async with bot:
            await bot.setup_hook()
            monkeypatch.setattr(bot.library, "aclose", fails)
    with pytest.raises(RuntimeError):
        await bot.store.history(1, "p")  # closed: its database thread is gone
    await bot.library.store.aclose()  # what the failed close left open


async def test_every_close_waits_for_the_whole_shutdown(tmp_path: Path) -> None:
    """A SIGTERM handler's close, then `async with`'s on the way out: both see it finished."""
    bot = create_bot(settings_in(tmp_path))
    async with bot:
        await bot.setup_hook()
        first = asyncio.create_task(bot.close())
        await asyncio.sleep(0)
    assert first.done()  # `async with` waited for the close already under way
    with pytest.raises(RuntimeError):
        await bot.store.history(1, "p")
    await bot.close()  # again: nothing left to do, nothing raised


async def test_a_second_bot_in_one_process_handles_errors_the_same(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    # Regression: extensions are re-executed on each load, so error classes shared between
    # modules must live outside them, or the second bot's handler would not recognise them.
    for round_ in range(2):
        async with make_bot(tmp_path / str(round_), engine, RATE_LIMIT_COUNT="1") as bot:
            await invoke(bot, interaction_payload(command(bot, "summary"), {}))
            refused = await invoke(bot, interaction_payload(command(bot, "summary"), {}))
        assert "try again in" in refused.calls()[-1][1]["content"], round_


async def test_the_default_piece_is_warmed_by_the_llm_engine_and_closed_with_the_bot(
    tmp_path: Path,
) -> None:
    """setup_hook starts the warm-up (summary, factors) of the default piece, and only of it."""
    async with FakeOpenAI() as fake:
        settings = make_settings(fake.base_url, tmp_path, llm_warm_up=True)
        bot = create_bot(settings)
        async with bot:
            await bot.setup_hook()
            owner = Reader.personal(1)
            text = "別の記事です。\n二つ目の段落。".encode()
            other = (await bot.library.add_bytes(owner, text, filename="b.txt")).piece
            async with bot.library.reading(owner, other.id):
                pass  # built too, but never warmed
            async with bot.library.reading(owner, bot.library.default_id) as reading:
                engine = reading.engine
            for _ in range(100):  # bounded: at most 5 s
                if len(fake.chat_requests) >= 4:
                    break
                await asyncio.sleep(0.05)
            schemas = {r.schema for r in fake.chat_requests}
            # Summary and factors, in Japanese and English framing.
            assert len(fake.chat_requests) >= 4 and len(schemas) >= 2
            assert bot.warm_up_task is not None
        assert bot.warm_up_task.done()
        assert engine.model.client.is_closed()  # type: ignore[attr-defined]
        with sqlite3.connect(settings.llm_cache_path) as db:
            pieces = {row[0] for row in db.execute("SELECT piece FROM answer_pieces")}
        assert pieces <= {engine.article.sha256}  # nothing about the other piece
