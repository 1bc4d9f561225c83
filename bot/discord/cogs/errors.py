"""The error extension: makes `bot.discord.errors.report_error` the command tree's error handler."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.errors import report_error

if TYPE_CHECKING:
    from bot.discord.bot import PieceBot


class Errors(commands.Cog):
    """Installs `report_error` as the command tree's error handler (and restores the old one)."""

    def __init__(self, bot: PieceBot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error

    async def cog_load(self) -> None:
        self.bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await report_error(interaction, error)


async def setup(bot: PieceBot) -> None:
    await bot.add_cog(Errors(bot))
