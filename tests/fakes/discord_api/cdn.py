"""The fake's CDN: files users attach, served from a host of their own as Discord serves them."""

from __future__ import annotations

import uuid
from typing import Any

from aiohttp import web

from . import payloads as p
from .state import DiscordState


class Cdn(DiscordState):
    """Attachments put on the CDN, and its one route."""

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
