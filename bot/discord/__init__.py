"""The Discord front end: the bot, its commands, replies and stores."""

from bot.discord.bot import PieceBot, create_bot

__all__ = ["PieceBot", "create_bot"]
