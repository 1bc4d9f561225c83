"""Choosing the engine: the name the settings give is the name of what gets built."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.article import Article
from bot.engines.factory import LLM_ENGINE, EngineFactory, build_engine, configured_engine
from bot.engines.llm import LLMEngine
from bot.settings import load_settings
from tests.engines.llm.conftest import make_settings

MODEL_URL = "http://127.0.0.1:9/v1"  # never called: building an engine asks the model nothing


@pytest.mark.parametrize(
    ("key", "engine", "name"),
    [
        (False, "auto", "offline"),
        (True, "auto", LLM_ENGINE),
        (True, "llm", LLM_ENGINE),
        (True, "offline", "offline"),
        (False, "llm", "offline"),  # asked for, but no key: offline (with a warning)
    ],
)
async def test_the_configured_engine_is_the_one_built(
    tmp_path: Path, article: Article, key: bool, engine: str, name: str
) -> None:
    if key:
        settings = make_settings(MODEL_URL, tmp_path, engine=engine)
    else:
        settings = load_settings({}, dotenv=False, data_dir=tmp_path, engine=engine)
    factory = EngineFactory(settings)
    built = [build_engine(settings, article), factory.build(article)]
    try:
        assert configured_engine(settings) == name
        assert [e.name for e in built] == [name, name]
    finally:
        for e in built:
            await e.aclose()
        await factory.aclose()


def test_the_llm_engines_name_is_known_without_importing_it() -> None:
    assert LLMEngine.name == LLM_ENGINE
