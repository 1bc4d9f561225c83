"""The factory's LLM branch, and the offline path never importing `openai`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.engines.factory import build_engine
from bot.engines.llm import LLMEngine
from bot.engines.offline.engine import OfflineEngine
from bot.settings import REPO_ROOT, Secret, load_settings
from tests.engines.llm.conftest import make_settings


async def test_key_selects_the_llm_engine(tmp_path: Path, article) -> None:
    engine = build_engine(make_settings("http://127.0.0.1:9/v1", tmp_path), article)
    try:
        assert isinstance(engine, LLMEngine)
        assert isinstance(engine.fallback, OfflineEngine)
        # The offline engine's lexical index is shared, not built twice.
        assert engine.retriever is engine.fallback.retriever
    finally:
        await engine.aclose()


def test_offline_when_asked_or_without_a_key(tmp_path: Path, article) -> None:
    forced = load_settings({}, openai_api_key=Secret("sk-x"), engine="offline", data_dir=tmp_path)
    assert isinstance(build_engine(forced, article), OfflineEngine)
    keyless = load_settings({}, data_dir=tmp_path)
    assert isinstance(build_engine(keyless, article), OfflineEngine)


def test_offline_path_does_not_import_openai() -> None:
    code = (
        "import sys\n"
        "from bot.core.files import load_article, default_article_path\n"
        "from bot.settings import SEEDS_DIR, load_settings\n"
        "from bot.engines.factory import build_engine\n"
        "e = build_engine(load_settings({}), load_article(default_article_path(SEEDS_DIR)))\n"
        "assert e.name == 'offline', e.name\n"
        "assert 'openai' not in sys.modules\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
