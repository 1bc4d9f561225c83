"""Shared fixtures: the default piece, the other pieces, and engines built on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.article import Article
from bot.core.files import default_article_path, load_article
from bot.engines.offline.engine import OfflineEngine
from bot.settings import REPO_ROOT, SEEDS_DIR

SHARED_PIECES = REPO_ROOT.parent / "shared" / "pieces"
TEST_DATA = Path(__file__).parent / "data"


def piece_paths() -> list[Path]:
    """Every piece we can test on: the default, tests/data's, and shared/pieces' if present."""
    paths = [default_article_path(SEEDS_DIR)]
    paths += sorted(TEST_DATA.glob("*.txt"))
    if SHARED_PIECES.is_dir():
        paths += sorted(SHARED_PIECES.glob("*.txt"))
    return paths


@pytest.fixture(scope="session")
def article() -> Article:
    return load_article(default_article_path(SEEDS_DIR))


@pytest.fixture(scope="session")
def engine(article: Article) -> OfflineEngine:
    return OfflineEngine(article)


@pytest.fixture(scope="session", params=piece_paths(), ids=lambda p: p.stem)
def any_article(request: pytest.FixtureRequest) -> Article:
    return load_article(request.param)
