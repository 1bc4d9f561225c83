"""Fixtures for the LLM engine: a local fake OpenAI server and engines pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core.article import Article
from bot.engines.llm import LLMEngine, build_llm_engine
from bot.settings import Secret, Settings, load_settings
from tests.fakes.openai_api import FakeOpenAI

# Short timeouts keep fault tests fast; the bounds they check scale with these numbers.
TEST_TIMEOUT_S = 1.0
TEST_DEADLINE_S = 3.0


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


def make_settings(base_url: str, data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "openai_api_key": Secret("sk-test-not-a-real-key"),
        "openai_base_url": base_url,
        "openai_model": "fake-model",
        "llm_timeout_s": TEST_TIMEOUT_S,
        "llm_deadline_s": TEST_DEADLINE_S,
        "llm_max_retries": 1,
        "llm_warm_up": False,
        # Room for every test piece whole; tests of small contexts and long pieces set less.
        "llm_context_tokens": 65536,
        "data_dir": data_dir,
    }
    values.update(overrides)
    return load_settings({}, **values)


@pytest.fixture
def settings(fake: FakeOpenAI, tmp_path: Path) -> Settings:
    return make_settings(fake.base_url, tmp_path)


EngineFactory = Callable[..., Awaitable[LLMEngine]]


@pytest.fixture
async def make_engine(
    fake: FakeOpenAI, tmp_path: Path, article: Article
) -> AsyncIterator[EngineFactory]:
    """Build engines with settings overrides; all are closed at the end of the test."""
    built: list[LLMEngine] = []

    async def factory(art: Article | None = None, **overrides: Any) -> LLMEngine:
        base = overrides.pop("base_url", fake.base_url)
        engine = build_llm_engine(make_settings(base, tmp_path, **overrides), art or article)
        built.append(engine)
        return engine

    yield factory
    for engine in built:
        await engine.aclose()


@pytest.fixture
async def llm(make_engine: EngineFactory) -> LLMEngine:
    return await make_engine()
