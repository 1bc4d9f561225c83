"""The LLM engine's settings keys: parsing and validation."""

from __future__ import annotations

import logging

import pytest

from bot.settings import SettingsError, load_settings
from tests.engines.llm.conftest import EngineFactory
from tests.fakes.openai_api import FakeOpenAI


def test_defaults_bound_the_wait() -> None:
    s = load_settings({})
    assert s.llm_deadline_s == 30.0
    assert s.llm_timeout_s <= s.llm_deadline_s
    assert s.llm_cache and s.llm_warm_up
    assert s.llm_cache_path.parent == s.data_dir


@pytest.mark.parametrize(
    ("env", "field", "value"),
    [
        ({"LLM_DEADLINE_S": "12"}, "llm_deadline_s", 12.0),
        ({"LLM_TEMPERATURE": "off"}, "llm_temperature", None),
        ({"LLM_TEMPERATURE": "0.7"}, "llm_temperature", 0.7),
        ({"LLM_CACHE": "no"}, "llm_cache", False),
        ({"LLM_WARM_UP": "0"}, "llm_warm_up", False),
        ({"LLM_ASK_PASSAGES": "4"}, "llm_ask_passages", 4),
        ({"LLM_MAX_OUTPUT_TOKENS": "800"}, "llm_max_output_tokens", 800),
        ({}, "llm_context_tokens", None),
        ({"LLM_CONTEXT_TOKENS": "4096"}, "llm_context_tokens", 4096),
        ({}, "llm_response_format", "auto"),
        ({"LLM_RESPONSE_FORMAT": "JSON_OBJECT"}, "llm_response_format", "json_object"),
        ({"LLM_PIECE_CHARS": "24000"}, "llm_piece_chars", 24000),
        ({}, "log_level", None),
        ({"LOG_LEVEL": "debug"}, "log_level", "DEBUG"),
        ({"OPENAI_EMBEDDING_MODEL": "text-embedding-3-small"}, "openai_embedding_model",
         "text-embedding-3-small"),
    ],
)  # fmt: skip
def test_env_keys(env: dict[str, str], field: str, value: object) -> None:
    assert getattr(load_settings(env), field) == value


@pytest.mark.parametrize(
    "env",
    [{"LLM_DEADLINE_S": "1"}, {"LLM_TEMPERATURE": "3"}, {"LLM_CACHE": "maybe"},
     {"LLM_ASK_PASSAGES": "0"}, {"LLM_CONTEXT_TOKENS": "100"},
     {"LLM_RESPONSE_FORMAT": "xml"}],
)  # fmt: skip
def test_bad_values_name_the_key(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match=next(iter(env))):
        load_settings(env)


async def test_the_deprecated_piece_chars_still_caps_what_is_sent(
    make_engine: EngineFactory, fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        engine = await make_engine(llm_piece_chars=1000)
    assert "LLM_PIECE_CHARS is deprecated" in caplog.text
    await engine.summary()
    for request in fake.chat_requests:
        assert sum(len(text) for _, text in request.passages()) <= 1000
