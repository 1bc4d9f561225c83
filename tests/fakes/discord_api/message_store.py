"""Messages as the fake stores them: created, edited (a deferred reply's "loading" cleared),
their mentions, and one message's GET/PATCH/DELETE; every body the bot sent is recorded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from . import payloads as p
from .limits import message_problems, pings
from .protocol import LOADING
from .records import InteractionRecord, OutgoingMessage, RecordedRequest
from .responses import json_response, no_content, reject
from .state import DiscordState


class MessageStore(DiscordState):
    """The messages in the fake's channels."""

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
            return json_response(message)
        if request.method == "DELETE":
            self.messages.pop(int(message["id"]), None)
            return no_content()
        body = record.body if isinstance(record.body, dict) else {}
        problems = message_problems(body, edit=True)
        if problems:
            return reject(record, problems)
        edited = self._edit(int(message["id"]), body)
        self._outgoing(record, body, kind, edited, interaction)
        return json_response(edited)
