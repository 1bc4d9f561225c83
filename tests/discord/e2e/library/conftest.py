"""Fixtures of the library's end-to-end tests: a fake Discord with two servers, and a running
bot on it whose engines record every answer (see `helpers.LibraryE2E`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.answer import Answer
from bot.core.article import Article
from bot.discord.bot import create_bot
from bot.engines.offline.engine import OfflineEngine
from bot.library.service import Library
from bot.storage.pieces import SqlitePieceStore
from tests.discord.e2e.library.helpers import LibraryE2E, Recorded, library_settings
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_api.harness import fake_discord, started


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with fake_discord(guilds=2) as server:
        yield server


@pytest.fixture
async def lib(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[LibraryE2E]:
    settings = library_settings(tmp_path, fake)
    answers: list[tuple[Article, Answer]] = []

    def build(article: Article) -> Recorded:
        return Recorded(OfflineEngine(article), answers)

    library = Library(SqlitePieceStore(settings.db_path), settings=settings, build=build)
    bot = create_bot(settings, library=library)
    async with started(fake, settings, bot=bot) as e2e:
        yield LibraryE2E(e2e, answers, e2e.user(), e2e.user(), e2e.user(), e2e.user())
