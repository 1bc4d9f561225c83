"""Who is asking, and where: the library's `Reader` for an interaction or a DM, and whether a
reply about a piece may be seen by the others in the channel.

The scope follows how the app got here: in a server that installed it, the server's pieces
(adding and removing them needs Manage Server, which the bot reads from the member's
permissions in the interaction itself); anywhere else — DMs, group DMs, servers where only
the user installed it — the user's personal pieces. Bundled pieces are visible everywhere.
"""

from __future__ import annotations

import discord

from bot.library.scope import Reader
from bot.library.store import Piece, Scope


def reader_for(interaction: discord.Interaction) -> Reader:
    """The reader behind an interaction (a command, an autocomplete, a button)."""
    user = interaction.user.id
    if interaction.guild_id is not None and interaction.is_guild_integration():
        permissions = interaction.permissions  # the member's, in this channel, sent by Discord
        manages = permissions.manage_guild or permissions.administrator
        return Reader.in_server(
            user, interaction.guild_id, interaction.channel_id or 0, manages_server=manages
        )
    return Reader.personal(user, interaction.channel_id)


def dm_reader(message: discord.Message) -> Reader:
    """The reader behind a direct message to the bot."""
    return Reader.personal(message.author.id, message.channel.id)


def keep_private(interaction: discord.Interaction, piece: Piece) -> bool:
    """True when a reply about `piece` must be shown to the reader only: a personal piece, read
    anywhere but the reader's DM with the bot (a server channel or group DM has others in it)."""
    return piece.scope is Scope.PERSONAL and not interaction.context.dm_channel
