"""The factory's LLM branch, engines of many pieces sharing one client, and the offline path
never importing `openai`."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.core.article import Article
from bot.core.files import load_article
from bot.engines.factory import EngineFactory, build_engine
from bot.engines.llm import LLMEngine
from bot.engines.offline.engine import OfflineEngine
from bot.settings import REPO_ROOT, Secret, load_settings
from tests.conftest import TEST_DATA
from tests.engines.llm.conftest import make_settings
from tests.fakes.openai_api import FakeOpenAI


async def test_key_selects_the_llm_engine(tmp_path: Path, article) -> None:
    engine = build_engine(make_settings("http://127.0.0.1:9/v1", tmp_path), article)
    try:
        assert isinstance(engine, LLMEngine)
        assert isinstance(engine.fallback, OfflineEngine)
        # The offline engine's lexical index is shared, not built twice.
        assert engine.retriever is engine.fallback.retriever
    finally:
        await engine.aclose()


async def test_the_verifier_of_a_piece_is_built_once_for_both_engines(
    tmp_path: Path, article: Article
) -> None:
    # On a 2 MB piece the verifier's normalised text and offsets take 0.3 s and tens of MB.
    engine = build_engine(make_settings("http://127.0.0.1:9/v1", tmp_path), article)
    try:
        assert isinstance(engine, LLMEngine) and isinstance(engine.fallback, OfflineEngine)
        assert engine.runner.grounder is engine.fallback.grounder
        assert engine.replies.enforcer.grounder is engine.fallback.grounder
    finally:
        await engine.aclose()


async def test_a_single_engine_owns_and_closes_its_client(tmp_path: Path, article) -> None:
    engine = build_engine(make_settings("http://127.0.0.1:9/v1", tmp_path), article)
    assert isinstance(engine, LLMEngine) and engine.owns_shared
    await engine.aclose()
    assert engine.model.client.is_closed()


async def test_engines_of_many_pieces_share_one_client_and_cache_they_never_close(
    fake: FakeOpenAI, tmp_path: Path, article: Article
) -> None:
    other = load_article(TEST_DATA / "jishin-zakkan.txt")
    factory = EngineFactory(make_settings(fake.base_url, tmp_path))
    first, second = factory.build(article), factory.build(other)
    assert isinstance(first, LLMEngine) and isinstance(second, LLMEngine)
    assert first.model is second.model and first.cache is second.cache
    assert first.budget is second.budget  # what the server's context is, learnt once
    assert (await first.summary()).engine == "llm"
    await first.aclose()  # a piece leaving memory closes nothing the other still uses
    assert not second.model.client.is_closed()
    assert (await second.summary()).engine == "llm"
    await second.aclose()
    await factory.aclose()
    assert first.model.client.is_closed()
    # One cache for every piece; each answer is filed under its own piece's hash.
    with sqlite3.connect(tmp_path / "llm-cache.sqlite3") as db:
        pieces = {row[0] for row in db.execute("SELECT piece FROM answer_pieces")}
    assert pieces == {article.sha256, other.sha256}


def test_a_factory_without_a_key_builds_offline_engines(tmp_path: Path, article) -> None:
    factory = EngineFactory(load_settings({}, data_dir=tmp_path))
    assert isinstance(factory.build(article), OfflineEngine)


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
        "from bot.engines.factory import EngineFactory, build_engine\n"
        "a = load_article(default_article_path(SEEDS_DIR))\n"
        "e = build_engine(load_settings({}), a)\n"
        "assert e.name == 'offline', e.name\n"
        "assert EngineFactory(load_settings({})).build(a).name == 'offline'\n"
        "assert 'openai' not in sys.modules\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
