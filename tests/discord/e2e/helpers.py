"""What the end-to-end tests read off the fake Discord, and what must hold after every one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeVar

import pytest

from tests.fakes.discord_api import FakeDiscord, OutgoingMessage, limits

EPHEMERAL = 64
T = TypeVar("T")


def text_of(messages: Iterable[OutgoingMessage | Mapping[str, Any]]) -> str:
    """All the words a user would read in these messages (content, embeds, buttons)."""
    parts: list[str] = []
    for message in messages:
        body = message.body if isinstance(message, OutgoingMessage) else message
        parts.append(body.get("content") or "")
        for embed in body.get("embeds") or []:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            parts.append((embed.get("author") or {}).get("name") or "")
            parts.append((embed.get("footer") or {}).get("text") or "")
            for f in embed.get("fields") or []:
                parts += [f.get("name") or "", f.get("value") or ""]
        for row in body.get("components") or []:
            parts += [c.get("label") or "" for c in row.get("components") or []]
    return "\n".join(parts)


async def eventually(
    get: Callable[[], Awaitable[T]], ok: Callable[[T], bool], timeout: float = 5.0
) -> T:
    """Poll `get()` until `ok(value)`; bounded by `timeout`."""
    async with asyncio.timeout(timeout):
        while not ok(value := await get()):
            await asyncio.sleep(0.02)
    return value


def custom_ids(message: Mapping[str, Any]) -> list[str]:
    return [
        c["custom_id"]
        for row in message.get("components") or []
        for c in row.get("components") or []
        if c.get("custom_id")
    ]


def assert_clean(fake: FakeDiscord, caplog: pytest.LogCaptureFixture) -> None:
    """What must hold after any conversation with the bot."""
    assert fake.unknown_routes == [], [f"{r.method} {r.path}" for r in fake.unknown_routes]
    assert fake.rejected() == [], [(r.path, r.problems) for r in fake.rejected()]
    for record in fake.interactions.values():
        assert record.late_callbacks == 0 and record.duplicate_callbacks == 0, record.id
    for message in fake.outgoing:
        assert limits.forbids_all_mentions(message.body), message.body
        assert limits.message_problems(message.body, edit=message.edit) == []
    for stored in fake.messages.values():
        if stored["author"]["id"] != fake.bot_user["id"]:
            continue
        assert stored["mention_everyone"] is False
        assert stored["mentions"] == [] and stored["mention_roles"] == []
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]
