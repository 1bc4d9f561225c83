"""Direct-message conversations: every DM is a question, answered with recent turns as context."""

from __future__ import annotations

import contextlib
import logging
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.core.answer import Turn
from bot.core.language import is_japanese
from bot.discord.cogs.errors import report_message_error
from bot.discord.delivery import RateLimited, answer_from_stream, with_timeout
from bot.discord.i18n import t
from bot.discord.render import draft, render_answer, sources_view
from bot.engines.base import check_question

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
        text = message.content or ""
        if text.strip():
            lang = "ja" if is_japanese(text) else "en"
        else:
            lang = "ja" if self.bot.article.meta.language.startswith("ja") else "en"
        try:
            await self.answer(message, lang)
        except Exception as exc:
            await report_message_error(message, exc, lang)

    async def answer(self, message: discord.Message, lang: str) -> None:
        bot = self.bot
        channel = message.channel
        none = discord.AllowedMentions.none()
        # Reply to the question, but still answer if the user deleted it meanwhile
        # (a reply to a missing message is otherwise refused with a 400).
        reply_to = message.to_reference(fail_if_not_exists=False)
        wait = bot.limiter.hit(message.author.id)
        if wait > 0:
            raise RateLimited(wait)
        if not (message.content or "").strip():
            await channel.send(t("dm_empty", lang), reference=reply_to, allowed_mentions=none)
            return
        question = check_question(message.content)
        draft_message: discord.Message | None = None

        async def show_draft(text: str) -> None:
            nonlocal draft_message
            content = draft(text, lang)
            if draft_message is None:
                draft_message = await channel.send(
                    content, reference=reply_to, allowed_mentions=none
                )
            else:
                await draft_message.edit(content=content, allowed_mentions=none)

        try:
            async with AsyncExitStack() as stack:
                await _typing(stack, channel)
                async with bot.gate.slot():
                    history = await bot.store.history(message.author.id)
                    events = bot.engine.ask_stream(question, history, locale=lang)
                    answer = await with_timeout(answer_from_stream(events, show_draft))
        except BaseException:
            # An unverified draft must not outlive a failed answer.
            if draft_message is not None:
                with contextlib.suppress(discord.HTTPException):
                    await draft_message.delete()
            raise

        view = sources_view(bot.article, answer, lang)
        replies = render_answer(answer, bot.article.meta, lang, view=view)
        first, *rest = replies
        if draft_message is not None:
            await draft_message.edit(**first.kwargs())
        else:
            await channel.send(reference=reply_to, **first.send_kwargs())
        for reply in rest:
            await channel.send(**reply.send_kwargs())
        await bot.store.add(message.author.id, Turn(question, answer.text, answer.passages))


async def _typing(stack: AsyncExitStack, channel: discord.abc.Messageable) -> None:
    """Show "typing…" while the answer is worked on; a failure to show it is not an error."""
    try:
        await stack.enter_async_context(channel.typing())
    except discord.HTTPException as exc:
        log.debug("no typing indicator: %s", exc)


async def setup(bot: PieceBot) -> None:
    await bot.add_cog(DirectMessages(bot))
