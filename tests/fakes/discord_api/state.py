"""What the fake Discord knows and keeps (users, channels, messages, commands, what it recorded),
the URLs it serves on, and the waits and queries tests use."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from aiohttp import web

from . import payloads as p
from .connection import GatewayConnection, GatewaySession
from .protocol import API_PREFIX, GATEWAY_PATH
from .records import (
    FakeDiscordTimeout,
    GatewayFrame,
    InteractionRecord,
    OutgoingMessage,
    RecordedRequest,
)

T = TypeVar("T")


class DiscordState:
    """The fake's state, shared by its gateway, REST routes and CDN."""

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
        self._connections: list[GatewayConnection] = []
        self._sessions: dict[str, GatewaySession] = {}
        self._current: GatewayConnection | None = None
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.files: dict[str, tuple[bytes, str]] = {}  # CDN path -> (bytes, content type)
        self.cdn_requests: list[str] = []  # the paths asked of the CDN, in order
        self._cdn_runner: web.AppRunner | None = None
        self.cdn_port = 0

    # -- where it serves -------------------------------------------------------------------

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
                raise FakeDiscordTimeout(f"no {what} within {timeout:g} s; last requests: {recent}")
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

    # -- users and channels ----------------------------------------------------------------

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

    # -- queries for tests -----------------------------------------------------------------

    def messages_for(self, interaction: InteractionRecord) -> list[OutgoingMessage]:
        """Every message body the bot sent or edited in answer to `interaction`."""
        return [m for m in self.outgoing if m.interaction_id == interaction.id]

    def rejected(self) -> list[RecordedRequest]:
        """Requests the fake answered with 400 Invalid Form Body."""
        return [r for r in self.requests if r.problems]
