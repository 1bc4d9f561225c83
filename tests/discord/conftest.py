"""Discord test fixtures: a fully set-up bot on the real offline engine, never connected."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.article import Article
from bot.discord.bot import PieceBot
from bot.engines.offline.engine import OfflineEngine
from tests.discord.helpers import make_bot


@pytest.fixture
async def client(
    tmp_path: Path, article: Article, engine: OfflineEngine
) -> AsyncIterator[PieceBot]:
    async with make_bot(tmp_path, engine) as bot:
        yield bot
