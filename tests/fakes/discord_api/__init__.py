"""A fake Discord (REST + gateway on 127.0.0.1) that the real discord.py client can talk to.

    async with FakeDiscord(token=token, guilds=1) as fake:
        with discord_pointed_at(fake):          # Route.BASE + the gateway URL, restored after
            async with running(bot, fake, token):   # start, wait for IDENTIFY; close after
                record = await fake.dispatch_interaction(payloads.slash_command(...))
                await fake.wait_for_ack(record.id, 3.0)
                fake.messages_for(record)       # every body the bot sent for it

`harness` runs piece-bot itself against the fake, for the end-to-end tests and benchmarks.
"""

from . import limits, payloads
from .client import discord_pointed_at, fake_token, running
from .records import (
    FakeDiscordTimeout,
    GatewayFrame,
    InteractionRecord,
    OutgoingMessage,
    RecordedRequest,
)
from .server import FakeDiscord

__all__ = [
    "FakeDiscord",
    "FakeDiscordTimeout",
    "GatewayFrame",
    "InteractionRecord",
    "OutgoingMessage",
    "RecordedRequest",
    "discord_pointed_at",
    "fake_token",
    "limits",
    "payloads",
    "running",
]
