"""Deprecated import path, kept for one release: use `bot.discord.create_bot`."""

from bot.discord import create_bot as create_bot  # deprecated re-export; removed next release
