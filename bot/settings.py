"""Typed settings read once from the environment and `.env` files; each key is declared once."""

from __future__ import annotations

import math
import os
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import Field, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any, Literal

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
PROMPTS_DIR = REPO_ROOT / "prompts"
# LLM_RESPONSE_FORMAT: "auto", then the structured-output modes from the strictest down.
ResponseFormat = Literal["auto", "json_schema", "json_object", "text"]
RESPONSE_FORMATS: tuple[str, ...] = typing.get_args(ResponseFormat)

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


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


def setting(
    default: Any,
    *,
    env: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    none_if: Iterable[str] = (),
) -> Any:
    """A `Settings` field: its default, bounds and environment name, said once.

    `env` defaults to the field's name upper-cased; words in `none_if` read as None.
    """
    meta = {"env": env, "minimum": minimum, "maximum": maximum, "none_if": frozenset(none_if)}
    return field(default=default, metadata=meta)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything piece-bot reads from its environment, with defaults and bounds.

    Each field's environment variable is its name upper-cased unless `setting(env=...)`
    says otherwise. An empty value means the default. Bounds hold for every instance,
    however it is built (environment, overrides, `dataclasses.replace`).
    """

    article_path: Path | None = None
    engine: Literal["auto", "offline", "llm"] = setting("auto", env="PIECE_BOT_ENGINE")
    # None: the front end's default (INFO for the bot, WARNING for one-shot CLI commands).
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] | None = None
    data_dir: Path = setting(REPO_ROOT / ".cache", env="PIECE_BOT_DATA_DIR")

    # LLM engine
    openai_api_key: Secret = Secret("")
    openai_base_url: str | None = None
    openai_model: str = "gpt-4.1-mini"
    openai_embedding_model: str | None = None
    llm_timeout_s: float = setting(20.0, minimum=1.0)
    llm_max_retries: int = setting(1, minimum=0)
    llm_max_concurrency: int = setting(4, minimum=1)
    # The most a user waits for an answer of some kind (model calls, retries and fallback).
    llm_deadline_s: float = setting(30.0, minimum=2.0)
    # The most any call may write; each kind of call asks for less (see llm/budget.py).
    llm_max_output_tokens: int = setting(2000, minimum=100)
    # None leaves it to the server: some (reasoning) models accept only their default.
    llm_temperature: float | None = setting(
        0.2, minimum=0.0, maximum=2.0, none_if=("none", "off", "default")
    )
    llm_cache: bool = True
    llm_warm_up: bool = True
    llm_ask_passages: int = setting(6, minimum=1)
    llm_ask_context_chars: int = setting(2400, minimum=200)  # passages sent with one question
    # Deprecated: LLM_CONTEXT_TOKENS budgets piece text; if set, it still caps each call.
    llm_piece_chars: int | None = setting(None, minimum=1000)
    # The model's context in tokens; None: what the server reports, else a common default.
    llm_context_tokens: int | None = setting(None, minimum=1024)
    llm_response_format: ResponseFormat = "auto"

    # Discord
    discord_token: Secret = Secret("")
    dev_guild_id: int | None = setting(None, minimum=1)
    rate_limit_count: int = setting(5, minimum=1)
    rate_limit_window_s: float = setting(30.0, minimum=1.0)
    max_concurrent_answers: int = setting(8, minimum=1)
    # Beyond this many waiting, new requests are told to retry.
    max_queued_answers: int = setting(100, minimum=0)
    history_turns: int = setting(10, minimum=1)
    history_retention_days: float = setting(30.0, minimum=0.0)

    # Library of pieces
    piece_cache_mb: int = setting(256, minimum=16)  # indexes kept in memory, estimated
    piece_max_per_server: int = setting(50, minimum=1)
    piece_max_per_user: int = setting(10, minimum=1)  # personal pieces per user
    piece_add_rate_count: int = setting(5, minimum=1)  # additions per user per window
    piece_add_rate_window_s: float = setting(3600.0, minimum=1.0)
    # Lifts the public-address rule of URL downloads: for local testing only.
    piece_fetch_allow_private: bool = False

    def __post_init__(self) -> None:
        for f, kind, key in _schema():
            _check_bounds(key, getattr(self, f.name), f.metadata, kind)

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


@cache
def _schema() -> tuple[tuple[Field[Any], Any, str], ...]:
    """Each field of `Settings` with its resolved type and environment name."""
    hints = typing.get_type_hints(Settings)
    return tuple(
        (f, hints[f.name], f.metadata.get("env") or f.name.upper()) for f in fields(Settings)
    )


def env_names() -> tuple[str, ...]:
    """Every environment variable `Settings` reads, in declaration order."""
    return tuple(key for _, _, key in _schema())


class _Expected(ValueError):
    """A raw value does not parse; the message says what was expected ("a number")."""


def _base(kind: Any) -> Any:
    """`int` for `int | None`: the type a raw value parses to."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(kind) if a is not type(None))
    return kind


