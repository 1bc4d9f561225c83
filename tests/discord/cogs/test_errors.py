"""The error extension: it installs the central error handler on the tree, and removes it."""

from __future__ import annotations

from bot.discord.bot import PieceBot


async def test_the_tree_error_handler_is_installed_and_restored(client: PieceBot) -> None:
    handler = client.tree.on_error
    assert getattr(handler, "__self__", None) is client.get_cog("Errors")
    await client.remove_cog("Errors")
    assert getattr(client.tree.on_error, "__self__", None) is not client.get_cog("Errors")
    assert client.tree.on_error != handler
