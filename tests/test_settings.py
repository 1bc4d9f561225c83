"""Settings: typed values from the environment, clear errors, secrets that never show."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Secret, SettingsError, load_settings


def test_defaults_without_environment() -> None:
    s = load_settings({})
    assert s.engine == "auto" and not s.llm_enabled
    assert s.article_path is None and s.dev_guild_id is None
    assert s.rate_limit_count >= 1 and s.history_turns >= 1


def test_values_are_parsed() -> None:
    s = load_settings(
        {
            "ARTICLE_PATH": "~/piece.txt",
            "OPENAI_API_KEY": "sk-test",
            "OPENAI_BASE_URL": "http://127.0.0.1:1/v1",
            "DEV_GUILD_ID": "123",
            "RATE_LIMIT_COUNT": "7",
            "RATE_LIMIT_WINDOW_S": "12.5",
        }
    )
    assert s.article_path == Path("~/piece.txt").expanduser()
    assert s.llm_enabled and s.openai_base_url == "http://127.0.0.1:1/v1"
    assert (s.dev_guild_id, s.rate_limit_count, s.rate_limit_window_s) == (123, 7, 12.5)


def test_offline_engine_wins_over_a_key() -> None:
    assert not load_settings({"OPENAI_API_KEY": "k", "PIECE_BOT_ENGINE": "offline"}).llm_enabled


def test_overrides_win_and_none_is_ignored() -> None:
    s = load_settings({"PIECE_BOT_ENGINE": "llm"}, engine="offline", article_path=None)
    assert s.engine == "offline"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEV_GUILD_ID": "abc"}, "DEV_GUILD_ID must be a whole number"),
        ({"RATE_LIMIT_COUNT": "0"}, "RATE_LIMIT_COUNT must be at least 1"),
        ({"RATE_LIMIT_WINDOW_S": "soon"}, "RATE_LIMIT_WINDOW_S must be a number"),
        ({"PIECE_BOT_ENGINE": "gpt"}, "PIECE_BOT_ENGINE must be"),
    ],
)
def test_bad_values_name_the_key(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


def test_secrets_never_show() -> None:
    token = "very-secret-token-value"
    s = load_settings({"DISCORD_TOKEN": token, "OPENAI_API_KEY": token})
    assert token not in repr(s) and token not in str(s.discord_token)
    assert s.discord_token.value == token
    assert not Secret("") and repr(Secret("")) == "Secret('')"


def test_env_example_lists_every_key_and_loads() -> None:
    """`.env.example` is the documentation of the settings: complete, and valid as it stands."""
    import re

    from dotenv import dotenv_values

    from bot import settings as settings_module
    from bot.settings import REPO_ROOT

    example = dotenv_values(REPO_ROOT / ".env.example")
    source = Path(settings_module.__file__).read_text("utf-8")
    read = set(re.findall(r'env(?:\.get\(|, )"([A-Z][A-Z_]+)"', source))
    assert read and read <= set(example), f"missing from .env.example: {read - set(example)}"
    s = load_settings({k: v or "" for k, v in example.items()})
    assert not s.llm_enabled and not s.discord_token  # the example holds no secrets
