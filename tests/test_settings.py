"""Settings: typed values from the environment, clear errors, secrets that never show."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from bot import settings as settings_module
from bot.settings import REPO_ROOT, Secret, SettingsError, env_names, load_settings

# Built from parts so that no key-shaped string sits in the source for scanners to flag.
SECRET = "-".join(["sk", "test", "very", "secret", "value"])


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
        ({"RATE_LIMIT_WINDOW_S": "soon"}, "RATE_LIMIT_WINDOW_S must be a number, got 'soon'"),
        ({"LLM_TIMEOUT_S": "nan"}, "LLM_TIMEOUT_S must be a finite number"),
        ({"PIECE_BOT_ENGINE": "gpt"}, "PIECE_BOT_ENGINE must be auto, offline or llm, got 'gpt'"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL"),
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


@pytest.mark.parametrize(
    "env",
    [
        {"OPENAI_API_KEY": SECRET, "DEV_GUILD_ID": SECRET},  # pasted into the wrong key
        {"DISCORD_TOKEN": SECRET, "LLM_TIMEOUT_S": f"{SECRET}x"},
        {"OPENAI_API_KEY": SECRET, "LLM_CACHE": f"'{SECRET}'"},
    ],
)
def test_errors_never_show_a_secret(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(env)
    message = str(raised.value)
    assert SECRET not in message and "not shown" in message
    assert next(k for k in env if k not in {"OPENAI_API_KEY", "DISCORD_TOKEN"}) in message


def test_values_are_read_case_insensitively_and_empty_means_default() -> None:
    s = load_settings({"PIECE_BOT_ENGINE": "OFFLINE", "LOG_LEVEL": "debug", "OPENAI_MODEL": " "})
    assert (s.engine, s.log_level, s.openai_model) == ("offline", "DEBUG", "gpt-4.1-mini")


def test_settings_are_frozen_and_bounds_hold_however_they_are_built() -> None:
    s = load_settings({})
    with pytest.raises(FrozenInstanceError):
        s.engine = "llm"  # type: ignore[misc]
    with pytest.raises(SettingsError, match="RATE_LIMIT_COUNT must be at least 1, got 0"):
        load_settings({}, rate_limit_count=0)
    with pytest.raises(SettingsError, match=r"LLM_TEMPERATURE must be between 0\.0 and 2\.0"):
        replace(s, llm_temperature=2.5)
    with pytest.raises(SettingsError, match="PIECE_BOT_ENGINE must be auto, offline or llm"):
        replace(s, engine="gpt")


def test_env_example_lists_every_key_and_loads() -> None:
    """`.env.example` is the documentation of the settings: complete, and valid as it stands."""
    from dotenv import dotenv_values

    example = dotenv_values(REPO_ROOT / ".env.example")
    assert set(example) == set(env_names())
    s = load_settings({k: v or "" for k, v in example.items()})
    assert not s.llm_enabled and not s.discord_token  # the example holds no secrets


# --- .env files, read in a fresh process whose project root is a temporary folder ---------

DEFAULT_MODEL = "gpt-4.1-mini"


def settings_seen(root: Path, cwd: str, files: dict[str, str], environ: dict[str, str]) -> dict:
    """The model and key a fresh process loads, with the project at `root/outer/project`.

    `files` maps paths under `root` to `.env` contents. The process sees only
    `environ` (plus PATH), so the developer's own environment cannot leak in.
    """
    project = root / "outer" / "project"
    (project / "bot").mkdir(parents=True)
    (project / "bot" / "__init__.py").write_text("", encoding="utf-8")
    shutil.copy(settings_module.__file__, project / "bot" / "settings.py")
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    (root / cwd).mkdir(parents=True, exist_ok=True)
    script = (
        "import json, bot.settings as m\n"
        "assert m.REPO_ROOT.parent.name == 'outer', m.__file__\n"
        "s = m.load_settings()\n"
        "print(json.dumps([s.openai_model, s.openai_api_key.value]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root / cwd,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(project), **environ},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    model, key = json.loads(done.stdout)
    return {"model": model, "key": key}


@pytest.mark.parametrize(
    ("cwd", "files", "environ", "seen"),
    [
        # A .env above the working directory, or above the project, is never read.
        ("work/inner", {"work/.env": "OPENAI_MODEL=parent", "outer/.env": "OPENAI_MODEL=above"},
         {}, {"model": DEFAULT_MODEL, "key": ""}),
        ("work", {"work/.env": "OPENAI_MODEL=cwd"}, {}, {"model": "cwd", "key": ""}),
        ("work", {"outer/project/.env": "OPENAI_MODEL=root"}, {}, {"model": "root", "key": ""}),
        ("work", {"work/.env": "OPENAI_MODEL=cwd", "outer/project/.env": "OPENAI_MODEL=root\n"
                  "OPENAI_API_KEY=root-key"}, {}, {"model": "cwd", "key": "root-key"}),
        # An empty value is no value: not in the environment, not in the working directory.
        ("work", {"work/.env": "OPENAI_API_KEY=\n", "outer/project/.env": "OPENAI_API_KEY=k"},
         {"OPENAI_API_KEY": ""}, {"model": DEFAULT_MODEL, "key": "k"}),
        ("work", {"work/.env": "OPENAI_API_KEY=dotenv-key"}, {"OPENAI_API_KEY": "  "},
         {"model": DEFAULT_MODEL, "key": "dotenv-key"}),
        ("work", {"work/.env": "OPENAI_API_KEY=dotenv-key\nOPENAI_MODEL=cwd"},
         {"OPENAI_API_KEY": "shell-key"}, {"model": "cwd", "key": "shell-key"}),
    ],
    ids=["parents-unread", "cwd", "root", "cwd-beats-root", "empty-is-unset", "blank-is-unset",
         "environment-wins"],
)  # fmt: skip
def test_dotenv_files(
    tmp_path: Path, cwd: str, files: dict[str, str], environ: dict[str, str], seen: dict
) -> None:
    assert settings_seen(tmp_path, cwd, files, environ) == seen


def test_loading_leaves_the_environment_alone(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("OPENAI_MODEL=from-dotenv\n", encoding="utf-8")
    before = dict(os.environ)
    env = settings_module.read_environment([tmp_path], environ={"LOG_LEVEL": "DEBUG"})
    assert env == {"OPENAI_MODEL": "from-dotenv", "LOG_LEVEL": "DEBUG"}
    assert dict(os.environ) == before
