"""/piece add | list | use | remove: the library of pieces, within what the reader's scope allows.

In a server that installed the app, pieces are the server's (adding and removing them needs
Manage Server, checked by the library on the member's permissions in the interaction); in
DMs, group DMs and servers where only the user installed the app, they are the user's own.
A personal piece added there becomes the reader's current piece at once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.adding import add_attachment, confirm
from bot.discord.cogs import everywhere_contexts, everywhere_installs
from bot.discord.delivery import before_ack, defer, deliver, rate_limited
from bot.discord.i18n import describe, language_of, t
from bot.discord.listing import list_replies
from bot.discord.options import PieceOption
from bot.discord.readers import reader_for
from bot.discord.render import TITLE_IN_TEXT_CHARS, escaped, render_text
from bot.library.errors import PieceError
from bot.library.limits import MAX_TITLE_CHARS
from bot.library.store import Scope

if TYPE_CHECKING:
    from bot.discord.bot import PieceBot

log = logging.getLogger(__name__)

MAX_URL_CHARS = 2000


@everywhere_installs
@everywhere_contexts
class Pieces(commands.GroupCog, group_name="piece", group_description=describe("cmd.piece")):
    """The `/piece` group. Each command parses, calls the library, formats and replies."""

    def __init__(self, bot: PieceBot) -> None:
        self.bot = bot

    @app_commands.command(name="add", description=describe("cmd.piece.add"))
    @app_commands.describe(
        file=describe("cmd.piece.add.file"),
        url=describe("cmd.piece.add.url"),
        title=describe("cmd.piece.add.title"),
    )
    @rate_limited()
    async def add(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment | None = None,
        url: app_commands.Range[str, 1, MAX_URL_CHARS] | None = None,
        title: app_commands.Range[str, 1, MAX_TITLE_CHARS] | None = None,
    ) -> None:
        lang = language_of(interaction.locale)
        if (file is None) == (url is None):
            names = {"file": t("option.file", lang), "url": t("option.url", lang)}
            text = t("piece.one_source", lang, **names)
            await deliver(interaction, render_text(text), ephemeral=True)
            return
        library = self.bot.library
        reader = reader_for(interaction)
        personal = reader.home[0] is Scope.PERSONAL  # a server's new piece is news to all
        # Refused at once, privately, before any download (unless the check is slow).
        await before_ack(interaction, library.check_add(reader), ephemeral=personal)
        if not interaction.response.is_done():
            await defer(interaction, ephemeral=personal)
        if file is not None:
            added = await add_attachment(library, reader, file, title=title)
        else:
            added = await library.add_url(reader, url or "", title=title)
        text = await confirm(library, reader, added, lang)
        await deliver(interaction, render_text(text), ephemeral=personal)

    @app_commands.command(name="list", description=describe("cmd.piece.list"))
    async def list_pieces(self, interaction: discord.Interaction) -> None:
        lang = language_of(interaction.locale)
        await defer(interaction, ephemeral=True)  # personal pieces are in it
        library = self.bot.library
        reader = reader_for(interaction)
        pieces = await library.list(reader)
        try:
            current: str | None = (await library.current(reader)).id
        except PieceError:  # no default piece, nothing chosen
            current = None
        replies = list_replies(pieces, current, library.default_id, lang)
        await deliver(interaction, replies, ephemeral=True)

    @app_commands.command(name="use", description=describe("cmd.piece.use"))
    @app_commands.describe(piece=describe("cmd.piece.piece"))
    async def use(self, interaction: discord.Interaction, piece: PieceOption) -> None:
        lang = language_of(interaction.locale)
        reader = reader_for(interaction)
        for_channel = reader.guild_id is not None  # else the reader's own choice
        await defer(interaction, ephemeral=not for_channel)
        chosen = await self.bot.library.use(reader, piece)
        key = "piece.use.channel" if for_channel else "piece.use.you"
        text = t(key, lang, title=escaped(chosen.title, TITLE_IN_TEXT_CHARS), id=chosen.id)
        await deliver(interaction, render_text(text), ephemeral=not for_channel)

    @app_commands.command(name="remove", description=describe("cmd.piece.remove"))
    @app_commands.describe(piece=describe("cmd.piece.piece"))
    async def remove(self, interaction: discord.Interaction, piece: PieceOption) -> None:
        lang = language_of(interaction.locale)
        await defer(interaction, ephemeral=True)
        removed = await self.bot.library.remove(reader_for(interaction), piece)
        title = escaped(removed.title, TITLE_IN_TEXT_CHARS)
        text = t("piece.removed", lang, title=title, id=removed.id)
        await deliver(interaction, render_text(text), ephemeral=True)


async def setup(bot: PieceBot) -> None:
    await bot.add_cog(Pieces(bot))
