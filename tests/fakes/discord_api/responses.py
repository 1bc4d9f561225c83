"""The fake's HTTP answers: JSON bodies, Discord's error shape, 400 Invalid Form Body."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .records import RecordedRequest

log = logging.getLogger(__name__)

Handler = Callable[[web.Request, RecordedRequest], Awaitable[web.StreamResponse]]


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py only parses bodies whose Content-Type is exactly "application/json".
    return web.Response(
        body=json.dumps(data, ensure_ascii=False).encode(),
        status=status,
        headers={"Content-Type": "application/json"},
    )


def error_response(status: int, code: int, message: str, **extra: Any) -> web.Response:
    return json_response({"message": message, "code": code, **extra}, status)


def no_content() -> web.Response:
    return web.Response(status=204)


def reject(record: RecordedRequest, problems: list[str]) -> web.Response:
    """400 Invalid Form Body, with the problems kept on the record for tests."""
    record.problems = problems
    log.warning("fake Discord: 400 for %s %s: %s", record.method, record.path, problems)
    return error_response(400, 50035, "Invalid Form Body", errors={"problems": problems})
