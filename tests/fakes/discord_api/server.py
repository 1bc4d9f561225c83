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
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
import uuid
import zlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import WSMsgType, web

from . import payloads as p
from .limits import autocomplete_problems, message_problems, pings

log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/ws"
EPHEMERAL = 1 << 6
LOADING = 1 << 7

# Interaction callback types
PONG = 1
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9
MESSAGE_CALLBACKS = {CHANNEL_MESSAGE, UPDATE_MESSAGE}

# Gateway opcodes
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_RESUME = 6
OP_RECONNECT = 7
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

# Gateway intents that decide whether the bot hears about (its own) messages
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12

T = TypeVar("T")


class FakeDiscordTimeout(AssertionError):
    """A test waited for something the fake Discord never saw."""


@dataclass
class RecordedRequest:
    """One REST request as the fake received it."""

    method: str
    path: str  # relative to /api/v10, e.g. "/channels/1/messages"
    query: dict[str, str]
    body: Any  # parsed JSON (or a multipart request's payload_json); None if no body
    at: float  # time.monotonic() on arrival
    route: str = ""  # the matched route, e.g. "POST /channels/{channel_id}/messages"; "" if unknown
    params: dict[str, str] = field(default_factory=dict)
    authorized: bool = False
    status: int = 0
    problems: list[str] = field(default_factory=list)  # why the fake answered 400, if it did


@dataclass
class GatewayFrame:
    """One gateway payload, in either direction."""

    direction: str  # "recv" (from the bot) or "send" (to the bot)
    op: int
    t: str | None
    d: Any
    at: float


@dataclass
class InteractionRecord:
    """An interaction the fake dispatched, and what the bot did with it."""

    id: int
    token: str
    payload: dict[str, Any]
    dispatched_at: float
    callback: RecordedRequest | None = None
    original_message_id: int | None = None
    late_callbacks: int = 0
    duplicate_callbacks: int = 0

    @property
    def ack_latency(self) -> float | None:
        """Seconds from dispatch to the (first accepted) callback."""
        return None if self.callback is None else self.callback.at - self.dispatched_at

    @property
    def callback_type(self) -> int | None:
        return None if self.callback is None else self.callback.body.get("type")

    @property
    def channel_id(self) -> int:
        return int(self.payload["channel"]["id"])


@dataclass
class OutgoingMessage:
    """A message the bot created or edited, whatever route it used."""

    request: RecordedRequest
    body: dict[str, Any]
    kind: str  # "callback", "followup", "edit_original", "edit_followup", "channel", "edit_channel"
    channel_id: int | None
    message_id: int | None
    interaction_id: int | None = None

    @property
    def edit(self) -> bool:
        return self.kind.startswith("edit")


