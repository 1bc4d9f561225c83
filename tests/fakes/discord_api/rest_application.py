"""REST routes about the bot itself: the gateway URL, its user, its application, its commands."""

from __future__ import annotations

from aiohttp import web

from . import payloads as p
from .records import RecordedRequest
from .responses import error_response, json_response, reject
from .state import DiscordState


class ApplicationRoutes(DiscordState):
    """/gateway, /users/@me, /applications/@me and the application's commands."""

    async def _get_gateway(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request, record: RecordedRequest) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _get_me(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response({**self.bot_user, "verified": True, "mfa_enabled": False, "flags": 0})

    async def _get_app(self, request: web.Request, record: RecordedRequest) -> web.Response:
        owner = p.user(p.snowflake(), "owner")
        return json_response(
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
            return error_response(403, 50001, "Missing Access")
        guild = record.params.get("guild_id")
        key = int(guild) if guild else None
        if request.method == "PUT":
            if not isinstance(record.body, list):
                return reject(record, ["body must be a list of commands"])
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
        return json_response(self.commands.get(key, []))
