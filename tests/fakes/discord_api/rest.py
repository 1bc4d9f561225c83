"""The fake's REST API: the route table, request bodies (JSON or multipart), authorization,
and the record of every request."""

from __future__ import annotations

import json
import logging
import re
import time
from functools import cached_property
from typing import Any

from aiohttp import web

from .records import RecordedRequest
from .responses import Handler, error_response
from .rest_application import ApplicationRoutes
from .rest_channels import ChannelRoutes
from .rest_interactions import InteractionRoutes

log = logging.getLogger(__name__)


class RestRouter(ApplicationRoutes, InteractionRoutes, ChannelRoutes):
    """Every REST route the fake knows, and the handler that dispatches to them."""

    @cached_property
    def _routes(self) -> list[tuple[str, re.Pattern[str], str, Handler]]:
        """(method, path pattern, route name, handler), in the order they are tried."""
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
        return [
            (method, re.compile(pattern + r"/?"), f"{method} {name}", handler)
            for method, pattern, name, handler in table
        ]

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
                        response: web.StreamResponse = error_response(401, 0, "401: Unauthorized")
                    else:
                        response = await handler(request, record)
                    break
            else:
                log.warning("fake Discord: unknown route %s %s", request.method, path)
                self.unknown_routes.append(record)
                response = error_response(404, 0, "404: Not Found")
            record.status = response.status
            return response
        finally:
            await self._notify()
