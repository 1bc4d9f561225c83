"""A small fake Discord (REST API + gateway websocket, and a CDN for attachments) on 127.0.0.1
for end-to-end tests.

It speaks the real protocols: JSON over HTTP for `/api/v10/...`, and the gateway's JSON
websocket protocol with zlib-stream transport compression (what discord.py asks for when
no zstd library is installed). It keeps Discord's rules that matter to a bot: an
interaction must be acknowledged once, within 3 seconds; follow-ups need an acknowledged
token; messages must fit Discord's limits (otherwise 400 Invalid Form Body). Every REST
request and gateway frame is recorded, with the time it arrived, for tests to assert on.
Files users attach are served by a host of their own (`cdn_url`), as Discord's CDN serves
them apart from its API; `attachment` puts a file there and gives the object payloads carry.

Its parts: `gateway` (the websocket), `rest` (the route table; `rest_application`,
`rest_interactions`, `rest_channels` the routes by resource), `message_store`, `cdn`, and
`state` (what it keeps, and the waits and queries tests use).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import web

from .cdn import Cdn
from .protocol import API_PREFIX, GATEWAY_PATH
from .rest import RestRouter

log = logging.getLogger(__name__)


class FakeDiscord(RestRouter, Cdn):
    """A fake Discord API and gateway. Use as `async with FakeDiscord(token=...) as fake:`."""

    async def start(self) -> FakeDiscord:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_get(GATEWAY_PATH, self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        cdn = web.Application()
        cdn.router.add_get("/attachments/{tail:.*}", self._cdn_file)
        self._cdn_runner = web.AppRunner(cdn, access_log=None, handle_signals=False)
        await self._cdn_runner.setup()
        await web.TCPSite(self._cdn_runner, "127.0.0.1", 0).start()
        self.cdn_port = self._cdn_runner.addresses[0][1]
        log.debug("fake Discord on 127.0.0.1:%d, its CDN on :%d", self.port, self.cdn_port)
        return self

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for conn in list(self._connections):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.ws.close(code=1001, message=b"going away"), 2)
        for runner in (self._runner, self._cdn_runner):
            if runner is not None:
                await runner.cleanup()
        self._runner = self._cdn_runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
