"""The bot: a `commands.Bot` holding the piece, engine, stores and limits; it loads the cogs."""

from __future__ import annotations

import logging
import sys

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.article import Article
from bot.core.files import default_article_path, load_article
from bot.discord.conversations import ConversationStore
from bot.discord.delivery import QUEUE_WAIT_S
from bot.discord.i18n import PieceTranslator
from bot.discord.ratelimit import AnswerGate, SlidingWindowLimiter
from bot.discord.sources import piece_id
from bot.engines.base import Engine
from bot.engines.factory import build_engine
from bot.settings import SEEDS_DIR, Settings, load_settings

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.001
EXTENSIONS = ("bot.discord.cogs.errors", "bot.discord.cogs.piece", "bot.discord.cogs.dm")


class _NoVoiceWarnings(logging.Filter):
    """discord.py warns at start-up that voice libraries are missing; this bot has no voice."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "voice will NOT be supported" not in record.getMessage()


_VOICE_FILTER = _NoVoiceWarnings()


def bot_intents() -> discord.Intents:
    """The least the bot needs: guilds (for interactions' context) and DMs (conversations).

    No privileged intents: DM text reaches a bot without message_content, and
    the bot never reads server messages, members or presences.
    """
    intents = discord.Intents.default()
    intents.members = False
    intents.presences = False
    intents.message_content = False
    intents.guild_messages = False  # the bot answers slash commands in servers, never chat
    intents.typing = False
    intents.dm_messages = True
    return intents


class PieceBot(commands.Bot):
    """piece-bot on Discord. Everything it needs is passed in; nothing connects until `start`."""

    def __init__(
        self,
        *,
        settings: Settings,
        article: Article,
        engine: Engine,
        store: ConversationStore,
        limiter: SlidingWindowLimiter,
        gate: AnswerGate,
        sync_on_start: bool = True,
        warm_up: bool = True,
        **options: object,
    ) -> None:
        client_log = logging.getLogger("discord.client")
        if _VOICE_FILTER not in client_log.filters:
            client_log.addFilter(_VOICE_FILTER)
        super().__init__(
            command_prefix=commands.when_mentioned,  # unused: there are no prefix commands
            help_command=None,
            intents=bot_intents(),
            allowed_mentions=discord.AllowedMentions.none(),  # no reply can ever ping anyone
            max_messages=None,  # the bot never looks messages up, so it keeps no cache
            chunk_guilds_at_startup=False,
            **options,  # type: ignore[arg-type]
        )
        self.settings = settings
        self.article = article
        self.engine = engine
        self.store = store
        self.limiter = limiter
        self.gate = gate
        self.sync_on_start = sync_on_start
        self.warm_up = warm_up

    async def setup_hook(self) -> None:
        # The event loop shares the interpreter with worker threads that analyse the piece:
        # have them hand the interpreter lock over every millisecond (Python's default is 5
        # ms), so the loop waits milliseconds, not tens of them, while they work.
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        await self.tree.set_translator(PieceTranslator())
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.store.open()  # a damaged or unusable file: see bot.storage.sqlite
        # Engines that can (the LLM engine) compute summary and factors in the background,
        # in both languages the framing supports, so the first readers need not wait.
        # Not for `python -m bot sync`: it closes at once, so the answers (paid model
        # calls) would be thrown away or cut off half way.
        if self.warm_up:
            self.engine.start_warm_up(("ja", "en-US"))
        guild_id = self.settings.dev_guild_id
        if self.sync_on_start and guild_id:
            # Guild commands update at once, which is what development needs. Global
            # sync happens only on purpose (`python -m bot sync`), never on every boot.
            try:
                synced = await self.sync_commands(guild_id)
            except discord.HTTPException as exc:
                log.error("could not sync commands to DEV_GUILD_ID %s: %s", guild_id, exc)
            else:
                log.info("synced %d commands to guild %s", len(synced), guild_id)

    async def sync_commands(self, guild_id: int | None = None) -> list[app_commands.AppCommand]:
        """Push the slash commands to Discord: to one guild (instant) or globally."""
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            return await self.tree.sync(guild=guild)
        return await self.tree.sync()

    async def on_ready(self) -> None:
        user = self.user
        log.info(
            "connected as %s (id %s) in %d servers; piece %r; engine %s",
            user,
            user.id if user else "?",
            len(self.guilds),
            self.article.meta.title,
            self.engine.name,
        )

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: DMs are handled by the DirectMessages cog's listener.
        return

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            await self.store.aclose()
            await self.engine.aclose()


def create_bot(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    article: Article | None = None,
    sync_on_start: bool = True,
    warm_up: bool = True,
) -> PieceBot:
    """Build the whole bot (article, engine, stores, limits) without connecting to anything.

    `settings` defaults to the environment (and `.env`); `article` to the
    settings' or the seeds' piece, `engine` to the one the settings choose.
    `warm_up=False` skips the engine's background warm-up (for short-lived uses).
    """
    settings = settings if settings is not None else load_settings()
    if article is None:
        article = engine.article if engine is not None else _load_article(settings)
    if engine is None:
        engine = build_engine(settings, article)
    store = ConversationStore(
        settings.db_path,
        piece=piece_id(article),
        max_turns=settings.history_turns,
        retention_days=settings.history_retention_days,
    )
    limiter = SlidingWindowLimiter(settings.rate_limit_count, settings.rate_limit_window_s)
    gate = AnswerGate(
        settings.max_concurrent_answers, settings.max_queued_answers, max_wait_s=QUEUE_WAIT_S
    )
    return PieceBot(
        settings=settings,
        article=article,
        engine=engine,
        store=store,
        limiter=limiter,
        gate=gate,
        sync_on_start=sync_on_start,
        warm_up=warm_up,
    )


def _load_article(settings: Settings) -> Article:
    return load_article(settings.article_path or default_article_path(SEEDS_DIR))
