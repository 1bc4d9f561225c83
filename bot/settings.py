"""Typed settings read once from the environment (and a `.env` file, if present)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
PROMPTS_DIR = REPO_ROOT / "prompts"
# LLM_RESPONSE_FORMAT: "auto", then the structured-output modes from the strictest down.
RESPONSE_FORMATS = ("auto", "json_schema", "json_object", "text")


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the key, never a secret."""


@dataclass(frozen=True, slots=True)
class Secret:
    """A secret string that never shows itself in repr, str or logs."""

    value: str = field(repr=False)

    def __repr__(self) -> str:
        return "Secret('***')" if self.value else "Secret('')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything piece-bot reads from its environment, with defaults."""

    article_path: Path | None = None
    engine: str = "auto"  # auto | offline | llm
    log_level: str | None = None  # None: the front end's default (INFO for the bot)
    data_dir: Path = REPO_ROOT / ".cache"

    # LLM engine
    openai_api_key: Secret = Secret("")
    openai_base_url: str | None = None
    openai_model: str = "gpt-4.1-mini"
    openai_embedding_model: str | None = None
    llm_timeout_s: float = 20.0
    llm_max_retries: int = 1
    llm_max_concurrency: int = 4
    # The most a user waits for an answer of some kind (model calls, retries and fallback).
    llm_deadline_s: float = 30.0
    llm_max_output_tokens: int = 2000  # the most any call may write (each kind asks less)
    llm_temperature: float | None = 0.2  # None: leave it to the server (reasoning models)
    llm_cache: bool = True
    llm_warm_up: bool = True
    llm_ask_passages: int = 6
    llm_ask_context_chars: int = 2400  # passages sent with one question
    llm_piece_chars: int | None = None  # deprecated: LLM_CONTEXT_TOKENS budgets piece text
    # The model's context in tokens; None: what the server reports, else a common default.
    llm_context_tokens: int | None = None
    llm_response_format: str = "auto"  # auto | json_schema | json_object | text

    # Discord
    discord_token: Secret = Secret("")
    dev_guild_id: int | None = None
    rate_limit_count: int = 5
    rate_limit_window_s: float = 30.0
    max_concurrent_answers: int = 8
    max_queued_answers: int = 100  # beyond this many waiting, new requests are told to retry
    history_turns: int = 10
    history_retention_days: float = 30.0

    @property
    def llm_enabled(self) -> bool:
        if self.engine == "offline":
            return False
        return bool(self.openai_api_key)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "piece-bot.sqlite3"

    @property
    def llm_cache_path(self) -> Path:
        return self.data_dir / "llm-cache.sqlite3"

    @property
    def embeddings_dir(self) -> Path:
        return self.data_dir / "embeddings"


# Defaults read from an instance: on a slots dataclass, `Settings.x` is a descriptor.
_DEFAULTS = Settings()


