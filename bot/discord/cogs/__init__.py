"""Discord extensions, loaded by name (`bot.EXTENSIONS`): the reading commands, the `/piece`
group, DMs, the error handler; and what every command declares about where it works.

The decorators live here, not in an extension: discord.py executes an extension's module
afresh on each load, and one extension must not depend on another's having been loaded.
"""

from discord import app_commands

# Every command works in servers, DMs with the bot and group DMs, installed either way.
everywhere_installs = app_commands.allowed_installs(guilds=True, users=True)
everywhere_contexts = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