class _Connection:
    """One gateway websocket connection."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self.session: _Session | None = None
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
class _Session:
    id: str
    seq: int = 0
    intents: int | None = None
    sent: list[dict[str, Any]] = field(default_factory=list)  # dispatches, replayed on RESUME


Handler = Callable[[web.Request, RecordedRequest], Awaitable[web.StreamResponse]]


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py only parses bodies whose Content-Type is exactly "application/json".
    return web.Response(
        body=json.dumps(data, ensure_ascii=False).encode(),
        status=status,
        headers={"Content-Type": "application/json"},
    )


def _error(status: int, code: int, message: str, **extra: Any) -> web.Response:
    return _json({"message": message, "code": code, **extra}, status)


def _no_content() -> web.Response:
    return web.Response(status=204)


class FakeDiscord:
    """A fake Discord API and gateway. Use as `async with FakeDiscord(token=...) as fake:`."""

    def __init__(
        self,
        *,
        token: str | None = None,
        application_id: int | None = None,
        bot_name: str = "piece-bot",
        heartbeat_interval_ms: int = 41_250,
        ack_window_s: float = 3.0,
        guilds: int = 0,
    ) -> None:
        self.token = token  # None: accept any token
        self.application_id = application_id or p.snowflake()
        self.bot_user = p.user(self.application_id, bot_name, bot=True)
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.ack_window_s = ack_window_s
        self.guilds: list[tuple[int, int]] = [(p.snowflake(), p.snowflake()) for _ in range(guilds)]

        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[RecordedRequest] = []
        self.frames: list[GatewayFrame] = []
        self.interactions: dict[int, InteractionRecord] = {}
        self.outgoing: list[OutgoingMessage] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {}
        self.users: dict[int, dict[str, Any]] = {int(self.bot_user["id"]): self.bot_user}
        self.dm_channels: dict[int, int] = {}  # user id -> DM channel id
        self._message_interaction: dict[int, int] = {}  # message id -> interaction id
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None: global)
        self.gateway_queries: list[dict[str, str]] = []
        self.identifies: list[dict[str, Any]] = []

        self.echoed: list[int] = []  # ids of the bot's own messages sent back as MESSAGE_CREATE
        self._tasks: set[asyncio.Task[None]] = set()
        self._connections: list[_Connection] = []
        self._sessions: dict[str, _Session] = {}
        self._current: _Connection | None = None
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.files: dict[str, tuple[bytes, str]] = {}  # CDN path -> (bytes, content type)
        self.cdn_requests: list[str] = []  # the paths asked of the CDN, in order
        self._cdn_runner: web.AppRunner | None = None
        self.cdn_port = 0
        self._routes: list[tuple[str, re.Pattern[str], str, Handler]] = []
        self._add_routes()

    # -- lifecycle -------------------------------------------------------------------------

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

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """What `discord.http.Route.BASE` must be set to."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    @property
    def cdn_url(self) -> str:
        """What `discord.Asset.BASE` must be set to: the origin attachments are served from."""
        return f"http://127.0.0.1:{self.cdn_port}"

    # -- the CDN ---------------------------------------------------------------------------

    def attachment(
        self, channel_id: int, filename: str, data: bytes, content_type: str | None = None
    ) -> dict[str, Any]:
        """Put a file a user attaches on the CDN; the attachment object to put in a payload."""
        attachment_id = p.snowflake()
        path = f"/attachments/{channel_id}/{attachment_id}/{filename}"
        self.files[path] = (data, content_type or "application/octet-stream")
        # Discord signs its CDN links (ex: expiry, is: issued, hm: signature) in the query.
        signed = f"{path}?ex=67a0b1c2&is=679f6042&hm={uuid.uuid4().hex}&"
        return p.attachment(
            attachment_id,
            filename,
            len(data),
            url=self.cdn_url + signed,
            proxy_url=f"{self.cdn_url}{signed}",
            content_type=content_type,
        )

    async def _cdn_file(self, request: web.Request) -> web.StreamResponse:
        self.cdn_requests.append(request.path)
        found = self.files.get(request.path)
        if found is None:
            return web.Response(status=404, text="404: Not Found")
        data, content_type = found
        return web.Response(body=data, headers={"Content-Type": content_type})

    # -- waiting ---------------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float, what: str) -> T:
        """Wait until `predicate()` returns something truthy, and return it.

        Wakes on every request/frame the fake records, and polls briefly too, so predicates
        on the bot's own state (not only the fake's) are seen.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = [f"{r.method} {r.path} -> {r.status}" for r in self.requests[-5:]]
                raise FakeDiscordTimeout(
                    f"no {what} within {timeout:g} s; last requests: {recent}"
                )
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), min(remaining, 0.02))

    async def wait_until_identified(self, timeout: float = 10.0) -> None:
        """Wait until a bot has IDENTIFYed and been sent READY."""
        await self.wait_for(
            lambda: self._current is not None and self._current.session is not None,
            timeout,
            "IDENTIFY on the gateway",
        )

    async def wait_for_ack(self, interaction_id: int, timeout: float = 3.0) -> InteractionRecord:
        """Wait for the interaction's callback (the acknowledgement)."""
        record = self.interactions[interaction_id]
        await self.wait_for(
            lambda: record.callback is not None, timeout, f"callback for interaction {record.id}"
        )
        return record

    async def wait_for_request(
        self, predicate: Callable[[RecordedRequest], bool], timeout: float, what: str = "request"
    ) -> RecordedRequest:
        return await self.wait_for(
            lambda: next((r for r in self.requests if predicate(r)), None), timeout, what
        )

    async def wait_for_message(
        self, predicate: Callable[[OutgoingMessage], bool], timeout: float, what: str = "message"
    ) -> OutgoingMessage:
        return await self.wait_for(
            lambda: next((m for m in self.outgoing if predicate(m)), None), timeout, what
        )

    # -- gateway ---------------------------------------------------------------------------

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

    async def _send(self, conn: _Connection, frame: dict[str, Any]) -> None:
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
        conn = _Connection(ws, query.get("compress"))
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

    async def _on_frame(self, conn: _Connection, frame: dict[str, Any]) -> None:
        op, d = frame.get("op"), frame.get("d")
        self.frames.append(GatewayFrame("recv", op, frame.get("t"), d, time.monotonic()))
        if op == OP_HEARTBEAT:
            await self._send(conn, {"op": OP_HEARTBEAT_ACK})
        elif op == OP_IDENTIFY:
            await self._identify(conn, d or {})
        elif op == OP_RESUME:
            await self._resume(conn, d or {})
        await self._notify()

    async def _identify(self, conn: _Connection, d: dict[str, Any]) -> None:
        self.identifies.append({k: v for k, v in d.items() if k != "token"})
        if conn.session is not None:
            await conn.ws.close(code=4005, message=b"Already authenticated")
            return
        if self.token is not None and d.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed")
            return
        session = _Session(id=uuid.uuid4().hex, intents=d.get("intents"))
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

    async def _resume(self, conn: _Connection, d: dict[str, Any]) -> None:
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

    def _observe(self, data: Mapping[str, Any]) -> None:
        """Remember users and channels that events introduce (to answer REST lookups)."""
        for key in ("user", "author"):
            u = data.get(key)
            if isinstance(u, Mapping) and "id" in u:
                self.users.setdefault(int(u["id"]), dict(u))
        member = data.get("member")
        if isinstance(member, Mapping) and isinstance(member.get("user"), Mapping):
            self.users.setdefault(int(member["user"]["id"]), dict(member["user"]))
        channel = data.get("channel")
        if isinstance(channel, Mapping) and "id" in channel:
            self.channels.setdefault(int(channel["id"]), dict(channel))
            if channel.get("type") == p.DM and channel.get("recipients"):
                self.dm_channels.setdefault(int(channel["recipients"][0]["id"]), int(channel["id"]))

    def dm_channel_for(self, user: Mapping[str, Any]) -> int:
        """The id of the DM channel between the bot and `user` (created on first use)."""
        user_id = int(user["id"])
        self.users.setdefault(user_id, dict(user))
        if user_id not in self.dm_channels:
            channel_id = p.snowflake()
            self.dm_channels[user_id] = channel_id
            self.channels[channel_id] = p.dm_channel(channel_id, self.users[user_id])
        return self.dm_channels[user_id]

    # -- REST ------------------------------------------------------------------------------

    def _add_routes(self) -> None:
        app = r"(?P<application_id>\d+)"
        token = r"(?P<token>[^/]+)"
        ch = r"(?P<channel_id>\d+)"
        msg = r"(?P<message_id>\d+|@original)"
        table: list[tuple[str, str, str, Handler]] = [
            ("GET", "/gateway", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", "/gateway/bot", self._get_gateway_bot),
            ("GET", "/users/@me", "/users/@me", self._get_me),
            ("GET", "/oauth2/applications/@me", "/oauth2/applications/@me", self._get_app),
            ("GET", "/applications/@me", "/applications/@me", self._get_app),
            ("GET", f"/applications/{app}/commands", "/applications/{id}/commands", self._cmds),
            ("PUT", f"/applications/{app}/commands", "/applications/{id}/commands", self._cmds),
            (
                "GET",
                rf"/applications/{app}/guilds/(?P<guild_id>\d+)/commands",
                "/applications/{id}/guilds/{guild_id}/commands",
                self._cmds,
            ),
            (
                "PUT",
                rf"/applications/{app}/guilds/(?P<guild_id>\d+)/commands",
                "/applications/{id}/guilds/{guild_id}/commands",
                self._cmds,
            ),
            (
                "POST",
                rf"/interactions/(?P<interaction_id>\d+)/{token}/callback",
                "/interactions/{id}/{token}/callback",
                self._callback,
            ),
            ("POST", f"/webhooks/{app}/{token}", "/webhooks/{id}/{token}", self._followup),
            (
                "GET",
                f"/webhooks/{app}/{token}/messages/{msg}",
                "/webhooks/{id}/{token}/messages/{message_id}",
                self._webhook_message,
            ),
            (
                "PATCH",
                f"/webhooks/{app}/{token}/messages/{msg}",
                "/webhooks/{id}/{token}/messages/{message_id}",
                self._webhook_message,
            ),
            (
                "DELETE",
                f"/webhooks/{app}/{token}/messages/{msg}",
                "/webhooks/{id}/{token}/messages/{message_id}",
                self._webhook_message,
            ),
            ("POST", "/users/@me/channels", "/users/@me/channels", self._create_dm),
            ("GET", f"/channels/{ch}", "/channels/{channel_id}", self._get_channel),
            (
                "POST",
                f"/channels/{ch}/messages",
                "/channels/{channel_id}/messages",
                self._create_message,
            ),
            (
                "GET",
                rf"/channels/{ch}/messages/(?P<message_id>\d+)",
                "/channels/{channel_id}/messages/{message_id}",
                self._channel_message,
            ),
            (
                "PATCH",
                rf"/channels/{ch}/messages/(?P<message_id>\d+)",
                "/channels/{channel_id}/messages/{message_id}",
                self._channel_message,
            ),
            (
                "DELETE",
                rf"/channels/{ch}/messages/(?P<message_id>\d+)",
                "/channels/{channel_id}/messages/{message_id}",
                self._channel_message,
            ),
            ("POST", f"/channels/{ch}/typing", "/channels/{channel_id}/typing", self._typing),
        ]
        for method, pattern, name, handler in table:
            self._routes.append((method, re.compile(pattern + r"/?"), f"{method} {name}", handler))

    async def _read_body(self, request: web.Request) -> Any:
        if not request.can_read_body:
            return None
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            body: Any = None
            async for part in reader:
                if getattr(part, "name", None) == "payload_json":
                    body = json.loads(await part.text())
                else:
                    await part.read()  # files: this bot sends none; read and drop
            return body
        raw = await request.read()
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", "replace")

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            body=await self._read_body(request),
            at=time.monotonic(),
            authorized=self.token is None
            or request.headers.get("Authorization") == f"Bot {self.token}",
        )
        self.requests.append(record)
        try:
            for method, pattern, name, handler in self._routes:
                match = pattern.fullmatch(path)
                if match and method == request.method:
                    record.route, record.params = name, match.groupdict()
                    needs_auth = not name.split()[1].startswith(("/interactions/", "/webhooks/"))
                    if needs_auth and not record.authorized:
                        response: web.StreamResponse = _error(401, 0, "401: Unauthorized")
                    else:
                        response = await handler(request, record)
                    break
            else:
                log.warning("fake Discord: unknown route %s %s", request.method, path)
                self.unknown_routes.append(record)
                response = _error(404, 0, "404: Not Found")
            record.status = response.status
            return response
        finally:
            await self._notify()

    def _reject(self, record: RecordedRequest, problems: list[str]) -> web.Response:
        record.problems = problems
        log.warning("fake Discord: 400 for %s %s: %s", record.method, record.path, problems)
        return _error(400, 50035, "Invalid Form Body", errors={"problems": problems})

    async def _get_gateway(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request, record: RecordedRequest) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _get_me(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json({**self.bot_user, "verified": True, "mfa_enabled": False, "flags": 0})

    async def _get_app(self, request: web.Request, record: RecordedRequest) -> web.Response:
        owner = p.user(p.snowflake(), "owner")
        return _json(
            {
                "id": str(self.application_id),
                "name": self.bot_user["username"],
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": owner,
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "bot": self.bot_user,
                "integration_types_config": {"0": {}, "1": {}},
            }
        )

    async def _cmds(self, request: web.Request, record: RecordedRequest) -> web.Response:
        if int(record.params["application_id"]) != self.application_id:
            return _error(403, 50001, "Missing Access")
        guild = record.params.get("guild_id")
        key = int(guild) if guild else None
        if request.method == "PUT":
            if not isinstance(record.body, list):
                return self._reject(record, ["body must be a list of commands"])
            stored = []
            for cmd in record.body:
                stored.append(
                    {
                        "id": str(p.snowflake()),
                        "application_id": str(self.application_id),
                        "version": str(p.snowflake()),
                        "default_member_permissions": None,
                        "type": 1,
                        "nsfw": False,
                        **({"guild_id": guild} if guild else {}),
                        **cmd,
                    }
                )
            self.commands[key] = stored
        return _json(self.commands.get(key, []))

    # interactions ---------------------------------------------------------------------------

    async def _callback(self, request: web.Request, record: RecordedRequest) -> web.Response:
        interaction = self.interactions.get(int(record.params["interaction_id"]))
        if interaction is None or interaction.token != record.params["token"]:
            return _error(404, 10062, "Unknown interaction")
        if record.at - interaction.dispatched_at > self.ack_window_s:
            interaction.late_callbacks += 1
            return _error(404, 10062, "Unknown interaction")
        if interaction.callback is not None:
            interaction.duplicate_callbacks += 1
            return _error(400, 40060, "Interaction has already been acknowledged.")
        body = record.body if isinstance(record.body, dict) else {}
        cb_type = body.get("type")
        data = body.get("data") or {}
        kind = interaction.payload["type"]
        allowed = {
            p.APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
            p.MESSAGE_COMPONENT: {
                CHANNEL_MESSAGE,
                DEFERRED_CHANNEL_MESSAGE,
                DEFERRED_UPDATE_MESSAGE,
                UPDATE_MESSAGE,
                MODAL,
            },
            p.AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
        }.get(kind, set())
        if cb_type not in allowed:
            return self._reject(record, [f"callback type {cb_type} is invalid for type {kind}"])
        if cb_type in MESSAGE_CALLBACKS:
            problems = message_problems(data, edit=cb_type == UPDATE_MESSAGE)
        elif cb_type == AUTOCOMPLETE_RESULT:
            problems = autocomplete_problems(data)
        else:
            problems = []
        if problems:
            return self._reject(record, problems)
        interaction.callback = record

        message: dict[str, Any] | None = None
        flags = int(data.get("flags") or 0) & EPHEMERAL
        if cb_type == CHANNEL_MESSAGE:
            message = self._new_message(interaction.channel_id, data, flags, interaction)
        elif cb_type == DEFERRED_CHANNEL_MESSAGE:
            message = self._new_message(
                interaction.channel_id, {"content": ""}, flags | LOADING, interaction
            )
        elif cb_type == UPDATE_MESSAGE:
            message = self._edit(int(interaction.payload["message"]["id"]), data)
        if cb_type in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE) and message is not None:
            interaction.original_message_id = int(message["id"])
        if cb_type in MESSAGE_CALLBACKS:
            self._outgoing(record, data, "callback", message, interaction)

        if "with_response" not in record.query:
            return _no_content()
        result: dict[str, Any] = {
            "interaction": {
                "id": str(interaction.id),
                "type": kind,
                "response_message_loading": cb_type == DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool(flags),
            }
        }
        if message is not None:
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"] = {"type": cb_type, "message": message}
        return _json(result)

    def _interaction_for_webhook(self, record: RecordedRequest) -> InteractionRecord | None:
        if int(record.params["application_id"]) != self.application_id:
            return None
        token = record.params["token"]
        for interaction in self.interactions.values():
            if interaction.token == token and interaction.callback is not None:
                return interaction
        return None  # Discord: a token is only a webhook once the interaction is acknowledged

    async def _followup(self, request: web.Request, record: RecordedRequest) -> web.Response:
        interaction = self._interaction_for_webhook(record)
        if interaction is None:
            return _error(404, 10015, "Unknown Webhook")
        body = record.body if isinstance(record.body, dict) else {}
        problems = message_problems(body)
        if problems:
            return self._reject(record, problems)
        flags = int(body.get("flags") or 0) & EPHEMERAL
        message = self._new_message(interaction.channel_id, body, flags, interaction)
        self._outgoing(record, body, "followup", message, interaction)
        if record.query.get("wait", "").lower() not in {"true", "1"}:
            return _no_content()
        return _json(message)

    async def _webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        interaction = self._interaction_for_webhook(record)
        if interaction is None:
            return _error(404, 10015, "Unknown Webhook")
        raw_id = record.params["message_id"]
        message_id = interaction.original_message_id if raw_id == "@original" else int(raw_id)
        message = self.messages.get(message_id or 0)
        if message is None or self._message_interaction.get(message_id or 0) != interaction.id:
            return _error(404, 10008, "Unknown Message")
        kind = "edit_original" if raw_id == "@original" else "edit_followup"
        return self._message_call(request, record, message, kind, interaction)

    # channels and messages --------------------------------------------------------------------

    async def _create_dm(self, request: web.Request, record: RecordedRequest) -> web.Response:
        body = record.body if isinstance(record.body, dict) else {}
        try:
            user_id = int(body["recipient_id"])
        except (KeyError, TypeError, ValueError):
            return self._reject(record, ["recipient_id is required"])
        user = self.users.get(user_id) or p.user(user_id)
        return _json(self.channels[self.dm_channel_for(user)])

    async def _get_channel(self, request: web.Request, record: RecordedRequest) -> web.Response:
        channel = self.channels.get(int(record.params["channel_id"]))
        return _json(channel) if channel else _error(404, 10003, "Unknown Channel")

    async def _create_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        channel_id = int(record.params["channel_id"])
        if channel_id not in self.channels:
            return _error(404, 10003, "Unknown Channel")
        body = record.body if isinstance(record.body, dict) else {}
        problems = message_problems(body)
        if problems:
            return self._reject(record, problems)
        message = self._new_message(channel_id, body, 0, None)
        self._outgoing(record, body, "channel", message, None)
        self._echo(message)
        return _json(message)

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

    async def _channel_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        message = self.messages.get(int(record.params["message_id"]))
        if message is None or message["channel_id"] != record.params["channel_id"]:
            return _error(404, 10008, "Unknown Message")
        if request.method != "GET" and message["author"]["id"] != self.bot_user["id"]:
            return _error(403, 50005, "Cannot edit a message authored by another user")
        return self._message_call(request, record, message, "edit_channel", None)

    def _message_call(
        self,
        request: web.Request,
        record: RecordedRequest,
        message: dict[str, Any],
        kind: str,
        interaction: InteractionRecord | None,
    ) -> web.Response:
        """GET, DELETE or PATCH (edit, recorded as `kind`) of one message the route found."""
        if request.method == "GET":
            return _json(message)
        if request.method == "DELETE":
            self.messages.pop(int(message["id"]), None)
            return _no_content()
        body = record.body if isinstance(record.body, dict) else {}
        problems = message_problems(body, edit=True)
        if problems:
            return self._reject(record, problems)
        edited = self._edit(int(message["id"]), body)
        self._outgoing(record, body, kind, edited, interaction)
        return _json(edited)

    async def _typing(self, request: web.Request, record: RecordedRequest) -> web.Response:
        if int(record.params["channel_id"]) not in self.channels:
            return _error(404, 10003, "Unknown Channel")
        return _no_content()

    # message store ----------------------------------------------------------------------------

    def _mentions(self, body: Mapping[str, Any], replied: Mapping[str, Any] | None) -> dict:
        replied_id = int(replied["author"]["id"]) if replied else None
        pinged = pings(body, replied_user_id=replied_id)
        users = [u.split(":", 1)[1] for u in pinged if u.startswith("user:")]
        return {
            "mention_everyone": any(x in {"@everyone", "@here"} for x in pinged),
            "mentions": [self.users.get(int(u)) or p.user(int(u)) for u in users],
            "mention_roles": [r.split(":", 1)[1] for r in pinged if r.startswith("role:")],
        }

    def _new_message(
        self,
        channel_id: int,
        body: Mapping[str, Any],
        flags: int,
        interaction: InteractionRecord | None,
    ) -> dict[str, Any]:
        reference = body.get("message_reference") or None
        replied = self.messages.get(int(reference["message_id"])) if reference else None
        channel = self.channels.get(channel_id, {})
        message: dict[str, Any] = {
            "id": str(p.snowflake()),
            "channel_id": str(channel_id),
            "author": self.bot_user,
            "content": body.get("content") or "",
            "timestamp": p.now_iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "attachments": [],
            "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
            "components": list(body.get("components") or []),
            "pinned": False,
            "type": 0,
            "flags": flags,
            **self._mentions(body, replied),
        }
        if "guild_id" in channel:
            message["guild_id"] = channel["guild_id"]
        if interaction is not None:
            message.update(
                type=20 if interaction.payload["type"] == p.APPLICATION_COMMAND else 0,
                webhook_id=str(self.application_id),
                application_id=str(self.application_id),
            )
            self._message_interaction[int(message["id"])] = interaction.id
        elif replied is not None:
            message.update(type=19, message_reference=dict(reference), referenced_message=replied)
        self.messages[int(message["id"])] = message
        return message

    def _edit(self, message_id: int, body: Mapping[str, Any]) -> dict[str, Any] | None:
        message = self.messages.get(message_id)
        if message is None:
            return None
        was_loading = bool(message["flags"] & LOADING)
        if "content" in body:
            message["content"] = body["content"] or ""
        if "components" in body:
            message["components"] = list(body["components"] or [])
        if "embeds" in body:
            message["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        message.update(self._mentions({**message, **body}, None))
        message["flags"] &= ~LOADING
        if not was_loading:
            message["edited_timestamp"] = p.now_iso()
        return message

    def _outgoing(
        self,
        record: RecordedRequest,
        body: Mapping[str, Any],
        kind: str,
        message: Mapping[str, Any] | None,
        interaction: InteractionRecord | None,
    ) -> None:
        self.outgoing.append(
            OutgoingMessage(
                request=record,
                body=dict(body),
                kind=kind,
                channel_id=int(message["channel_id"]) if message else None,
                message_id=int(message["id"]) if message else None,
                interaction_id=interaction.id if interaction else None,
            )
        )

    # queries for tests -------------------------------------------------------------------------

    def messages_for(self, interaction: InteractionRecord) -> list[OutgoingMessage]:
        """Every message body the bot sent or edited in answer to `interaction`."""
        return [m for m in self.outgoing if m.interaction_id == interaction.id]

    def rejected(self) -> list[RecordedRequest]:
        """Requests the fake answered with 400 Invalid Form Body."""
        return [r for r in self.requests if r.problems]
