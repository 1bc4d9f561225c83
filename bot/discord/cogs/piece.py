"""Slash commands about a piece: /summary /factors /factor /quote /ask /about /help /forget.

Each reading command takes an optional `piece` (an id, with autocomplete); without it, the
context's current piece is read (the channel's in a server, else the reader's), else the
default one. Answers about a personal piece are shown to its owner only, outside their DM.
"""

from __future__ import annotations

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
from bot.core.workers import off_loop
from bot.discord.about import about_embed, help_embed
from bot.discord.cogs import everywhere_contexts, everywhere_installs
from bot.discord.delivery import (
    answer_from_stream,
    before_ack,
    defer,
    deliver,
    in_answer_slot,
    rate_limited,
)
from bot.discord.i18n import describe, language_of, t
from bot.discord.options import AUTOCOMPLETE_WAIT_S, PerPiece, PieceOption
from bot.discord.readers import keep_private, reader_for
from bot.discord.render import (
    TITLE_IN_TEXT_CHARS,
    Reply,
    draft,
    escaped,
    render_answer,
    render_text,
    truncate,
)
from bot.discord.sources import SourcesButton, sources_view
from bot.engines.base import MAX_QUOTES, Engine, reader_request
from bot.library.scope import Reader
from bot.library.store import Piece as LibraryPiece

if TYPE_CHECKING:
    from bot.discord.bot import PieceBot

log = logging.getLogger(__name__)

MAX_ASK_CHARS = 500
MAX_TOPIC_CHARS = 100
MAX_FACTOR_NUMBER = lim.OPTION_CHOICES  # autocomplete can offer at most 25


async def _factor_titles(engine: Engine) -> list[str]:
    return [item.title for item in (await engine.factors()).items]


async def _key_terms(engine: Engine) -> list[str]:
    # In a thread: a large piece takes seconds to tag, and the event loop must keep serving.
    return await off_loop(_terms_of, engine.article)


def _terms_of(article: Article) -> list[str]:
    with collector_paused():  # see bot.core.collector
        return key_terms(article)


