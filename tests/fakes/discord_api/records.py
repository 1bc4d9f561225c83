"""What the fake Discord records for tests: requests, gateway frames, interactions, messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
