"""DM conversations: real Messages from raw payloads, on a DM channel specced from discord.py."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any
from unittest.mock import create_autospec

import discord
import pytest

from bot.core.answer import Answer, Turn
from bot.core.article import Article, parse_article
from bot.discord.bot import PieceBot
from bot.discord.cogs.dm import DirectMessages
from bot.engines.base import Engine, StreamEvent
from bot.engines.messages import message
from bot.engines.offline.engine import OfflineEngine
from bot.library.scope import Reader
from bot.storage.conversations import ConversationStore
from tests.discord.engines import FailsAfterDraft, Streaming, Wrapped
from tests.discord.helpers import (
    BOT_USER_ID,
    GUILD_ID,
    USER_ID,
    FakeResponse,
    make_bot,
    mentions_off,
    message_payload,
    message_problems,
)
from tests.storage.helpers import write_lock_held


class DM:
    """A DM channel whose network side is a mock specced from `discord.DMChannel`."""

    def __init__(self) -> None:
        self.channel = create_autospec(discord.DMChannel, instance=True)
        self.channel.guild = None
        self.typing = create_autospec(discord.context_managers.Typing, instance=True)
        self.channel.typing.return_value = self.typing
        self.sent_message = create_autospec(discord.Message, instance=True)
        self.channel.send.return_value = self.sent_message

    def message(self, client: PieceBot, content: str, **kw: Any) -> discord.Message:
        return discord.Message(
            state=client._connection, channel=self.channel, data=message_payload(content, **kw)
        )

    def sends(self) -> list[dict[str, Any]]:
        return [dict(call.kwargs, content=call.args[0]) if call.args else dict(call.kwargs)
                for call in self.channel.send.call_args_list]


def cog(bot: PieceBot) -> DirectMessages:
    # Not isinstance: discord.py executes an extension's module afresh on each load.
    found = bot.get_cog("DirectMessages")
    assert found is not None and type(found).__name__ == "DirectMessages"
    return found  # type: ignore[return-value]


async def dm_with(tmp_path: Path, engine: Engine, *questions: str, **env: str) -> DM:
    """Ask `questions` in one DM with a bot on `engine`; the returned DM recorded the replies."""
    dm = DM()
    async with make_bot(tmp_path, engine, **env) as bot:
        for question in questions:
            await cog(bot).on_message(dm.message(bot, question))
    return dm


async def test_a_dm_is_answered_like_a_slash_reply(client: PieceBot, article: Article) -> None:
    dm = DM()
    message = dm.message(client, "北朝鮮の核ミサイル計画について")
    await cog(client).on_message(message)
    [sent] = dm.sends()
    assert message_problems(sent) == []
    assert mentions_off(sent)
    assert isinstance(sent["reference"], discord.MessageReference)
    assert sent["reference"].message_id == message.id
    [embed, *_] = sent["embeds"]
    assert embed.title and embed.title.startswith(article.meta.title[:40])
    assert "[¶" in (embed.description or "")
    assert sent["view"] is not None
    dm.typing.__aenter__.assert_awaited_once()
    dm.typing.__aexit__.assert_awaited_once()


@pytest.mark.parametrize(
    ("piece", "question", "footer"),
    [
        ("长城\n\n长城是中国古代的军事防御工程。\n1987年，长城被列入世界文化遗产。\n",
         "长城什么时候被列入世界文化遗产？", "Engine: offline"),
        ("長城\n\n長城は古代中国の防御工事である。\n1987年に世界遺産に登録された。\n",
         "長城登録年？", "エンジン：offline"),
        # No letters at all: the piece's language (a thumbs-up was once framed in English).
        ("長城\n\n長城は古代中国の防御工事である。\n1987年に世界遺産に登録された。\n",
         "👍", "エンジン：offline"),
    ],
)
async def test_a_question_in_chinese_characters_alone_is_framed_as_its_piece_says(
    tmp_path: Path, piece: str, question: str, footer: str
) -> None:
    """Chinese characters without kana are Chinese on a Chinese piece (English framing: the
    bot speaks no Chinese), Japanese on a Japanese one. A Chinese reader used to be framed in
    Japanese."""
    path = tmp_path / "piece.txt"
    path.write_text(piece, encoding="utf-8")
    dm = DM()
    async with make_bot(tmp_path, ARTICLE_PATH=str(path)) as bot:  # the default piece
        await cog(bot).on_message(dm.message(bot, question))
    [sent] = dm.sends()
    [*_, last] = sent["embeds"]
    assert (last.footer.text or "").startswith(footer)


async def test_a_question_deleted_while_being_answered_is_still_answered(
    client: PieceBot,
) -> None:
    # Discord refuses (400, 50035) a reply to a message that no longer exists unless the
    # reference says fail_if_not_exists=false; the answer must not turn into an error.
    dm = DM()

    async def send(*args: Any, reference: Any = None, **kwargs: Any) -> discord.Message:
        if isinstance(reference, discord.Message) or (
            reference is not None and reference.fail_if_not_exists
        ):
            raise discord.HTTPException(FakeResponse(400), "Unknown message")
        return dm.sent_message

    dm.channel.send.side_effect = send
    await cog(client).on_message(dm.message(client, "北朝鮮の核ミサイル計画について"))
    [sent] = dm.sends()
    assert sent["embeds"] and "[¶" in (sent["embeds"][0].description or "")
    assert sent["reference"].fail_if_not_exists is False
    assert await client.store.count(USER_ID) == 1


async def test_the_conversation_is_remembered_and_used(client: PieceBot) -> None:
    dm = DM()
    await cog(client).on_message(dm.message(client, "北朝鮮の核ミサイル計画について"))
    await cog(client).on_message(dm.message(client, "もっと詳しく"))
    history = await client.store.history(USER_ID, client.library.default_id or "")
    assert [t.question for t in history] == ["北朝鮮の核ミサイル計画について", "もっと詳しく"]
    assert history[0].passages  # the ¶ ids of the first answer were kept for follow-ups


class Recording(Wrapped):
    """The offline engine, recording the history each question is asked with."""

    def __init__(self, inner: OfflineEngine) -> None:
        super().__init__(inner)
        self.seen: list[tuple[Turn, ...]] = []

    async def ask(self, question: str, history: Sequence[Turn] = (), **kw: Any) -> Answer:
        self.seen.append(tuple(history))
        return await self.inner.ask(question, history, **kw)


async def test_history_is_passed_to_the_engine(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    recording = Recording(engine)
    await dm_with(tmp_path, recording, "制裁について", "それはなぜ？")
    assert [len(h) for h in recording.seen] == [0, 1]
    assert recording.seen[1][0].question == "制裁について"


@pytest.mark.parametrize(
    "kw",
    [
        {"bot": True},  # other bots
        {"author_id": BOT_USER_ID},  # the bot itself (caught by id, even without the bot flag)
        {"kind": 7},  # a system message (member join)
    ],
    ids=["bot", "self", "system"],
)
async def test_what_is_not_a_question_is_ignored(client: PieceBot, kw: dict) -> None:
    dm = DM()
    await cog(client).on_message(dm.message(client, "制裁について", **kw))
    dm.channel.send.assert_not_called()
    dm.channel.typing.assert_not_called()


async def test_server_messages_are_ignored(client: PieceBot) -> None:
    channel = create_autospec(discord.TextChannel, instance=True)
    channel.guild = create_autospec(discord.Guild, instance=True)
    message = discord.Message(
        state=client._connection,
        channel=channel,
        data=message_payload("制裁について", guild_id=GUILD_ID),
    )
    await cog(client).on_message(message)
    channel.send.assert_not_called()


@pytest.mark.parametrize("content", ["", "\ufeff\u2060\u00ad\u3164", "\u200b \ufe0f"])
async def test_an_empty_message_gets_a_hint(client: PieceBot, content: str) -> None:
    dm = DM()
    await cog(client).on_message(dm.message(client, content))
    [sent] = dm.sends()
    assert "質問" in sent["content"]  # the piece is Japanese, so is the hint
    assert await client.store.count(USER_ID) == 0


async def test_a_too_long_question_is_explained(client: PieceBot) -> None:
    dm = DM()
    await cog(client).on_message(dm.message(client, "why " * 400))
    [sent] = dm.sends()
    assert "too long" in sent["content"]
    assert mentions_off(sent)


async def test_dms_are_rate_limited_too(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    dm = await dm_with(
        tmp_path, engine, "制裁について", "tell me about sanctions", RATE_LIMIT_COUNT="1"
    )
    sends = dm.sends()
    assert len(sends) == 2
    assert "try again in" in sends[1]["content"]


async def test_a_flood_of_dms_gets_one_slow_down_notice_per_window(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    dm = await dm_with(tmp_path, engine, *["制裁について"] * 100, RATE_LIMIT_COUNT="5")
    sends = dm.sends()
    notices = [s for s in sends if "秒後にもう一度お試しください" in (s.get("content") or "")]
    assert len(notices) == 1 and len(sends) == 6  # five answers, one notice, 94 ignored
    assert sum(bool(s.get("embeds")) for s in sends) == 5


async def test_dms_past_the_limit_cost_no_look_up(
    tmp_path: Path, engine: OfflineEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Regression: each DM looked its piece up (for the reply's language) before the limit.
    dm = DM()
    async with make_bot(tmp_path, engine, RATE_LIMIT_COUNT="2") as bot:
        readings = []
        reading = bot.library.reading

        def counted(reader: Reader, *args: Any) -> Any:
            if reader.user_id == USER_ID:  # not the default piece's warm-up
                readings.append(reader)
            return reading(reader, *args)

        monkeypatch.setattr(bot.library, "reading", counted)
        for _ in range(20):  # no words: a hint, in the language of the piece
            await cog(bot).on_message(dm.message(bot, "\u200b"))
    assert len(readings) == 3  # two hints, one slow-down notice
    sends = [s["content"] for s in dm.sends()]
    assert len(sends) == 3 and "秒後にもう一度お試しください" in sends[-1]


async def test_a_locked_database_never_turns_an_answered_dm_into_an_error(
    tmp_path: Path, engine: OfflineEngine, caplog: pytest.LogCaptureFixture
) -> None:
    dm = DM()
    async with make_bot(tmp_path, engine) as bot:
        # The same store, waiting only briefly for another connection's lock.
        path = bot.store.path
        assert isinstance(path, Path)
        await bot.store.aclose()
        bot.store = ConversationStore(path, max_turns=10, retention_days=30, busy_timeout_s=0.1)
        await cog(bot).on_message(dm.message(bot, "北朝鮮の核ミサイル計画について"))
        with write_lock_held(path):  # another process holds the write lock
            await cog(bot).on_message(dm.message(bot, "もっと詳しく"))
        [stored] = await bot.store.history(USER_ID, bot.library.default_id or "")
    first, second = dm.sends()
    assert first["embeds"] and second["embeds"]  # both answered, the second with context …
    # "Tell me more" is answered from the first answer's passages, or reads on past them.
    kinds = ("more_from_previous", "reading_on", "nothing_more")
    follow_ups = tuple(message(k, "ja") for k in kinds)
    assert (second["embeds"][0].description or "").startswith(follow_ups)
    assert stored.question == "北朝鮮の核ミサイル計画について"  # … and only its turn is lost
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("not stored" in r.getMessage() for r in caplog.records)


async def test_mentions_in_a_dm_ping_nobody(client: PieceBot) -> None:
    dm = DM()
    await cog(client).on_message(dm.message(client, "@everyone @here <@1> 制裁について"))
    for sent in dm.sends():
        assert mentions_off(sent)


async def test_a_streamed_answer_edits_one_message(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    dm = await dm_with(tmp_path, Streaming(engine), "北朝鮮の核ミサイル計画について")
    [draft] = dm.sends()  # the draft is the one message sent …
    assert draft["content"].startswith("✍️")
    final = dm.sent_message.edit.call_args.kwargs  # … and the answer replaces it
    assert final["content"] is None and final["embeds"]
    assert message_problems(final) == []
    assert mentions_off(final)


async def test_a_failed_streamed_answer_leaves_no_unverified_draft(
    tmp_path: Path, engine: OfflineEngine
) -> None:
    question = "北朝鮮の核ミサイル計画について"
    dm = await dm_with(tmp_path, FailsAfterDraft(engine), question)
    draft, error = dm.sends()
    assert draft["content"].startswith("✍️")
    dm.sent_message.delete.assert_awaited_once()  # the draft is gone …
    assert "エラー" in error["content"]  # … and the user is told (in Japanese), without internals
    assert "the model went away" not in error["content"]


async def test_a_turn_answered_while_its_piece_was_removed_is_not_kept(tmp_path: Path) -> None:
    # /piece remove deletes the piece's conversations; a turn stored after it, by an answer
    # under way, came back when the same text (the same id) was added again.
    text = "The keeper lit the lamp every night.\nThe keeper wrote letters about the sea.\n"
    started, go = asyncio.Event(), asyncio.Event()

    class Paused(Streaming):
        async def ask_stream(  # type: ignore[override]
            self, question: str, history: Sequence[Turn] = (), *, locale: str | None = None
        ) -> AsyncIterator[StreamEvent]:
            started.set()
            await go.wait()
            async for event in super().ask_stream(question, history, locale=locale):
                yield event

    engine = Paused(OfflineEngine(parse_article(text)))
    async with make_bot(tmp_path, engine) as bot:
        me = Reader.personal(USER_ID)
        added = await bot.library.add_bytes(me, text.encode(), filename="keeper.txt")
        await bot.library.use(me, added.piece.id)
        dm = DM()
        asking = asyncio.create_task(cog(bot).on_message(dm.message(bot, "Who lit the lamp?")))
        await asyncio.wait_for(started.wait(), 5)
        await bot.library.remove(me, added.piece.id)
        go.set()
        await asyncio.wait_for(asking, 5)
        assert dm.sends()  # the reader still got the answer
        again = await bot.library.add_bytes(me, text.encode(), filename="keeper.txt")
        assert again.piece.id == added.piece.id
        assert await bot.store.history(USER_ID, again.piece.id) == []