class Piece(commands.Cog):
    """The reading commands. Each one parses, calls the piece's engine, formats and replies."""

    def __init__(self, bot: PieceBot) -> None:
        self.bot = bot
        self.factor_titles = PerPiece("factor titles", _factor_titles)
        self.key_terms = PerPiece("key terms", _key_terms)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(SourcesButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(SourcesButton)
        self.factor_titles.cancel()
        self.key_terms.cancel()

    # ------------------------------------------------------------ shared flow

    async def _open(
        self, interaction: discord.Interaction, piece: str | None, private: bool
    ) -> tuple[Reader, LibraryPiece, bool, str | None]:
        """The reader and the piece they read; defer (privately if asked or if the piece is
        personal); the note that says why a reply they wanted public is private.

        The piece is looked up first, since its scope decides who may see the reply; a
        look-up too slow to wait for (see `before_ack`) is acknowledged privately meanwhile,
        in case the piece is personal (in the reader's DM, as they asked).
        """
        reader = reader_for(interaction)
        in_dm = bool(interaction.context.dm_channel)
        lookup = self.bot.library.resolve(reader, piece)
        chosen = await before_ack(interaction, lookup, ephemeral=private or not in_dm)
        note = None
        if keep_private(interaction, chosen) and not private:
            lang = language_of(interaction.locale)
            note = t("piece.private", lang, title=escaped(chosen.title, TITLE_IN_TEXT_CHARS))
            private = True
        if interaction.response.is_done():  # acknowledged while the look-up went on
            private = private or not in_dm
        else:
            await defer(interaction, ephemeral=private)
        return reader, chosen, private, note

    async def _answer(
        self,
        interaction: discord.Interaction,
        piece: str | None,
        call: Callable[[Engine], Awaitable[Answer]],
        *,
        heading: str,
        private: bool,
    ) -> tuple[LibraryPiece, Answer]:
        """Defer, get the answer in an answer slot, reply with it and its Sources button."""
        lang = language_of(interaction.locale)
        reader, chosen, private, note = await self._open(interaction, piece, private)
        started = time.monotonic()
        with reader_request(within_s=self.bot.settings.llm_deadline_s):
            async with self.bot.library.reading(reader, chosen.id) as reading:
                answer = await in_answer_slot(self.bot.gate, lambda: call(reading.engine))
                article = reading.engine.article
        view = sources_view(chosen.id, article, answer, lang)
        replies = render_answer(answer, article.meta, lang, heading=heading, view=view)
        replies[0].content = note
        await deliver(interaction, replies, ephemeral=private)
        _log_answer(interaction, chosen, answer, started)
        return chosen, answer

    # ------------------------------------------------------------ commands

    @app_commands.command(name="summary", description=describe("cmd.summary"))
    @app_commands.describe(
        length=describe("cmd.summary.length"),
        piece=describe("cmd.piece_option"),
        private=describe("cmd.private"),
    )
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def summary(
        self,
        interaction: discord.Interaction,
        length: Literal["short", "medium", "long"] = "medium",
        piece: PieceOption | None = None,
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        heading = t("heading.summary", lang, length=t(f"choice.{length}", lang))
        await self._answer(
            interaction,
            piece,
            lambda engine: engine.summary(length, locale=lang),
            heading=heading,
            private=private,
        )

    @app_commands.command(name="factors", description=describe("cmd.factors"))
    @app_commands.describe(piece=describe("cmd.piece_option"), private=describe("cmd.private"))
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def factors(
        self,
        interaction: discord.Interaction,
        piece: PieceOption | None = None,
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        chosen, answer = await self._answer(
            interaction,
            piece,
            lambda engine: engine.factors(locale=lang),
            heading=t("heading.factors", lang),
            private=private,
        )
        if answer.items:  # /factor's suggestions follow the list this reader saw
            self.factor_titles.put(chosen, [item.title for item in answer.items])

    @app_commands.command(name="factor", description=describe("cmd.factor"))
    @app_commands.describe(
        number=describe("cmd.factor.number"),
        piece=describe("cmd.piece_option"),
        private=describe("cmd.private"),
    )
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def factor(
        self,
        interaction: discord.Interaction,
        number: app_commands.Range[int, 1, MAX_FACTOR_NUMBER],
        piece: PieceOption | None = None,
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        await self._answer(
            interaction,
            piece,
            lambda engine: engine.factor(number, locale=lang),
            heading=t("heading.factor", lang, number=number),
            private=private,
        )

    @factor.autocomplete("number")
    async def factor_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        titles = await self.factor_titles.get(
            self.bot.library,
            reader_for(interaction),
            interaction.namespace.piece,
            wait=AUTOCOMPLETE_WAIT_S,
        )
        typed = fold(str(current or "").strip())
        choices = []
        for n, title in enumerate(titles[:MAX_FACTOR_NUMBER], start=1):
            if typed and not (str(n).startswith(typed) or typed in fold(title)):
                continue
            name = truncate(f"{n}. {title}", lim.CHOICE_NAME_CHARS)
            choices.append(app_commands.Choice(name=name, value=n))
        return choices[: lim.OPTION_CHOICES]

    @app_commands.command(name="quote", description=describe("cmd.quote"))
    @app_commands.describe(
        topic=describe("cmd.quote.topic"),
        count=describe("cmd.quote.count"),
        piece=describe("cmd.piece_option"),
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
        piece: PieceOption | None = None,
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        heading = (
            t("heading.quotes_topic", lang, topic=topic) if topic else t("heading.quotes", lang)
        )
        await self._answer(
            interaction,
            piece,
            lambda engine: engine.quotes(topic, count, locale=lang),
            heading=heading,
            private=private,
        )

    @quote.autocomplete("topic")
    async def quote_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        terms = await self.key_terms.get(
            self.bot.library,
            reader_for(interaction),
            interaction.namespace.piece,
            wait=AUTOCOMPLETE_WAIT_S,
        )
        return [
            app_commands.Choice(name=term, value=term)
            for term in matching(terms, current or "", limit=lim.OPTION_CHOICES)
            if len(term) <= lim.CHOICE_VALUE_CHARS
        ]

    @app_commands.command(name="ask", description=describe("cmd.ask"))
    @app_commands.describe(
        question=describe("cmd.ask.question"),
        piece=describe("cmd.piece_option"),
        private=describe("cmd.private"),
    )
    @everywhere_installs
    @everywhere_contexts
    @rate_limited()
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_ASK_CHARS],
        piece: PieceOption | None = None,
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
            piece,
            lambda engine: answer_from_stream(
                engine.ask_stream(question, (), locale=lang), show_draft
            ),
            heading=heading,
            private=private,
        )

    @app_commands.command(name="about", description=describe("cmd.about"))
    @app_commands.describe(piece=describe("cmd.piece_option"), private=describe("cmd.private"))
    @everywhere_installs
    @everywhere_contexts
    async def about(
        self,
        interaction: discord.Interaction,
        piece: PieceOption | None = None,
        private: bool = False,
    ) -> None:
        lang = language_of(interaction.locale)
        reader, chosen, private, note = await self._open(interaction, piece, private)
        info = await self.bot.library.about(reader, chosen.id)  # builds no engine for it
        embed = about_embed(info, lang, piece=chosen)
        await deliver(interaction, [Reply(content=note, embeds=[embed])], ephemeral=private)

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
        forgetting = self.bot.store.forget(interaction.user.id)  # about every piece
        gone = await before_ack(interaction, forgetting, ephemeral=True)
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


def _log_answer(
    interaction: discord.Interaction, piece: LibraryPiece, answer: Answer, started: float
) -> None:
    # No user ids or text at INFO: enough to watch latency and grounding, nothing personal.
    name = interaction.command.qualified_name if interaction.command else "?"
    log.info(
        "/%s on piece %s answered in %.2f s by %s (grounded=%s, %d citations)",
        name, piece.id, time.monotonic() - started, answer.engine, answer.grounded,
        len(answer.citations),
    )


async def setup(bot: PieceBot) -> None:
    await bot.add_cog(Piece(bot))
