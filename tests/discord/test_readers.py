"""Who is asking: the scope an interaction reads in, Manage Server as Discord reports it, and
which replies about a piece stay private."""

from __future__ import annotations

import discord
import pytest

from bot.discord.bot import PieceBot
from bot.discord.readers import keep_private, reader_for
from bot.library.store import Piece, Scope
from tests.discord.helpers import (
    CHANNEL_ID,
    DM_CHANNEL_ID,
    GUILD_ID,
    USER_ID,
    RecordingInteraction,
    command,
    interaction_payload,
    pretend_logged_in,
)

MANAGE_SERVER = str(discord.Permissions(manage_guild=True).value)
ADMINISTRATOR = str(discord.Permissions(administrator=True).value)


def interaction(client: PieceBot, where: str, **changes: object) -> RecordingInteraction:
    pretend_logged_in(client)
    payload = interaction_payload(command(client, "about"), where=where)
    for key, value in changes.items():
        if key == "permissions":
            payload["member"]["permissions"] = value
        else:
            payload[key] = value
    return RecordingInteraction(client, payload)


def piece(scope: Scope) -> Piece:
    return Piece("abcdefgh", scope, 1, "t", "text", None, "0" * 64, 1, 1, None, 0.0)


@pytest.mark.parametrize(
    ("permissions", "manages"), [("0", False), (MANAGE_SERVER, True), (ADMINISTRATOR, True)]
)
async def test_in_a_server_that_installed_the_app_the_servers_pieces(
    client: PieceBot, permissions: str, manages: bool
) -> None:
    reader = reader_for(interaction(client, "guild", permissions=permissions))
    assert (reader.user_id, reader.guild_id, reader.channel_id) == (USER_ID, GUILD_ID, CHANNEL_ID)
    assert reader.home == (Scope.SERVER, GUILD_ID)
    assert reader.manages_server is manages


async def test_where_only_the_user_installed_the_app_their_own_pieces(client: PieceBot) -> None:
    owners = {"1": str(USER_ID)}  # installed to the user's account, not to the server
    user_installed = interaction(
        client, "guild", authorizing_integration_owners=owners, permissions=MANAGE_SERVER
    )
    reader = reader_for(user_installed)
    assert reader.guild_id is None and reader.home == (Scope.PERSONAL, USER_ID)


@pytest.mark.parametrize("where", ["dm", "group_dm"])
async def test_in_dms_and_group_dms_the_users_own_pieces(client: PieceBot, where: str) -> None:
    reader = reader_for(interaction(client, where))
    assert reader.home == (Scope.PERSONAL, USER_ID) and reader.channel_id == DM_CHANNEL_ID


@pytest.mark.parametrize(
    ("where", "scope", "private"),
    [
        ("guild", Scope.PERSONAL, True),  # others are in the channel
        ("group_dm", Scope.PERSONAL, True),
        ("dm", Scope.PERSONAL, False),  # the reader's DM with the bot: theirs alone anyway
        ("guild", Scope.SERVER, False),
        ("guild", Scope.BUNDLED, False),
    ],
)
async def test_replies_about_a_personal_piece_stay_with_its_reader(
    client: PieceBot, where: str, scope: Scope, private: bool
) -> None:
    assert keep_private(interaction(client, where), piece(scope)) is private
