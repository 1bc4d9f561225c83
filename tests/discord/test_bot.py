"""The bot object: built offline, minimal intents, no pings, cogs loaded, syncs only on purpose."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.core.answer import Turn
from bot.core.article import Article
from bot.discord.bot import EXTENSIONS, SWITCH_INTERVAL_S, PieceBot, create_bot
from bot.discord.conversations import ConversationStore
from bot.discord.delivery import ANSWER_TIMEOUT_S
from bot.discord.i18n import PieceTranslator
from bot.discord.limits import TOKEN_LIFETIME_S
from bot.discord.ratelimit import AnswerGate, SlidingWindowLimiter
from bot.engines.llm import build_llm_engine
from bot.engines.offline.engine import OfflineEngine
from bot.settings import Settings, load_settings
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
    bot = create_bot(settings_in(tmp_path), article=article)
    assert isinstance(bot, PieceBot)
    assert bot.engine.name == "offline"  # no OPENAI_API_KEY
    assert bot.article is article
    assert isinstance(bot.store, ConversationStore)
    assert bot.store.path == tmp_path / "piece-bot.sqlite3"
    assert bot.user is None and not bot.is_ready()
    async with bot:
        await bot.setup_hook()  # cogs, translator, store: still no network
        assert {type(c).__name__ for c in bot.cogs.values()} == {
            "Errors", "Piece", "DirectMessages"
        }
        assert set(bot.extensions) == set(EXTENSIONS)
        assert isinstance(bot.tree.translator, PieceTranslator)
        # Worker threads hand the interpreter back to the event loop often.
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)


async def test_the_offline_engine_prepares_the_piece_at_start(
    tmp_path: Path, article: Article
) -> None:
    engine = OfflineEngine(article)
    bot = create_bot(settings_in(tmp_path), article=article, engine=engine)
    async with bot:
        await bot.setup_hook()
        task = engine.start_warm_up()  # the one setup_hook started
        assert task is not None
        await asyncio.wait_for(task, 30)
        assert engine.analysis._computed is not None


def test_create_bot_reads_the_environment_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIECE_BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RATE_LIMIT_COUNT", "7")
    monkeypatch.setenv("HISTORY_TURNS", "4")
    bot = create_bot()
    assert bot.limiter.count == 7
    assert bot.store.max_turns == 4
    assert bot.article.paragraphs  # the seeds' piece
    assert bot.article is bot.engine.article


def test_intents_are_minimal_and_unprivileged(tmp_path: Path, article: Article) -> None:
    intents = create_bot(settings_in(tmp_path), article=article).intents
    assert not intents.members and not intents.presences and not intents.message_content
    assert intents.dm_messages and intents.guilds
    assert not intents.guild_messages and not intents.typing
    privileged = discord.Intents(members=True, presences=True, message_content=True)
    assert intents.value & privileged.value == 0


def test_no_message_can_ping_anyone(tmp_path: Path, article: Article) -> None:
    allowed = create_bot(settings_in(tmp_path), article=article).allowed_mentions
    assert allowed is not None
    assert (allowed.everyone, allowed.users, allowed.roles, allowed.replied_user) == (
        False, False, False, False
    )


def test_limits_come_from_settings(tmp_path: Path, article: Article) -> None:
    env = {"RATE_LIMIT_COUNT": "2", "RATE_LIMIT_WINDOW_S": "10", "MAX_CONCURRENT_ANSWERS": "3",
           "MAX_QUEUED_ANSWERS": "9", "HISTORY_RETENTION_DAYS": "1.5"}
    bot = create_bot(settings_in(tmp_path, **env), article=article)
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


def recording_bot(settings: Settings, article: Article, **kw: object) -> RecordingBot:
    bot = RecordingBot(
        settings=settings,
        article=article,
        engine=OfflineEngine(article),
        store=ConversationStore(
            settings.db_path, piece="p", max_turns=2, retention_days=1.0
        ),
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
    tmp_path: Path, article: Article, env: dict, sync_on_start: bool, expected: list
) -> None:
    bot = recording_bot(settings_in(tmp_path, **env), article, sync_on_start=sync_on_start)
    async with bot:
        await bot.setup_hook()
    assert bot.synced == expected


async def test_an_unusable_database_falls_back_to_memory(
    tmp_path: Path, article: Article, engine: OfflineEngine
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = load_settings({"PIECE_BOT_DATA_DIR": str(blocker)}, dotenv=False)
    bot = create_bot(settings, article=article, engine=engine)
    async with bot:
        await bot.setup_hook()
        assert str(bot.store.path) == ":memory:"
        await bot.store.add(1, Turn("q", "a"))
        assert len(await bot.store.history(1)) == 1


async def test_closing_the_bot_closes_the_store(tmp_path: Path, article: Article) -> None:
    bot = create_bot(settings_in(tmp_path), article=article)
    async with bot:
        await bot.setup_hook()
    with pytest.raises(RuntimeError):
        await bot.store.history(1)


async def test_a_second_bot_in_one_process_handles_errors_the_same(
    tmp_path: Path, article: Article, engine: OfflineEngine
) -> None:
    # Regression: extensions are re-executed on each load, so error classes shared between
    # modules must live outside them, or the second bot's handler would not recognise them.
    for round_ in range(2):
        async with make_bot(tmp_path / str(round_), article, engine, RATE_LIMIT_COUNT="1") as bot:
            await invoke(bot, interaction_payload(command(bot, "summary"), {}))
            refused = await invoke(bot, interaction_payload(command(bot, "summary"), {}))
        assert "try again in" in refused.calls()[-1][1]["content"], round_


async def test_an_llm_engine_is_warmed_at_start_and_closed_with_the_bot(
    tmp_path: Path, article: Article
) -> None:
    """setup_hook starts the LLM engine's warm-up (summary, factors) against a local server."""
    async with FakeOpenAI() as fake:
        settings = make_settings(fake.base_url, tmp_path, llm_warm_up=True)
        engine = build_llm_engine(settings, article)
        bot = create_bot(settings, article=article, engine=engine)
        async with bot:
            await bot.setup_hook()
            for _ in range(100):  # bounded: at most 5 s
                if len(fake.chat_requests) >= 4:
                    break
                await asyncio.sleep(0.05)
            schemas = {r.schema for r in fake.chat_requests}
            # Summary and factors, in Japanese and English framing.
            assert len(fake.chat_requests) >= 4 and len(schemas) >= 2
        assert engine._warm_task is None or engine._warm_task.done()
