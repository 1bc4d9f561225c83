"""The bot: a `commands.Bot` holding the library of pieces, stores and limits; it loads the cogs."""

from __future__ import annotations

import asyncio
import logging
import sys
from types import TracebackType

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.article import ArticleError
from bot.core.workers import finish_cancelled
from bot.discord.delivery import QUEUE_WAIT_S
from bot.discord.i18n import PieceTranslator
from bot.discord.ratelimit import AnswerGate, SlidingWindowLimiter
from bot.library.service import Library, library_for
from bot.settings import Settings, load_settings
from bot.storage.conversations import ConversationStore, conversations_for

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.001
EXTENSIONS = (
    "bot.discord.cogs.errors",
    "bot.discord.cogs.piece",
    "bot.discord.cogs.library",
    "bot.discord.cogs.dm",
)
WARM_UP_LOCALES = ("ja", "en-US")  # the two languages the framing speaks


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
        library: Library,
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
        self.library = library
        self.store = store
        self.limiter = limiter
        self.gate = gate
        self.sync_on_start = sync_on_start
        self.warm_up = warm_up
        self.warm_up_task: asyncio.Task[None] | None = None  # the default piece, being prepared
        self._shutdown: asyncio.Future[None] | None = None  # see `close`
        # Looked up at each removal: whichever store the bot holds then.
        library.on_remove(lambda piece: self.store.forget_removed(piece))

    async def setup_hook(self) -> None:
        # The event loop shares the interpreter with worker threads that analyse the piece:
        # have them hand the interpreter lock over every millisecond (Python's default is 5
        # ms), so the loop waits milliseconds, not tens of them, while they work.
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        await self.tree.set_translator(PieceTranslator())
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.store.open()  # a damaged or unusable file: see bot.storage.sqlite
        # The pieces, and seeds/ brought in line; an unusable default piece stops the start.
        await self.library.open(require_default=True)
        # The default piece is prepared in the background (the LLM engine computes summary
        # and factors in both languages) so the first readers need not wait; other pieces
        # when first read. Not for `python -m bot sync`: it closes at once, so the answers
        # (paid model calls) would be thrown away or cut off half way.
        if self.warm_up:
            self.warm_up_task = asyncio.create_task(self._warm_up())
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

    async def _warm_up(self) -> None:
        try:
            await self.library.warm_up_default(WARM_UP_LOCALES)
        except Exception:  # a failed warm-up costs the first reader time, nothing else
            log.exception("could not prepare the default piece")

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
            "connected as %s (id %s) in %d servers; default piece %s; engine %s",
            user,
            user.id if user else "?",
            len(self.guilds),
            self.library.default_id,
            "llm" if self.settings.llm_enabled else "offline",
        )

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: DMs are handled by the DirectMessages cog's listener.
        return

    async def close(self) -> None:
        """Close the gateway, then the library and the stores. Every caller waits for the whole
        of it, however many there are (a SIGTERM handler, then `async with bot` on the way
        out): a store left open keeps its database thread, and the process, alive."""
        if self._shutdown is None:
            self._shutdown = asyncio.ensure_future(self._close())
        await asyncio.shield(self._shutdown)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # discord.py's own waits only for the gateway to close when a close is under way.
        await self.close()

    async def _close(self) -> None:
        try:
            await super().close()
        finally:
            if self.warm_up_task is not None:
                self.warm_up_task.cancel()
                await finish_cancelled(self.warm_up_task)
            try:
                await self.library.aclose()  # the engines, then what they share
            finally:
                await self.store.aclose()


def create_bot(
    settings: Settings | None = None,
    *,
    library: Library | None = None,
    sync_on_start: bool = True,
    warm_up: bool = True,
) -> PieceBot:
    """Build the whole bot (library, stores, limits) without connecting to anything.

    `settings` defaults to the environment (and `.env`); `library` to the one on the bot's
    database, with engines as the settings choose. The library is opened in `setup_hook`,
    on the bot's event loop. `warm_up=False` skips preparing the default piece in the
    background (for short-lived uses).
    """
    settings = settings if settings is not None else load_settings()
    if settings.article_path is not None and not settings.article_path.is_file():
        # The operator named the default piece: stop now rather than serve another one.
        raise ArticleError(f"article file not found: {settings.article_path}")
    store = conversations_for(settings)
    limiter = SlidingWindowLimiter(settings.rate_limit_count, settings.rate_limit_window_s)
    gate = AnswerGate(
        settings.max_concurrent_answers, settings.max_queued_answers, max_wait_s=QUEUE_WAIT_S
    )
    return PieceBot(
        settings=settings,
        library=library if library is not None else library_for(settings),
        store=store,
        limiter=limiter,
        gate=gate,
        sync_on_start=sync_on_start,
        warm_up=warm_up,
    )