def _int(env: Mapping[str, str], key: str, default: int | None, *, minimum: int = 0) -> int | None:
    raw = env.get(key, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{key} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{key} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], key: str, default: float, *, minimum: float = 0.0) -> float:
    raw = env.get(key, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{key} must be a number, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{key} must be at least {minimum}, got {value}")
    return value


def _bool(env: Mapping[str, str], key: str, default: bool) -> bool:
    raw = env.get(key, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{key} must be true or false, got {raw!r}")


def _temperature(env: Mapping[str, str], key: str, default: float | None) -> float | None:
    raw = env.get(key, "").strip().lower()
    if raw in {"none", "off", "default"}:
        return None  # some models (reasoning ones) accept only their default temperature
    value = _float(env, key, default if default is not None else 0.0)
    if value > 2.0:
        raise SettingsError(f"{key} must be between 0 and 2, got {value}")
    return value if raw else default


def _choice(env: Mapping[str, str], key: str, choices: tuple[str, ...]) -> str:
    raw = env.get(key, "").strip().lower() or choices[0]
    if raw not in choices:
        raise SettingsError(f"{key} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


def load_settings(
    env: Mapping[str, str] | None = None, *, dotenv: bool = True, **overrides: object
) -> Settings:
    """Build `Settings` from `env` (default: `os.environ`, after loading `.env`).

    Keyword overrides (e.g. from command-line flags) win over the environment.
    """
    if env is None:
        if dotenv:
            from dotenv import load_dotenv

            load_dotenv(REPO_ROOT / ".env", override=False)
            load_dotenv(override=False)  # a .env in the working directory
        env = os.environ
    engine = env.get("PIECE_BOT_ENGINE", "auto").strip().lower() or "auto"
    if engine not in {"auto", "offline", "llm"}:
        raise SettingsError(f"PIECE_BOT_ENGINE must be auto, offline or llm, got {engine!r}")
    article = env.get("ARTICLE_PATH", "").strip()
    data_dir = env.get("PIECE_BOT_DATA_DIR", "").strip()
    values: dict[str, object] = {
        "article_path": Path(article).expanduser() if article else None,
        "engine": engine,
        "log_level": env.get("LOG_LEVEL", "").strip().upper() or None,
        "data_dir": Path(data_dir).expanduser() if data_dir else REPO_ROOT / ".cache",
        "openai_api_key": Secret(env.get("OPENAI_API_KEY", "").strip()),
        "openai_base_url": env.get("OPENAI_BASE_URL", "").strip() or None,
        "openai_model": env.get("OPENAI_MODEL", "").strip() or _DEFAULTS.openai_model,
        "openai_embedding_model": env.get("OPENAI_EMBEDDING_MODEL", "").strip() or None,
        "llm_timeout_s": _float(env, "LLM_TIMEOUT_S", _DEFAULTS.llm_timeout_s, minimum=1.0),
        "llm_max_retries": _int(env, "LLM_MAX_RETRIES", _DEFAULTS.llm_max_retries),
        "llm_max_concurrency": _int(
            env, "LLM_MAX_CONCURRENCY", _DEFAULTS.llm_max_concurrency, minimum=1
        ),
        "llm_deadline_s": _float(env, "LLM_DEADLINE_S", _DEFAULTS.llm_deadline_s, minimum=2.0),
        "llm_max_output_tokens": _int(
            env, "LLM_MAX_OUTPUT_TOKENS", _DEFAULTS.llm_max_output_tokens, minimum=100
        ),
        "llm_temperature": _temperature(env, "LLM_TEMPERATURE", _DEFAULTS.llm_temperature),
        "llm_cache": _bool(env, "LLM_CACHE", _DEFAULTS.llm_cache),
        "llm_warm_up": _bool(env, "LLM_WARM_UP", _DEFAULTS.llm_warm_up),
        "llm_ask_passages": _int(env, "LLM_ASK_PASSAGES", _DEFAULTS.llm_ask_passages, minimum=1),
        "llm_ask_context_chars": _int(
            env, "LLM_ASK_CONTEXT_CHARS", _DEFAULTS.llm_ask_context_chars, minimum=200
        ),
        "llm_piece_chars": _int(env, "LLM_PIECE_CHARS", None, minimum=1000),
        "llm_context_tokens": _int(env, "LLM_CONTEXT_TOKENS", None, minimum=1024),
        "llm_response_format": _choice(env, "LLM_RESPONSE_FORMAT", RESPONSE_FORMATS),
        "discord_token": Secret(env.get("DISCORD_TOKEN", "").strip()),
        "dev_guild_id": _int(env, "DEV_GUILD_ID", None, minimum=1),
        "rate_limit_count": _int(env, "RATE_LIMIT_COUNT", _DEFAULTS.rate_limit_count, minimum=1),
        "rate_limit_window_s": _float(
            env, "RATE_LIMIT_WINDOW_S", _DEFAULTS.rate_limit_window_s, minimum=1.0
        ),
        "max_concurrent_answers": _int(
            env, "MAX_CONCURRENT_ANSWERS", _DEFAULTS.max_concurrent_answers, minimum=1
        ),
        "max_queued_answers": _int(
            env, "MAX_QUEUED_ANSWERS", _DEFAULTS.max_queued_answers, minimum=0
        ),
        "history_turns": _int(env, "HISTORY_TURNS", _DEFAULTS.history_turns, minimum=1),
        "history_retention_days": _float(
            env, "HISTORY_RETENTION_DAYS", _DEFAULTS.history_retention_days, minimum=0.0
        ),
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]
