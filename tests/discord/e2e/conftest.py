"""End to end: the real bot from `create_bot()` against a local fake Discord (REST + gateway).

Nothing is mocked inside discord.py: the client logs in over HTTP, connects to the gateway
websocket (zlib-stream, heartbeats, READY), receives INTERACTION_CREATE / MESSAGE_CREATE
and answers over HTTP. The fake enforces Discord's rules (3-second acknowledgement, one
acknowledgement, message limits) and records everything for the tests in this folder.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_api.harness import Session, fake_discord, settings_for, started


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with fake_discord() as server:
        yield server


@pytest.fixture
async def e2e(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[Session]:
    async with started(fake, settings_for(tmp_path, fake)) as session:
        yield session
