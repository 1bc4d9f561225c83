"""The LLM engine's settings keys: parsing and validation."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings


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
        ({"OPENAI_EMBEDDING_MODEL": "text-embedding-3-small"}, "openai_embedding_model",
         "text-embedding-3-small"),
    ],
)  # fmt: skip
def test_env_keys(env: dict[str, str], field: str, value: object) -> None:
    assert getattr(load_settings(env), field) == value


@pytest.mark.parametrize(
    "env",
    [{"LLM_DEADLINE_S": "1"}, {"LLM_TEMPERATURE": "3"}, {"LLM_CACHE": "maybe"},
     {"LLM_ASK_PASSAGES": "0"}],
)  # fmt: skip
def test_bad_values_name_the_key(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match=next(iter(env))):
        load_settings(env)
