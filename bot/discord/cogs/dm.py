"""Direct messages: every DM is a question about the reader's current piece, answered with the
recent turns about that piece as context; a file attached to a DM becomes that piece."""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack, suppress
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.core.answer import Answer, Turn
from bot.core.language import tells_language, ui_language
from bot.discord.adding import add_attachment, confirm
from bot.discord.delivery import (
    ChannelReply,
    RateLimited,
    admit,
    answer_from_stream,
    in_answer_slot,
)
from bot.discord.errors import report_message_error
from bot.discord.i18n import t
from bot.discord.readers import dm_reader
from bot.discord.render import render_answer, render_text
from bot.discord.sources import sources_view
from bot.engines.base import check_question, clean_text, reader_request
from bot.library.errors import PieceError
from bot.library.scope import Reader

if TYPE_CHECKING:
    from bot.discord.bot import PieceBot

log = logging.getLogger(__name__)

_CONVERSATIONAL = {discord.MessageType.default, discord.MessageType.reply}


class DirectMessages(commands.Cog):
    """Answers questions sent in a DM with the bot; ignores bots, itself, and anything else."""

    def __init__(self, bot: PieceBot) -> None:
        self.bot = bot

    def wants(self, message: discord.Message) -> bool:
        """Is this a message the bot should answer?"""
        me = self.bot.user
        if message.author.bot or (me is not None and message.author.id == me.id):
            return False
        if message.guild is not None or not isinstance(message.channel, discord.DMChannel):
            return False
        return message.type in _CONVERSATIONAL

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self.wants(message):
            return
        text = clean_text(message.content or "")
        reader = dm_reader(message)
        lang = "en"
        try:
            # First, so that a flood of DMs costs no look-up (nor an engine) past the limit.
            admit(self.bot, message.author.id)
            # A message has no locale: the question's language frames the reply, else the piece's.
            lang = await self.language(reader, text)
            # The reader's wait starts now; what they write in a DM is never cached for others.
            with reader_request(within_s=self.bot.settings.llm_deadline_s, private=True):
                for attachment in message.attachments:
                    await self.add(message, reader, attachment, lang)
                if text or not message.attachments:
                    await self.answer(message, reader, text, lang)
        except RateLimited as exc:
            # Told once a window: a flood of DMs must not become a flood of replies.
            if self.bot.limiter.notice_due(message.author.id):
                with suppress(Exception):  # else the notice is in English
                    lang = await self.language(reader, text)
                await report_message_error(message, exc, lang)
        except Exception as exc:
            await report_message_error(message, exc, lang)

    async def language(self, reader: Reader, text: str) -> str:
        """'ja' or 'en': the text's language, else (no letters, or Chinese characters alone,
        which are Japanese or Chinese by the piece) that of the reader's current piece."""
        if tells_language(text):
            return ui_language(None, text)
        try:
            async with self.bot.library.reading(reader) as reading:
                piece = reading.engine.article.meta.language
        except PieceError:
            piece = "en"
        return ui_language(None, text or None, default=piece)

    async def add(
        self, message: discord.Message, reader: Reader, file: discord.Attachment, lang: str
    ) -> None:
        """Add an attached file as a personal piece and make it current, as `/piece add` does;
        a file that cannot be added gets its own reply, and the next one is still tried."""
        reply = ChannelReply(message, lang)
        try:
            added = await add_attachment(self.bot.library, reader, file)
        except PieceError as exc:
            await report_message_error(message, exc, lang)
            return
        await reply.send(render_text(await confirm(self.bot.library, reader, added, lang)))

    async def answer(self, message: discord.Message, reader: Reader, text: str, lang: str) -> None:
        """Answer `text`, the cleaned content of `message`, about the reader's current piece
        (empty: a hint)."""
        bot = self.bot
        reply = ChannelReply(message, lang)
        if not text:
            await reply.send(render_text(t("dm_empty", lang)))
            return
        question = check_question(text)
        user = message.author.id
        async with bot.library.reading(reader) as reading:
            piece, engine = reading.piece, reading.engine

            async def ask() -> Answer:
                # History is read once the slot is free, so a turn finished meanwhile is in it.
                history = await bot.store.history(user, piece.id)
                events = engine.ask_stream(question, history, locale=lang)
                return await answer_from_stream(events, reply.show_draft)

            try:
                async with AsyncExitStack() as stack:
                    await _typing(stack, message.channel)
                    answer = await in_answer_slot(bot.gate, ask)
            except BaseException:
                await reply.discard_draft()
                raise
        view = sources_view(piece.id, engine.article, answer, lang)
        await reply.send(render_answer(answer, engine.article.meta, lang, view=view))
        try:
            await bot.library.get(reader, piece.id)
        except PieceError:
            # Removed while it was answered, its conversations with it: a turn stored now
            # would come back with the piece, were the same text added again.
            log.info("piece %s was removed during an answer: the turn is not kept", piece.id)
            return
        await bot.store.add(user, piece.id, Turn(question, answer.text, answer.passages))


async def _typing(stack: AsyncExitStack, channel: discord.abc.Messageable) -> None:
    """Show "typing…" while the answer is worked on; a failure to show it is not an error."""
    try:
        await stack.enter_async_context(channel.typing())
    except discord.HTTPException as exc:
        log.debug("no typing indicator: %s", exc)


async def setup(bot: PieceBot) -> None:
    await bot.add_cog(DirectMessages(bot))

