"""The /piece group's handlers, driven by raw interaction payloads through the real command tree."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.discord import delivery
from bot.discord.bot import PieceBot
from bot.library.errors import PieceError, Reason
from tests.discord.helpers import command, interaction_payload, invoke, snowflake


def piece_add(bot: PieceBot, url: str, *, where: str) -> dict[str, Any]:
    """`/piece add url:…` as Discord sends it: the subcommand and its option under the group."""
    payload = interaction_payload(command(bot, "help"), {}, where=where)
    add = {"name": "add", "type": 1, "options": [{"name": "url", "type": 3, "value": url}]}
    payload["data"] = {"id": str(snowflake()), "name": "piece", "type": 1, "options": [add]}
    return payload


@pytest.mark.parametrize(("where", "private"), [("guild", False), ("dm", True)])
async def test_a_slow_check_before_adding_is_acknowledged_first(
    client: PieceBot, monkeypatch: pytest.MonkeyPatch, where: str, private: bool
) -> None:
    # Regression: the limits were read from the database before any acknowledgement.
    monkeypatch.setattr(delivery, "QUICK_LOOKUP_S", 0.01)

    async def slow_refusal(*args: object) -> None:
        await asyncio.sleep(0.1)
        raise PieceError(Reason.LIMIT_REACHED, "full", limit=50)

    monkeypatch.setattr(client.library, "check_add", slow_refusal)
    interaction = await invoke(client, piece_add(client, "https://example.com/a", where=where))
    calls = interaction.calls()
    # A server's piece would be news to all, a personal one only to its reader …
    assert calls[0] == ("response.defer", {"ephemeral": private, "thinking": True})
    # … but a refusal is always private: a public placeholder is removed first.
    said = interaction.sent()[-1]
    assert "50 pieces" in said["content"]
    if private:
        assert calls[-1][0] == "original.edit_original_response"
    else:
        assert [n for n, _ in calls[1:]] == ["original.delete_original_response", "followup.send"]
        assert said["ephemeral"] is True
