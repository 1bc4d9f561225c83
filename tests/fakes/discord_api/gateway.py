"""The fake's gateway: HELLO, heartbeats, IDENTIFY (READY, then a GUILD_CREATE per guild),
RESUME with replay, and the events tests dispatch to the bot."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Mapping
from typing import Any

from aiohttp import WSMsgType, web

from . import payloads as p
from .connection import GatewayConnection, GatewaySession
from .protocol import (
    DIRECT_MESSAGES,
    GUILD_MESSAGES,
    OP_DISPATCH,
    OP_HEARTBEAT,
    OP_HEARTBEAT_ACK,
    OP_HELLO,
    OP_IDENTIFY,
    OP_INVALID_SESSION,
    OP_RECONNECT,
    OP_RESUME,
)
from .records import GatewayFrame, InteractionRecord
from .state import DiscordState

log = logging.getLogger(__name__)


class Gateway(DiscordState):
    """The gateway websocket protocol (JSON, zlib-stream compression if asked)."""

    async def dispatch(self, event: str, data: Mapping[str, Any]) -> int:
        """Send a DISPATCH (op 0) event to the connected bot; returns its sequence number."""
        conn = self._current
        if conn is None or conn.session is None:
            raise RuntimeError("no identified gateway connection to dispatch to")
        self._observe(data)
        session = conn.session
        session.seq += 1
        frame = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data}
        session.sent.append(frame)
        await self._send(conn, frame)
        return session.seq

    async def dispatch_interaction(self, payload: Mapping[str, Any]) -> InteractionRecord:
        """Dispatch INTERACTION_CREATE and start its 3-second acknowledgement clock."""
        record = InteractionRecord(
            id=int(payload["id"]),
            token=payload["token"],
            payload=dict(payload),
            dispatched_at=time.monotonic(),
        )
        self.interactions[record.id] = record
        await self.dispatch("INTERACTION_CREATE", payload)
        return record

    async def dispatch_message(self, payload: Mapping[str, Any]) -> None:
        """Dispatch MESSAGE_CREATE (a user's message arriving)."""
        self.messages[int(payload["id"])] = dict(payload)
        await self.dispatch("MESSAGE_CREATE", payload)

    async def request_reconnect(self) -> None:
        """Ask the bot to reconnect (op 7), as Discord does before moving a session."""
        if self._current is not None:
            await self._send(self._current, {"op": OP_RECONNECT, "d": None})

    async def _send(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        self.frames.append(
            GatewayFrame("send", frame["op"], frame.get("t"), frame.get("d"), time.monotonic())
        )
        await conn.send(frame)

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        query = dict(request.query)
        self.gateway_queries.append(query)
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        if query.get("v") != "10":
            await ws.close(code=4012, message=b"Invalid API version")
            return ws
        if query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"Decode error")  # only JSON is implemented
            return ws
        conn = GatewayConnection(ws, query.get("compress"))
        self._connections.append(conn)
        try:
            await self._send(
                conn, {"op": OP_HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}
            )
            async for msg in ws:
                if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    raw = msg.data if msg.type is WSMsgType.TEXT else msg.data.decode()
                    try:
                        frame = json.loads(raw)
                    except ValueError:
                        await ws.close(code=4002, message=b"Decode error")
                        break
                    await self._on_frame(conn, frame)
                elif msg.type is WSMsgType.ERROR:
                    break
        finally:
            self._connections.remove(conn)
            if self._current is conn:
                self._current = None
            await self._notify()
        return ws

    async def _on_frame(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        op, d = frame.get("op"), frame.get("d")
        self.frames.append(GatewayFrame("recv", op, frame.get("t"), d, time.monotonic()))
        if op == OP_HEARTBEAT:
            await self._send(conn, {"op": OP_HEARTBEAT_ACK})
        elif op == OP_IDENTIFY:
            await self._identify(conn, d or {})
        elif op == OP_RESUME:
            await self._resume(conn, d or {})
        await self._notify()

    async def _identify(self, conn: GatewayConnection, d: dict[str, Any]) -> None:
        self.identifies.append({k: v for k, v in d.items() if k != "token"})
        if conn.session is not None:
            await conn.ws.close(code=4005, message=b"Already authenticated")
            return
        if self.token is not None and d.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed")
            return
        session = GatewaySession(id=uuid.uuid4().hex, intents=d.get("intents"))
        self._sessions[session.id] = session
        conn.session = session
        self._current = conn
        ready = {
            "v": 10,
            "user": {**self.bot_user, "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g), "unavailable": True} for g, _ in self.guilds],
            "session_id": session.id,
            "resume_gateway_url": self.gateway_url,
            "session_type": "normal",
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "geo_ordered_rtc_regions": [],
            "shard": d.get("shard", [0, 1]),
        }
        session.seq += 1
        await self._send(conn, {"op": OP_DISPATCH, "t": "READY", "s": session.seq, "d": ready})
        for guild_id, channel_id in self.guilds:
            data = p.guild_create(guild_id, channel_id, self.bot_user)
            self.channels[channel_id] = p.guild_text_channel(channel_id, guild_id)
            await self.dispatch("GUILD_CREATE", data)

    async def _resume(self, conn: GatewayConnection, d: dict[str, Any]) -> None:
        session = self._sessions.get(d.get("session_id", ""))
        if session is None or (self.token is not None and d.get("token") != self.token):
            await self._send(conn, {"op": OP_INVALID_SESSION, "d": False})
            return
        conn.session = session
        self._current = conn
        for frame in session.sent:
            if frame["s"] > (d.get("seq") or 0):
                await self._send(conn, frame)
        session.seq += 1
        await self._send(conn, {"op": OP_DISPATCH, "t": "RESUMED", "s": session.seq, "d": {}})

    def _echo(self, message: dict[str, Any]) -> None:
        """Like Discord, tell the bot about its own new message if its intents ask for it."""
        conn = self._current
        if conn is None or conn.session is None or conn.session.intents is None:
            return
        wanted = GUILD_MESSAGES if "guild_id" in message else DIRECT_MESSAGES
        if not conn.session.intents & wanted:
            return
        task = asyncio.create_task(self._dispatch_quietly("MESSAGE_CREATE", dict(message)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _dispatch_quietly(self, event: str, data: dict[str, Any]) -> None:
        try:
            await self.dispatch(event, data)
            self.echoed.append(int(data["id"]))
        except (RuntimeError, ConnectionError):
            log.debug("fake Discord: no connection to echo %s to", event)
