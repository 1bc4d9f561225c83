"""REST routes of channels: DMs opened, channels looked up, messages sent and edited, typing."""

from __future__ import annotations

from aiohttp import web

from . import payloads as p
from .gateway import Gateway
from .limits import message_problems
from .message_store import MessageStore
from .records import RecordedRequest
from .responses import error_response, json_response, no_content, reject


class ChannelRoutes(MessageStore, Gateway):
    """/users/@me/channels and /channels/{channel_id}/..."""

    async def _create_dm(self, request: web.Request, record: RecordedRequest) -> web.Response:
        body = record.body if isinstance(record.body, dict) else {}
        try:
            user_id = int(body["recipient_id"])
        except (KeyError, TypeError, ValueError):
            return reject(record, ["recipient_id is required"])
        user = self.users.get(user_id) or p.user(user_id)
        return json_response(self.channels[self.dm_channel_for(user)])

    async def _get_channel(self, request: web.Request, record: RecordedRequest) -> web.Response:
        channel = self.channels.get(int(record.params["channel_id"]))
        return json_response(channel) if channel else error_response(404, 10003, "Unknown Channel")

    async def _create_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        channel_id = int(record.params["channel_id"])
        if channel_id not in self.channels:
            return error_response(404, 10003, "Unknown Channel")
        body = record.body if isinstance(record.body, dict) else {}
        problems = message_problems(body)
        if problems:
            return reject(record, problems)
        message = self._new_message(channel_id, body, 0, None)
        self._outgoing(record, body, "channel", message, None)
        self._echo(message)
        return json_response(message)

    async def _channel_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        message = self.messages.get(int(record.params["message_id"]))
        if message is None or message["channel_id"] != record.params["channel_id"]:
            return error_response(404, 10008, "Unknown Message")
        if request.method != "GET" and message["author"]["id"] != self.bot_user["id"]:
            return error_response(403, 50005, "Cannot edit a message authored by another user")
        return self._message_call(request, record, message, "edit_channel", None)

    async def _typing(self, request: web.Request, record: RecordedRequest) -> web.Response:
        if int(record.params["channel_id"]) not in self.channels:
            return error_response(404, 10003, "Unknown Channel")
        return no_content()
