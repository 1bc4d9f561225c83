"""Fixtures for cog tests: a fully set-up bot on the real offline engine, never connected."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.article import Article
from bot.discord.bot import PieceBot, create_bot
from bot.engines.base import Engine
from bot.engines.offline.engine import OfflineEngine
from bot.settings import load_settings
from tests.discord.helpers import pretend_logged_in


async def make_bot(
    tmp_path: Path, article: Article, engine: Engine, **env: str
) -> AsyncIterator[PieceBot]:
    """A bot with its cogs loaded and store open (as after login), then closed after the test."""
    settings = load_settings({"PIECE_BOT_DATA_DIR": str(tmp_path), **env}, dotenv=False)
    bot = create_bot(settings, article=article, engine=engine)
    async with bot:  # binds the client to this loop; closing it closes the store
        await bot.setup_hook()
        pretend_logged_in(bot)
        yield bot


@pytest.fixture
async def client(
    tmp_path: Path, article: Article, engine: OfflineEngine
) -> AsyncIterator[PieceBot]:
    async for bot in make_bot(tmp_path, article, engine):
        yield bot
