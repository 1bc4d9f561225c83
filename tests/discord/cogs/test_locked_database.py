"""/forget and /piece remove while another process keeps the database locked: the reader is
told privately, in their language, that nothing changed and to try again, never that the bot
failed; once the lock is gone the same command does it all."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.answer import Turn
from bot.discord.bot import PieceBot, create_bot
from bot.discord.i18n import t
from bot.engines.offline.engine import OfflineEngine
from bot.library.scope import Reader
from bot.library.service import Library
from bot.settings import load_settings
from bot.storage.conversations import ConversationStore
from bot.storage.pieces import SqlitePieceStore
from tests.discord.helpers import (
    USER_ID,
    RecordingInteraction,
    answering_with,
    command,
    interaction_payload,
    invoke,
    snowflake,
)
from tests.storage.helpers import write_lock_held

WAIT_S = 0.1  # how long the stores wait for another connection's lock (the bot's: 3 s)
LOCALES = {"en": "en-US", "ja": "ja"}
PIECE_TEXT = "一つ目の段落です。\n二つ目の段落です。".encode()


@contextlib.asynccontextmanager
async def impatient_bot(tmp_path: Path, engine: OfflineEngine) -> AsyncIterator[PieceBot]:
    """A bot whose piece library and conversation store give up on a lock after `WAIT_S`."""
    settings = load_settings({"PIECE_BOT_DATA_DIR": str(tmp_path)}, dotenv=False)
    store = SqlitePieceStore(settings.db_path, busy_timeout_s=WAIT_S)
    library = Library(store, settings=settings, build=answering_with(engine))
    bot = create_bot(settings, library=library, warm_up=False)
    async with bot:
        await bot.setup_hook()
        await bot.store.aclose()  # the same file, waiting only briefly
        bot.store = ConversationStore(
            settings.db_path, max_turns=10, retention_days=30, busy_timeout_s=WAIT_S
        )
        yield bot


def told_privately(interaction: RecordingInteraction) -> str:
    """What the reader was told, checking every step of the reply was private."""
    calls = interaction.calls()
    assert calls, "no reply"
    for name, kwargs in calls:
        if name in {"response.defer", "response.send_message", "followup.send"}:
            assert kwargs["ephemeral"] is True, (name, kwargs)
    return str(interaction.sent()[-1]["content"])


def piece_remove(bot: PieceBot, piece_id: str, locale: str) -> dict[str, Any]:
    """`/piece remove piece:…` in the reader's DM, as Discord sends it."""
    payload = interaction_payload(command(bot, "help"), {}, where="dm", locale=locale)
    option = {"name": "piece", "type": 3, "value": piece_id}
    remove = {"name": "remove", "type": 1, "options": [option]}
    payload["data"] = {"id": str(snowflake()), "name": "piece", "type": 1, "options": [remove]}
    return payload


@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_forget_on_a_locked_database_says_try_again(
    tmp_path: Path, engine: OfflineEngine, lang: str
) -> None:
    async with impatient_bot(tmp_path, engine) as bot:
        await bot.store.add(USER_ID, "piecea23", Turn("q1", "a1", (1,)))
        forget = interaction_payload(command(bot, "forget"), {}, locale=LOCALES[lang])
        with write_lock_held(tmp_path / "piece-bot.sqlite3"):
            locked = await invoke(bot, forget)
        assert told_privately(locked) == t("store_busy", lang)
        assert await bot.store.count(USER_ID) == 1  # nothing was deleted
        done = await invoke(bot, forget)  # the lock gone, the same command goes through
        deleted = t("forget.done", lang, turns=1, oldest="\0", newest="\0").split("\0")[0]
        assert told_privately(done).startswith(deleted)
        assert await bot.store.count(USER_ID) == 0


@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_piece_remove_on_a_locked_database_says_try_again_and_keeps_the_piece(
    tmp_path: Path, engine: OfflineEngine, lang: str
) -> None:
    async with impatient_bot(tmp_path, engine) as bot:
        owner = Reader.personal(USER_ID)
        piece = (await bot.library.add_bytes(owner, PIECE_TEXT, filename="a.txt")).piece
        await bot.store.add(USER_ID, piece.id, Turn("q1", "a1", (1,)))
        with write_lock_held(tmp_path / "piece-bot.sqlite3"):
            locked = await invoke(bot, piece_remove(bot, piece.id, LOCALES[lang]))
        assert told_privately(locked) == t("store_busy", lang)
        # Nothing changed: the piece, and the conversation about it, are all there.
        assert await bot.library.get(owner, piece.id) == piece
        assert [turn.question for turn in await bot.store.history(USER_ID, piece.id)] == ["q1"]

        done = await invoke(bot, piece_remove(bot, piece.id, LOCALES[lang]))
        assert told_privately(done) == t("piece.removed", lang, title=piece.title, id=piece.id)
        assert await bot.library.store.get(piece.id) is None
        assert await bot.store.count(USER_ID) == 0
