"""One gateway websocket connection (zlib-stream compressed if asked) and one gateway session."""

from __future__ import annotations

import asyncio
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


class GatewayConnection:
    """One gateway websocket connection."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self.session: GatewaySession | None = None
        self.lock = asyncio.Lock()  # frames must leave in compression-stream order

    async def send(self, payload: Mapping[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        async with self.lock:
            if self.ws.closed:
                raise ConnectionError("gateway connection is closed")
            if self.zlib is not None:
                chunk = self.zlib.compress(data) + self.zlib.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(chunk)
            else:
                await self.ws.send_str(data.decode())


@dataclass
class GatewaySession:
    id: str
    seq: int = 0
    intents: int | None = None
    sent: list[dict[str, Any]] = field(default_factory=list)  # dispatches, replayed on RESUME
