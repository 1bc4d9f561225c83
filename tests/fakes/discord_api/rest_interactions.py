"""REST routes of interactions: the callback (the acknowledgement, once, within the window)
and the webhook an acknowledged token becomes (follow-ups, the original and follow-up messages)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from . import payloads as p
from .limits import autocomplete_problems, message_problems
from .message_store import MessageStore
from .protocol import (
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    EPHEMERAL,
    LOADING,
    MESSAGE_CALLBACKS,
    MODAL,
    UPDATE_MESSAGE,
)
from .records import InteractionRecord, RecordedRequest
from .responses import error_response, json_response, no_content, reject


class InteractionRoutes(MessageStore):
    """/interactions/{id}/{token}/callback and /webhooks/{id}/{token}/..."""

    async def _callback(self, request: web.Request, record: RecordedRequest) -> web.Response:
        interaction = self.interactions.get(int(record.params["interaction_id"]))
        if interaction is None or interaction.token != record.params["token"]:
            return error_response(404, 10062, "Unknown interaction")
        if record.at - interaction.dispatched_at > self.ack_window_s:
            interaction.late_callbacks += 1
            return error_response(404, 10062, "Unknown interaction")
        if interaction.callback is not None:
            interaction.duplicate_callbacks += 1
            return error_response(400, 40060, "Interaction has already been acknowledged.")
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
            return reject(record, [f"callback type {cb_type} is invalid for type {kind}"])
        if cb_type in MESSAGE_CALLBACKS:
            problems = message_problems(data, edit=cb_type == UPDATE_MESSAGE)
        elif cb_type == AUTOCOMPLETE_RESULT:
            problems = autocomplete_problems(data)
        else:
            problems = []
        if problems:
            return reject(record, problems)
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
            return no_content()
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
        return json_response(result)

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
            return error_response(404, 10015, "Unknown Webhook")
        body = record.body if isinstance(record.body, dict) else {}
        problems = message_problems(body)
        if problems:
            return reject(record, problems)
        flags = int(body.get("flags") or 0) & EPHEMERAL
        message = self._new_message(interaction.channel_id, body, flags, interaction)
        self._outgoing(record, body, "followup", message, interaction)
        if record.query.get("wait", "").lower() not in {"true", "1"}:
            return no_content()
        return json_response(message)

    async def _webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        interaction = self._interaction_for_webhook(record)
        if interaction is None:
            return error_response(404, 10015, "Unknown Webhook")
        raw_id = record.params["message_id"]
        message_id = interaction.original_message_id if raw_id == "@original" else int(raw_id)
        message = self.messages.get(message_id or 0)
        if message is None or self._message_interaction.get(message_id or 0) != interaction.id:
            return error_response(404, 10008, "Unknown Message")
        kind = "edit_original" if raw_id == "@original" else "edit_followup"
        return self._message_call(request, record, message, kind, interaction)
