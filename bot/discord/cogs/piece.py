"""Slash commands about the piece: /summary /factors /factor /quote /ask /about /help /forget."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

import bot.discord.limits as lim
from bot.core.answer import Answer
from bot.core.article import Article
from bot.core.collector import collector_paused
from bot.core.keyterms import key_terms, matching
from bot.core.tokenize import fold
from bot.discord.about import about_embed, help_embed
from bot.discord.delivery import (
    answer_from_stream,
    defer,
    deliver,
    in_answer_slot,
    rate_limited,
)
from bot.discord.i18n import describe, language_of, t
from bot.discord.render import Reply, draft, render_answer, render_text, truncate
from bot.discord.sources import SourcesButton, sources_view
from bot.engines.base import MAX_QUOTES, reader_request

if TYPE_CHECKING:
    from bot.discord.bot import PieceBot

log = logging.getLogger(__name__)

MAX_ASK_CHARS = 500
MAX_TOPIC_CHARS = 100
MAX_FACTOR_NUMBER = lim.OPTION_CHOICES  # autocomplete can offer at most 25
# Autocomplete must answer within the 3 s too; on a large piece still being prepared it
# answers with nothing at once, and the reader's next keystroke finds the suggestions ready.
AUTOCOMPLETE_WAIT_S = 0.5

# Every command works in servers, DMs with the bot and group DMs, installed either way.
everywhere_installs = app_commands.allowed_installs(guilds=True, users=True)
everywhere_contexts = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)


class Piece(commands.Cog):
    """The piece's commands. Each one parses, calls the engine, formats and replies."""

    def __init__(self, bot: PieceBot) -> None:
        self.bot = bot
        self._terms_task: asyncio.Task[list[str]] | None = None
        self._factor_titles: list[str] | None = None
        self._factor_task: asyncio.Task[list[str]] | None = None

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(SourcesButton)
        # Started now so the first autocomplete need not wait; in a thread, because a large
        # piece takes seconds to tag and the event loop must keep serving meanwhile.
        self._terms_task = asyncio.create_task(self._load_terms())

    async def _load_terms(self) -> list[str]:
        terms = await asyncio.to_thread(_key_terms, self.bot.article)
        log.info("%d key terms for /quote autocomplete", len(terms))
        return terms

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(SourcesButton)
        for task in (self._terms_task, self._factor_task):
            if task is not None:
                task.cancel()

    # ------------------------------------------------------------ shared flow

    @property
    def article(self) -> Article:
        return self.bot.article

    async def _answer(
        self,
        interaction: discord.Interaction,
        call: Callable[[], Awaitable[Answer]],
        *,
        heading: str,
        private: bool,
    ) -> Answer:
        """Defer, get the answer in an answer slot, reply with it and its Sources button."""
        lang = language_of(interaction.locale)
        await defer(interaction, ephemeral=private)
        started = time.monotonic()
        with reader_request(within_s=self.bot.settings.llm_deadline_s):
            answer = await in_answer_slot(self.bot.gate, call)
        view = sources_view(self.article, answer, lang)
        replies = render_answer(answer, self.article.meta, lang, heading=heading, view=view)
        await deliver(interaction, replies, ephemeral=private)
        _log_answer(interaction, answer, started)
        return answer

    # ------------------------------------------------------------ commands

    @app_commands.command(name="summary", description=describe("cmd.summary"))
    @app_commands.describe(length=describe("cmd.summary.length"), private=describe("cmd.private"))
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def summary(
        self,
        interaction: discord.Interaction,
        length: Literal["short", "medium", "long"] = "medium",
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        heading = t("heading.summary", lang, length=t(f"choice.{length}", lang))
        await self._answer(
            interaction,
            lambda: self.bot.engine.summary(length, locale=lang),
            heading=heading,
            private=private,
        )

    @app_commands.command(name="factors", description=describe("cmd.factors"))
    @app_commands.describe(private=describe("cmd.private"))
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def factors(self, interaction: discord.Interaction, private: bool = False) -> None:
        lang = language_of(interaction.locale)
        answer = await self._answer(
            interaction,
            lambda: self.bot.engine.factors(locale=lang),
            heading=t("heading.factors", lang),
            private=private,
        )
        if answer.items:
            self._factor_titles = [item.title for item in answer.items]

    @app_commands.command(name="factor", description=describe("cmd.factor"))
    @app_commands.describe(number=describe("cmd.factor.number"), private=describe("cmd.private"))
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def factor(
        self,
        interaction: discord.Interaction,
        number: app_commands.Range[int, 1, MAX_FACTOR_NUMBER],
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        await self._answer(
            interaction,
            lambda: self.bot.engine.factor(number, locale=lang),
            heading=t("heading.factor", lang, number=number),
            private=private,
        )

    @factor.autocomplete("number")
    async def factor_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        titles = await self.factor_titles()
        typed = fold(str(current or "").strip())
        choices = []
        for n, title in enumerate(titles[:MAX_FACTOR_NUMBER], start=1):
            if typed and not (str(n).startswith(typed) or typed in fold(title)):
                continue
            name = truncate(f"{n}. {title}", lim.CHOICE_NAME_CHARS)
            choices.append(app_commands.Choice(name=name, value=n))
        return choices[: lim.OPTION_CHOICES]

    async def factor_titles(self, wait: float = AUTOCOMPLETE_WAIT_S) -> list[str]:
        """The factor titles, computed once (shared by concurrent callers) and cached."""
        if self._factor_titles is not None:
            return self._factor_titles
        if self._factor_task is None or self._factor_task.done():
            self._factor_task = asyncio.create_task(self._load_factor_titles())
        return await _within(self._factor_task, wait, "factor titles")

    async def _load_factor_titles(self) -> list[str]:
        answer = await self.bot.engine.factors()
        self._factor_titles = [item.title for item in answer.items]
        return self._factor_titles

    @app_commands.command(name="quote", description=describe("cmd.quote"))
    @app_commands.describe(
        topic=describe("cmd.quote.topic"),
        count=describe("cmd.quote.count"),
        private=describe("cmd.private"),
    )
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def quote(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, MAX_TOPIC_CHARS] | None = None,
        count: app_commands.Range[int, 1, MAX_QUOTES] = 3,
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        heading = (
            t("heading.quotes_topic", lang, topic=topic) if topic else t("heading.quotes", lang)
        )
        await self._answer(
            interaction,
            lambda: self.bot.engine.quotes(topic, count, locale=lang),
            heading=heading,
            private=private,
        )

    @quote.autocomplete("topic")
    async def quote_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        terms = await _within(self._terms_task, AUTOCOMPLETE_WAIT_S, "key terms")
        return [
            app_commands.Choice(name=term, value=term)
            for term in matching(terms, current or "", limit=lim.OPTION_CHOICES)
            if len(term) <= lim.CHOICE_VALUE_CHARS
        ]

    @app_commands.command(name="ask", description=describe("cmd.ask"))
    @app_commands.describe(question=describe("cmd.ask.question"), private=describe("cmd.private"))
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_ASK_CHARS],
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        heading = t("heading.question", lang, question=question)

        async def show_draft(text: str) -> None:
            await interaction.edit_original_response(
                content=draft(text, lang), allowed_mentions=discord.AllowedMentions.none()
            )

        await self._answer(
            interaction,
            lambda: answer_from_stream(
                self.bot.engine.ask_stream(question, (), locale=lang), show_draft
            ),
            heading=heading,
            private=private,
        )

    @app_commands.command(name="about", description=describe("cmd.about"))
    @app_commands.describe(private=describe("cmd.private"))
    @everywhere_installs
    @everywhere_contexts
    async def about(self, interaction: discord.Interaction, private: bool = False) -> None:
        lang = language_of(interaction.locale)
        embed = about_embed(self.bot.engine.about(), lang)
        await deliver(interaction, [Reply(embeds=[embed])], ephemeral=private)

    @app_commands.command(name="help", description=describe("cmd.help"))
    @everywhere_installs
    @everywhere_contexts
    async def show_help(self, interaction: discord.Interaction) -> None:
        lang = language_of(interaction.locale)
        settings = self.bot.settings
        embed = help_embed(
            lang, turns=settings.history_turns, days=settings.history_retention_days
        )
        await deliver(interaction, [Reply(embeds=[embed])], ephemeral=True)

    @app_commands.command(name="forget", description=describe("cmd.forget"))
    @everywhere_installs
    @everywhere_contexts
    async def forget(self, interaction: discord.Interaction) -> None:
        lang = language_of(interaction.locale)
        gone = await self.bot.store.forget(interaction.user.id)
        if gone.turns and gone.oldest and gone.newest:
            text = t(
                "forget.done",
                lang,
                turns=gone.turns,
                oldest=discord.utils.format_dt(gone.oldest, "f"),
                newest=discord.utils.format_dt(gone.newest, "f"),
            )
        else:
            text = t("forget.none", lang)
        await deliver(interaction, render_text(text), ephemeral=True)


def _key_terms(article: Article) -> list[str]:
    with collector_paused():  # see bot.core.collector
        return key_terms(article)


async def _within(task: asyncio.Task[list[str]] | None, wait: float, what: str) -> list[str]:
    """What `task` gives, if it does within `wait` seconds (it goes on if not); else nothing."""
    if task is None:
        return []
    try:
        return await asyncio.wait_for(asyncio.shield(task), wait)
    except TimeoutError:
        return []
    except Exception:
        log.exception("could not work out the %s for autocomplete", what)
        return []


def _log_answer(interaction: discord.Interaction, answer: Answer, started: float) -> None:
    # No user ids or text at INFO: enough to watch latency and grounding, nothing personal.
    name = interaction.command.qualified_name if interaction.command else "?"
    log.info(
        "/%s answered in %.2f s by %s (grounded=%s, %d citations)",
        name, time.monotonic() - started, answer.engine, answer.grounded, len(answer.citations),
    )


async def setup(bot: PieceBot) -> None:
    await bot.add_cog(Piece(bot))
