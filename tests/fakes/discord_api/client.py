"""Point a real discord.py client at a `FakeDiscord` and run a bot against it, waits bounded."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import string
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import discord

    from .server import FakeDiscord


def fake_token(user_id: int) -> str:
    """A bot token of the real shape (base64 user id . 6 chars . 27 chars), made up at runtime.

    It is built from random pieces so that no token-like string is ever committed.
    """
    import base64

    alphabet = string.ascii_letters + string.digits
    head = base64.urlsafe_b64encode(str(user_id).encode()).decode().rstrip("=")
    middle = "".join(secrets.choice(alphabet) for _ in range(6))
    tail = "".join(secrets.choice(alphabet) for _ in range(27))
    return ".".join((head, middle, tail))


@contextlib.contextmanager
def discord_pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Send discord.py's REST calls, gateway connection and CDN origin to `fake`; restore on exit.

    Three class-level settings change: `discord.http.Route.BASE` (every REST URL, including
    the interaction webhooks, is built from it), `DiscordWebSocket.DEFAULT_GATEWAY` (a plain,
    unsharded client connects there directly; it only asks `GET /gateway/bot` when sharded, and
    the fake answers that with its own URL too) and `discord.Asset.BASE`, the CDN's origin
    (the fake's file host, where the attachments it hands out are). After READY, discord.py
    reconnects to the `resume_gateway_url` the fake gives, which is itself.
    """
    import yarl
    from discord.asset import Asset
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    old = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY, Asset.BASE
    Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    Asset.BASE = fake.cdn_url
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY, Asset.BASE = old


@contextlib.asynccontextmanager
async def running(
    bot: discord.Client, fake: FakeDiscord, token: str, *, timeout: float = 15.0
) -> AsyncIterator[asyncio.Task[None]]:
    """Start `bot` against `fake` (already pointed at) and yield once it has IDENTIFYed.

    Every wait is bounded; the bot is closed and its task awaited on the way out.
    """
    task = asyncio.create_task(bot.start(token), name="bot.start")
    identified = asyncio.create_task(fake.wait_until_identified(timeout))
    try:
        done, _ = await asyncio.wait(
            {task, identified}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if task in done:
            task.result()  # raises the start-up error (e.g. LoginFailure)
            raise RuntimeError("the bot stopped before identifying")
        identified.result()
        yield task
    finally:
        identified.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await identified
        await asyncio.wait_for(bot.close(), timeout)
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout)