def _parse(raw: str, kind: Any, meta: Mapping[str, Any]) -> object:
    if raw.casefold() in meta.get("none_if", ()):
        return None
    base = _base(kind)
    if typing.get_origin(base) is Literal:
        choices = {str(c).casefold(): c for c in typing.get_args(base)}
        if raw.casefold() not in choices:
            raise _Expected(_one_of(typing.get_args(base)))
        return choices[raw.casefold()]
    if base is bool:
        if raw.casefold() in _TRUE | _FALSE:
            return raw.casefold() in _TRUE
        raise _Expected("true or false")
    if base is int:
        try:
            return int(raw)
        except ValueError:
            raise _Expected("a whole number") from None
    if base is float:
        try:
            value = float(raw)
        except ValueError:
            raise _Expected("a number") from None
        if not math.isfinite(value):
            raise _Expected("a finite number")
        return value
    if base is Path:
        return Path(raw).expanduser()
    return base(raw)  # str, Secret


def _one_of(choices: Sequence[object]) -> str:
    *first, last = map(str, choices)
    return f"{', '.join(first)} or {last}"


def _check_bounds(key: str, value: object, meta: Mapping[str, Any], kind: Any) -> None:
    if value is None:
        return  # only where the type allows it: a setting left to its default or the server
    base = _base(kind)
    if typing.get_origin(base) is Literal and value not in typing.get_args(base):
        raise SettingsError(f"{key} must be {_one_of(typing.get_args(base))}, got {value!r}")
    if not isinstance(value, int | float) or isinstance(value, bool):
        return
    low, high = meta.get("minimum"), meta.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        if high is None:
            raise SettingsError(f"{key} must be at least {low}, got {value}")
        raise SettingsError(f"{key} must be between {low} and {high}, got {value}")


def read_environment(folders: Sequence[Path], *, environ: Mapping[str, str]) -> dict[str, str]:
    """`environ` over the `.env` files in `folders` (earlier folders win); empty means unset.

    Only the named folders are read, never their parents. An empty value is
    skipped wherever it is, so `OPENAI_API_KEY=` exported in a shell does not
    hide the key a `.env` file holds.
    """
    from dotenv import dotenv_values  # here, not at the top: importing settings stays cheap

    layers: list[Mapping[str, str | None]] = []
    for path in dict.fromkeys(folder.resolve() / ".env" for folder in reversed(folders)):
        if path.is_file():
            layers.append(dotenv_values(path))
    layers.append(environ)
    merged: dict[str, str] = {}
    for layer in layers:
        merged.update({k: v for k, v in layer.items() if v is not None and v.strip()})
    return merged


def load_settings(
    env: Mapping[str, str] | None = None, *, dotenv: bool = True, **overrides: object
) -> Settings:
    """Build `Settings` from `env` (default: `os.environ`, over `.env` files if `dotenv`).

    The `.env` files read are the working directory's, then the project's; the
    real environment wins over both. Keyword overrides (e.g. from command-line
    flags) win over everything; None overrides are ignored.
    """
    if env is None:
        folders = (Path.cwd(), REPO_ROOT) if dotenv else ()
        env = read_environment(folders, environ=os.environ)
    schema = _schema()
    secrets = [
        raw for _, kind, key in schema if kind is Secret and (raw := env.get(key, "").strip())
    ]
    values: dict[str, object] = {}
    for f, kind, key in schema:
        raw = env.get(key, "").strip()
        if not raw:
            continue  # the default
        try:
            values[f.name] = _parse(raw, kind, f.metadata)
        except _Expected as exc:
            raise SettingsError(f"{key} must be {exc}, got {_shown(raw, secrets)}") from None
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]


def _shown(raw: str, secrets: Iterable[str]) -> str:
    """`raw` for an error message, unless a secret was pasted into it."""
    return "a secret's value (not shown)" if any(s in raw for s in secrets) else repr(raw)
