"""End to end with the LLM engine: what a reader writes in a DM is gone after /forget, and a
reader's whole wait, time queued included, is bounded by LLM_DEADLINE_S."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.discord.i18n import t
from bot.engines.messages import message
from bot.settings import Secret, Settings
from tests.discord.e2e.helpers import assert_clean, eventually, text_of
from tests.fakes.discord_api import FakeDiscord, InteractionRecord
from tests.fakes.discord_api import payloads as p
from tests.fakes.discord_api.harness import DONE_S, settings_for, started
from tests.fakes.openai_api import FakeOpenAI, slow

DM_QUESTION = "内緒の質問です：ロシアと北朝鮮の条約は何を定めていますか？（合言葉 zebra-7731）"
PUBLIC_QUESTION = "ロシアと北朝鮮の接近した要因は何ですか？"


@pytest.fixture
async def model() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


def llm_settings(data_dir: Path, fake: FakeDiscord, model: FakeOpenAI, **kw: object) -> Settings:
    return settings_for(
        data_dir,
        fake,
        engine="llm",
        openai_api_key=Secret("sk-test-not-a-real-key"),
        openai_base_url=model.base_url,
        openai_model="fake-model",
        llm_warm_up=False,
        **kw,
    )


def cache_rows(path: Path) -> list[tuple[str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT command FROM answers").fetchall()


async def test_forget_leaves_no_trace_of_dm_text_in_any_database_file(
    fake: FakeDiscord, model: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = llm_settings(tmp_path, fake, model)
    async with started(fake, settings) as session:
        # A public /ask is cached (answers are shared): this test can see a cache row …
        await session.run(session.slash("ask", {"question": PUBLIC_QUESTION}))
        assert cache_rows(settings.llm_cache_path) == [("ask",)]
        # … and a DM, answered by the model too, is not.
        user, channel_id = session.dm_user()
        await fake.dispatch_message(p.message(channel_id, user, DM_QUESTION))
        answer = await fake.wait_for_message(
            lambda m: m.channel_id == channel_id and bool(m.body.get("embeds")), DONE_S, "DM"
        )
        assert "llm" in text_of([answer])
        assert any(DM_QUESTION in r.text() for r in model.chat_requests)
        store, piece = session.bot.store, session.bot.library.default_id or ""
        await eventually(lambda: store.history(int(user["id"]), piece), lambda h: len(h) == 1)
        assert cache_rows(settings.llm_cache_path) == [("ask",)]
        secret = DM_QUESTION.encode()
        assert secret in on_disk(tmp_path)  # the turn is stored: the check below can fail

        forget = await session.run(session.slash("forget", where="dm", user=user))
        assert "1" in text_of(session.final(forget))
        # Read while the bot still runs: nothing waits for it to close.
        assert secret not in on_disk(tmp_path)
        assert cache_rows(settings.llm_cache_path) == [("ask",)]
    assert_clean(fake, caplog)


def on_disk(folder: Path) -> bytes:
    """Every byte of every database file (main, -wal, -shm) in `folder`."""
    return b"".join(f.read_bytes() for f in sorted(folder.glob("*.sqlite3*")))


async def test_a_readers_whole_wait_queue_included_is_bounded_by_the_deadline(
    fake: FakeDiscord, model: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # One answer slot, a model that never answers in time, four readers at once: the last
    # one queues behind three others, yet waits no longer than LLM_DEADLINE_S in all.
    model.default = slow(30)
    deadline_s = 2.0
    settings = llm_settings(
        tmp_path, fake, model, llm_deadline_s=deadline_s, max_concurrent_answers=1
    )
    async with started(fake, settings) as session:
        questions = [f"ロシアと北朝鮮の条約の第{n}条は何を定めていますか？" for n in range(1, 5)]
        payloads = [session.slash("ask", {"question": q}) for q in questions]
        records = await asyncio.gather(*(fake.dispatch_interaction(x) for x in payloads))
        fallback = message("fallback", "en", cause=message("cause.timeout", "en"))

        def seen_at(record: InteractionRecord) -> float | None:
            """When the reader saw an answer (the model's fallback) or the busy notice."""
            final = [
                m.request.at
                for m in fake.messages_for(record)
                if fallback in text_of([m]) or t("busy", "en") in text_of([m])
            ]
            return final[-1] if final else None

        await fake.wait_for(
            lambda: all(seen_at(r) for r in records), deadline_s + 5, "every reader served"
        )
        waits = [seen_at(r) - r.dispatched_at for r in records]  # type: ignore[operator]
        assert max(waits) <= deadline_s, waits
        assert session.bot.gate.peak_active == 1  # one slot, four readers: they queued
    assert_clean(fake, caplog)
